/** Options of a Lumos graph, resolved once when the graph is built. */
import type { Formulation, LumosDomain } from "../domains/types.js";
import { getDomain } from "../domains/registry.js";
import type { ChatPromptStyle } from "../models/chatModule.js";
import { toModuleModel, type ModuleModelInput } from "../models/fromLangChain.js";
import type { LumosModuleModel } from "../models/types.js";
import type { StructuredToolInterface } from "@langchain/core/tools";

export type ActionErrorPolicy = "stop" | "continue";

export interface LumosGraphOptions {
  /** Model of the planning module: a LangChain LLM or chat model, or a LumosModuleModel. */
  planner: ModuleModelInput;
  /** Model of the grounding module (may differ from the planner's). */
  grounder: ModuleModelInput;
  /** A domain record or a built-in domain name (default "maths"). */
  domain?: LumosDomain | string;
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
}

export interface LumosSettings {
  planner: LumosModuleModel;
  grounder: LumosModuleModel;
  domain: LumosDomain;
  tools: Map<string, StructuredToolInterface>;
  formulation: Formulation;
  maxRounds: number;
  onActionError: ActionErrorPolicy;
}

export const DEFAULT_MAX_ROUNDS = 8;

export function resolveSettings(options: LumosGraphOptions): LumosSettings {
  const domain = typeof options.domain === "string" || options.domain === undefined ? getDomain(options.domain ?? "maths") : options.domain;
  const maxRounds = options.maxRounds ?? DEFAULT_MAX_ROUNDS;
  if (!Number.isInteger(maxRounds) || maxRounds < 1) throw new RangeError(`maxRounds must be a positive integer, got ${maxRounds}`);
  const formulation = options.formulation ?? "iterative";
  if (formulation !== "iterative" && formulation !== "onetime") throw new RangeError(`unknown formulation "${String(formulation)}"`);
  return {
    planner: toModuleModel(options.planner, options.chatStyle),
    grounder: toModuleModel(options.grounder, options.chatStyle),
    domain,
    tools: new Map(domain.tools.map((t) => [t.name, t])),
    formulation,
    maxRounds,
    onActionError: options.onActionError ?? "stop",
  };
}
