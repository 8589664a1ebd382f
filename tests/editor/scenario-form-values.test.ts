/**
 * The scenario form checks each value as the inspector does, and the scenario list shows what
 * each value comes to.
 */
import { describe, expect, it } from 'vitest';
import {
  rowValueProblems,
  scenarioValueContext,
  type ChangeRow,
} from '../../src/editor/scenarios/changeForm';
import { describeChange } from '../../src/editor/scenarios/describe';
import { translator } from '../../src/editor/i18n';
import { sampleDocument } from './helpers';

const context = scenarioValueContext(sampleDocument());

function problemKeys(rows: ChangeRow[]): (string | undefined)[] {
  return rowValueProblems(rows, context).map((p) => ('message' in p ? p.message.key : undefined));
}

describe('the scenario form checks values', () => {
  it('refuses a probability above 1, an unknown parameter and a broken expression', () => {
    expect(
      problemKeys([
        { kind: 'node', target: 's3', field: 'reliability', value: '1.2' },
        { kind: 'node', target: 's3', field: 'catch', value: 'nowhere * 2' },
        { kind: 'edge', target: 'e4', field: 'reliability', value: '0.5 +' },
        { kind: 'node', target: 's3', field: 'duration', value: '-3' },
        // An amount is not a probability: 12 minutes is fine.
        { kind: 'node', target: 's3', field: 'cost', value: '12' },
      ]),
    ).toEqual([
      'editing.validation.probabilityRange',
      'editing.validation.unknownParameter',
      'editing.validation.syntax',
      'editing.validation.negative',
    ]);
  });

  it('accepts probabilities, expressions over the parameters, and any parameter value', () => {
    expect(
      rowValueProblems(
        [
          { kind: 'node', target: 's3', field: 'reliability', value: '0.97' },
          { kind: 'node', target: 's3', field: 'catch', value: 'base - 0.3' },
          { kind: 'node', target: 's3', field: 'noRecovery', value: '' },
          { kind: 'parameter', target: 'base', field: 'reliability', value: '12' },
        ],
        context,
      ),
    ).toEqual([]);
  });
});

describe('the scenario list', () => {
  it('shows what each value comes to', () => {
    const t = translator('en');
    const document = sampleDocument();
    expect(
      describeChange({ node: 's3', set: { reliability: 'base - 0.03' } }, document, t),
    ).toEqual(['Delivers: Reliability = base - 0.03 = 96%']);
    expect(describeChange({ node: 's3', set: { recovery: { catch: 0.6 } } }, document, t)).toEqual([
      'Delivers: Recovery catch rate = 60%',
    ]);
    expect(describeChange({ parameter: 'base', value: 0.95 }, document, t)).toEqual([
      'Parameter base (Base reliability) = 0.95',
    ]);
    expect(describeChange({ edge: 'e4', set: { probability: 'base' } }, document, t)).toEqual([
      'Branch ‘Address ok?’ → ‘Delivers’: probability = base = 99%',
    ]);
  });

  it('names targets without ids, in the interface language', () => {
    const document = sampleDocument();
    const unlabelled = {
      ...document,
      nodes: document.nodes.map((n) => (n.id === 's3' ? { ...n, label: undefined } : n)),
    };
    const [line] = describeChange(
      { node: 's3', set: { reliability: 0.9 } },
      unlabelled,
      translator('en'),
    );
    expect(line).not.toContain('s3');
    expect(line).toMatch(/^Step after ‘Address ok\?’: Reliability = 90%$/);
    expect(
      describeChange({ edge: 'e4', set: { probability: 0.5 } }, document, translator('zh')),
    ).toEqual(['分支 “Address ok?”→“Delivers”：概率 = 50%']);
  });
});
