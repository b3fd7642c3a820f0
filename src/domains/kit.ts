/** The domain kit: model creation from specs, cached per spec, for definitions' `create`. */
import { createEmbeddings } from "../models/embeddings.js";
import { createLanguageModel } from "../models/fromSpec.js";
import type { DomainKit } from "./definition.js";

/** A kit whose creations live as long as the kit (one per graph, CLI command or evaluation). */
export function createDomainKit(dataDir: string): DomainKit {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, make().catch((error: unknown) => (cache.delete(key), Promise.reject(error))));
    return cache.get(key) as Promise<T>;
  };
  return {
    dataDir,
    once,
    languageModel: (spec, settings = {}) => once(`model:${spec}:${settings.maxTokens ?? ""}`, () => createLanguageModel(spec, settings)),
    embeddings: (spec) => once(`embeddings:${spec}`, () => createEmbeddings(spec)),
  };
}
