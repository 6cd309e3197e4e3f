// Renders statement results for a terminal (aligned plain-text tables) or for programs (`--json`).

export type Row = Record<string, unknown>;

/** What executing one statement produced; the formatter decides how it looks. */
export interface CliResult {
  /** Text mode only: which fields of the record (or of the rows) to show, in this order (default: every field). */
  columns?: string[];
  /** Text mode only: the rows' fields when a result has both a record and rows. */
  rowColumns?: string[];
  rows?: Row[];
  record?: Row;
  /** A one-line summary shown after the table in text mode. */
  message?: string;
  /** Something the operator must see whatever the output mode (goes to stderr). */
  warning?: string;
  /** What `--json` prints, when it should differ from the rows or the record. */
  json?: unknown;
}

export interface FormatOptions {
  json?: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") {
    // Normalise any offset to UTC so a column of dates lines up and sorts by eye.
    if (ISO_DATE.test(value)) {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return date.toISOString();
    }
    return value.replace(/\s*[\r\n]+\s*/g, " ");
  }
  if (Array.isArray(value)) return value.length === 0 ? "-" : value.map(formatValue).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function columnsOf(rows: Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

export function formatTable(rows: Row[], columns: string[] = columnsOf(rows)): string {
  if (columns.length === 0) return "";
  const cells = rows.map((row) => columns.map((column) => formatValue(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i].length)));
  // Counts read best right-aligned; everything else left-aligned.
  const numeric = columns.map((column) => {
    const values = rows.map((row) => row[column]).filter((v) => v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => typeof v === "number");
  });
  const render = (line: string[]): string =>
    line
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [render(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(render)].join("\n");
}

/** One object as two aligned columns, field then value. */
export function formatRecord(record: Row, fields: string[] = Object.keys(record)): string {
  const width = Math.max(0, ...fields.map((field) => field.length));
  return fields.map((field) => `${field.padEnd(width)}  ${formatValue(record[field])}`.trimEnd()).join("\n");
}

/** The text for stdout (without a trailing newline); empty when there is nothing to show. */
export function formatResult(result: CliResult, options: FormatOptions = {}): string {
  if (options.json) {
    // JSON Lines: one compact document per statement, so `--json` output streams into jq or a parser.
    const payload = result.json ?? result.rows ?? result.record ?? { message: result.message ?? "" };
    return JSON.stringify(payload);
  }
  const parts: string[] = [];
  if (result.record) parts.push(formatRecord(result.record, result.columns));
  if (result.rows) parts.push(formatTable(result.rows, result.record ? result.rowColumns : result.columns));
  if (result.message) parts.push(result.message);
  return parts.filter((part) => part !== "").join("\n");
}
