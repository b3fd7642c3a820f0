/** One benchmark task as every loader returns it. */
export interface DatasetItem<Source = unknown> {
  /** Stable id (dataset-specific id, or `<dataset>-<split>-<index>`). */
  id: string;
  /** The task text given to the agent. */
  question: string;
  /** Gold answer in the form the dataset's metric compares. */
  gold: string;
  /** The task's environment spec for domains whose tasks have one (a database name, an image, ...). */
  environment?: unknown;
  /** A group the summary breaks scores down by (Spider hardness for InterCode-SQL), when the dataset has one. */
  category?: string;
  /** The original row. */
  source: Source;
}
