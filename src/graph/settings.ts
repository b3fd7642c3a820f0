/**
 * Options of a Lumos graph and their resolution for one run: what the graph was built with, overridden
 * by the run's context (LangGraph Studio, `invoke(..., { context })`), with model specs and knowledge
 * sources created once and cached.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { Formulation, LumosDomain } from "../domains/types.js";
import { getDomain, missingDomainOptions, type DomainOptions } from "../domains/registry.js";
import type { ChatPromptStyle } from "../models/chatModule.js";
import { toModuleModel, type ModuleModelInput } from "../models/fromLangChain.js";
import { createLanguageModel, createModuleModel } from "../models/fromSpec.js";
import { createEmbeddings } from "../models/embeddings.js";
import { ModelSpecError } from "../models/spec.js";
import type { LumosModuleModel } from "../models/types.js";
import { hotpotDistractorPath, LocalCorpus } from "../qa/localCorpus.js";
import { WikipediaSource } from "../qa/wikipedia.js";
import type { LumosContext } from "./context.js";
import { claimedActions, type LumosToolNode } from "./toolNodes.js";

export type ActionErrorPolicy = "stop" | "continue";

export interface LumosGraphOptions {
  /** Model of the planning module: a LangChain LLM or chat model, or a LumosModuleModel. Else context.planner, else $LUMOS_PLANNER. */
  planner?: ModuleModelInput;
  /** Model of the grounding module (may differ from the planner's). Else context.grounder, else $LUMOS_GROUNDER. */
  grounder?: ModuleModelInput;
  /** A domain record or a built-in domain name (default "maths"). */
  domain?: LumosDomain | string;
  /** Models and knowledge source for a built-in domain named in `domain` or the context. */
  domainOptions?: DomainOptions;
  /** Lumos-I ("iterative", default) or Lumos-O ("onetime"). */
  formulation?: Formulation;
  /** Planning rounds before an iterative run ends with stopReason "max_rounds" (default 8, as the reference). */
  maxRounds?: number;
  /**
   * What a failed action does: "stop" ends the run without an answer, as the reference did (default);
   * "continue" records the error as the action's result and lets the planner go on.
   */
  onActionError?: ActionErrorPolicy;
  /** Prompt style for chat models (default "in-context": instructions plus a demonstration). */
  chatStyle?: ChatPromptStyle;
  /** Pause before each batch of grounded actions for a human decision (needs a checkpointer). */
  review?: boolean;
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
  review: boolean;
}

export const DEFAULT_MAX_ROUNDS = 8;

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/** Builds the per-run settings of a graph; creations from specs are cached across runs. */
export function settingsResolver(options: LumosGraphOptions, env: NodeJS.ProcessEnv = process.env) {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, make().catch((error) => (cache.delete(key), Promise.reject(error))));
    return cache.get(key) as Promise<T>;
  };
  const claimed = claimedActions(options.toolNodes);
  const fixed = {
    planner: options.planner ? toModuleModel(options.planner, options.chatStyle) : undefined,
    grounder: options.grounder ? toModuleModel(options.grounder, options.chatStyle) : undefined,
  };

  async function moduleModel(module: "planner" | "grounder", spec: string | undefined): Promise<LumosModuleModel> {
    const chosen = spec ?? (fixed[module] ? undefined : env[module === "planner" ? "LUMOS_PLANNER" : "LUMOS_GROUNDER"]);
    if (chosen) return once(`module:${module}:${chosen}`, () => createModuleModel(chosen, { chatStyle: options.chatStyle }));
    if (fixed[module]) return fixed[module];
    throw new ModelSpecError(`no ${module} model configured: pass one to the graph, set context.${module} to a model spec, or set $LUMOS_${module.toUpperCase()}`);
  }

  async function domainFor(context: LumosContext): Promise<LumosDomain> {
    const named = context.domain ?? (typeof options.domain === "string" ? options.domain : undefined);
    if (!named && options.domain && typeof options.domain !== "string") return options.domain;
    const name = named ?? "maths";
    const base = options.domainOptions ?? {};
    const dataDir = context.dataDir ?? env.LUMOS_DATA_DIR ?? "data";
    const domainOptions: DomainOptions = {
      ...base,
      retrieve: context.embeddings ? { embeddings: await once(`embeddings:${context.embeddings}`, () => createEmbeddings(context.embeddings!)) } : base.retrieve,
      qaModel: context.qaModel ? await once(`qa-model:${context.qaModel}`, () => createLanguageModel(context.qaModel!, { maxTokens: 100 })) : base.qaModel,
      codeModel: context.codeModel ? await once(`code-model:${context.codeModel}`, () => createLanguageModel(context.codeModel!)) : base.codeModel,
      knowledge: context.wikipedia
        ? new WikipediaSource()
        : context.corpus
          ? await once(`corpus:${dataDir}:${context.corpus}`, () =>
              context.corpus === "hotpotqa-distractor"
                ? LocalCorpus.fromHotpotDistractor(hotpotDistractorPath(dataDir))
                : LocalCorpus.fromFile(context.corpus!),
            )
          : base.knowledge,
    };
    const missing = missingDomainOptions(name, domainOptions);
    if (missing) throw new ConfigurationError(missing);
    const key = `domain:${name}:${context.qaModel ?? ""}:${context.codeModel ?? ""}:${context.corpus ?? ""}:${context.wikipedia ?? ""}:${context.embeddings ?? ""}`;
    return once(key, async () => getDomain(name, domainOptions));
  }

  return async function resolve(config: LangGraphRunnableConfig): Promise<LumosSettings> {
    const context = ((config as { context?: LumosContext }).context ?? {}) as LumosContext;
    const maxRounds = context.maxRounds ?? options.maxRounds ?? DEFAULT_MAX_ROUNDS;
    if (!Number.isInteger(maxRounds) || maxRounds < 1) throw new ConfigurationError(`maxRounds must be a positive integer, got ${maxRounds}`);
    const formulation = context.formulation ?? options.formulation ?? "iterative";
    if (formulation !== "iterative" && formulation !== "onetime") throw new ConfigurationError(`unknown formulation "${String(formulation)}"`);
    const domain = await domainFor(context);
    return {
      claimed,
      planner: await moduleModel("planner", context.planner),
      grounder: await moduleModel("grounder", context.grounder),
      domain,
      tools: new Map(domain.tools.map((t) => [t.name, t])),
      formulation,
      maxRounds,
      onActionError: context.onActionError ?? options.onActionError ?? "stop",
      review: context.review ?? options.review ?? false,
    };
  };
}

export type SettingsResolver = ReturnType<typeof settingsResolver>;
