/**
 * Lumos-I for LangGraph Studio and apps that load graphs by file: planner → grounder → executor, looping
 * back to the planner with each executed result. Models come from LUMOS_PLANNER and LUMOS_GROUNDER
 * (model specs, see the README); the domain from LUMOS_DOMAIN (default maths).
 */
import { createLumosGraph } from "../src/graph/build.js";
import { envSpecModel } from "../src/models/envSpecModel.js";

export const graph = createLumosGraph({
  planner: envSpecModel("LUMOS_PLANNER"),
  grounder: envSpecModel("LUMOS_GROUNDER"),
  domain: process.env.LUMOS_DOMAIN ?? "maths",
  formulation: "iterative",
  name: "lumos-iterative",
});
