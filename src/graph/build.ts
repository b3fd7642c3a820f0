/**
 * One graph builder for every domain and both formulations:
 *
 *   START → planner → grounder → executor → planner ...   (Lumos-I, until the planner stops or the round limit)
 *   START → planner → grounder → executor → END           (Lumos-O: the executor always ends a one-pass run)
 *
 * Both shapes are the same three nodes with the same conditional edges; the formulation only changes what
 * the nodes put in their prompts and when the executor ends the run.
 */
import { END, MemorySaver, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { makeExecutorNode } from "./nodes/executor.js";
import { makeGrounderNode } from "./nodes/grounder.js";
import { makePlannerNode } from "./nodes/planner.js";
import { routeAfterExecutor, routeAfterGrounder, routeAfterPlanner } from "./routing.js";
import { settingsResolver, type LumosGraphOptions } from "./settings.js";
import { LumosState } from "./state.js";
import { LumosContextSchema } from "./context.js";
import { DOMAIN_NAMES, UnknownDomainError } from "../domains/registry.js";

function checkOptions(options: LumosGraphOptions): void {
  if (typeof options.domain === "string" && !DOMAIN_NAMES.includes(options.domain)) {
    throw new UnknownDomainError(`unknown domain "${options.domain}" (available: ${DOMAIN_NAMES.join(", ")})`);
  }
  if (options.maxRounds !== undefined && (!Number.isInteger(options.maxRounds) || options.maxRounds < 1 || options.maxRounds > MAX_ROUNDS_LIMIT)) {
    throw new RangeError(`maxRounds must be an integer from 1 to ${MAX_ROUNDS_LIMIT}, got ${options.maxRounds}`);
  }
  if (options.formulation !== undefined && options.formulation !== "iterative" && options.formulation !== "onetime") {
    throw new RangeError(`unknown formulation "${String(options.formulation)}"`);
  }
}

interface LooseBuilder {
  addNode(name: string, node: unknown): LooseBuilder;
  addEdge(from: string, to: string): LooseBuilder;
  addConditionalEdges(from: string, router: (state: never) => string, targets: string[]): LooseBuilder;
}

/** The most planning rounds a run may be configured for (the context schema enforces it too). */
export const MAX_ROUNDS_LIMIT = 100;

/**
 * The uncompiled graph, for adding nodes or compiling with your own checkpointer. Every option may be
 * left out and given per run instead, as `context` (see LumosContextSchema).
 */
export function buildLumosGraph(options: LumosGraphOptions = {}) {
  checkOptions(options);
  const resolve = settingsResolver(options);
  const toolNodes = options.toolNodes ?? [];
  const graph = new StateGraph(LumosState, LumosContextSchema)
    .addNode("planner", makePlannerNode(resolve))
    .addNode("grounder", makeGrounderNode(resolve))
    .addNode("executor", makeExecutorNode(resolve));
  // tool nodes are named by the user, so they are wired through an untyped view of the same builder
  const wiring = graph as unknown as LooseBuilder;
  for (const { name, node } of toolNodes) wiring.addNode(name, node).addEdge(name, "executor");
  wiring
    .addEdge(START, "planner")
    .addConditionalEdges("planner", routeAfterPlanner, ["grounder", "executor", END])
    .addConditionalEdges("grounder", routeAfterGrounder, ["executor", END])
    .addConditionalEdges("executor", routeAfterExecutor, ["planner", END, ...toolNodes.map((t) => t.name)]);
  return graph;
}

export interface CreateLumosGraphOptions extends LumosGraphOptions {
  checkpointer?: BaseCheckpointSaver;
  /** Graph name shown in traces and Studio. */
  name?: string;
}

/** A compiled Lumos graph: `await graph.invoke({ task })`. */
export function createLumosGraph(options: CreateLumosGraphOptions = {}) {
  // review pauses the run, which needs somewhere to keep it: memory unless a checkpointer is given
  const checkpointer = options.checkpointer ?? (options.review ? new MemorySaver() : undefined);
  const compiled = buildLumosGraph(options).compile({
    checkpointer,
    name: options.name ?? `lumos-${options.formulation ?? "iterative"}`,
  });
  // the round limit, never LangGraph's step limit, ends a run: allow the most rounds a context may ask for
  return compiled.withConfig({ recursionLimit: recursionLimitFor(MAX_ROUNDS_LIMIT) });
}

/**
 * LangGraph's own step limit must never be what ends a run: each planning round takes three steps, so
 * allow the round limit's worth plus slack.
 */
export function recursionLimitFor(maxRounds: number): number {
  return maxRounds * 3 + 10;
}
