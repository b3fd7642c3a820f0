import type { ExecutedAction } from "../../core/records.js";
import type { DatasetItem } from "../../datasets/types.js";

/** What a metric may look at besides the prediction and the gold answer. */
export interface ScoreContext {
  item: DatasetItem;
  /** The run's executed actions, when the prediction comes from a run (not from a predictions file). */
  actions?: readonly ExecutedAction[];
}

/** A benchmark metric: per-item scores that the summary averages. The first key is the headline. */
export interface Metric {
  /** Score names in report order; the first decides `correct` in predictions.jsonl. */
  names: string[];
  score(prediction: string | null, gold: string, context?: ScoreContext): Record<string, number> | Promise<Record<string, number>>;
}

/** A metric that holds resources while a run is scored (a database connection), released by `close`. */
export interface ScoringSession {
  metric: Metric;
  close(): Promise<void>;
}
