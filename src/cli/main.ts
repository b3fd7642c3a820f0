/**
 * CLI entry: dispatches commands. Exit codes, the same for every command: 2 bad usage or bad input (an unknown
 * option, a missing, empty or malformed input file), 1 a failure while running; both without a stack trace.
 */
import { lumosEnvironment } from "../config.js";
import { MAIN_HELP } from "./help.js";
import { runCommand } from "./runCommand.js";
import { resumeCommand } from "./resumeCommand.js";
import type { CliIO } from "./io.js";
import { evalCommand } from "./evalCommand.js";
import { scoreCommand } from "./scoreCommand.js";
import { mergeCommand } from "./mergeCommand.js";
import { dataCommand } from "./dataCommand.js";
import { annotateCommand } from "./annotateCommand.js";
import { exportCommand } from "./exportCommand.js";
import { trainConfigCommand } from "./trainConfigCommand.js";
import { sqlServerCommand } from "./sqlServerCommand.js";
import { UsageError } from "./usageError.js";
import { ModelSpecError } from "../models/spec.js";
import { MissingPeerDependencyError } from "../models/llamaCpp.js";
import { DatasetFormatError } from "../datasets/format.js";
import { MariaDbNotFoundError } from "../sql/binaries.js";

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  run: runCommand,
  resume: resumeCommand,
  eval: evalCommand,
  score: scoreCommand,
  merge: mergeCommand,
  data: dataCommand,
  annotate: annotateCommand,
  export: exportCommand,
  "train-config": trainConfigCommand,
  "sql-server": sqlServerCommand,
};

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
  const handler = COMMANDS[command];
  if (!handler) {
    io.stderr(`lumos: unknown command "${command}". Run lumos --help for the list of commands.\n`);
    return 2;
  }
  try {
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
