/** Where benchmark files live: --data-dir, else LUMOS_DATA_DIR, else ./data. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.LUMOS_DATA_DIR ?? "data";
}
