/**
 * Reading input files strictly: a dataset file (or a predictions / annotations / training file) that is empty,
 * not JSON, or whose rows lack a field or have one of the wrong type fails with a {@link DatasetFormatError}
 * naming the file, the line (JSONL) or item index (JSON arrays, from 0) and the problem. A missing file keeps
 * Node's ENOENT error, so callers can tell "not downloaded" from "damaged".
 */
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { fileLines } from "./fileLines.js";

/** An input file that cannot be used as it is: bad usage or bad input, exit code 2. */
export class DatasetFormatError extends Error {
  override name = "DatasetFormatError";
  constructor(
    readonly file: string,
    /** "line 3" (JSONL, from 1), "item 3" (JSON array, from 0), or undefined for the whole file. */
    readonly location: string | undefined,
    readonly problem: string,
  ) {
    // "f.jsonl line 3 is not JSON (...)", "f.json item 2: missing field ..."
    super(`${file}${location ? ` ${location}` : ""}${problem.startsWith("is ") ? " " : ": "}${problem}`);
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
  if (typeof value === "object") return "an object";
  return `${typeof value === "number" ? "a number" : typeof value === "boolean" ? "a boolean" : typeof value} (${String(value)})`;
}

function valueAt(row: unknown, path: readonly PropertyKey[]): unknown {
  let value = row;
  for (const key of path) value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** The first problem zod found, in words: `missing field "answer"`, `field "Answer" should be number, got a string ("5")`. */
export function describeIssue(row: unknown, error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid row";
  if (issue.path.length === 0 && (row === null || typeof row !== "object" || Array.isArray(row))) return `expected a JSON object, got ${typeName(row)}`;
  const field = issue.path.map(String).join(".");
  const value = valueAt(row, issue.path);
  if (issue.code === "invalid_type") {
    if (value === undefined) return `missing field "${field}" (${issue.expected})`;
    return `field "${field}" should be ${issue.expected}, got ${typeName(value)}`;
  }
  return field === "" ? issue.message : `field "${field}": ${issue.message}`;
}

/** A JSON.parse message with the line and column of its position, when the engine did not give them. */
function jsonProblem(error: unknown, text?: string): string {
  const message = (error as Error).message;
  const position = /at position (\d+)/.exec(message);
  if (text === undefined || position === null || /line \d+/.test(message)) return `is not JSON (${message})`;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  return `is not JSON: error at line ${line} column ${before.length - before.lastIndexOf("\n")} (${message})`;
}

async function readText(path: string): Promise<string> {
  const text = await readFile(path, "utf8");
  if (text.trim() === "") throw new DatasetFormatError(path, undefined, text.length === 0 ? "the file is empty (0 bytes): nothing to read" : "the file holds only whitespace: nothing to read");
  return text;
}

/** Rows of a JSONL file, each checked against `schema`; blank lines are skipped, a file with no rows is an error. */
export async function readJsonlRows<T>(path: string, schema: z.ZodType<T>): Promise<{ row: T; raw: unknown; line: number }[]> {
  // read line by line: the rows are kept, never the file's text and its lines besides them
  const rows: { row: T; raw: unknown; line: number }[] = [];
  for await (const row of streamJsonlRows(path, schema)) rows.push(row);
  return rows;
}

/**
 * The rows of a JSONL file one at a time, checked and refused as readJsonlRows checks them (the same errors), in
 * the memory of one line: for files as long as an evaluation's predictions.
 */
export async function* streamJsonlRows<T>(path: string, schema: z.ZodType<T>): AsyncGenerator<{ row: T; raw: unknown; line: number }> {
  let bytes = 0;
  let rows = 0;
  for await (const { text, number, bytes: length } of fileLines(path)) {
    bytes += length + 1;
    if (text.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new DatasetFormatError(path, `line ${number}`, jsonProblem(error));
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new DatasetFormatError(path, `line ${number}`, describeIssue(raw, parsed.error));
    rows++;
    yield { row: parsed.data, raw, line: number };
  }
  if (rows === 0) throw new DatasetFormatError(path, undefined, bytes === 0 ? "the file is empty (0 bytes): nothing to read" : "the file holds only whitespace: nothing to read");
}

/** A file's JSON value; text that is not JSON is a DatasetFormatError naming the file and where it breaks. */
async function readJsonValue(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DatasetFormatError(path, undefined, jsonProblem(error, text));
  }
}

/** Items of a JSON array file, each checked against `schema`; an empty array is an error. */
export async function readJsonArrayRows<T>(path: string, schema: z.ZodType<T>): Promise<{ row: T; raw: unknown }[]> {
  const data = await readJsonValue(path);
  if (!Array.isArray(data)) throw new DatasetFormatError(path, undefined, `expected a JSON array of items, got ${typeName(data)}`);
  if (data.length === 0) throw new DatasetFormatError(path, undefined, "the array is empty: no items");
  return data.map((raw: unknown, index) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new DatasetFormatError(path, `item ${index}`, describeIssue(raw, parsed.error));
    return { row: parsed.data, raw };
  });
}

/** A JSON file holding one value (an object such as ScienceQA's captions file), checked against `schema`. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const data = await readJsonValue(path);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new DatasetFormatError(path, undefined, describeIssue(data, parsed.error));
  return parsed.data;
}
