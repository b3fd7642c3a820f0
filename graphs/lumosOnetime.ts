/**
 * Lumos-O for LangGraph Studio and apps that load graphs by file: the whole plan, then all actions, then
 * execution, in one pass. Models come from LUMOS_PLANNER and LUMOS_GROUNDER; the domain from LUMOS_DOMAIN.
 */
import { createLumosGraph } from "../src/graph/build.js";
import { envSpecModel } from "../src/models/envSpecModel.js";

export const graph = createLumosGraph({
  planner: envSpecModel("LUMOS_PLANNER"),
  grounder: envSpecModel("LUMOS_GROUNDER"),
  domain: process.env.LUMOS_DOMAIN ?? "maths",
  formulation: "onetime",
  name: "lumos-onetime",
});
