/**
 * Python's `str.strip()`. The reference builds every prompt with it, and JavaScript's `trim()` differs on
 * a few code points (it strips U+FEFF; Python strips U+001C–U+001F and U+0085), which would change bytes.
 */
const PY_WHITESPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEADING = new RegExp(`^[${PY_WHITESPACE}]+`);
const TRAILING = new RegExp(`[${PY_WHITESPACE}]+$`);

export function pyStrip(text: string): string {
  return text.replace(LEADING, "").replace(TRAILING, "");
}
