/** Built-in domains by name, for the CLI, configuration files and Studio. */
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { createMathsDomain } from "./maths/index.js";
import type { LumosDomain } from "./types.js";

export interface DomainOptions {
  /** Model for Code actions that are not simple forms. */
  codeModel?: BaseLanguageModelInterface;
}

const BUILT_IN: Record<string, (options: DomainOptions) => LumosDomain> = {
  maths: (options) => createMathsDomain({ codeModel: options.codeModel }),
};

export const DOMAIN_NAMES = Object.keys(BUILT_IN);

export class UnknownDomainError extends Error {
  override name = "UnknownDomainError";
}

export function getDomain(name: string, options: DomainOptions = {}): LumosDomain {
  const factory = BUILT_IN[name];
  if (!factory) throw new UnknownDomainError(`unknown domain "${name}" (available: ${DOMAIN_NAMES.join(", ")})`);
  return factory(options);
}
