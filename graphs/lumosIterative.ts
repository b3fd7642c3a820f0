/**
 * Lumos-I for LangGraph Studio and apps that load graphs by file: planner → grounder → executor, looping
 * back to the planner with each executed result. Models, domain and limits come from the assistant's
 * configuration (the context schema: planner, grounder, domain, maxRounds, ...) or from $LUMOS_PLANNER and
 * $LUMOS_GROUNDER.
 */
import { createLumosGraph } from "../src/graph/build.js";

export const graph = createLumosGraph({ formulation: "iterative", name: "lumos_iterative" });
