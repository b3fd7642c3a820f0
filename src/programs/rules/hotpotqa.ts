/**
 * HotpotQA distractor rows to gold programs by rule: one subgoal per supporting page, each grounded as
 * KnowledgeQuery(page) -> ParagraphRetrieve(page, Query: question) -> QA([evidence], Question: question).
 * The final QA over the gathered answers is the domain's own final step.
 */
import type { GoldProgram, GoldStep } from "../goldProgram.js";
import { hotpotSupportingFacts, type HotpotDistractorRow } from "../../datasets/hotpotDistractor.js";

export function hotpotqaProgram(id: string, row: HotpotDistractorRow): GoldProgram {
  const titles = [...new Set(hotpotSupportingFacts(row).map(([title]) => title))];
  const question = row.question.trim();
  const steps: GoldStep[] = titles.map((title, i) => {
    const r = 3 * i;
    return {
      subgoal: `Subgoal ${i + 1}: Obtain the relevant information about ${title}.`,
      actions: [
        `R${r + 1} = KnowledgeQuery(${title})`,
        `R${r + 2} = ParagraphRetrieve(R${r + 1}, Query: ${question})`,
        `R${r + 3} = QA([R${r + 2}], Question: ${question})`,
      ],
    };
  });
  return { id, task: row.question, gold: row.answer, steps };
}
