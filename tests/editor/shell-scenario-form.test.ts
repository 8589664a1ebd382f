import { describe, expect, it } from 'vitest';
import {
  changeTargets,
  changesFromRows,
  parseValue,
  rowProblems,
  rowsFromChanges,
  type ChangeRow,
} from '../../src/editor/scenarios/changeForm';
import type { BlueprintDocument, ChangeSpec } from '../../src/sim/document';

const document: BlueprintDocument = {
  format: 'failpoint.blueprint',
  version: 2,
  parameters: { catchRate: { value: 0.6, label: 'Caught share' } },
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 's3',
      type: 'step',
      label: 'Waybill',
      reliability: 0.9,
      recovery: { catch: 'catchRate', label: 'Courier checks', duration: 2 },
    },
    { id: 's7', type: 'step', label: 'Loading', reliability: 0.95 },
    { id: 'd1', type: 'decision', label: 'Complete?' },
    { id: 'end', type: 'end', label: 'Delivered' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 's3' },
    { id: 'e2', source: 's3', target: 'd1' },
    { id: 'e3', source: 'd1', target: 's7', probability: 0.97 },
    { id: 'e4', source: 'd1', target: 's3', probability: 0.03 },
    { id: 'e5', source: 's7', target: 'end' },
  ],
};

describe('scenario form', () => {
  it('offers steps, decision edges and parameters', () => {
    const targets = changeTargets(document);
    expect(targets.steps.map((step) => step.id)).toEqual(['s3', 's7']);
    expect(targets.edges).toEqual([
      { id: 'e3', label: 'Complete? → Loading' },
      { id: 'e4', label: 'Complete? → Waybill' },
    ]);
    expect(targets.parameters).toEqual([{ id: 'catchRate', label: 'Caught share' }]);
  });

  it('reads numbers as numbers and anything else as an expression', () => {
    expect(parseValue(' 0.96 ')).toBe(0.96);
    expect(parseValue('1e-3')).toBe(0.001);
    expect(parseValue('catchRate + 0.1')).toBe('catchRate + 0.1');
  });

  it('turns rows into the changes of the file format, one change per step', () => {
    const rows: ChangeRow[] = [
      { kind: 'node', target: 's7', field: 'reliability', value: '0.99' },
      { kind: 'node', target: 's7', field: 'catch', value: '0.5' },
      { kind: 'node', target: 's3', field: 'catch', value: '0.8' },
      { kind: 'edge', target: 'e3', field: 'reliability', value: '0.99' },
      { kind: 'parameter', target: 'catchRate', field: 'reliability', value: '0.7' },
    ];
    expect(changesFromRows(rows, document)).toEqual([
      { node: 's7', set: { reliability: 0.99, recovery: { catch: 0.5 } } },
      // The baseline recovery keeps its label and duration; only the catch rate changes.
      {
        node: 's3',
        set: { recovery: { catch: 0.8, label: 'Courier checks', duration: 2 } },
      },
      { edge: 'e3', set: { probability: 0.99 } },
      { parameter: 'catchRate', value: 0.7 },
    ]);
  });

  it('edits existing changes without losing the fields it does not show', () => {
    // A duration given as a distribution is not a row of the form: it is kept as it was.
    const duration = { dist: 'triangular', min: 2, mode: 3, max: 8 } as const;
    const previous: ChangeSpec[] = [
      { node: 's7', set: { reliability: 0.97, duration, notes: 'faster' } },
      { node: 's3', set: { recovery: null } },
    ];
    const rows = rowsFromChanges(previous);
    expect(rows).toEqual([
      { kind: 'node', target: 's7', field: 'reliability', value: '0.97' },
      { kind: 'node', target: 's3', field: 'noRecovery', value: '' },
    ]);
    rows[0] = { ...rows[0], value: '0.99' };
    expect(changesFromRows(rows.slice(0, 1), document, previous)).toEqual([
      { node: 's7', set: { reliability: 0.99, duration, notes: 'faster' } },
    ]);
  });

  it('edits a duration or a cost given as a fixed amount', () => {
    const previous: ChangeSpec[] = [{ node: 's7', set: { duration: 5, cost: 'catchRate * 10' } }];
    const rows = rowsFromChanges(previous);
    expect(rows).toEqual([
      { kind: 'node', target: 's7', field: 'duration', value: '5' },
      { kind: 'node', target: 's7', field: 'cost', value: 'catchRate * 10' },
    ]);
    rows[0] = { ...rows[0], value: '4' };
    expect(changesFromRows(rows, document, previous)).toEqual([
      { node: 's7', set: { duration: 4, cost: 'catchRate * 10' } },
    ]);
  });

  it('reports rows without a value or a target', () => {
    expect(
      rowProblems([
        { kind: 'node', target: 's3', field: 'noRecovery', value: '' },
        { kind: 'node', target: 's3', field: 'reliability', value: ' ' },
        { kind: 'edge', target: '', field: 'reliability', value: '0.5' },
      ]),
    ).toEqual([
      { row: 1, problem: 'value' },
      { row: 2, problem: 'target' },
    ]);
  });
});
