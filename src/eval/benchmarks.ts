/**
 * The benchmark registry of the evaluation: the paper's nine benchmarks. Each entry says how to load it, which domain solves it, how it is scored,
 * what the paper scored (`--subset paper`), and, where a rule exists, how to derive gold programs for
 * the oracle backend. A dataset whose domain is not built yet would carry the reason (`unavailable`).
 */
import { gsm8kProgram } from "../programs/rules/gsm8k.js";
import { svampProgram } from "../programs/rules/svamp.js";
import type { GoldProgram } from "../programs/goldProgram.js";
import { hotpotAnswer, mathsAccuracy, yesNoAccuracy, type Metric } from "./metrics/index.js";
import type { ScoringSession } from "./metrics/types.js";
import { INTERCODE_SQL_SCORES, openInterCodeScorer } from "./metrics/interCodeSql.js";
import { interCodeSqlProgram } from "../programs/rules/intercodeSql.js";
import { ConfigurationError } from "../core/errors.js";
import { parseSqlUrl } from "../sql/sqlUrl.js";
import { loadGsm8k } from "../datasets/gsm8k.js";
import { loadHotpotQa, loadInterCodeSql, loadStrategyQa } from "../datasets/simpleLoaders.js";
import { loadSvamp, type SvampRow } from "../datasets/svamp.js";
import type { DatasetItem } from "../datasets/types.js";
import { existsSync, readFileSync } from "node:fs";
import { hotpotqaProgram } from "../programs/rules/hotpotqa.js";
import type { HotpotDistractorRow } from "../datasets/hotpotDistractor.js";
import { hotpotDistractorPath } from "../datasets/hotpotDistractor.js";
import { loadScienceQa, SCIENCEQA_IMAGES_DIR } from "../datasets/scienceqa.js";
import { AOKVQA_IMAGES_DIR, loadAokvqa } from "../datasets/aokvqa.js";
import { join } from "node:path";
import { scienceQaAccuracy } from "./metrics/scienceqa.js";
import { aokvqaAccuracy } from "./metrics/aokvqa.js";
import { mind2webMetric } from "./metrics/mind2web.js";
import { webshopMetric } from "./metrics/webshop.js";
import { loadWebShop, type WebShopSource } from "../datasets/webshop.js";
import { loadMind2Web, MIND2WEB_SPLITS } from "../datasets/mind2web.js";
import { mind2webProgram } from "../programs/rules/mind2web.js";

export interface DatasetSpec {
  name: string;
  title: string;
  /** Domain whose tools and protocol solve the tasks. */
  domain: string;
  metric: Metric;
  /**
   * Loads the items of `split` (one of `splits`, default its first) or of the dataset's one split. `setup`
   * carries the run's domain options (WebShop reads its goals' instructions from the site they name).
   */
  load(dataDir: string, split?: string, setup?: { domainOptions: Record<string, unknown> }): Promise<DatasetItem[]>;
  /** The splits `--split` may name, the default first, for datasets that have several. */
  splits?: readonly string[];
  /** What the paper scored. */
  paperSubset(items: DatasetItem[]): DatasetItem[];
  /** Gold programs for the oracle backend, where a rule derives them from the dataset's solutions. */
  /**
   * Gold programs for the oracle backend, where a rule derives them from the dataset's solutions, in item
   * order. Lazy: each is derived as it is read, so an evaluation starts before the last one is derived.
   */
  goldPrograms?(items: DatasetItem[], dataDir: string): Iterable<GoldProgram>;
  /** Undefined when `lumos eval` can run it; otherwise why not yet. */
  unavailable?: string;
  /** Domain options used unless the user gives them (e.g. HotpotQA's offline corpus when its file is present). */
  defaultDomainOptions?(dataDir: string): Record<string, unknown>;
  /**
   * For metrics that need resources (InterCode-SQL runs queries on the tasks' databases): opened with the
   * run's domain options, used instead of `metric` (same score names), and closed when scoring is done.
   */
  scorer?(setup: { dataDir: string; domainOptions: Record<string, unknown> }): Promise<ScoringSession>;
}

const all = (items: DatasetItem[]) => items;

/** The images folder in the data directory as the default --images-dir, when it is there. */
function imagesDirIfPresent(dir: string): { imagesDir?: string } {
  return existsSync(dir) ? { imagesDir: dir } : {};
}
const first = (n: number) => (items: DatasetItem[]) => items.slice(0, n);

/** `items.map(derive)`, each derived as it is read. */
function* lazily<T>(items: DatasetItem[], derive: (item: DatasetItem) => T): Generator<T> {
  for (const item of items) yield derive(item);
}

