/**
 * The plain-text chat template the Lumos checkpoints were trained with (not special tokens):
 * `<|user|>\n{u1}\n<|assistant|>\n{a1}\n\n<|user|>\n{u2}\n<|assistant|>\n`.
 */

export interface Turn {
  role: "user" | "assistant";
  content: string;
}

/** Inference prompt: every turn rendered, then the open assistant header the model continues from. */
export function renderLumosPrompt(turns: readonly Turn[]): string {
  if (turns.length === 0 || turns[turns.length - 1].role !== "user") {
    throw new Error("a Lumos prompt must end with a user turn");
  }
  return turns.map((t) => (t.role === "user" ? `<|user|>\n${t.content}\n` : `<|assistant|>\n${t.content}\n\n`)).join("") + "<|assistant|>\n";
}

/** Training rendering (open-instruct style): assistant turns end with `</s>` and one newline. */
export function renderLumosTraining(turns: readonly Turn[]): string {
  return turns.map((t) => (t.role === "user" ? `<|user|>\n${t.content}\n` : `<|assistant|>\n${t.content}</s>\n`)).join("");
}

/** A completion stops at the first newline: every module output is one line. */
export function firstLine(completion: string): string {
  const newline = completion.indexOf("\n");
  return newline < 0 ? completion : completion.slice(0, newline);
}
