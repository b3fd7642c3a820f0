/**
 * The CLI flags of domain options, derived from the domains' option schemas: `qaModel` becomes
 * `--qa-model SPEC` with the schema's description as its help line. Nothing here names a domain.
 */
import type { ParseArgsConfig } from "node:util";
import { ConfigurationError } from "../core/errors.js";
import { createDomainKit } from "../domains/kit.js";
import { flagName, optionKind, optionMeta } from "../domains/options.js";
import { BUILT_IN_DOMAINS, domainOptionsShape } from "../domains/registry.js";
import { resolveDomain, type DomainChoice } from "../domains/resolve.js";
import type { LumosDomain } from "../domains/types.js";
import { UsageError } from "./usageError.js";

const SHAPE = domainOptionsShape();

export const DOMAIN_FLAGS: NonNullable<ParseArgsConfig["options"]> = Object.fromEntries(
  Object.entries(SHAPE).map(([key, schema]) => [flagName(key).slice(2), { type: optionKind(schema) === "boolean" ? "boolean" : "string" }]),
);

/** `  --flag VALUE   description`, wrapped like the rest of the help. */
export function helpLine(flag: string, description: string): string {
  const width = 112;
  const words = description.split(" ");
  const lines: string[] = [];
  let line = `  ${flag.padEnd(24)}  `;
  for (const word of words) {
    if (line.length + word.length > width && line.trim() !== flag) {
      lines.push(line.trimEnd());
      line = " ".repeat(28);
    }
    line += `${word} `;
  }
  lines.push(line.trimEnd());
  return lines.join("\n");
}

export const DOMAIN_FLAGS_HELP = Object.entries(SHAPE)
  .map(([key, schema]) => {
    const placeholder = optionMeta(schema).placeholder;
    return helpLine(`${flagName(key)}${placeholder ? ` ${placeholder}` : ""}`, schema.description ?? "");
  })
  .join("\n");

/** The built-in domains, one per line, for --help. */
export const DOMAINS_HELP = BUILT_IN_DOMAINS.map((d) => helpLine(d.name, d.summary)).join("\n");

/** Domain options from parsed flags, keyed as the schemas name them (numbers converted; validated by the resolver). */
export function domainOptionsFromFlags(values: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SHAPE)) {
    const value = values[flagName(key).slice(2)];
    if (value === undefined) continue;
    if (optionKind(schema) === "number") {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`${flagName(key)} expects a number, got "${String(value)}"`);
      options[key] = n;
    } else options[key] = value;
  }
  return options;
}

/** The domain a command runs, resolved now so that a missing or wrong option fails before any work starts. */
export async function domainFromFlags(choice: DomainChoice | undefined, values: Record<string, unknown>, dataDir: string, defaults: Record<string, unknown> = {}): Promise<LumosDomain> {
  try {
    return await resolveDomain(choice, { ...defaults, ...domainOptionsFromFlags(values) }, createDomainKit(dataDir));
  } catch (error) {
    if (error instanceof ConfigurationError) throw new UsageError(error.message);
    throw error;
  }
}