export const DATASETS: Record<string, DatasetSpec> = {
  gsm8k: {
    name: "gsm8k",
    title: "GSM8K",
    domain: "maths",
    metric: mathsAccuracy,
    load: (dir) => loadGsm8k(dir, "test"),
    paperSubset: all,
    goldPrograms: (items) => lazily(items, (i) => gsm8kProgram(i.id, i.question, (i.source as { answer: string }).answer)),
  },
  svamp: {
    name: "svamp",
    title: "SVAMP",
    domain: "maths",
    metric: mathsAccuracy,
    load: loadSvamp,
    paperSubset: all,
    goldPrograms: (items) => lazily(items, (i) => svampProgram(i.id, i.question, (i.source as SvampRow).Equation, i.gold)),
  },
  hotpotqa: {
    name: "hotpotqa",
    title: "HotpotQA",
    domain: "qa",
    metric: hotpotAnswer,
    load: loadHotpotQa,
    paperSubset: first(1000),
    // offline default: the distractor paragraphs of the first 100 dev questions (questions past them need --wikipedia or a corpus)
    // the rule needs supporting facts, which the data directory has for the first 100 dev questions
    goldPrograms: (items, dataDir) => {
      const path = hotpotDistractorPath(dataDir);
      if (!existsSync(path)) return [];
      const rows = new Map((JSON.parse(readFileSync(path, "utf8")) as HotpotDistractorRow[]).map((row) => [row.question, row]));
      return (function* () {
        for (const item of items) {
          const row = rows.get(item.question);
          if (row) yield hotpotqaProgram(item.id, row);
        }
      })();
    },
    defaultDomainOptions: (dataDir) => (existsSync(hotpotDistractorPath(dataDir)) ? { corpus: "hotpotqa-distractor" } : {}),
  },
  strategyqa: {
    name: "strategyqa",
    title: "StrategyQA",
    domain: "qa-yesno",
    metric: yesNoAccuracy,
    load: loadStrategyQa,
    paperSubset: first(300),
  },
  intercode_sql: {
    name: "intercode_sql",
    title: "InterCode-SQL",
    domain: "sql",
    metric: {
      names: INTERCODE_SQL_SCORES,
      score: () => {
        throw new Error("InterCode-SQL is scored by running queries: use the dataset's scorer");
      },
    },
    load: loadInterCodeSql,
    paperSubset: all,
    goldPrograms: (items) => lazily(items, interCodeSqlProgram),
    scorer: async ({ domainOptions }) => {
      const url = domainOptions.sqlUrl;
      if (typeof url !== "string") throw new ConfigurationError("InterCode-SQL is scored on the tasks' databases: pass --sql-url mysql://user@host:port (start a server with `lumos sql-server`)");
      const statementMs = domainOptions.sqlStatementMs;
      return openInterCodeScorer(parseSqlUrl(url), typeof statementMs === "number" ? { statementTimeoutMs: statementMs } : {});
    },
  },
  mind2web: {
    name: "mind2web",
    title: "Mind2Web",
    domain: "web",
    metric: mind2webMetric,
    load: (dir, split) => loadMind2Web(dir, split ?? MIND2WEB_SPLITS[0]),
    splits: MIND2WEB_SPLITS,
    // the paper reports the cross-domain split
    paperSubset: all,
    goldPrograms: (items) => lazily(items, mind2webProgram),
  },
  webshop: {
    name: "webshop",
    title: "WebShop",
    domain: "webshop",
    metric: webshopMetric,
    // the goals' instructions come from the site (--webshop-url), goals 0-499 unless --webshop-goals says otherwise
    load: (_dir, _split, setup) => loadWebShop(setup?.domainOptions ?? {}),
    paperSubset: (items) => items.filter((item) => (item.source as WebShopSource).goal < 500),
  },
  aokvqa: {
    name: "aokvqa",
    title: "A-OKVQA",
    domain: "multimodal",
    // multiple-choice accuracy (mapped and official strict) and the official direct-answer accuracy, val split
    metric: aokvqaAccuracy,
    load: loadAokvqa,
    paperSubset: all,
    // multiple choice compares option texts: the agent's answer is given as its option's text
    defaultDomainOptions: (dataDir) => ({ answerAs: "choice", ...imagesDirIfPresent(join(dataDir, AOKVQA_IMAGES_DIR)) }),
  },
  scienceqa: {
    name: "scienceqa",
    title: "ScienceQA",
    domain: "multimodal",
    // LLaVA's accuracy and ours; by category image / no-image
    metric: scienceQaAccuracy,
    load: loadScienceQa,
    defaultDomainOptions: (dataDir) => ({ answerAs: "letter", ...imagesDirIfPresent(join(dataDir, SCIENCEQA_IMAGES_DIR)) }),
    // the paper reported ScienceQA on the questions with an image (LLaVA's IMG-Accuracy subset)
    paperSubset: (items) => items.filter((item) => item.category === "image"),
  },
};


export const DATASET_NAMES = Object.keys(DATASETS);

export class UnknownDatasetError extends Error {
  override name = "UnknownDatasetError";
}

export function getDataset(name: string): DatasetSpec {
  const spec = DATASETS[name];
  if (!spec) throw new UnknownDatasetError(`unknown dataset "${name}" (known: ${DATASET_NAMES.join(", ")})`);
  return spec;
}
