/**
 * Lumos-I with human review, for LangGraph Studio: the graph pauses in its `review` node before each batch of
 * grounded actions; resume the thread with `{ action: "approve" }`, `{ action: "edit", line }` or
 * `{ action: "reject", reason }`. Configured like lumos_iterative. The server provides the checkpointer.
 */
import { buildLumosGraph, recursionLimitFor } from "../src/graph/build.js";
import { MAX_ROUNDS_LIMIT } from "../src/core/runOptions.js";

export const graph = buildLumosGraph({ formulation: "iterative", review: true })
  .compile({ name: "lumos_review" })
  .withConfig({ recursionLimit: recursionLimitFor(MAX_ROUNDS_LIMIT) });
