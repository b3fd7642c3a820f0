/**
 * Python's `str.strip()`. The reference builds every prompt with it, and JavaScript's `trim()` differs on
 * a few code points (it strips U+FEFF; Python strips U+001C–U+001F and U+0085), which would change bytes.
 *
 * Linear time: two index scans, one slice. (A `[ws]+$` regex backtracks over every whitespace run that is
 * not at the end: 27 s for a line with 160,000 inner spaces.)
 */

/**
 * Whether a UTF-16 code unit is whitespace for Python's `str.strip()` (`str.isspace()`):
 * U+0009–U+000D, U+001C–U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
 * Every one is in the BMP, so code units and code points agree here.
 */
export function isPythonWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code >= 0x1c;
  if (code < 0x85) return false;
  if (code <= 0xa0) return code === 0x85 || code === 0xa0;
  if (code < 0x1680) return false;
  if (code === 0x1680) return true;
  if (code < 0x2000) return false;
  if (code <= 0x200a) return true;
  return code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
