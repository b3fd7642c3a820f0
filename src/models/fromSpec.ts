/**
 * Builds LangChain models from specs. Provider packages, and this package's own backends (the completion
 * client, llama.cpp, the chat modules), are imported only when a spec uses them.
 */
import { processEnvironment } from "../config.js";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import type { ChatStyle } from "../core/chatStyle.js";
import { ModelSpecError, parseModelSpec, type ChatProvider } from "./spec.js";
import type { LumosModuleModel } from "./types.js";

export interface ModelFactoryOptions {
  /** Prompt style for chat models (default: in-context; "structured": forced tool calls). */
  chatStyle?: ChatStyle;
  env?: Readonly<Record<string, string | undefined>>;
  /** Reply length limit (default 512; the QA tool and the judge use 100, as the reference). */
  maxTokens?: number;
  /** Planner and grounder replies: largest reply accepted, in UTF-8 bytes (default 65,536). */
  maxReplyBytes?: number;
}

function requireEnv(env: Readonly<Record<string, string | undefined>>, name: string, provider: string): string {
  const value = env[name];
  if (!value) throw new ModelSpecError(`${provider}: models need ${name} in the environment`);
  return value;
}

export async function createChatModel(provider: ChatProvider, model: string, env: Readonly<Record<string, string | undefined>> = processEnvironment(), maxTokens = 512): Promise<BaseChatModel> {
  if (provider === "openai") {
    const { ChatOpenAI } = await import("@langchain/openai");
    const apiKey = requireEnv(env, "OPENAI_API_KEY", "openai");
    return new ChatOpenAI({ model, apiKey, temperature: 0, maxTokens, configuration: env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : undefined });
  }
  if (provider === "anthropic") {
    const { ChatAnthropic } = await import("@langchain/anthropic");
    const apiKey = requireEnv(env, "ANTHROPIC_API_KEY", "anthropic");
    return new ChatAnthropic({ model, apiKey, temperature: 0, maxTokens, ...(env.ANTHROPIC_BASE_URL ? { anthropicApiUrl: env.ANTHROPIC_BASE_URL } : {}) });
  }
  const { ChatOllama } = await import("@langchain/ollama");
  return new ChatOllama({ model, temperature: 0, numPredict: maxTokens, baseUrl: env.OLLAMA_BASE_URL ?? env.OLLAMA_HOST ?? "http://127.0.0.1:11434" });
}

/** A plain LangChain model for a spec (used where a tool needs a model, e.g. Code). */
export async function createLanguageModel(spec: string, options: ModelFactoryOptions = {}): Promise<BaseLanguageModelInterface> {
  const parsed = parseModelSpec(spec);
  const env = options.env ?? processEnvironment();
  const maxTokens = options.maxTokens ?? 512;
  if (parsed.kind === "completion") {
    const { OpenAICompletionsLLM } = await import("./openaiCompletions.js");
    return new OpenAICompletionsLLM({ model: parsed.model, baseURL: parsed.baseURL, apiKey: env.LUMOS_API_KEY, extraBody: {}, maxTokens });
  }
  if (parsed.kind === "llamacpp") {
    const { LlamaCppLLM } = await import("./llamaCpp.js");
    return new LlamaCppLLM({ modelPath: parsed.modelPath, maxTokens });
  }
  return createChatModel(parsed.provider, parsed.model, env, maxTokens);
}

/** A planner or grounder model for a spec. */
export async function createModuleModel(spec: string, options: ModelFactoryOptions = {}): Promise<LumosModuleModel> {
  const parsed = parseModelSpec(spec);
  const env = options.env ?? processEnvironment();
  const limits = { maxReplyBytes: options.maxReplyBytes };
  if (parsed.kind === "completion") {
    const [{ completionModule }, { OpenAICompletionsLLM }] = await Promise.all([import("./completionModule.js"), import("./openaiCompletions.js")]);
    return completionModule(new OpenAICompletionsLLM({ model: parsed.model, baseURL: parsed.baseURL, apiKey: env.LUMOS_API_KEY, ...limits }), spec, limits);
  }
  if (parsed.kind === "llamacpp") {
    const [{ completionModule }, { LlamaCppLLM }] = await Promise.all([import("./completionModule.js"), import("./llamaCpp.js")]);
    return completionModule(new LlamaCppLLM({ modelPath: parsed.modelPath }), spec, limits);
  }
  const chat = await createChatModel(parsed.provider, parsed.model, env);
  const style = options.chatStyle ?? "in-context";
  if (style === "structured") return (await import("./structuredChatModule.js")).structuredChatModule(chat, spec, limits);
  return (await import("./chatModule.js")).chatModule(chat, style, spec, limits);
}
