/** Where benchmark files live: --data-dir, else $LUMOS_DATA_DIR, else ./data. */
import { defaultDataDir } from "../config.js";

export function resolveDataDir(flag: string | undefined): string {
  return defaultDataDir(flag);
}
