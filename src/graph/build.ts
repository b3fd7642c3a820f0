/**
 * One graph builder for every domain and both formulations:
 *
 *   START → planner → grounder → executor → planner ...   (Lumos-I, until the planner stops or the round limit)
 *   START → planner → grounder → executor → END           (Lumos-O: the executor always ends a one-pass run)
 *
 * Both shapes are the same three nodes with the same conditional edges; the formulation only changes what
 * the nodes put in their prompts and when the executor ends the run.
 */
import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { makeExecutorNode } from "./nodes/executor.js";
import { makeGrounderNode } from "./nodes/grounder.js";
import { makePlannerNode } from "./nodes/planner.js";
import { routeAfterExecutor, routeAfterGrounder, routeAfterPlanner } from "./routing.js";
import { DEFAULT_MAX_ROUNDS, resolveSettings, type LumosGraphOptions } from "./settings.js";
import { LumosState } from "./state.js";

/** The uncompiled graph, for adding nodes or compiling with your own checkpointer. */
export function buildLumosGraph(options: LumosGraphOptions) {
  const settings = resolveSettings(options);
  return new StateGraph(LumosState)
    .addNode("planner", makePlannerNode(settings))
    .addNode("grounder", makeGrounderNode(settings))
    .addNode("executor", makeExecutorNode(settings))
    .addEdge(START, "planner")
    .addConditionalEdges("planner", routeAfterPlanner, ["grounder", "executor", END])
    .addConditionalEdges("grounder", routeAfterGrounder, ["executor", END])
    .addConditionalEdges("executor", routeAfterExecutor, ["planner", END]);
}

export interface CreateLumosGraphOptions extends LumosGraphOptions {
  checkpointer?: BaseCheckpointSaver;
  /** Graph name shown in traces and Studio. */
  name?: string;
}

/** A compiled Lumos graph: `await graph.invoke({ task })`. */
export function createLumosGraph(options: CreateLumosGraphOptions) {
  const compiled = buildLumosGraph(options).compile({
    checkpointer: options.checkpointer,
    name: options.name ?? `lumos-${options.formulation ?? "iterative"}`,
  });
  return compiled.withConfig({ recursionLimit: recursionLimitFor(options.maxRounds ?? DEFAULT_MAX_ROUNDS) });
}

/**
 * LangGraph's own step limit must never be what ends a run: each planning round takes three steps, so
 * allow the round limit's worth plus slack.
 */
export function recursionLimitFor(maxRounds: number): number {
  return maxRounds * 3 + 10;
}
