/** Where a CLI command writes (and, for interactive review, reads). */
import type { Readable } from "node:stream";

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Terminal input for interactive review; absent or not a TTY means "not interactive". */
  stdin?: Readable & { isTTY?: boolean };
}
