/** Plain-text formatting for the command line: aligned tables and numbers people read. */

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

/** Characters a terminal draws two columns wide (CJK ideographs, full-width forms). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Cuts text to a display width, ending with an ellipsis when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return out + '…';
}

/** Renders rows under a header line, columns separated by two spaces. */
export function table(columns: Column[], rows: string[][], indent = '  '): string {
  const widths = columns.map((c, i) => {
    // Folded rather than spread into Math.max, which overflows the stack past about 120,000
    // rows (the steps of a large blueprint).
    let width = displayWidth(c.header);
    for (const row of rows) width = Math.max(width, displayWidth(row[i] ?? ''));
    return width;
  });
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => pad(cell, widths[i], columns[i].align ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n') + '\n';
}

/** A probability with enough digits to see small differences: 0.765284. */
export function probability(value: number, digits = 6): string {
  return value.toFixed(digits);
}

/** A share as a percentage: 6.67 %. */
export function percent(value: number, digits = 2): string {
  return `${(value * 100).toFixed(digits)} %`;
}

/** A signed number: +0.051, −0.003. */
export function signed(value: number, digits = 3): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return ` ${text}`;
  return value < 0 ? `−${text}` : `+${text}`;
}

/** A signed percentage: +6.67 %. */
export function signedPercent(value: number, digits = 2): string {
  return `${signed(value * 100, digits)} %`;
}

/** A count with thousands separators: 2,347. */
export function count(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
