import { DOMAIN_NAMES } from "../domains/registry.js";
import { constraintFlagsHelp } from "./constraintFlags.js";
import { DOMAIN_FLAGS_HELP } from "./domainOptions.js";

export { MAIN_HELP } from "./mainHelp.js";

export const RUN_HELP = `Usage: lumos run [options] "task text"

Solves one task. Prints subgoals, actions with their results and the final answer as they happen.

Options:
  --planner SPEC            planning-module model (required)
  --grounder SPEC           grounding-module model (required)
  --domain NAME             ${DOMAIN_NAMES.join(" | ")} (default maths; qa-yesno answers yes/no like StrategyQA)
  --formulation F           iterative (Lumos-I, default) | onetime (Lumos-O)
  --max-rounds N            planning rounds before the run stops (default 8; WebShop 5)
  --on-action-error P       stop (default, as the reference) | continue (feed the error to the planner)
                            | replan (ask the planner to revise the failed subgoal; Lumos-I, not web)
  --chat-style S            in-context (default: instructions + a demonstration) | lumos (protocol turns only)
                            | structured (chat models call a tool; the call is rendered into the protocol's line)
  --parallel                run the actions of a line as soon as the R variables they read exist (same
                            records and answer; sql, web and webshop keep their order)
${constraintFlagsHelp(28)}
${DOMAIN_FLAGS_HELP}
  --data-dir DIR            where --corpus hotpotqa-distractor is read from (default $LUMOS_DATA_DIR, else ./data)
  --json                    print one JSON object (answer, subgoals, actions, results, transcripts,
                            stopReason, errors) instead of progress lines
  --review                  pause before each batch of actions: approve, edit or reject them on the terminal;
                            without a terminal the paused run is kept and \`lumos resume\` continues it
  --db FILE                 with --review: the SQLite file for paused runs (default lumos-threads.sqlite)
  --thread ID               with --review: the thread id (default: a new random id, printed)
  --task-id ID              an id for the task, sent with every model request (x-lumos-task-id header)
  --environment SPEC        the task's environment, as JSON or plain text (SQL: {"db": "world_1"} or world_1)
  -h, --help                this text

Example (released checkpoints served by vLLM on ports 8000 and 8001):
  lumos run --planner completion:ai2lumos/lumos_maths_plan_iterative@http://127.0.0.1:8000/v1 \\
            --grounder completion:ai2lumos/lumos_maths_ground_iterative@http://127.0.0.1:8001/v1 \\
            "Janet has 3 apples and buys 5 more. How many apples does she have?"
`;

export const EVAL_HELP = `Usage: lumos eval --dataset NAME --planner SPEC --grounder SPEC [options]

Runs a benchmark through the Lumos graph and scores it with the paper's metric.

Options:
  --dataset NAME          gsm8k | svamp | hotpotqa | strategyqa | intercode_sql | scienceqa | aokvqa | mind2web
                          | webshop
  --planner SPEC          model spec, or "oracle" to replay gold plans derived from the dataset's solutions
  --grounder SPEC         model spec, or "oracle"
  --formulation F         iterative (default) | onetime
  --subset S              full (default) | paper (what the paper scored: HotpotQA first 1,000, StrategyQA
                          first 300, WebShop goals 0-499, full sets otherwise)
  --limit N               only the first N tasks (after --subset)
  --shard i/n             only the i-th of n contiguous slices of those tasks (1-based: 1/4 .. 4/4; after
                          --subset and --limit); run.json records it, --resume checks it, and
                          \`lumos merge\` joins the n run folders into the unsharded run's
  --split NAME            the split, for datasets with several: mind2web test_domain (default, the paper's),
                          test_website, test_task
  --concurrency K         tasks in flight at once (default 4); a task starts as soon as a slot frees
  --timeout-s S           per-task time limit in seconds (default 600)
  --max-rounds N          planning rounds per task (default 8, WebShop 5; with an oracle planner, each task's
                          gold plan's steps + 1 when that is more)
  --on-action-error P     stop (default, as the reference) | continue (feed the error to the planner) | replan
                          (ask the planner to revise the failed subgoal; Lumos-I, not mind2web)
  --parallel              run the actions of a line as soon as the R variables they read exist (same records)
  --judge SPEC            also score with an LLM judge (the paper's judge prompt; a reply CORRECT counts)
  --chat-style S          chat-model specs: in-context (default) | lumos | structured (as lumos run)
${constraintFlagsHelp(26)}
${DOMAIN_FLAGS_HELP}
  --out DIR               output directory (default runs/<dataset>-<formulation>-<date-time>)
  --resume                continue a run in --out: finished ids are skipped, a partial last line is dropped
  --retry-errors          with --resume: run again the tasks recorded with model, timeout or harness errors,
                          replacing their records
  --data-dir DIR          benchmark files (default $LUMOS_DATA_DIR, else ./data)
  --remote URL            run each task on a LangGraph server serving this package's langgraph.json (npm run
                          studio: http://127.0.0.1:2024; or a LangGraph Platform / self-hosted deployment);
                          same records, retries, timeout, --resume and reports as a local run. Models (specs,
                          not "oracle"), domain options and run options travel as each run's context; the
                          server reads files (--data-dir) on its own disk. API key: $LUMOS_REMOTE_API_KEY,
                          else $LANGGRAPH_API_KEY or $LANGSMITH_API_KEY
  --assistant ID          with --remote: an assistant id or graph id (default lumos_iterative or lumos_onetime,
                          by --formulation)
  --remote-retry-s S      with --remote: how long a task waits out a server that is down, restarting or failing
                          (it runs again on a new thread) before it is recorded as an error that --resume
                          --retry-errors runs again (default 300; within --timeout-s)

Writes DIR/predictions.jsonl (one finished task per line, appended as it finishes, put in dataset order at the
end), DIR/summary.json, DIR/report.md and DIR/report.html, built by reading predictions.jsonl as a stream:
finished records are not kept in memory, so memory does not grow with the number of tasks beyond the task list
itself. Progress goes to stderr: a bar on a terminal, periodic lines otherwise.
With LUMOS_TRACE_STARTUP=1 a line on stderr says when the first task started (ms since launch, CPU by then).
`;

