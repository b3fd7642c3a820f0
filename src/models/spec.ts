/**
 * Model specs as the CLI and configuration files write them:
 *   completion:<model>@<baseURL>   OpenAI-compatible /v1/completions (released checkpoints on vLLM, TGI, llama.cpp)
 *   openai:<model>                 OpenAI chat (OPENAI_API_KEY; OPENAI_BASE_URL for compatible servers)
 *   ollama:<model>                 Ollama chat (OLLAMA_BASE_URL, default http://127.0.0.1:11434)
 *   anthropic:<model>              Anthropic chat (ANTHROPIC_API_KEY)
 *   llamacpp:<path.gguf>           in-process GGUF through node-llama-cpp (optional peer)
 */

export type ModelSpec =
  | { kind: "completion"; model: string; baseURL: string }
  | { kind: "chat"; provider: ChatProvider; model: string }
  | { kind: "llamacpp"; modelPath: string };

export const CHAT_PROVIDERS = ["openai", "ollama", "anthropic"] as const;
export type ChatProvider = (typeof CHAT_PROVIDERS)[number];

export const MODEL_SPEC_HELP =
  "completion:<model>@<baseURL>, openai:<model>, ollama:<model>, anthropic:<model> or llamacpp:<file.gguf>";

export class ModelSpecError extends Error {
  override name = "ModelSpecError";
}

export function parseModelSpec(spec: string): ModelSpec {
  const text = spec.trim();
  const colon = text.indexOf(":");
  if (text === "" || colon <= 0) throw new ModelSpecError(`malformed model spec "${spec}": expected ${MODEL_SPEC_HELP}`);
  const scheme = text.slice(0, colon);
  const rest = text.slice(colon + 1).trim();
  if (rest === "") throw new ModelSpecError(`malformed model spec "${spec}": nothing after "${scheme}:"`);
  if (scheme === "completion") {
    const at = rest.search(/@(?=https?:\/\/)/);
    if (at <= 0) throw new ModelSpecError(`malformed model spec "${spec}": expected completion:<model>@<http(s)://host:port/v1>`);
    const baseURL = rest.slice(at + 1);
    try {
      new URL(baseURL);
    } catch {
      throw new ModelSpecError(`malformed model spec "${spec}": "${baseURL}" is not a URL`);
    }
    return { kind: "completion", model: rest.slice(0, at), baseURL };
  }
  if (scheme === "llamacpp") return { kind: "llamacpp", modelPath: rest };
  if ((CHAT_PROVIDERS as readonly string[]).includes(scheme)) return { kind: "chat", provider: scheme as ChatProvider, model: rest };
  throw new ModelSpecError(`unknown model provider "${scheme}" in "${spec}": expected ${MODEL_SPEC_HELP}`);
}
