/**
 * The final state a server returns for a run, checked before the runner records it: the server answers JSON,
 * and an assistant that is not a Lumos graph (or a run that ended early) would otherwise be recorded as an
 * empty task instead of an error.
 */
import type { LumosStateValue } from "../../graph/state.js";
import { RemoteRunError } from "./errors.js";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isTextOrNull = (value: unknown) => value === null || typeof value === "string";

/** The values of a finished run as the state the runner records, or an error naming what is missing. */
export function stateFromValues(values: unknown): LumosStateValue {
  if (isObject(values) && isObject(values.__error__)) {
    // what the server reports when the graph raised: the same words graph.invoke would have thrown locally
    const { message, error } = values.__error__;
    throw new RemoteRunError(typeof message === "string" && message !== "" ? message : String(error ?? "the run failed on the server"));
  }
  const problems: string[] = [];
  if (!isObject(values)) throw new RemoteRunError("the server returned no state for the run");
  for (const list of ["subgoals", "actions", "transcripts", "errors"]) if (!Array.isArray(values[list])) problems.push(list);
  if (!isObject(values.results)) problems.push("results");
  if (typeof values.round !== "number") problems.push("round");
  if (!isTextOrNull(values.stopReason)) problems.push("stopReason");
  if (!isTextOrNull(values.answer)) problems.push("answer");
  if (problems.length > 0) throw new RemoteRunError(`the server's final state is not a Lumos state (missing or malformed: ${problems.join(", ")})`);
  return values as unknown as LumosStateValue;
}
