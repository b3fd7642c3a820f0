/**
 * Tool nodes: LangGraph nodes of your own (a prebuilt ToolNode or any node speaking the same messages
 * protocol) that run the actions they claim. The executor hands such an action over as an AIMessage with
 * one tool call, the node answers with a ToolMessage, and the executor continues the batch.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { RunnableLike } from "@langchain/core/runnables";

export interface LumosToolNode {
  /** Node name in the graph (must not be planner, grounder or executor). */
  name: string;
  /** The node: a ToolNode, or any node that answers the last AIMessage's tool call with a ToolMessage. */
  node: RunnableLike<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any state in, messages out
  /** The tools whose actions it runs (names are the action names; schemas map the arguments). */
  tools: StructuredToolInterface[];
}

const RESERVED = new Set(["planner", "grounder", "review", "executor", "toolResult", "finish", "__start__", "__end__"]);

export function claimedActions(toolNodes: LumosToolNode[] = []): Map<string, { node: string; tool: StructuredToolInterface }> {
  const claimed = new Map<string, { node: string; tool: StructuredToolInterface }>();
  for (const entry of toolNodes) {
    if (RESERVED.has(entry.name)) throw new Error(`a tool node cannot be called "${entry.name}"`);
    for (const tool of entry.tools) {
      const owner = claimed.get(tool.name);
      if (owner) throw new Error(`action "${tool.name}" is claimed by both ${owner.node} and ${entry.name}`);
      claimed.set(tool.name, { node: entry.name, tool });
    }
  }
  return claimed;
}
