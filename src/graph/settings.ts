/**
 * Options of a Lumos graph and their resolution for one run: what the graph was built with, overridden
 * by the run's context (LangGraph Studio, `invoke(..., { context })`). Models from specs and domains are
 * created once per distinct configuration and cached for the graph's lifetime.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { defaultDataDir, lumosEnvironment, type LumosEnvironment } from "../config.js";
import { ConfigurationError } from "../core/errors.js";
import { checkRunOptions, resolveRunOptions, type ActionErrorPolicy, type RunOptions } from "../core/runOptions.js";
import { constrainedModules } from "../constraints/settings.js";
import type { ModuleConstraints } from "../constraints/moduleConstraints.js";
import type { Formulation } from "../core/records.js";
import { createDomainKit } from "../domains/kit.js";
import { resolveDomain, type DomainChoice } from "../domains/resolve.js";
import type { LumosDomain } from "../domains/types.js";
import { DEFAULT_CHAT_STYLE, type ChatStyle } from "../core/chatStyle.js";
import { toModuleModel, type ModuleModelInput } from "../models/fromLangChain.js";
import { createModuleModel } from "../models/fromSpec.js";
import { ModelSpecError } from "../models/spec.js";
import type { LumosModuleModel } from "../models/types.js";
import type { LumosContext } from "./context.js";
import { DEFAULT_ACTION_LIMITS, type ActionLimits } from "./executeAction.js";
import { claimedActions, type LumosToolNode } from "./toolNodes.js";
import { checkActionErrorPolicy } from "./replan.js";

export type { ActionErrorPolicy };

export interface LumosGraphOptions extends RunOptions {
  /** Model of the planning module: a LangChain LLM or chat model, or a LumosModuleModel. Else context.planner, else $LUMOS_PLANNER. */
  planner?: ModuleModelInput;
  /** Model of the grounding module (may differ from the planner's). Else context.grounder, else $LUMOS_GROUNDER. */
  grounder?: ModuleModelInput;
  /** A ready domain, a domain definition, or a built-in domain name (default "maths"). */
  domain?: DomainChoice;
  /** Options of a domain given by name or definition (model specs, corpus, ...), as its option schema declares. */
  domainOptions?: Record<string, unknown>;
  /** Where benchmark files and named corpora are read from (default $LUMOS_DATA_DIR, else ./data). */
  dataDir?: string;
  /** Time limit and result cap of each action. */
  actionLimits?: Partial<ActionLimits>;
  /** LangGraph nodes of your own (e.g. a ToolNode) that run the actions they claim. */
  toolNodes?: LumosToolNode[];
}

export interface LumosSettings {
  /** Actions run by tool nodes instead of the domain's tools. */
  claimed: Map<string, { node: string; tool: StructuredToolInterface }>;
  planner: LumosModuleModel;
  grounder: LumosModuleModel;
  domain: LumosDomain;
  tools: Map<string, StructuredToolInterface>;
  formulation: Formulation;
  maxRounds: number;
  onActionError: ActionErrorPolicy;
  /** Run the actions of a line as soon as their inputs exist (where the domain allows it). */
  parallel: boolean;
  actionLimits: ActionLimits;
  /** Constrained decoding's grammars, when the run is constrained. */
  constraints?: ModuleConstraints;
}

