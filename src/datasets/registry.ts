/**
 * The paper's nine benchmarks. Each entry says how to load it, which domain solves it, how it is scored,
 * what the paper scored (`--subset paper`), and, where a rule exists, how to derive gold programs for
 * the oracle backend. Datasets whose domain is not built yet are listed with the reason.
 */
import { gsm8kProgram } from "../annotation/rules/gsm8k.js";
import { svampProgram } from "../annotation/rules/svamp.js";
import type { GoldProgram } from "../annotation/goldProgram.js";
import { hotpotAnswer, mathsAccuracy, yesNoAccuracy, type Metric } from "../eval/metrics/index.js";
import { loadGsm8k } from "./gsm8k.js";
import { loadHotpotQa, loadInterCodeSql, loadStrategyQa } from "./simpleLoaders.js";
import { loadSvamp, type SvampRow } from "./svamp.js";
import type { DatasetItem } from "./types.js";
import { existsSync } from "node:fs";
import { hotpotDistractorPath, LocalCorpus } from "../qa/localCorpus.js";
import type { KnowledgeSource } from "../qa/knowledgeSource.js";

export interface DatasetSpec {
  name: string;
  title: string;
  /** Domain whose tools and protocol solve the tasks. */
  domain: string;
  metric: Metric;
  load(dataDir: string): Promise<DatasetItem[]>;
  /** What the paper scored. */
  paperSubset(items: DatasetItem[]): DatasetItem[];
  /** Gold programs for the oracle backend, where a rule derives them from the dataset's solutions. */
  goldPrograms?(items: DatasetItem[]): GoldProgram[];
  /** Undefined when `lumos eval` can run it; otherwise why not yet. */
  unavailable?: string;
  /** The offline knowledge source used when none is given (complex QA). */
  defaultKnowledge?(dataDir: string): Promise<KnowledgeSource | undefined>;
}

const all = (items: DatasetItem[]) => items;
const first = (n: number) => (items: DatasetItem[]) => items.slice(0, n);

function notYet(name: string, title: string, domain: string, reason: string): DatasetSpec {
  const fail = async (): Promise<DatasetItem[]> => {
    throw new Error(`${title}: ${reason}`);
  };
  return { name, title, domain, metric: mathsAccuracy, load: fail, paperSubset: all, unavailable: reason };
}

export const DATASETS: Record<string, DatasetSpec> = {
  gsm8k: {
    name: "gsm8k",
    title: "GSM8K",
    domain: "maths",
    metric: mathsAccuracy,
    load: (dir) => loadGsm8k(dir, "test"),
    paperSubset: all,
    goldPrograms: (items) => items.map((i) => gsm8kProgram(i.id, i.question, (i.source as { answer: string }).answer)),
  },
  svamp: {
    name: "svamp",
    title: "SVAMP",
    domain: "maths",
    metric: mathsAccuracy,
    load: loadSvamp,
    paperSubset: all,
    goldPrograms: (items) => items.map((i) => svampProgram(i.id, i.question, (i.source as SvampRow).Equation, i.gold)),
  },
  hotpotqa: {
    name: "hotpotqa",
    title: "HotpotQA",
    domain: "qa",
    metric: hotpotAnswer,
    load: loadHotpotQa,
    paperSubset: first(1000),
    // offline default: the distractor paragraphs of the first 100 dev questions (questions past them need --wikipedia or a corpus)
    defaultKnowledge: async (dataDir) => {
      const path = hotpotDistractorPath(dataDir);
      return existsSync(path) ? LocalCorpus.fromHotpotDistractor(path) : undefined;
    },
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
    metric: mathsAccuracy,
    load: loadInterCodeSql,
    paperSubset: all,
    unavailable: "the SQL domain (execution against the Spider databases, result-set comparison) is not built yet",
  },
  mind2web: notYet("mind2web", "Mind2Web", "web", "the web domain (CLICK/TYPE/SELECT over HTML, step success rate) is not built yet and its data is not in the data directory"),
  webshop: notYet("webshop", "WebShop", "webshop", "the WebShop domain (Search/FeatureRetrieve/Pick/Click against the WebShop environment) is not built yet"),
  aokvqa: notYet("aokvqa", "A-OKVQA", "multimodal", "the multimodal domain (image captions, multiple-choice accuracy) is not built yet"),
  scienceqa: notYet("scienceqa", "ScienceQA", "multimodal", "the multimodal domain (image captions, multiple-choice accuracy) is not built yet"),
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
