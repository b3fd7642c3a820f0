/**
 * Human review, present only in graphs built with `review: true`: before a batch of grounded actions runs,
 * the run pauses with LangGraph's `interrupt` and waits for a decision, which arrives as
 * `new Command({ resume: decision })` on the same thread (across processes with a persistent checkpointer).
 * The task's environment is released before the pause and opened again when the run continues.
 */
import { interrupt, isGraphInterrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { parseGroundingLine } from "../../actions/parse.js";
import { releaseEnvironment } from "../environments.js";
import { readDecision, type ReviewRequest } from "../review.js";
import { settingsFor } from "../configurationFailure.js";
import type { SettingsResolver } from "../settings.js";
import type { LumosStateUpdate, LumosStateValue } from "../state.js";

export function makeReviewNode(resolve: SettingsResolver) {
  return (state: LumosStateValue, config: LangGraphRunnableConfig) => reviewNode(state, config, resolve);
}

async function reviewNode(state: LumosStateValue, config: LangGraphRunnableConfig, resolve: SettingsResolver): Promise<LumosStateUpdate> {
  const grounding = state.groundings[state.groundings.length - 1];
  if (!grounding) return {};
  const subgoalText = state.subgoals.find((s) => s.index === grounding.subgoal)?.text ?? state.subgoals.map((s) => s.text).join("; ");
  const request: ReviewRequest = {
    kind: "review_actions",
    subgoal: grounding.subgoal,
    subgoalText,
    line: grounding.line,
    actions: grounding.items.map((i) => (i.ok ? i.action.text : i.text)),
  };
  let resumed: unknown;
  try {
    resumed = interrupt(request);
  } catch (error) {
    // pausing: nothing stays open while the run waits for a person
    if (isGraphInterrupt(error)) await releaseEnvironment(state.environmentId);
    throw error;
  }
  const decision = readDecision(resumed);
  if (decision.action === "reject") {
    const message = decision.reason ?? "the reviewer rejected the actions";
    return { stopReason: "rejected", answer: null, errors: [{ kind: "rejected", module: "review", message, input: grounding.line }] };
  }
  if (decision.action === "approve") return {};
  // the grounder's conversation carries the reviewed line, so later turns build on what actually ran
  const resolved = await settingsFor(resolve, config, "review");
  if (!resolved.ok) return resolved.failure;
  const edited = { subgoal: grounding.subgoal, line: decision.line.trim(), items: parseGroundingLine(decision.line, resolved.settings.domain.actionSyntax) };
  return { groundings: [edited], groundTurns: [...state.groundTurns.slice(0, -1), { role: "assistant", content: edited.line }] };
}
