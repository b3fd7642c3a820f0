/** Where KnowledgeQuery looks pages up: a local corpus (default, offline) or Wikipedia. */
import type { Page } from "./page.js";

export interface KnowledgeSource {
  /** Short name for logs and errors. */
  readonly name: string;
  /** The page that best answers the query, or null when nothing matches. Throws on infrastructure failure. */
  lookup(query: string, signal?: AbortSignal): Promise<Page | null>;
}
