/**
 * A table as CSV (RFC 4180: comma separated, CRLF line ends, quotes doubled). Cells come from
 * tickets and answers people wrote, so a cell a spreadsheet would run as a formula (=, +, -, @,
 * tab, carriage return first) is prefixed with an apostrophe and shows as the text it is.
 */
export type Cell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Cell): string {
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
