/**
 * The run-time configuration of a Lumos graph (LangGraph's context schema): what a LangGraph Studio user
 * sets in an assistant's configuration, or an app passes as `context` to `invoke`. Anything given here
 * overrides the defaults the graph was built with.
 */
import { z } from "zod";

export const LumosContextSchema = z.object({
  planner: z.string().optional().describe("Planning-module model spec, e.g. completion:ai2lumos/lumos_maths_plan_iterative@http://127.0.0.1:8000/v1 or openai:gpt-4o-mini"),
  grounder: z.string().optional().describe("Grounding-module model spec (may differ from the planner's)"),
  domain: z.string().optional().describe("maths | qa | qa-yesno"),
  formulation: z.enum(["iterative", "onetime"]).optional().describe("Lumos-I (iterative) or Lumos-O (onetime)"),
  maxRounds: z.number().int().min(1).max(100).optional().describe("Planning rounds before an iterative run stops (default 8)"),
  onActionError: z.enum(["stop", "continue"]).optional().describe("stop: a failed action ends the run (as the reference); continue: the planner is told"),
  review: z.boolean().optional().describe("Pause before each batch of grounded actions for a human to approve, edit or reject (needs a checkpointer)"),
  qaModel: z.string().optional().describe("Complex QA: model spec behind QA actions and the final answer"),
  codeModel: z.string().optional().describe("Model spec that writes JavaScript for Code actions that are not simple forms"),
  corpus: z.string().optional().describe("Complex QA: a JSON/JSONL corpus file, or hotpotqa-distractor (read from dataDir)"),
  wikipedia: z.boolean().optional().describe("Complex QA: look pages up on Wikipedia instead of a corpus"),
  embeddings: z.string().optional().describe("Complex QA: embeddings spec (openai:<model> or ollama:<model>) to rank ParagraphRetrieve sentences instead of BM25"),
  dataDir: z.string().optional().describe("Where benchmark files (and the hotpotqa-distractor corpus) are read from"),
});

export type LumosContext = z.infer<typeof LumosContextSchema>;
