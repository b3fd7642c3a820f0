/**
 * General chat models speak the same protocol. In the default "in-context" style a system message explains
 * the one-line format and shows a worked conversation; the protocol turns follow as chat messages, so the
 * model continues exactly the conversation a checkpoint would see. The "lumos" style sends the turns only.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { Turn } from "../protocol/chatTemplate.js";
import { textOf } from "./text.js";
import type { LumosModuleModel, ModuleName, ModuleRequest, ModuleResponse } from "./types.js";
import type { Formulation } from "../core/records.js";

export type ChatPromptStyle = "in-context" | "lumos";

const INSTRUCTIONS: Record<ModuleName, Record<Formulation, string>> = {
  planner: {
    iterative:
      'You are the planning module of a language agent. Write one subgoal at a time as "Subgoal 1: ...". After each subgoal you are told its executed result; then reply "No, I will keep planning. Subgoal k: ..." with the next subgoal, or "Yes, I will stop planning." once the task is solved. Reply with exactly one line and nothing else.',
    onetime:
      'You are the planning module of a language agent. Write the whole plan on one line as "Subgoal 1: ...; Subgoal 2: ...; ...". Reply with exactly one line and nothing else.',
  },
  grounder: {
    iterative:
      'You are the grounding module of a language agent. Turn the given subgoal into executable actions on one line, separated by "; ", each written "R1 = Tool(arguments)". Use only tools from the available action list. Number results R1, R2, ... continuing across subgoals, and refer to earlier results by their R variables instead of their values. Reply with exactly one line and nothing else.',
    onetime:
      'You are the grounding module of a language agent. Turn all given subgoals into executable actions on one line, separated by "; ", each written "R1 = Tool(arguments)". Use only tools from the available action list. Number results R1, R2, ..., and refer to earlier results by their R variables instead of their values. Reply with exactly one line and nothing else.',
  },
};

function toMessage(turn: Turn): BaseMessage {
  return turn.role === "user" ? new HumanMessage(turn.content) : new AIMessage(turn.content);
}

function renderDemonstration(turns: Turn[]): string {
  return turns.map((t) => `${t.role === "user" ? "User" : "Assistant"}: ${t.content}`).join("\n\n");
}

/** The messages sent for a request, exposed for tests and transcripts. */
export function chatMessages(request: ModuleRequest, style: ChatPromptStyle): BaseMessage[] {
  const messages = request.turns.map(toMessage);
  if (style === "lumos") return messages;
  let system = INSTRUCTIONS[request.module][request.formulation];
  if (request.demonstration && request.demonstration.length > 0) {
    system += `\n\nExample conversation:\n\n${renderDemonstration(request.demonstration)}`;
  }
  return [new SystemMessage(system), ...messages];
}

export function renderMessages(messages: BaseMessage[]): string {
  return messages.map((m) => `[${m.getType()}]\n${textOf(m)}`).join("\n\n");
}

/** Chat replies may start with blank lines or wrap in quotes/backticks; the protocol wants one line. */
export function chatReplyLine(reply: string): string {
  const line = reply.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.trim().replace(/^`+|`+$/g, "");
}

export function chatModule(model: BaseChatModel, style: ChatPromptStyle = "in-context", description = model._llmType()): LumosModuleModel {
  return {
    lumosModule: true,
    description,
    async generate(request: ModuleRequest): Promise<ModuleResponse> {
      const messages = chatMessages(request, style);
      const reply = await model.invoke(messages, { signal: request.signal });
      const usage = reply.usage_metadata
        ? { inputTokens: reply.usage_metadata.input_tokens, outputTokens: reply.usage_metadata.output_tokens }
        : undefined;
      return { prompt: renderMessages(messages), completion: chatReplyLine(textOf(reply)), usage };
    },
  };
}
