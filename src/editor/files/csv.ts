/**
 * CSV export of the results: RFC 4180 quoting, CRLF line ends, and a byte-order mark so
 * spreadsheet programs read Chinese labels as UTF-8. Text that a spreadsheet would take for a
 * formula is prefixed with an apostrophe.
 */

export type CsvCell = string | number | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  // A label from a file must not run as a spreadsheet formula when the CSV is opened.
  else text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first one the header) as CSV text. Numbers keep full precision. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return '\ufeff' + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
