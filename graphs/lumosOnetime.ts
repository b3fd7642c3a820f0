/**
 * Lumos-O for LangGraph Studio and apps that load graphs by file: the whole plan, then all actions, then
 * execution, in one pass. Configured like lumos_iterative (context schema or $LUMOS_PLANNER/$LUMOS_GROUNDER).
 */
import { createLumosGraph } from "../src/graph/build.js";

export const graph = createLumosGraph({ formulation: "onetime", name: "lumos_onetime" });
