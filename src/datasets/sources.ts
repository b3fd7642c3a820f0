/**
 * Canonical public locations of the benchmark files and their SHA-256 checksums (the files the paper's
 * code evaluated on: allenai/lumos data/eval, openai/grade-school-math, princeton-nlp/intercode; ScienceQA as
 * LLaVA evaluates it; A-OKVQA from allenai/aokvqa's download).
 */
export interface DataFile {
  /** Path under the data directory, `<dataset>/<file>`. */
  path: string;
  url: string;
  /** Expected SHA-256 (hex) of the file, or null when no stable checksum is known. */
  sha256: string | null;
  bytes?: number;
  /** When `url` is a .tar.gz archive: the archive member that is this file (a mirror serves the file itself). */
  archiveMember?: string;
}

const LUMOS = "https://raw.githubusercontent.com/allenai/lumos/main/data/eval";
/**
 * LLaVA distributes its ScienceQA test file (`llava_test_CQM-A.json`) inside `eval.zip` on Google Drive, which a
 * script cannot fetch; the same bytes are in the LLaVA repository at this commit (a pull request that committed
 * the evaluation folder), pinned by the checksum.
 */
const LLAVA_SCIENCEQA = "https://raw.githubusercontent.com/haotian-liu/LLaVA/32cebc3809441cc40d8ac7b2855d148308741f2a/playground/data/eval/scienceqa";

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
  scienceqa: [
    { path: "scienceqa/test_CQM-A.json", url: `${LLAVA_SCIENCEQA}/llava_test_CQM-A.json`, sha256: "a2dc5ea9fba561b0d0d8ecc80e688d3b0e1ff308e06c4f4f94cff86b20ec2f0a", bytes: 1932005 },
    {
      // image captions (vit-gpt2) for every ScienceQA image, keyed by problem id
      path: "scienceqa/captions.json",
      url: "https://raw.githubusercontent.com/lupantech/ScienceQA/main/data/captions.json",
      sha256: "764e45f2b62b843f629941695af58d2adcd5613a25b5a74b1352ccace618537e",
      bytes: 714559,
    },
  ],
  aokvqa: [
    // the official annotations archive (allenai/aokvqa README); no published checksum
    { path: "aokvqa/aokvqa_v1p0_val.json", url: "https://prior-datasets.s3.us-east-2.amazonaws.com/aokvqa/aokvqa_v1p0.tar.gz", archiveMember: "aokvqa_v1p0_val.json", sha256: null },
  ],
};

/** What `lumos data pull` cannot fetch for a dataset (images), and where the official downloads are. */
export const DATA_NOTES: Record<string, string> = {
  scienceqa:
    "images are not downloaded: fetch the test images with ScienceQA's own script (lupantech/ScienceQA tools/download.sh: " +
    "https://scienceqa.s3.us-west-1.amazonaws.com/images/test.zip) and unzip them in <data-dir>/scienceqa/images, so that " +
    "scienceqa/images/test/<id>/image.png exists (items without an image, and the captions, work without them)",
  aokvqa:
    "images are not downloaded: A-OKVQA uses COCO 2017 (allenai/aokvqa README: http://images.cocodataset.org/zips/val2017.zip " +
    "for the val split); unzip it in <data-dir>/coco, so that coco/val2017/<12-digit image id>.jpg exists",
};
