/**
 * A LangChain LLM for OpenAI-compatible `/v1/completions` servers (vLLM, TGI, llama.cpp server, Ollama).
 * The whole prompt goes in `prompt` as one string; decoding is greedy with at most 512 new tokens and a
 * newline stop, as the reference generated. Transient failures (HTTP 429/5xx, resets) are retried with
 * exponential backoff; everything else fails at once with the server's own message.
 */
import { processEnvironment } from "../config.js";
import { BaseLLM, type BaseLLMCallOptions, type BaseLLMParams } from "@langchain/core/language_models/llms";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { LLMResult } from "@langchain/core/outputs";

export interface OpenAICompletionsOptions extends BaseLLMParams {
  model: string;
  /** Base URL ending in `/v1` (added when missing), e.g. `http://127.0.0.1:8000/v1`. */
  baseURL: string;
  apiKey?: string;
  maxTokens?: number;
  temperature?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Retries of transient failures (429, 5xx, connection resets). */
  transientRetries?: number;
  /** First backoff delay; doubles per retry. */
  retryDelayMs?: number;
  /**
   * Extra JSON fields for the request body. The default asks vLLM not to prepend BOS
   * (`add_special_tokens: false`), matching the reference, which tokenised prompts without special tokens;
   * servers that do not know the field ignore it.
   */
  extraBody?: Record<string, unknown>;
  fetchImpl?: typeof fetch;
}

export interface OpenAICompletionsCallOptions extends BaseLLMCallOptions {
  /** The task's id, sent as the `x-lumos-task-id` header (for server-side logs and the gold server of tests). */
  taskId?: string;
}

/** The request header that carries a task's id. */
export const TASK_ID_HEADER = "x-lumos-task-id";

export class CompletionServerError extends Error {
  override name = "CompletionServerError";
  constructor(message: string, readonly status?: number, readonly transient = false) {
    super(message);
  }
}

const TRANSIENT_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

export function normaliseBaseURL(baseURL: string): string {
  const trimmed = baseURL.replace(/\/+$/, "");
  return /\/v\d+$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

export class OpenAICompletionsLLM extends BaseLLM<OpenAICompletionsCallOptions> {
  readonly model: string;
  readonly baseURL: string;
  private readonly options: OpenAICompletionsOptions;

  static override lc_name(): string {
    return "OpenAICompletionsLLM";
  }

  constructor(options: OpenAICompletionsOptions) {
    super(options);
    this.model = options.model;
    this.baseURL = normaliseBaseURL(options.baseURL);
    this.options = options;
  }

  _llmType(): string {
    return "openai-compatible-completions";
  }

  async _generate(prompts: string[], options: this["ParsedCallOptions"], _runManager?: CallbackManagerForLLMRun): Promise<LLMResult> {
    const generations = [];
    let promptTokens = 0;
    let completionTokens = 0;
    for (const prompt of prompts) {
      const body = await this.complete(prompt, options.stop ?? [], options.signal, options.taskId);
      generations.push([{ text: body.text }]);
      promptTokens += body.usage?.prompt_tokens ?? 0;
      completionTokens += body.usage?.completion_tokens ?? 0;
    }
    return { generations, llmOutput: { tokenUsage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens } } };
  }

  private async complete(prompt: string, stop: string[], signal?: AbortSignal, taskId?: string): Promise<{ text: string; usage?: { prompt_tokens?: number; completion_tokens?: number } }> {
    const retries = this.options.transientRetries ?? 4;
    const baseDelay = this.options.retryDelayMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.requestOnce(prompt, stop, signal, taskId);
      } catch (error) {
        const transient = error instanceof CompletionServerError && error.transient;
        if (!transient || attempt >= retries || signal?.aborted) throw error;
        await sleep(baseDelay * 2 ** attempt, signal);
      }
    }
  }

  private async requestOnce(prompt: string, stop: string[], signal?: AbortSignal, taskId?: string) {
    const url = `${this.baseURL}/completions`;
    const apiKey = this.options.apiKey ?? processEnvironment().LUMOS_API_KEY;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 300_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const payload = {
      model: this.model,
      prompt,
      max_tokens: this.options.maxTokens ?? 512,
      temperature: this.options.temperature ?? 0,
      ...(stop.length > 0 ? { stop } : {}),
      ...(this.options.extraBody ?? { add_special_tokens: false }),
    };
    let response: Response;
    try {
      response = await (this.options.fetchImpl ?? fetch)(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(taskId ? { [TASK_ID_HEADER]: encodeURIComponent(taskId) } : {}) },
        body: JSON.stringify(payload),
        signal: combined,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      const timedOut = timeout.aborted;
      throw new CompletionServerError(
        timedOut ? `completion server at ${url} did not answer in time` : `cannot reach completion server at ${url} (${reason})`,
        undefined,
        true,
      );
    }
    const raw = await response.text();
    if (!response.ok) {
      throw new CompletionServerError(
        `completion server at ${url} answered HTTP ${response.status}: ${raw.slice(0, 300)}`,
        response.status,
        TRANSIENT_STATUS.has(response.status),
      );
    }
    let body: { choices?: { text?: string }[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };
    try {
      body = JSON.parse(raw);
    } catch {
      throw new CompletionServerError(`completion server at ${url} returned non-JSON: ${raw.slice(0, 200)}`, response.status);
    }
    const text = body.choices?.[0]?.text;
    if (typeof text !== "string") throw new CompletionServerError(`completion server at ${url} returned no choices[0].text`, response.status);
    return { text, usage: body.usage };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
