/**
 * What the agent sees after a statement, as InterCode's policies rendered it: the rows as Python's
 * `str(list_of_tuples)` (the first 50), `Error executing query: ...` (the first 500 characters), and
 * `No output` for an empty result. One bound more than InterCode: the rendering is cut at 4,000
 * characters, so one wide row cannot fill the model's context.
 */
import { pythonList } from "./pythonRepr.js";
import type { SqlOutcome } from "./session.js";

export const OBSERVATION_ROWS = 50;
/** How every failed statement's observation begins. */
export const OBSERVATION_ERROR_PREFIX = "Error executing query:";
export const OBSERVATION_ERROR_CHARS = 500;
export const OBSERVATION_CHARS = 4_000;

export function renderObservation(outcome: SqlOutcome): string {
  if (!outcome.ok) return outcome.error.slice(0, OBSERVATION_ERROR_CHARS);
  // no result set (InterCode's None) and an empty one both read "No output"
  if (outcome.rows === null || outcome.rows.length === 0) return "No output";
  const text = pythonList(outcome.rows.slice(0, OBSERVATION_ROWS));
  return text.length > OBSERVATION_CHARS ? `${text.slice(0, OBSERVATION_CHARS)} ...` : text;
}
