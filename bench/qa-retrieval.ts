/**
 * Retrieval quality of the offline complex-QA tools on the first 100 HotpotQA dev questions (distractor
 * setting): KnowledgeQuery on each supporting title, and ParagraphRetrieve's recall@5 of supporting
 * sentences (BM25). Usage: npm run bench:retrieval [-- --data-dir ../shared/datasets]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { HotpotDistractorRow } from "../src/datasets/hotpotDistractor.js";
import { measureRetrieval } from "../src/qa/retrievalQuality.js";

const { values } = parseArgs({ options: { "data-dir": { type: "string", default: process.env.LUMOS_DATA_DIR ?? "../shared/datasets" } } });
const rows = JSON.parse(await readFile(join(values["data-dir"]!, "hotpotqa", "dev_distractor_first100.json"), "utf8")) as HotpotDistractorRow[];
const started = performance.now();
const q = await measureRetrieval(rows);
console.log(`qa-retrieval: ${q.questions} HotpotQA dev questions, distractor corpus (${((performance.now() - started) / 1000).toFixed(2)} s)`);
console.log(`  KnowledgeQuery(title) found ${q.pagesFound}/${q.supportingPages} supporting pages (${((100 * q.pagesFound) / q.supportingPages).toFixed(1)}%)`);
console.log(`  ParagraphRetrieve recall@${q.k} (BM25): ${q.sentencesInTopK}/${q.supportingSentences} supporting sentences = ${(100 * q.recallAtK).toFixed(1)}%`);
const sentences = rows.flatMap((r) => (Array.isArray(r.context) ? r.context.map(([, s]) => s.length) : r.context.sentences.map((s) => s.length)));
console.log(`  (a distractor paragraph has ${(sentences.reduce((a, b) => a + b, 0) / sentences.length).toFixed(1)} sentences on average, so also:)`);
for (const k of [1, 2, 3]) {
  const r = await measureRetrieval(rows, { k });
  console.log(`  ParagraphRetrieve recall@${k} (BM25): ${r.sentencesInTopK}/${r.supportingSentences} = ${(100 * r.recallAtK).toFixed(1)}%`);
}
