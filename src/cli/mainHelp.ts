/** The text of `lumos --help`: a module with no imports, so the help and an unknown command load nothing else. */
export const MAIN_HELP = `lumos: Agent Lumos (planning, grounding, execution modules) on LangGraph.js

Usage:
  lumos run [options] "task text"    solve one task with the planner -> grounder -> executor graph
  lumos eval --dataset NAME ...      run a benchmark (concurrent, resumable, with reports)
  lumos resume --thread ID ...       continue a run paused for review (lumos run --review)
  lumos merge RUN... --out DIR       join the run folders of lumos eval --shard 1/n..n/n into one run
  lumos score --dataset NAME ...     score a predictions file with the paper's metrics
  lumos annotate --dataset NAME ...  training annotations from solutions, verified by execution
  lumos export --module M ...        verified annotations as training JSONL (Lumos or OpenAI chat format)
  lumos train-config --trainer T ... configuration for open-instruct, TRL or axolotl (the paper's recipe)
  lumos data pull DATASET            download a benchmark and verify its checksum
  lumos sql-server [options]         a local MariaDB with the InterCode-SQL databases (for --sql-url)
  lumos --help                       this text
  lumos <command> --help             help for a command

Model specs (--planner, --grounder, --qa-model, --code-model, --judge, --teacher):
  completion:<model>@<baseURL>   OpenAI-compatible /v1/completions server with the Lumos chat template
                                 (how the released ai2lumos/* checkpoints are served: vLLM, TGI, llama.cpp)
  openai:<model>                 OpenAI chat model (OPENAI_API_KEY; OPENAI_BASE_URL for compatible servers)
  ollama:<model>                 Ollama chat model (OLLAMA_BASE_URL, default http://127.0.0.1:11434)
  anthropic:<model>              Anthropic chat model (ANTHROPIC_API_KEY)
  llamacpp:<file.gguf>           in-process GGUF inference (needs the optional package node-llama-cpp)

Environment: LUMOS_API_KEY is sent as a bearer token to completion servers; LUMOS_DATA_DIR is the default
data directory; LUMOS_PLANNER and LUMOS_GROUNDER are the models of graphs loaded by file (Studio).
Exit codes: 0 success, 1 a failure while running, 2 bad usage or bad input (unknown option, missing or malformed
model spec, a malformed or empty input file: the message names the file and line).
`;
