/** HotpotQA distractor rows (`context` and `supporting_facts`, in row or column layout) and where they live. */
import { join } from "node:path";

export interface HotpotDistractorRow {
  question: string;
  answer: string;
  context: { title: string[]; sentences: string[][] } | [string, string[]][];
  supporting_facts: { title: string[]; sent_id: number[] } | [string, number][];
}

/** (title, sentences) pairs of a HotpotQA row in either the original row layout or the column layout. */
export function hotpotContext(row: HotpotDistractorRow): [string, string[]][] {
  if (Array.isArray(row.context)) return row.context;
  return row.context.title.map((t, i) => [t, (row.context as { sentences: string[][] }).sentences[i]]);
}

export function hotpotSupportingFacts(row: HotpotDistractorRow): [string, number][] {
  if (Array.isArray(row.supporting_facts)) return row.supporting_facts;
  const sf = row.supporting_facts;
  return sf.title.map((t, i) => [t, sf.sent_id[i]]);
}

/** Where the HotpotQA distractor paragraphs of the first 100 dev questions live in a data directory. */
export function hotpotDistractorPath(dataDir: string): string {
  return join(dataDir, "hotpotqa", "dev_distractor_first100.json");
}
