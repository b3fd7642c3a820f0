/** The domain kit: model creation from specs, cached per spec, for definitions' `create`. */
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
    // the model factories (and LangChain's model classes) are loaded when a domain first asks for a model
    languageModel: (spec, settings = {}) =>
      once(`model:${spec}:${settings.maxTokens ?? ""}`, async () => (await import("../models/fromSpec.js")).createLanguageModel(spec, settings)),
    embeddings: (spec) => once(`embeddings:${spec}`, async () => (await import("../models/embeddings.js")).createEmbeddings(spec)),
  };
}
