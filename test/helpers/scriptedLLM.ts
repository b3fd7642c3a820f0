import { BaseLLM } from "@langchain/core/language_models/llms";
import type { LLMResult } from "@langchain/core/outputs";

/** A text-completion model that answers from a script and records every prompt it received. */
export class ScriptedLLM extends BaseLLM {
  readonly prompts: string[] = [];
  readonly stops: (string[] | undefined)[] = [];
  private index = 0;

  constructor(private readonly script: string[] | ((prompt: string) => string)) {
    super({});
  }

  _llmType(): string {
    return "scripted";
  }

  async _generate(prompts: string[], options: this["ParsedCallOptions"]): Promise<LLMResult> {
    return {
      generations: prompts.map((prompt) => {
        this.prompts.push(prompt);
        this.stops.push(options.stop);
        const text = typeof this.script === "function" ? this.script(prompt) : this.script[this.index++];
        if (text === undefined) throw new Error(`script exhausted after ${this.index - 1} completions`);
        return [{ text }];
      }),
    };
  }
}