/** Builds the per-run settings of a graph; creations from specs are cached across runs. */
export function settingsResolver(options: LumosGraphOptions, env: LumosEnvironment = lumosEnvironment()) {
  const kits = new Map<string, ReturnType<typeof createDomainKit>>();
  const kitFor = (dataDir: string) => {
    if (!kits.has(dataDir)) kits.set(dataDir, createDomainKit(dataDir));
    return kits.get(dataDir)!;
  };
  const modules = new Map<string, Promise<LumosModuleModel>>();
  const claimed = claimedActions(options.toolNodes);
  const actionLimits = { ...DEFAULT_ACTION_LIMITS, ...options.actionLimits };
  // models given to the graph, wrapped once per chat style a run asks for
  const fixed = new Map<string, LumosModuleModel>();
  const fixedModel = (module: "planner" | "grounder", style: ChatStyle): LumosModuleModel | undefined => {
    const input = options[module];
    if (!input) return undefined;
    const key = `${module}:${style}`;
    if (!fixed.has(key)) fixed.set(key, toModuleModel(input, style));
    return fixed.get(key);
  };
  // a model the graph's own chat style cannot use fails when the graph is built, not in its first run
  const builtStyle = checkRunOptions({ chatStyle: options.chatStyle }).chatStyle ?? DEFAULT_CHAT_STYLE;
  fixedModel("planner", builtStyle);
  fixedModel("grounder", builtStyle);

  async function moduleModel(module: "planner" | "grounder", spec: string | undefined, style: ChatStyle): Promise<LumosModuleModel> {
    const chosen = spec ?? (options[module] ? undefined : env[module]);
    if (chosen) {
      const key = `${module}:${style}:${chosen}`;
      if (!modules.has(key)) modules.set(key, createModuleModel(chosen, { chatStyle: style }).catch((e: unknown) => (modules.delete(key), Promise.reject(e))));
      return modules.get(key)!;
    }
    const given = fixedModel(module, style);
    if (given) return given;
    throw new ModelSpecError(`no ${module} model configured: pass one to the graph, set context.${module} to a model spec, or set $LUMOS_${module.toUpperCase()}`);
  }

  async function settingsOf(context: LumosContext): Promise<LumosSettings> {
    let run;
    try {
      run = resolveRunOptions(checkRunOptions(options), checkRunOptions(context));
    } catch (error) {
      throw new ConfigurationError((error as Error).message);
    }
    const kit = kitFor(defaultDataDir(context.dataDir ?? options.dataDir, env));
    const domain = await resolveDomain(context.domain ?? options.domain, { ...options.domainOptions, ...context }, kit);
    checkActionErrorPolicy(domain, run.formulation, run.onActionError);
    const planner = await moduleModel("planner", context.planner, run.chatStyle);
    const grounder = await moduleModel("grounder", context.grounder, run.chatStyle);
    return {
      claimed,
      planner,
      grounder,
      domain,
      tools: new Map(domain.tools.map((t) => [t.name, t])),
      formulation: run.formulation,
      // a round limit set for the graph or the run wins; else the domain's own (WebShop's 5), else the default
      maxRounds: context.maxRounds ?? options.maxRounds ?? domain.maxRounds ?? run.maxRounds,
      onActionError: run.onActionError,
      parallel: run.parallel,
      actionLimits,
      ...(run.constrained ? { constraints: constrainedModules({ planner, grounder }, domain, run.formulation, run.constraintForm) } : {}),
    };
  }

  // every node of a run asks for the same settings: resolve them once per context object (a run passes the same
  // one to each node), and again only when its fields changed since (an app reusing and editing one object)
  const resolved = new WeakMap<object, { fields: [string, unknown][]; settings: Promise<LumosSettings> }>();
  const NO_CONTEXT = {};
  return function resolve(config: LangGraphRunnableConfig): Promise<LumosSettings> {
    const context = ((config as { context?: LumosContext }).context ?? NO_CONTEXT) as LumosContext;
    // what is not an object cannot be a WeakMap key: resolved each time, to the error its checks give
    if (typeof context !== "object" || context === null) return settingsOf(context);
    const cached = resolved.get(context);
    if (cached && sameFields(cached.fields, context)) return cached.settings;
    const settings = settingsOf(context);
    const entry = { fields: Object.entries(context), settings };
    resolved.set(context, entry);
    // a failure is not kept: a model server that was down may be up for the next node or run
    settings.catch(() => resolved.get(context) === entry && resolved.delete(context));
    return settings;
  };
}

/** Whether an object still has exactly the fields (same values, by identity) it had when they were taken. */
function sameFields(fields: [string, unknown][], context: object): boolean {
  const record = context as Record<string, unknown>;
  let count = 0;
  for (const key in record) if (Object.hasOwn(record, key)) count++;
  return count === fields.length && fields.every(([key, value]) => Object.hasOwn(record, key) && record[key] === value);
}

export type SettingsResolver = ReturnType<typeof settingsResolver>;
