/**
 * The run-time configuration of a Lumos graph (LangGraph's context schema): what a LangGraph Studio user
 * sets in an assistant's configuration, or an app passes as `context` to `invoke`. Anything given here
 * overrides what the graph was built with. The domain options are those the registered domains declare.
 */
import { z } from "zod";
import { runOptionsSchema } from "../core/runOptions.js";
import { DOMAIN_NAMES, domainOptionsShape } from "../domains/registry.js";

export const LumosContextSchema = z.object({
  planner: z.string().optional().describe("Planning-module model spec, e.g. completion:ai2lumos/lumos_maths_plan_iterative@http://127.0.0.1:8000/v1 or openai:gpt-4o-mini"),
  grounder: z.string().optional().describe("Grounding-module model spec (may differ from the planner's)"),
  domain: z.string().optional().describe(DOMAIN_NAMES.join(" | ")),
  ...runOptionsSchema.omit({ review: true }).shape,
  dataDir: z.string().optional().describe("Where benchmark files and named corpora are read from"),
  ...domainOptionsShape(),
});

export type LumosContext = z.infer<typeof LumosContextSchema> & Record<string, unknown>;
