/** The paper's metrics (LUMOS-PROTOCOL §7) as Metric records. */
import { exactMatch, f1Score } from "./hotpotqa.js";
import { numericMatch, strictMatch } from "./numbers.js";
import type { Metric } from "./types.js";

/** GSM8K and SVAMP: the reference's strict string accuracy and our numeric accuracy, both reported. */
export const mathsAccuracy: Metric = {
  names: ["accuracy", "numericAccuracy"],
  score: (prediction, gold) => ({ accuracy: strictMatch(prediction, gold) ? 1 : 0, numericAccuracy: numericMatch(prediction, gold) ? 1 : 0 }),
};

/** HotpotQA: exact match and F1 after SQuAD normalisation. */
export const hotpotAnswer: Metric = {
  names: ["em", "f1"],
  score: (prediction, gold) => ({ em: exactMatch(prediction ?? "", gold), f1: f1Score(prediction ?? "", gold).f1 }),
};

/** StrategyQA: the prediction means "true" iff it contains "yes" (case-insensitive), as the reference scored. */
export const yesNoAccuracy: Metric = {
  names: ["accuracy"],
  score: (prediction, gold) => {
    const predicted = (prediction ?? "").toLowerCase().includes("yes") ? "true" : "false";
    return { accuracy: predicted === gold.toLowerCase() ? 1 : 0 };
  },
};

export type { Metric };
