/** The benchmark a command's --dataset names; an unknown name is a usage error (exit 2). */
import { DATASET_NAMES, getDataset, UnknownDatasetError, type DatasetSpec } from "../eval/benchmarks.js";
import { UsageError } from "./usageError.js";

export function datasetFromFlag(name: string | undefined): DatasetSpec {
  if (!name) throw new UsageError(`missing --dataset (one of ${DATASET_NAMES.join(", ")})`);
  try {
    return getDataset(name);
  } catch (error) {
    if (error instanceof UnknownDatasetError) throw new UsageError(error.message);
    throw error;
  }
}
