/**
 * R-variable substitution by whole token. `R1` never touches `R10` or `R11` (the reference replaced
 * substrings and corrupted them).
 */

const VARIABLE_TOKEN = /(?<![A-Za-z0-9_])R\d+(?![A-Za-z0-9_])/g;

/** Variable names referenced in a text, in order of first appearance. */
export function referencedVariables(text: string): string[] {
  return [...new Set(text.match(VARIABLE_TOKEN) ?? [])];
}

/** Names that are referenced but have no value yet. */
export function undefinedVariables(text: string, values: Record<string, string>): string[] {
  return referencedVariables(text).filter((name) => !(name in values));
}

/**
 * Replaces every variable token with `render(value, name)`. Callers check `undefinedVariables` first;
 * an unknown name is left untouched.
 */
export function substituteVariables(
  text: string,
  values: Record<string, string>,
  render: (value: string, name: string) => string = (value) => value,
): string {
  return text.replace(VARIABLE_TOKEN, (name) => (name in values ? render(values[name], name) : name));
}

/** Highest-numbered R variable that has a value (`R12` beats `R9`), or undefined. */
export function lastVariable(values: Record<string, string>): string | undefined {
  let best: string | undefined;
  let bestNumber = -1;
  for (const name of Object.keys(values)) {
    const m = /^R(\d+)$/.exec(name);
    if (m && Number(m[1]) > bestNumber) {
      bestNumber = Number(m[1]);
      best = name;
    }
  }
  return best;
}
