/**
 * Canonical public locations of the benchmark files and their SHA-256 checksums (the files the paper's
 * code evaluated on: allenai/lumos data/eval, openai/grade-school-math, princeton-nlp/intercode).
 */
export interface DataFile {
  /** Path under the data directory, `<dataset>/<file>`. */
  path: string;
  url: string;
  /** Expected SHA-256 (hex), or null when no stable checksum is published. */
  sha256: string | null;
  bytes?: number;
}

const LUMOS = "https://raw.githubusercontent.com/allenai/lumos/main/data/eval";

export const DATA_SOURCES: Record<string, DataFile[]> = {
  gsm8k: [
    { path: "gsm8k/test.jsonl", url: `${LUMOS}/gsm/test.jsonl`, sha256: "3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14", bytes: 749738 },
    {
      path: "gsm8k/train.jsonl",
      url: "https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/train.jsonl",
      sha256: "17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465",
      bytes: 4166206,
    },
  ],
  svamp: [{ path: "svamp/test.json", url: `${LUMOS}/svamp/test.json`, sha256: "5be77703a6d891ae476d7c082787ad361392aa02453b132516cdd5f4e7934e3e", bytes: 339970 }],
  hotpotqa: [
    { path: "hotpotqa/dev.json", url: `${LUMOS}/hotpotqa/test.json`, sha256: "05001dcdeb2b2b2243a88f23daaf8de9237494cd387e13bc25854d3e031101d3", bytes: 1179017 },
  ],
  strategyqa: [
    { path: "strategyqa/test.json", url: `${LUMOS}/strategyqa/test.json`, sha256: "bdce966d45be45b362e005af03ed0bf7ae2ed2c4a5f5a03955ec72b4df933637", bytes: 207408 },
  ],
  intercode_sql: [
    {
      path: "intercode_sql/ic_spider_dev.json",
      url: "https://raw.githubusercontent.com/princeton-nlp/intercode/master/data/sql/spider/ic_spider_dev.json",
      sha256: "68c9ecb0692c80770f46c724cc073ea76be4f301a294caa532c050546948128e",
      bytes: 1001475,
    },
    {
      // the MySQL dump of the 20 Spider dev databases, loaded by `lumos sql-server`
      path: "intercode_sql/ic_spider_dbs.sql",
      url: "https://raw.githubusercontent.com/princeton-nlp/intercode/master/data/sql/spider/ic_spider_dbs.sql",
      sha256: "61f6e8000cb5bb696f123fa55e111acdcd8da7eca64f452a36fd1a6e5fb1781a",
      bytes: 412090,
    },
  ],
};
