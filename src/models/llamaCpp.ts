/**
 * In-process GGUF inference through node-llama-cpp (an optional peer dependency). Raw text completion:
 * the Lumos chat-template rendering is the prompt, greedy, newline stop, at most 512 tokens. A constrained
 * call's GBNF grammar becomes a LlamaGrammar (llama.cpp's own grammar engine), made once per grammar text.
 */
import { BaseLLM, type BaseLLMCallOptions, type BaseLLMParams } from "@langchain/core/language_models/llms";
import type { LLMResult } from "@langchain/core/outputs";
import { existsSync } from "node:fs";
import { MissingPeerDependencyError } from "./peerDependency.js";

export { MissingPeerDependencyError };

interface LlamaCompletionLike {
  generateCompletion(prompt: string, options: Record<string, unknown>): Promise<string>;
}

interface LlamaLike {
  createGrammar(options: { grammar: string }): Promise<unknown>;
}

export interface LlamaCppCallOptions extends BaseLLMCallOptions {
  /** A GBNF grammar the completion must follow. */
  constraint?: { grammar: string };
}

export interface LlamaCppOptions extends BaseLLMParams {
  modelPath: string;
  maxTokens?: number;
  contextSize?: number;
  /** Loads the node-llama-cpp module (default: import it); tests pass a stand-in. */
  library?: () => Promise<Record<string, unknown>>;
}

/** Loads node-llama-cpp or explains how to install it. */
export async function loadNodeLlamaCpp(): Promise<Record<string, unknown>> {
  const name = "node-llama-cpp";
  try {
    return (await import(name)) as Record<string, unknown>;
  } catch {
    throw new MissingPeerDependencyError(
      "llamacpp: models run in-process through the optional package node-llama-cpp, which is not installed. Install it with: npm install node-llama-cpp",
    );
  }
}

export class LlamaCppLLM extends BaseLLM<LlamaCppCallOptions> {
  private completion?: Promise<LlamaCompletionLike>;
  private llama?: LlamaLike;
  private readonly grammars = new Map<string, Promise<unknown>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LlamaCppOptions) {
    super(options);
  }

  _llmType(): string {
    return "node-llama-cpp";
  }

  private async load(): Promise<LlamaCompletionLike> {
    if (!existsSync(this.options.modelPath)) throw new Error(`llamacpp: model file not found: ${this.options.modelPath}`);
    const lib = (await (this.options.library ?? loadNodeLlamaCpp)()) as {
      getLlama(): Promise<LlamaLike & { loadModel(o: { modelPath: string }): Promise<{ createContext(o?: object): Promise<{ getSequence(): unknown }> }> }>;
      LlamaCompletion: new (o: { contextSequence: unknown }) => LlamaCompletionLike;
    };
    const llama = await lib.getLlama();
    this.llama = llama;
    const model = await llama.loadModel({ modelPath: this.options.modelPath });
    const context = await model.createContext(this.options.contextSize ? { contextSize: this.options.contextSize } : undefined);
    return new lib.LlamaCompletion({ contextSequence: context.getSequence() });
  }

  async _generate(prompts: string[], options: this["ParsedCallOptions"]): Promise<LLMResult> {
    this.completion ??= this.load();
    const completion = await this.completion;
    const grammar = options.constraint ? await this.grammarFor(options.constraint.grammar) : undefined;
    const generations = [];
    for (const prompt of prompts) {
      // one context sequence: calls are serialised
      const run = this.queue.then(() =>
        completion.generateCompletion(prompt, {
          maxTokens: this.options.maxTokens ?? 512,
          temperature: 0,
          customStopTriggers: options.stop ?? ["\n"],
          signal: options.signal,
          ...(grammar ? { grammar } : {}),
        }),
      );
      this.queue = run.catch(() => undefined);
      generations.push([{ text: await run }]);
    }
    return { generations };
  }

  /** llama.cpp parses the grammar here: a grammar it refuses is an error naming it, never an unconstrained run. */
  private grammarFor(text: string): Promise<unknown> {
    if (!this.grammars.has(text)) {
      const made = this.llama!.createGrammar({ grammar: text }).catch((error: unknown) => {
        this.grammars.delete(text);
        throw new Error(`llamacpp: node-llama-cpp refused the constraint grammar (${(error as Error).message})`);
      });
      this.grammars.set(text, made);
    }
    return this.grammars.get(text)!;
  }
}