export const MERGE_HELP = `Usage: lumos merge RUN... --out DIR

Joins the run folders of one evaluation's shards (lumos eval ... --shard 1/n, ..., --shard n/n, each with its own
--out) into DIR, the folder the unsharded run would have written: predictions.jsonl (the shards' files in shard
order, which is dataset order), run.json (without the shard), summary.json, report.md and report.html, equal to
the unsharded run's except for timing: the reports give the records' per-task times and tokens and, instead of
one wall time, how many runs were merged.

Only a whole set is merged: every shard 1/n..n/n once, each finished (its summary.json written and every task
in its predictions.jsonl), all of the same run (run.json equal but for the shard), no task in two shards.
Otherwise nothing is written and the message names the folder, file or line (and the missing shards); exit 2.

Options:
  --out DIR    where the merged run is written (must not hold a predictions.jsonl)
  -h, --help   this text
`;

export const SCORE_HELP = `Usage: lumos score --dataset NAME --predictions FILE [--data-dir DIR] [--split NAME] [--judge SPEC]
                   [--sql-url URL] [--details FILE]

Scores a predictions file and prints the metrics as JSON. FILE has one JSON object per line with
"prediction" and "question" (and optionally "id", as lumos eval writes them); each line is matched to the
dataset's gold answer by id, else by question text.

Metrics: gsm8k/svamp accuracy (strict string, as the reference) and numericAccuracy; hotpotqa em and f1
(official HotpotQA normalisation); strategyqa accuracy ("yes" in the prediction means true); intercode_sql
success and reward (InterCode's reward: the predicted SQL and the gold SQL run read-only on the task's
database on the server --sql-url names, rows compared as multisets and scaled by Kendall's tau; also broken
down by Spider hardness); scienceqa accuracy (LLaVA's eval_science_qa.py answer parsing) and
robustAccuracy (our reading of free-text answers), broken down by image / no-image; aokvqa mcAccuracyStrict
and daAccuracy (official eval_predictions.py, DA without the questions marked difficult) and mcAccuracy
(letters and option texts mapped to the choice first); mind2web stepSuccessRate (the Lumos reference's: correct
grounded actions over all grounded actions), elementAccuracy, operationF1, stepSuccessRateMindAct and
taskSuccessRate (the Mind2Web paper's, over every gold step), with the totals of steps and actions
(--split names the split); webshop reward and success over all episodes and rewardFinished and
successFinished over the finished ones (the reference's denominator; lines are matched by id unless
--webshop-url gives the goals' instructions); --judge adds an LLM-judge accuracy. --details FILE writes each scored line's scores
(JSON lines: line, id, scores). A metric a line has no score for (A-OKVQA DA on a difficult question) is
averaged over the lines that have it ("averagedOver" gives the count).
`;

