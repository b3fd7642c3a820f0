/**
 * ScienceQA test split (lupantech/ScienceQA) in the form LLaVA evaluates it, `scienceqa/test_CQM-A.json`:
 * `{id, image?, conversations: [{from: "human", value}, {from: "gpt", value: <letter>}]}`. The human turn is
 * `<image>\n` (items with an image only), `Context: ...` (when the problem has one), the question and the
 * lettered options `A. ...`; the gpt turn is the gold letter. Image captions come from ScienceQA's
 * `captions.json` (`{model, ..., captions: {id: caption}}`).
 *
 * Items: id `scienceqa-<id>`; the task text is the human turn without its leading `<image>\n` marker (context,
 * question and options exactly as given); gold is the letter; category `image` or `no-image` (the paper
 * reported the image subset, LLaVA's "IMG-Accuracy"); environment, for items with an image only,
 * `{image: "<id>/image.png", caption}` with the image path relative to {@link SCIENCEQA_IMAGES_DIR}.
 */
import { join } from "node:path";
import { z } from "zod";
import { readJsonArrayRows, readJsonFile } from "./format.js";
import { letterIndex, parseLetteredOptions } from "./multipleChoice.js";
import type { DatasetItem } from "./types.js";

/** The benchmark file and the captions file, relative to the data directory. */
export const SCIENCEQA_FILE = "scienceqa/test_CQM-A.json";
export const SCIENCEQA_CAPTIONS_FILE = "scienceqa/captions.json";
/**
 * Where the test images live relative to the data directory when ScienceQA's own download (its
 * `tools/download.sh`, `images/test.zip`) is unpacked in `scienceqa/images`: `test/<id>/image.png`.
 */
export const SCIENCEQA_IMAGES_DIR = "scienceqa/images/test";

/** The marker LLaVA puts before the text of an item with an image. */
const IMAGE_MARKER = "<image>\n";

const TurnSchema = z.object({ from: z.string(), value: z.string() });

export const ScienceQaRowSchema = z
  .object({
    id: z.string(),
    image: z.string().optional(),
    conversations: z.array(TurnSchema).min(2),
  })
  .superRefine((row, context) => {
    const [human, gpt] = row.conversations;
    // zod runs refinements after non-fatal issues too (a short array): check only rows of the right shape
    if (human === undefined || gpt === undefined) return;
    if (human.from !== "human") context.addIssue({ code: "custom", path: ["conversations", 0, "from"], message: `the first turn should be "human", got ${JSON.stringify(human.from)}` });
    if (gpt.from !== "gpt") context.addIssue({ code: "custom", path: ["conversations", 1, "from"], message: `the second turn should be "gpt", got ${JSON.stringify(gpt.from)}` });
    const task = parseLetteredOptions(scienceQaTaskText(human.value));
    if (task === null) {
      context.addIssue({ code: "custom", path: ["conversations", 0, "value"], message: 'has no lettered options ("A. ...", "B. ..." lines)' });
      return;
    }
    const gold = letterIndex(gpt.value);
    if (gold < 0 || gold >= task.options.length) {
      context.addIssue({ code: "custom", path: ["conversations", 1, "value"], message: `should be the letter of one of the ${task.options.length} options, got ${JSON.stringify(gpt.value)}` });
    }
  });

export type ScienceQaRow = z.infer<typeof ScienceQaRowSchema>;

export const ScienceQaCaptionsSchema = z.object({ captions: z.record(z.string(), z.string()) });

/** What a ScienceQA task with an image carries: the image (relative to {@link SCIENCEQA_IMAGES_DIR}) and its caption. */
export interface ScienceQaEnvironment {
  image: string;
  caption?: string;
}

/** The task text of a human turn: the turn without LLaVA's leading `<image>\n` marker. */
export function scienceQaTaskText(humanTurn: string): string {
  return humanTurn.startsWith(IMAGE_MARKER) ? humanTurn.slice(IMAGE_MARKER.length) : humanTurn;
}

export async function loadScienceQa(dataDir: string): Promise<DatasetItem<ScienceQaRow>[]> {
  const rows = await readJsonArrayRows(join(dataDir, SCIENCEQA_FILE), ScienceQaRowSchema);
  const { captions } = await readJsonFile(join(dataDir, SCIENCEQA_CAPTIONS_FILE), ScienceQaCaptionsSchema);
  return rows.map(({ row, raw }) => {
    const caption = Object.hasOwn(captions, row.id) ? captions[row.id] : undefined;
    const environment: ScienceQaEnvironment | undefined = row.image === undefined ? undefined : { image: row.image, ...(caption === undefined ? {} : { caption }) };
    return {
      id: `scienceqa-${row.id}`,
      question: scienceQaTaskText(row.conversations[0].value),
      gold: row.conversations[1].value,
      category: row.image === undefined ? "no-image" : "image",
      ...(environment === undefined ? {} : { environment }),
      source: raw as ScienceQaRow,
    };
  });
}
