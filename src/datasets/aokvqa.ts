/**
 * A-OKVQA (allenai/aokvqa) validation split in its official format, `aokvqa/aokvqa_v1p0_val.json`: a JSON
 * array of `{split, image_id, question_id, question, choices, correct_choice_idx, direct_answers,
 * difficult_direct_answer, rationales}`. Images are COCO 2017: `<split>2017/<image_id, 12 digits>.jpg`.
 *
 * Items: id `aokvqa-<question_id>`; the task text is the question followed by the choices as lettered lines
 * (`A. x\nB. y\n...`), in the style of ScienceQA's task texts, so that both multiple-choice benchmarks read
 * alike; gold is the text of the correct choice (what the official multiple-choice accuracy compares);
 * environment `{image: "val2017/000000123456.jpg"}`, relative to {@link AOKVQA_IMAGES_DIR}.
 */
import { join } from "node:path";
import { z } from "zod";
import { readJsonArrayRows } from "./format.js";
import { formatLetteredOptions } from "./multipleChoice.js";
import type { DatasetItem } from "./types.js";

export { parseLetteredOptions, formatLetteredOptions, optionLetter, letterIndex } from "./multipleChoice.js";

export const AOKVQA_VAL_FILE = "aokvqa/aokvqa_v1p0_val.json";
/** Where COCO 2017 is unpacked relative to the data directory (`coco/val2017/000000123456.jpg`). */
export const AOKVQA_IMAGES_DIR = "coco";

export const AokvqaRowSchema = z
  .object({
    split: z.enum(["train", "val", "test"]),
    image_id: z.number().int().nonnegative(),
    question_id: z.string(),
    question: z.string(),
    choices: z.array(z.string()).min(2),
    correct_choice_idx: z.number().int(),
    direct_answers: z.array(z.string()),
    difficult_direct_answer: z.boolean(),
    rationales: z.array(z.string()).optional(),
  })
  .superRefine((row, context) => {
    // zod runs refinements after non-fatal issues too: check only a row whose fields have their types
    if (!Array.isArray(row.choices) || typeof row.correct_choice_idx !== "number") return;
    if (row.correct_choice_idx < 0 || row.correct_choice_idx >= row.choices.length) {
      context.addIssue({ code: "custom", path: ["correct_choice_idx"], message: `should index one of the ${row.choices.length} choices, got ${row.correct_choice_idx}` });
    }
  });

export type AokvqaRow = z.infer<typeof AokvqaRowSchema>;

/** What an A-OKVQA task carries: its COCO image, relative to {@link AOKVQA_IMAGES_DIR}. */
export interface AokvqaEnvironment {
  image: string;
}

/** The COCO 2017 path of an image, as allenai/aokvqa's `get_coco_path`: `<split>2017/<12-digit id>.jpg`. */
export function cocoImagePath(split: string, imageId: number): string {
  return `${split}2017/${String(imageId).padStart(12, "0")}.jpg`;
}

/** The task text: the question, then the choices as `A. ...` lines. */
export function aokvqaTaskText(row: Pick<AokvqaRow, "question" | "choices">): string {
  return `${row.question}\n${formatLetteredOptions(row.choices)}`;
}

export async function loadAokvqa(dataDir: string): Promise<DatasetItem<AokvqaRow>[]> {
  const rows = await readJsonArrayRows(join(dataDir, AOKVQA_VAL_FILE), AokvqaRowSchema);
  return rows.map(({ row, raw }) => ({
    id: `aokvqa-${row.question_id}`,
    question: aokvqaTaskText(row),
    gold: row.choices[row.correct_choice_idx],
    environment: { image: cocoImagePath(row.split, row.image_id) } satisfies AokvqaEnvironment,
    source: raw as AokvqaRow,
  }));
}
