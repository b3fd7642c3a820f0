/** An optional peer dependency a feature needs is not installed (a light module: the CLI's error handling imports it). */
export class MissingPeerDependencyError extends Error {
  override name = "MissingPeerDependencyError";
}
