/**
 * The command line's tables: columns as wide as their widest cell (in terminal columns, so
 * Chinese counts double), however many rows.
 */
import { describe, expect, it } from 'vitest';
import { table } from '../src/cli/format';

describe('a table of the command line', () => {
  it('pads each column to its widest cell, the header included, and aligns right on demand', () => {
    const text = table(
      [{ header: 'Step' }, { header: 'R', align: 'right' }],
      [
        ['s1', '0.99'],
        ['步骤十', '0.9'],
      ],
    );
    expect(text.split('\n')).toEqual([
      '  Step       R',
      '  ──────  ────',
      '  s1      0.99',
      '  步骤十   0.9',
      '',
    ]);
  });

  it('takes a million-node blueprint’s rows, the widest of them last', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`s${i}`, 'x']);
    rows.push(['the widest step of all', 'y']);
    const lines = table([{ header: 'Step' }, { header: 'V' }], rows).split('\n');
    expect(lines).toHaveLength(rows.length + 3);
    expect(lines[2]).toBe(`  s0${' '.repeat(22 - 2)}  x`);
    expect(lines[lines.length - 2]).toBe('  the widest step of all  y');
  });
});
