/**
 * A MySQL result cell as mysql-connector-python hands it to InterCode, written as Python's repr: integers as
 * int, DECIMAL as Decimal('...'), FLOAT/DOUBLE as float, dates and times as datetime objects, binary
 * strings as bytes, NULL as None, everything else as str. The server's text is the input, so nothing is
 * lost to JavaScript numbers on the way (a BIGINT or a DECIMAL keeps every digit).
 */
import { pythonBytes, pythonFloat, pythonStr } from "./pythonRepr.js";

/** What a cell's column says about it (mysql2's field packet). */
export interface CellColumn {
  /** mysql2's type name: LONG, NEWDECIMAL, VAR_STRING, ... */
  type: string;
  /** The column's character set number; 63 is binary. */
  characterSet?: number;
}

const BINARY_CHARSET = 63;
const INTEGER_TYPES = new Set(["TINY", "SHORT", "LONG", "LONGLONG", "INT24", "YEAR"]);
const DECIMAL_TYPES = new Set(["DECIMAL", "NEWDECIMAL"]);
const FLOAT_TYPES = new Set(["FLOAT", "DOUBLE"]);
const DATE_TYPES = new Set(["DATE", "NEWDATE"]);
const DATETIME_TYPES = new Set(["DATETIME", "DATETIME2", "TIMESTAMP", "TIMESTAMP2"]);
const TIME_TYPES = new Set(["TIME", "TIME2"]);

/**
 * `repr(Decimal(text))`: Python writes a decimal plainly when its exponent is at most 0 and its adjusted
 * exponent at least -6, else in scientific notation: `Decimal('12.5000')`, but `Decimal('1E-7')` for
 * 0.0000001 and `Decimal('0E-8')` for a DECIMAL(10,8) zero.
 */
export function decimalRepr(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return `Decimal(${pythonStr(text)})`;
  const sign = m[1] === "-" ? "-" : "";
  const whole = m[2];
  const fraction = m[3] ?? "";
  const exponent = -fraction.length;
  const digits = (whole + fraction).replace(/^0+(?=\d)/, "") || "0";
  const adjusted = exponent + digits.length - 1;
  if (exponent <= 0 && adjusted >= -6) return `Decimal('${sign}${whole.replace(/^0+(?=\d)/, "") || "0"}${fraction === "" ? "" : `.${fraction}`}')`;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `Decimal('${sign}${mantissa}E${adjusted < 0 ? "-" : "+"}${Math.abs(adjusted)}')`;
}

/** `datetime.date(2005, 1, 2)`; a zero or invalid date becomes None, as the connector returns. */
function dateRepr(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0 || Number(m[3]) === 0) return "None";
  return `datetime.date(${Number(m[1])}, ${Number(m[2])}, ${Number(m[3])})`;
}

/** `datetime.datetime(2005, 1, 2, 3, 4[, 5[, 120000]])`: seconds and microseconds only when not zero. */
function datetimeRepr(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0 || Number(m[3]) === 0) return "None";
  const parts = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = Number(m[6]);
  const micro = m[7] ? Number(m[7].padEnd(6, "0")) : 0;
  if (second !== 0 || micro !== 0) parts.push(second);
  if (micro !== 0) parts.push(micro);
  return `datetime.datetime(${parts.join(", ")})`;
}

/** A TIME value as Python's timedelta repr, normalised as Python does (days may be negative). */
function timeRepr(text: string): string {
  const m = /^(-)?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return pythonStr(text);
  const sign = m[1] ? -1 : 1;
  const micros = sign * ((Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) * 1_000_000 + (m[5] ? Number(m[5].padEnd(6, "0")) : 0));
  const perDay = 86_400 * 1_000_000;
  const days = Math.floor(micros / perDay);
  const rest = micros - days * perDay;
  const seconds = Math.floor(rest / 1_000_000);
  const microseconds = rest - seconds * 1_000_000;
  const fields = [
    days !== 0 ? `days=${days}` : "",
    seconds !== 0 ? `seconds=${seconds}` : "",
    microseconds !== 0 ? `microseconds=${microseconds}` : "",
  ].filter(Boolean);
  return `datetime.timedelta(${fields.length === 0 ? "0" : fields.join(", ")})`;
}

/** The repr of one cell from its raw bytes (null for SQL NULL). */
export function cellRepr(raw: Buffer | null, column: CellColumn): string {
  if (raw === null) return "None";
  const { type } = column;
  if (type === "BIT") return BigInt(`0x${raw.toString("hex") || "0"}`).toString();
  if (column.characterSet === BINARY_CHARSET && !INTEGER_TYPES.has(type) && !DECIMAL_TYPES.has(type) && !FLOAT_TYPES.has(type) && !DATE_TYPES.has(type) && !DATETIME_TYPES.has(type) && !TIME_TYPES.has(type)) {
    return pythonBytes(raw);
  }
  const text = raw.toString("utf8");
  // Python's int drops a YEAR's or a ZEROFILL column's leading zeros
  if (INTEGER_TYPES.has(type)) return /^-?\d+$/.test(text) ? BigInt(text).toString() : pythonStr(text);
  if (DECIMAL_TYPES.has(type)) return decimalRepr(text);
  if (FLOAT_TYPES.has(type)) return pythonFloat(Number(text));
  if (DATE_TYPES.has(type)) return dateRepr(text);
  if (DATETIME_TYPES.has(type)) return datetimeRepr(text);
  if (TIME_TYPES.has(type)) return timeRepr(text);
  return pythonStr(text);
}
