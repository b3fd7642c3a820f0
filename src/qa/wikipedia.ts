/**
 * Wikipedia through the MediaWiki API (an online, optional knowledge source): the page titled like the
 * query if there is one, else the best search hit; its plain-text extract cut into sentences.
 */
import type { KnowledgeSource } from "./knowledgeSource.js";
import { splitSentences, type Page } from "./page.js";

export const WIKIPEDIA_API = "https://en.wikipedia.org/w/api.php";

export class KnowledgeSourceError extends Error {
  override name = "KnowledgeSourceError";
}

export interface WikipediaOptions {
  apiURL?: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

interface ExtractResponse {
  query?: { pages?: Record<string, { title?: string; extract?: string; missing?: string }> };
}
interface SearchResponse {
  query?: { search?: { title: string }[] };
}

export class WikipediaSource implements KnowledgeSource {
  readonly name = "wikipedia";
  private readonly apiURL: string;

  constructor(private readonly options: WikipediaOptions = {}) {
    this.apiURL = options.apiURL ?? WIKIPEDIA_API;
  }

  private async call<T>(params: Record<string, string>, signal?: AbortSignal): Promise<T> {
    const url = `${this.apiURL}?${new URLSearchParams({ ...params, format: "json", formatversion: "1" })}`;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    let response: Response;
    try {
      response = await (this.options.fetchImpl ?? fetch)(url, {
        headers: { "user-agent": "lumos-langgraph (https://github.com/; offline-first research agent)" },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason = timeout.aborted ? "timed out" : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
      throw new KnowledgeSourceError(`Wikipedia API at ${this.apiURL} failed: ${reason}`);
    }
    if (!response.ok) throw new KnowledgeSourceError(`Wikipedia API at ${this.apiURL} answered HTTP ${response.status}`);
    try {
      return (await response.json()) as T;
    } catch {
      throw new KnowledgeSourceError(`Wikipedia API at ${this.apiURL} returned something that is not JSON`);
    }
  }

  private async extract(title: string, signal?: AbortSignal): Promise<Page | null> {
    const body = await this.call<ExtractResponse>({ action: "query", prop: "extracts", explaintext: "1", redirects: "1", titles: title }, signal);
    const page = Object.values(body.query?.pages ?? {})[0];
    if (!page || page.missing !== undefined || !page.extract || page.extract.trim() === "") return null;
    if (/may refer to:/.test(page.extract.slice(0, 400))) return null; // a disambiguation page: search instead
    return { title: page.title ?? title, sentences: splitSentences(page.extract) };
  }

  async lookup(query: string, signal?: AbortSignal): Promise<Page | null> {
    const direct = await this.extract(query, signal);
    if (direct) return direct;
    const search = await this.call<SearchResponse>({ action: "query", list: "search", srsearch: query, srlimit: "5" }, signal);
    for (const hit of search.query?.search ?? []) {
      const page = await this.extract(hit.title, signal);
      if (page) return page;
    }
    return null;
  }
}
