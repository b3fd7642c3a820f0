/** Asking a person on the terminal to approve, edit or reject grounded actions. */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ReviewDecision, ReviewRequest } from "../graph/review.js";

export function describeReview(request: ReviewRequest): string {
  // subgoal texts carry their own "Subgoal k:" label; a one-pass plan lists them all
  const head = request.subgoal === 0 ? "Plan: " : "";
  return `${head}${request.subgoalText}\nActions to run:\n${request.actions.map((a) => `  ${a}`).join("\n")}\n`;
}

/**
 * Reads one decision: a(pprove) or an empty line, e(dit) then the new line, r(eject) then an optional
 * reason. Lines are read through the interface's iterator, which buffers typed-ahead input. End of input
 * counts as a rejection, so a closed terminal never approves anything.
 */
export async function askReviewDecision(request: ReviewRequest, input: Readable, output: Writable): Promise<ReviewDecision> {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string): Promise<string | undefined> => {
    output.write(question);
    const next = await lines.next();
    return next.done ? undefined : String(next.value).trim();
  };
  try {
    output.write(describeReview(request));
    for (;;) {
      const answer = (await ask("[a]pprove, [e]dit, [r]eject? "))?.toLowerCase();
      if (answer === undefined) return { action: "reject", reason: "the terminal closed before a decision" };
      if (answer === "a" || answer === "approve" || answer === "") return { action: "approve" };
      if (answer === "e" || answer === "edit") {
        const line = await ask("New action line: ");
        if (line === undefined) return { action: "reject", reason: "the terminal closed before a decision" };
        if (line !== "") return { action: "edit", line };
      }
      if (answer === "r" || answer === "reject") {
        const reason = await ask("Reason (optional): ");
        return { action: "reject", ...(reason ? { reason } : {}) };
      }
    }
  } finally {
    rl.close();
  }
}
