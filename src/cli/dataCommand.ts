/** `lumos data pull|list`: fetch benchmark files with checksum verification. */
import { lumosEnvironment } from "../config.js";
import { DataPullError, pullableDatasets, pullDataset } from "../datasets/pull.js";
import { DATA_NOTES, DATA_SOURCES } from "../datasets/sources.js";
import { resolveDataDir } from "./dataDir.js";
import { DATA_HELP } from "./help.js";
import { parseCommandArgs } from "./options.js";
import type { CliIO } from "./io.js";
import { UsageError } from "./usageError.js";

export async function dataCommand(argv: string[], io: CliIO): Promise<number> {
  const { values: raw, positionals } = parseCommandArgs(argv, {
    "data-dir": { type: "string" },
    mirror: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const values = raw as Record<string, string | undefined> & { help?: boolean };
  const [action, dataset] = positionals;
  if (values.help || action === undefined) {
    io.stdout(DATA_HELP);
    return values.help ? 0 : 2;
  }
  if (action === "list") {
    for (const [name, files] of Object.entries(DATA_SOURCES)) io.stdout(`${name}: ${files.map((f) => f.path).join(", ")}${DATA_NOTES[name] ? " (images not included)" : ""}\n`);
    return 0;
  }
  if (action !== "pull") throw new UsageError(`unknown data action "${action}" (pull or list)`);
  if (!dataset) throw new UsageError(`missing the dataset to pull (${pullableDatasets().join(", ")})`);
  const dataDir = resolveDataDir(values["data-dir"]);
  try {
    const outcomes = await pullDataset(dataset, { dataDir, mirror: values.mirror ?? lumosEnvironment().dataMirror, log: (l) => io.stderr(`${l}\n`) });
    for (const o of outcomes) io.stdout(`${o.status === "present" ? "already present" : "downloaded"}: ${o.path} (sha256 ${o.sha256.slice(0, 12)}…)\n`);
    if (DATA_NOTES[dataset]) io.stdout(`note: ${DATA_NOTES[dataset]}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DataPullError) {
      io.stderr(`lumos data: ${error.message}\n`);
      return error.message.startsWith("no download source") ? 2 : 1;
    }
    throw error;
  }
}
