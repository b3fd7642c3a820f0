/**
 * Retrieval quality on HotpotQA distractor rows: does KnowledgeQuery(title) return the supporting page,
 * and how many supporting sentences does ParagraphRetrieve(page, Query: question) put in its top 5.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { LocalCorpus } from "./localCorpus.js";
import { hotpotSupportingFacts, type HotpotDistractorRow } from "../datasets/hotpotDistractor.js";
import { entriesFromText, pageToEntries } from "./page.js";
import { rankEntries } from "./retrieve.js";

export interface RetrievalQuality {
  questions: number;
  supportingPages: number;
  /** Supporting pages KnowledgeQuery(title) returned. */
  pagesFound: number;
  supportingSentences: number;
  /** Supporting sentences among ParagraphRetrieve's top k for their page. */
  sentencesInTopK: number;
  recallAtK: number;
  k: number;
}

export async function measureRetrieval(rows: HotpotDistractorRow[], options: { k?: number; embeddings?: EmbeddingsInterface } = {}): Promise<RetrievalQuality> {
  const k = options.k ?? 5;
  const corpus = LocalCorpus.fromHotpotRows(rows);
  let supportingPages = 0;
  let pagesFound = 0;
  let supportingSentences = 0;
  let sentencesInTopK = 0;
  for (const row of rows) {
    const byTitle = new Map<string, number[]>();
    for (const [title, id] of hotpotSupportingFacts(row)) byTitle.set(title, [...(byTitle.get(title) ?? []), id]);
    for (const [title, ids] of byTitle) {
      supportingPages++;
      const page = await corpus.lookup(title);
      if (page?.title !== title) continue;
      pagesFound++;
      // exactly the texts ParagraphRetrieve ranks for this page
      const entries = entriesFromText(pageToEntries(page)).map((e) => e.text);
      const top = new Set(await rankEntries(entries, row.question, { k, embeddings: options.embeddings }));
      const valid = ids.filter((id) => id < page.sentences.length);
      supportingSentences += valid.length;
      sentencesInTopK += valid.filter((id) => top.has(id)).length;
    }
  }
  return {
    questions: rows.length,
    supportingPages,
    pagesFound,
    supportingSentences,
    sentencesInTopK,
    recallAtK: supportingSentences === 0 ? 0 : sentencesInTopK / supportingSentences,
    k,
  };
}
