import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

/** A chat model that answers with a function of the prompt text and records every prompt it got. */
export class RecordingChatModel extends BaseChatModel {
  readonly prompts: string[] = [];

  constructor(private readonly reply: (prompt: string) => string) {
    super({});
  }

  _llmType(): string {
    return "recording";
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const prompt = messages.map((m) => String(m.content)).join("\n");
    this.prompts.push(prompt);
    const text = this.reply(prompt);
    return { generations: [{ text, message: new AIMessage(text) }] };
  }
}
