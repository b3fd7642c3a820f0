/**
 * A domain definition owns its configuration: its name, its options (a zod object from which the run-time
 * context, the CLI flags and --help derive), what it requires, and how it is created from those options
 * with the help of a kit that builds models from specs. One resolver (resolve.ts) serves the graph,
 * `lumos run`, `lumos eval` and `lumos annotate`.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import type { z } from "zod";
import type { LumosDomain } from "./types.js";

/** What creating a domain may need besides its options; creations are cached for the graph's lifetime. */
export interface DomainKit {
  /** Where benchmark files and named corpora are read from. */
  dataDir: string;
  /** A LangChain language model from a model spec (cached per spec and settings). */
  languageModel(spec: string, settings?: { maxTokens?: number }): Promise<BaseLanguageModelInterface>;
  /** An embeddings model from a spec (openai:<model> or ollama:<model>). */
  embeddings(spec: string): Promise<EmbeddingsInterface>;
  /** Runs `make` once per key and keeps the result (a failed creation is not kept). */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
}

/** A requirement: at least one of `options` must be set; `what` says in words what it is. */
export interface DomainRequirement {
  options: string[];
  what: string;
}

export interface DomainDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  /** One line for --help and docs. */
  summary: string;
  options: z.ZodObject<Shape>;
  requires?: DomainRequirement[];
  create(options: z.infer<z.ZodObject<Shape>>, kit: DomainKit): Promise<LumosDomain> | LumosDomain;
}

/** Declares a domain definition with its option types inferred from the schema. */
export function defineDomain<Shape extends z.ZodRawShape>(definition: DomainDefinition<Shape>): DomainDefinition<Shape> {
  return definition;
}

export function isDomainDefinition(value: unknown): value is DomainDefinition {
  return typeof value === "object" && value !== null && "create" in value && "options" in value && typeof (value as DomainDefinition).create === "function";
}
