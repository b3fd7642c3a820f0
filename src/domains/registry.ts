/** Built-in domains by name, for the CLI, the run-time context and Studio. A new domain is one line here. */
import type { z } from "zod";
import type { DomainDefinition } from "./definition.js";
import { mathsDomain } from "./maths/definition.js";
import { qaDomain, qaYesNoDomain } from "./qa/definition.js";
import { sqlDomain } from "./sql/definition.js";
import { multimodalDomain } from "./multimodal/definition.js";
import { webDomain } from "./web/definition.js";
import { webshopDomain } from "./webshop/definition.js";

export const BUILT_IN_DOMAINS: readonly DomainDefinition[] = [mathsDomain, qaDomain, qaYesNoDomain, sqlDomain, multimodalDomain, webDomain, webshopDomain] as unknown as DomainDefinition[];

export const DOMAIN_NAMES: readonly string[] = BUILT_IN_DOMAINS.map((d) => d.name);

export function findDomain(name: string): DomainDefinition | undefined {
  return BUILT_IN_DOMAINS.find((d) => d.name === name);
}

/** Every option the built-in domains declare (a key two domains share keeps the first declaration). */
export function domainOptionsShape(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const definition of BUILT_IN_DOMAINS) {
    for (const [key, schema] of Object.entries(definition.options.shape)) shape[key] ??= schema as z.ZodType;
  }
  return shape;
}