export const DATA_HELP = `Usage: lumos data pull DATASET [--data-dir DIR] [--mirror URL]
       lumos data list

Downloads a benchmark's files from their canonical public location into the data directory and verifies
their SHA-256 checksums. --mirror URL (or $LUMOS_DATA_MIRROR) fetches <URL>/<dataset>/<file> instead, for an
offline copy or a local mirror. Without network access the command says which file to copy where.
Images (scienceqa, aokvqa) are not downloaded: the command names their official downloads. Mind2Web is
placed by hand (a password-protected archive its authors ask not to redistribute unzipped): \`lumos data pull
mind2web\` prints the steps and checks the files.
`;

export const RESUME_HELP = `Usage: lumos resume --thread ID (--approve | --edit LINE | --reject REASON) [--db FILE] [--json]

Continues a run that \`lumos run --review\` paused before executing actions, in this or any later process:
the task, models and options are read back from the SQLite file (default lumos-threads.sqlite).

  --approve        run the actions as grounded
  --edit LINE      run this action line instead (e.g. "R1 = Calculator(6 * 8)")
  --reject REASON  end the run without an answer
`;

export const ANNOTATE_HELP = `Usage: lumos annotate --dataset NAME [--teacher SPEC] [options]

Turns a dataset's own solutions into planning/grounding annotations and keeps one only when executing it with
our tools reaches the gold answer, in both formulations; every rejection is recorded with its reason.

  --dataset NAME      gsm8k (train split by default) | svamp
  --teacher SPEC      a teacher model rewrites each solution as "Subgoal k:" / "Action k-j:" lines (the Lumos
                      conversion prompt); without it the rule-based converter is used
  --split S           train | test
  --limit N           only the first N items
  --concurrency K     items in flight (default 4)
  --out DIR           output directory (default runs/annotate-<dataset>-<method>-<date-time>)
  --resume            continue the run in --out
  --data-dir DIR      benchmark files (default $LUMOS_DATA_DIR, else ./data)

Writes DIR/annotations.jsonl (kept and rejected, with the verified conversations), DIR/summary.json and
DIR/rejections.md.
`;

export const EXPORT_HELP = `Usage: lumos export --module plan|ground --formulation iterative|onetime --annotations FILE [...] [options]

Writes the verified conversations of one module as training JSONL and prints statistics of kept and dropped items.

  --module M          plan | ground
  --formulation F     iterative | onetime
  --format F          lumos ({"dataset","id","messages"}, default) | openai-chat ({"messages"})
  --annotations FILE  annotations.jsonl from lumos annotate (repeat the flag, or list files after the options)
  --unified           allow several datasets in one file (the paper's unified model)
  --out FILE          output file (default lumos_<module>_<formulation>.jsonl)
`;

export const TRAIN_CONFIG_HELP = `Usage: lumos train-config --trainer open-instruct|trl|axolotl --data FILE [options]

Writes a ready configuration and prints the command for an existing trainer with the paper's recipe: LLaMA-2
base, learning rate 2e-5, 2 epochs, batch 128, sequence length 1024, loss on assistant turns only.

  --data FILE         training JSONL from lumos export (Lumos format)
  --model NAME        base model (default meta-llama/Llama-2-7b-hf)
  --gpus N            GPUs (default 8; batch 128 = per-device 2 x GPUs x accumulation)
  --out DIR           where the files go (default train-<trainer>)
  --output-dir DIR    where the trainer writes the model (default output/lumos)
`;

export const SQL_SERVER_HELP = `Usage: lumos sql-server [--port N] [--db-dir DIR] [--dump FILE | --no-dump] [--data-dir DIR]

Starts a private MariaDB server on 127.0.0.1 (the system's mariadbd, with its own data directory, port and
socket), loads the InterCode-SQL databases, prints "MariaDB ready: --sql-url mysql://root@127.0.0.1:PORT" and
runs until Ctrl-C (SIGINT) or SIGTERM, which stop it. It listens on 127.0.0.1 only; user root has no password.
Table names are case-insensitive (lower_case_table_names=1), as the benchmark's gold queries need.

  --port N          TCP port (default: a free one, printed)
  --db-dir DIR      the server's own files, kept across starts; the dump is loaded only when DIR is new
                    (default: a temporary directory, removed on stop). Not the same as --data-dir.
  --dump FILE       SQL file to load (default <data-dir>/intercode_sql/ic_spider_dbs.sql)
  --no-dump         start with no databases
  --data-dir DIR    benchmark files, for the default --dump (default $LUMOS_DATA_DIR, else ./data)

Needs MariaDB installed (Debian/Ubuntu: apt-get install mariadb-server; its system service need not run). Where
that is not possible, the README's "Local MariaDB for InterCode-SQL" shows the same server in Docker.
`;
