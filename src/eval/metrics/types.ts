/** A benchmark metric: per-item scores (0..1) that the summary averages. The first key is the headline. */
export interface Metric {
  /** Score names in report order; the first decides `correct` in predictions.jsonl. */
  names: string[];
  score(prediction: string | null, gold: string): Record<string, number>;
}
