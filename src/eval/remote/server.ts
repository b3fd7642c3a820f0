/**
 * The LangGraph server an evaluation runs on: its client, and the check made once before any task starts
 * (the URL is one, the server answers, the key is accepted, the assistant exists and is a Lumos graph that
 * runs without pausing for review).
 */
import { Client } from "@langchain/langgraph-sdk";
import { ConfigurationError } from "../../core/errors.js";
import { describeRemoteError, httpStatus, RemoteServerError } from "./errors.js";
import { cappedFetch } from "./cappedFetch.js";

/** Longest wait for one short request (create, get, cancel, delete); joining a run waits as long as the task may. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The server's base URL, or a ConfigurationError saying why it is not one. */
export function checkRemoteUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`--remote: "${url}" is not a URL (e.g. http://127.0.0.1:2024 or your deployment's https URL)`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new ConfigurationError(`--remote: "${url}" is not an http(s) URL`);
  if (parsed.search !== "" || parsed.hash !== "") throw new ConfigurationError(`--remote: "${url}" has a query or fragment; give the server's base URL`);
  return parsed.href.replace(/\/$/, "");
}

/**
 * A client that leaves every retry to the evaluation (the SDK would retry some requests on its own, four
 * times, and queue more than four at once), with the API key given or none (never one from the environment:
 * src/config.ts reads that), whose replies are capped in size (./cappedFetch.ts).
 */
export function remoteClient(url: string, apiKey: string | undefined): Client {
  return new Client({ apiUrl: url, apiKey: apiKey ?? null, timeoutMs: REQUEST_TIMEOUT_MS, callerOptions: { maxRetries: 0, maxConcurrency: Infinity, fetch: cappedFetch() } });
}

export interface ResolvedAssistant {
  assistantId: string;
  graphId: string;
}

const LUMOS_NODES = ["planner", "grounder", "executor"];

async function knownGraphs(client: Client): Promise<string> {
  try {
    const found = await client.assistants.search({ limit: 100 });
    return [...new Set(found.map((a) => a.graph_id))].sort().join(", ") || "none";
  } catch {
    return "unknown";
  }
}

/** The assistant (an assistant id, or a graph id for its default assistant), checked to be a Lumos graph. */
export async function resolveAssistant(client: Client, url: string, idOrGraph: string): Promise<ResolvedAssistant> {
  try {
    const assistant = await client.assistants.get(idOrGraph);
    const drawn = await client.assistants.getGraph(assistant.assistant_id);
    const nodes = new Set(drawn.nodes.map((n) => String(n.id)));
    if (!LUMOS_NODES.every((n) => nodes.has(n))) {
      throw new ConfigurationError(`--assistant: "${idOrGraph}" (graph ${assistant.graph_id}) is not a Lumos graph: it has no planner, grounder and executor nodes`);
    }
    // a review graph pauses before each batch of actions for a human: an evaluation would wait for ever
    if (nodes.has("review")) throw new ConfigurationError(`--assistant: "${idOrGraph}" (graph ${assistant.graph_id}) pauses for human review; evaluate lumos_iterative or lumos_onetime`);
    return { assistantId: assistant.assistant_id, graphId: assistant.graph_id };
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const status = httpStatus(error);
    if (status === 404 || status === 422) throw new ConfigurationError(`--assistant: the server at ${url} has no assistant or graph "${idOrGraph}" (its graphs: ${await knownGraphs(client)})`);
    if (status === 401 || status === 403) {
      throw new RemoteServerError(`the LangGraph server at ${url} refused the request (HTTP ${status}): set $LUMOS_REMOTE_API_KEY (or $LANGSMITH_API_KEY for LangGraph Platform)`);
    }
    throw new RemoteServerError(`cannot use the LangGraph server at ${url}: ${describeRemoteError(error)}. Is it running (npm run studio) and is --remote its base URL?`);
  }
}
