import { fileURLToPath } from "node:url";

/** The shared benchmark files (never copied into the repository); LUMOS_DATA_DIR overrides. */
export const DATA_DIR = process.env.LUMOS_DATA_DIR ?? fileURLToPath(new URL("../../../shared/datasets", import.meta.url));
