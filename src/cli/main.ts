/**
 * CLI entry: dispatches commands. Exit codes, the same for every command: 2 bad usage or bad input (an unknown
 * option, a missing, empty or malformed input file), 1 a failure while running; both without a stack trace.
 *
 * Commands are loaded when chosen (a dynamic import of the one command's module), so `lumos --help` and an
 * unknown command load nothing but this module and its help text, and `lumos <command> --help` loads the help
 * texts without the command (no LangChain, no LangGraph). The error classes checked below live in light
 * modules for the same reason.
 */
import { lumosEnvironment } from "../config.js";
import { MAIN_HELP } from "./mainHelp.js";
import type { CliIO } from "./io.js";
import { UsageError } from "./usageError.js";
import { ModelSpecError } from "../models/spec.js";
import { MissingPeerDependencyError } from "../models/peerDependency.js";
import { DatasetFormatError } from "../datasets/format.js";
import { MariaDbNotFoundError } from "../sql/binaries.js";

type CommandHandler = (argv: string[], io: CliIO) => Promise<number>;
type HelpName = Exclude<keyof typeof import("./help.js"), "MAIN_HELP">;

interface CommandEntry {
  /** Loads the command's module (and with it everything the command uses). */
  load(): Promise<CommandHandler>;
  /** The command's help text in ./help.ts, printed for --help without loading the command. */
  help: HelpName;
}

const COMMANDS: Record<string, CommandEntry> = {
  run: { load: async () => (await import("./runCommand.js")).runCommand, help: "RUN_HELP" },
  resume: { load: async () => (await import("./resumeCommand.js")).resumeCommand, help: "RESUME_HELP" },
  eval: { load: async () => (await import("./evalCommand.js")).evalCommand, help: "EVAL_HELP" },
  score: { load: async () => (await import("./scoreCommand.js")).scoreCommand, help: "SCORE_HELP" },
  merge: { load: async () => (await import("./mergeCommand.js")).mergeCommand, help: "MERGE_HELP" },
  data: { load: async () => (await import("./dataCommand.js")).dataCommand, help: "DATA_HELP" },
  annotate: { load: async () => (await import("./annotateCommand.js")).annotateCommand, help: "ANNOTATE_HELP" },
  export: { load: async () => (await import("./exportCommand.js")).exportCommand, help: "EXPORT_HELP" },
  "train-config": { load: async () => (await import("./trainConfigCommand.js")).trainConfigCommand, help: "TRAIN_CONFIG_HELP" },
  "sql-server": { load: async () => (await import("./sqlServerCommand.js")).sqlServerCommand, help: "SQL_SERVER_HELP" },
};

/** The command names, in the order of the main help. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** Whether the arguments ask for help (`--help` or `-h` before a `--` that ends the options). */
export function asksForHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}

const defaultIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
};

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(MAIN_HELP);
    return command === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    io.stderr(`lumos: unknown command "${command}". Run lumos --help for the list of commands.\n`);
    return 2;
  }
  try {
    if (asksForHelp(rest)) {
      const help = await import("./help.js");
      io.stdout(help[entry.help]);
      return 0;
    }
    const handler = await entry.load();
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ModelSpecError) {
      io.stderr(`lumos ${command}: ${error.message}\nRun lumos ${command} --help for usage.\n`);
      return 2;
    }
    if (error instanceof MissingPeerDependencyError || error instanceof DatasetFormatError || error instanceof MariaDbNotFoundError) {
      io.stderr(`lumos ${command}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`lumos ${command}: error: ${(error as Error).message ?? String(error)}\n`);
    if (lumosEnvironment().debug) io.stderr(`${(error as Error).stack}\n`);
    return 1;
  }
}
