import { DOMAIN_NAMES } from "../domains/registry.js";

export const MAIN_HELP = `lumos: Agent Lumos (planning, grounding, execution modules) on LangGraph.js

Usage:
  lumos run [options] "task text"    solve one task with the planner -> grounder -> executor graph
  lumos --help                       this text
  lumos <command> --help             help for a command

Model specs (--planner, --grounder, --code-model):
  completion:<model>@<baseURL>   OpenAI-compatible /v1/completions server with the Lumos chat template
                                 (how the released ai2lumos/* checkpoints are served: vLLM, TGI, llama.cpp)
  openai:<model>                 OpenAI chat model (OPENAI_API_KEY; OPENAI_BASE_URL for compatible servers)
  ollama:<model>                 Ollama chat model (OLLAMA_BASE_URL, default http://127.0.0.1:11434)
  anthropic:<model>              Anthropic chat model (ANTHROPIC_API_KEY)
  llamacpp:<file.gguf>           in-process GGUF inference (needs the optional package node-llama-cpp)

Environment: LUMOS_API_KEY is sent as a bearer token to completion servers.
Exit codes: 0 success, 1 the run failed, 2 bad usage (unknown option, missing or malformed model spec).
`;

export const RUN_HELP = `Usage: lumos run [options] "task text"

Solves one task. Prints subgoals, actions with their results and the final answer as they happen.

Options:
  --planner SPEC            planning-module model (required)
  --grounder SPEC           grounding-module model (required)
  --domain NAME             ${DOMAIN_NAMES.join(" | ")} (default maths)
  --formulation F           iterative (Lumos-I, default) | onetime (Lumos-O)
  --max-rounds N            planning rounds before the run stops (default 8)
  --on-action-error P       stop (default, as the reference) | continue (feed the error to the planner)
  --chat-style S            in-context (default: instructions + a demonstration) | lumos (protocol turns only)
  --code-model SPEC         model that writes JavaScript for Code actions that are not simple forms
  --json                    print one JSON object (answer, subgoals, actions, results, transcripts,
                            stopReason, errors) instead of progress lines
  -h, --help                this text

Example (released checkpoints served by vLLM on ports 8000 and 8001):
  lumos run --planner completion:ai2lumos/lumos_maths_plan_iterative@http://127.0.0.1:8000/v1 \\
            --grounder completion:ai2lumos/lumos_maths_ground_iterative@http://127.0.0.1:8001/v1 \\
            "Janet has 3 apples and buys 5 more. How many apples does she have?"
`;
