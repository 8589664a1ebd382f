import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BPMN_NOTE_CODES,
  noteSentence,
  readBpmn,
  type ImportNote,
  type NoteKey,
  type ReadBpmnOptions,
} from '../src/document/bpmn';
import { computeLaneBands } from '../src/document/geometry';
import { systemReliability } from '../src/sim/exact';
import { parseBlueprint } from '../src/sim/parse';

const HAND = 'tests/fixtures/bpmn/hand';

async function read(file: string, options: ReadBpmnOptions = {}) {
  return readBpmn(new Uint8Array(readFileSync(`${HAND}/${file}`)), options);
}

async function imported(file: string, options: ReadBpmnOptions = {}) {
  const result = await read(file, options);
  if (!result.ok) {
    throw new Error(`${file} was refused: ${result.report.notes.map((n) => n.message).join(' ')}`);
  }
  return result;
}

function keys(notes: readonly ImportNote[]): NoteKey[] {
  return notes.map((n) => n.key);
}

function node(document: { nodes: { id: string }[] }, id: string) {
  const found = document.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found as Record<string, unknown>;
}

function edgesFrom(document: { edges: { source: string }[] }, source: string) {
  return document.edges.filter((e) => e.source === source) as Record<string, unknown>[];
}

describe('reading BPMN: the mapping rules', () => {
  it('maps tasks to steps, names to labels, documentation to notes, lanes by name, DI into the bands', async () => {
    const { document, report, diagnostics } = await imported('lanes-and-di.bpmn');
    expect(diagnostics).toEqual([]);
    expect(document.title).toBe('Restaurant order');
    expect(document.nodes.map((n) => [n.id, n.type, n.lane])).toEqual([
      ['Start', 'start', 'customer'],
      ['Choose', 'step', 'customer'],
      ['Take', 'step', 'frontstage'],
      ['Cook', 'step', 'backstage'],
      ['Serve', 'step', 'frontstage'],
      ['End', 'end', 'frontstage'],
    ]);
    expect(node(document, 'Choose')).toMatchObject({
      label: 'Guest orders',
      notes: 'Reads the menu and chooses.',
    });
    expect(keys(report.notes)).toContain('lane-default'); // Kitchen has no rule
    const bands = computeLaneBands(document.nodes);
    for (const n of document.nodes) {
      const band = bands.find((b) => b.lane === n.lane)!;
      expect(n.position!.y, n.id).toBeGreaterThanOrEqual(band.top);
      expect(n.position!.y, n.id).toBeLessThan(band.bottom);
    }
    // Left to right as drawn.
    const xs = document.nodes.map((n) => n.position!.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('takes an explicit lane map before the names, and says which entries matched nothing', async () => {
    const { document, report } = await imported('lanes-and-di.bpmn', {
      lanes: { kitchen: 'support', 'Front Office': 'backstage', Garden: 'customer' },
    });
    expect(node(document, 'Cook').lane).toBe('support');
    expect(node(document, 'Take').lane).toBe('backstage');
    expect(keys(report.notes)).not.toContain('lane-default');
    const unused = report.notes.filter((n) => n.key === 'lane-map-unused');
    expect(unused.map((n) => n.params)).toEqual([{ name: 'Garden' }]);
  });

  it('reads BPSim probabilities given in percent and BPSim processing times as durations (minutes)', async () => {
    const { document, report, diagnostics } = await imported('exclusive-bpsim.bpmn');
    expect(diagnostics).toEqual([]);
    expect(node(document, 'Valid').type).toBe('decision');
    expect(edgesFrom(document, 'Valid').map((e) => [e.id, e.label, e.probability])).toEqual([
      ['Yes', 'yes', 0.7],
      ['No', 'no', 0.3],
    ]);
    // The merge became nothing: both branches go straight to the end.
    expect(document.nodes.some((n) => n.id === 'Merge')).toBe(false);
    expect(edgesFrom(document, 'Pay')[0].target).toBe('End');
    expect(edgesFrom(document, 'Reject')[0].target).toBe('End');
    // Base time unit seconds: 60/120/300 s → 1/2/5 minutes.
    expect(node(document, 'Check').duration).toEqual({
      dist: 'triangular',
      min: 1,
      mode: 2,
      max: 5,
    });
    expect(node(document, 'Pay').duration).toEqual({ dist: 'fixed', value: 10 });
    const source = report.notes.find((n) => n.key === 'probability-source');
    expect(source?.params).toMatchObject({ source: 'bpsim', percent: true });
  });

  it('reads QBP executionProbability', async () => {
    const { document, report } = await imported('exclusive-qbp.bpmn');
    expect(edgesFrom(document, 'Kind').map((e) => e.probability)).toEqual([0.8, 0.2]);
    expect(report.notes.find((n) => n.key === 'probability-source')?.params).toMatchObject({
      source: 'qbp',
    });
  });

  it('reads Camunda probability properties and scales a sum that is a little off, listing it', async () => {
    const { document, report, diagnostics } = await imported('exclusive-camunda.bpmn');
    expect(diagnostics).toEqual([]);
    const [present, away] = edgesFrom(document, 'Home').map((e) => e.probability as number);
    expect(present).toBeCloseTo(0.7 / 0.99, 12);
    expect(away).toBeCloseTo(0.29 / 0.99, 12);
    const normalised = report.notes.find((n) => n.key === 'probability-normalised');
    expect(normalised?.code).toBe('BPMN018');
    expect(normalised?.params).toMatchObject({ source: 'camunda', sum: 0.99 });
  });

  it('gives an equal split when no probability is given, lays out a file without DI, and lists both', async () => {
    const { document, report, diagnostics } = await imported('exclusive-no-probabilities.bpmn');
    expect(diagnostics).toEqual([]);
    expect(edgesFrom(document, 'Where').map((e) => e.probability)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(keys(report.notes)).toEqual(
      expect.arrayContaining([
        'probability-equal-split',
        'no-diagram',
        'no-lane',
        'reliability-default',
      ]),
    );
    for (const n of document.nodes) expect(n.position, n.id).toBeDefined();
    expect(document.nodes.every((n) => n.lane === 'backstage')).toBe(true);
  });

  it('maps parallel splits to parallels, merges to joins, and a merging split to both', async () => {
    const { document, report, diagnostics } = await imported('parallel.bpmn');
    expect(diagnostics).toEqual([]);
    expect(node(document, 'Split').type).toBe('parallel');
    expect(node(document, 'Both').type).toBe('join');
    expect(node(document, 'Both_split').type).toBe('parallel');
    expect(edgesFrom(document, 'Both').map((e) => e.target)).toEqual(['Both_split']);
    expect(node(document, 'Join').type).toBe('join');
    expect(keys(report.notes)).toContain('gateway-both');
  });

  it('turns an error boundary event into the failure edge, drops a timer one, and error/terminate ends fail', async () => {
    const { document, report, diagnostics } = await imported('boundary-and-ends.bpmn');
    expect(diagnostics).toEqual([]);
    expect(node(document, 'Charge').reliability).toBe(0.97);
    expect(edgesFrom(document, 'Charge')).toEqual([
      { id: 'F2', source: 'Charge', target: 'Paid' },
      { id: 'F3', source: 'Charge', target: 'Retry', kind: 'failure' },
    ]);
    expect(node(document, 'Lost').outcome).toBe('failure');
    const dropped = report.notes.find((n) => n.key === 'boundary-dropped');
    expect(dropped?.params).toMatchObject({ element: { id: 'Slow' }, trigger: 'timer' });
    // Only the timer led to Apologise and to the terminate end: both are gone, and said so.
    expect(document.nodes.map((n) => n.id)).not.toContain('Apologise');
    const unreachable = report.notes.find((n) => n.key === 'unreachable-dropped');
    expect(unreachable?.params).toMatchObject({ count: 2 });
    expect(keys(report.notes)).toContain('terminate-end');
    // Counted after the unreachable were dropped: every node left, none of them in a lane.
    expect(report.notes.find((n) => n.key === 'no-lane')?.params).toEqual({
      count: document.nodes.length,
    });
    const parsed = parseBlueprint(JSON.stringify(document));
    expect(parsed.ok && systemReliability(parsed.blueprint.model)).toBeCloseTo(0.97, 12);
  });

  it('flattens an embedded sub-process, passes intermediate events through and joins link events', async () => {
    const { document, report, diagnostics } = await imported('subprocess-and-events.bpmn');
    expect(diagnostics).toEqual([]);
    const chain: string[] = [];
    let at = 'Start';
    while (at) {
      chain.push(at);
      at = (edgesFrom(document, at)[0]?.target as string) ?? '';
    }
    expect(chain).toEqual(['Start', 'Open', 'Swap', 'Test', 'End']);
    expect(keys(report.notes)).toEqual(
      expect.arrayContaining(['sub-process-flattened', 'intermediate-passed']),
    );
    expect(report.notes.find((n) => n.key === 'intermediate-passed')?.params).toEqual({ count: 3 });
  });

  it('imports a multi-instance task as one step and drops compensation, each listed', async () => {
    const { document, report } = await imported('multi-instance-and-compensation.bpmn');
    expect(document.nodes.map((n) => n.id)).toEqual(['Start', 'Review', 'End']);
    expect(keys(report.notes)).toEqual(
      expect.arrayContaining(['multi-instance', 'compensation-dropped', 'ignored-elements']),
    );
    expect(report.notes.filter((n) => n.key === 'compensation-dropped')).toHaveLength(2);
  });

  it('takes the pool with the most flow elements and says so, or the one asked for', async () => {
    const largest = await imported('several-pools.bpmn');
    expect(largest.report.process).toEqual({
      id: 'WarehousePool',
      kind: 'participant',
      name: 'Warehouse',
    });
    expect(largest.document.title).toBe('Warehouse');
    const chosen = largest.report.notes.find((n) => n.key === 'pool-chosen');
    expect(chosen?.params).toMatchObject({ nodes: 5, others: [{ id: 'CustomerPool' }] });
    expect(keys(largest.report.notes)).toContain('message-flows-ignored');
    const asked = await imported('several-pools.bpmn', { processId: 'CustomerPool' });
    expect(asked.document.nodes.map((n) => n.id)).toEqual(['ShopStart', 'Order', 'ShopEnd']);
    expect(keys(asked.report.notes)).not.toContain('pool-chosen');
    const byProcess = await imported('several-pools.bpmn', { processId: 'Shop' });
    expect(byProcess.document.nodes).toHaveLength(3);
    const missing = await read('several-pools.bpmn', { processId: 'Nope' });
    expect(missing.ok).toBe(false);
    expect(missing.report.notes[0].message).toContain('"Nope"');
  });

  it('decodes a file by the encoding its XML declaration gives', async () => {
    const { document, report } = await imported('latin1.bpmn');
    expect(node(document, 'Brew').label).toBe('Café au lait');
    expect(keys(report.notes)).not.toContain('parser-warning');
  });

  it('maps Chinese lane names by the rules', async () => {
    const lanes = ['客户', '前台', '后台', '支持'];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:process id="P">
    <bpmn:laneSet>${lanes.map((name, i) => `<bpmn:lane id="L${i}" name="${name}"><bpmn:flowNodeRef>T${i}</bpmn:flowNodeRef></bpmn:lane>`).join('')}</bpmn:laneSet>
    <bpmn:startEvent id="S" />
    ${lanes.map((_, i) => `<bpmn:task id="T${i}" />`).join('')}
    <bpmn:endEvent id="E" />
    <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="T0" />
    <bpmn:sequenceFlow id="F1" sourceRef="T0" targetRef="T1" />
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2" />
    <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="T3" />
    <bpmn:sequenceFlow id="F4" sourceRef="T3" targetRef="E" />
  </bpmn:process>
</bpmn:definitions>`;
    const result = await readBpmn(xml);
    if (!result.ok) throw new Error('refused');
    expect(['T0', 'T1', 'T2', 'T3'].map((id) => node(result.document, id).lane)).toEqual([
      'customer',
      'frontstage',
      'backstage',
      'support',
    ]);
  });
});

describe('reading BPMN: refusals name the elements', () => {
  it.each([
    ['refused-inclusiveGateway.bpmn', 'inclusive gateway "Which ones?" (Gate)'],
    ['refused-eventBasedGateway.bpmn', 'event based gateway "Which ones?" (Gate)'],
    ['refused-complexGateway.bpmn', 'complex gateway "Which ones?" (Gate)'],
  ])('%s is refused as content, naming the gateway', async (file, named) => {
    const result = await read(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.notBpmn).toBe(false);
    expect(result.report.notes.map((n) => n.code)).toEqual(['BPMN010']);
    expect(result.report.notes[0].message).toContain(named);
    expect(noteSentence(result.report.notes[0], 'zh')).toContain('“Which ones?”（Gate）');
  });

  it('refuses several start events, naming each', async () => {
    const result = await read('refused-several-starts.bpmn');
    expect(result.ok).toBe(false);
    const note = result.report.notes.find((n) => n.key === 'several-starts')!;
    expect(note.code).toBe('BPMN008');
    expect(note.message).toContain('"Customer phones" (Phone)');
    expect(note.message).toContain('"Customer books online" (Web)');
  });

  it('imports one of several start events when it is chosen, listing the others', async () => {
    const { document, report, diagnostics } = await imported('refused-several-starts.bpmn', {
      startId: 'Web',
    });
    expect(diagnostics).toEqual([]);
    expect(document.nodes.map((n) => [n.id, n.type])).toEqual([
      ['Web', 'start'],
      ['Book', 'step'],
      ['End', 'end'],
    ]);
    const chosen = report.notes.find((n) => n.key === 'start-chosen');
    expect(chosen?.code).toBe('BPMN042');
    expect(chosen?.params).toMatchObject({ chosen: { id: 'Web' }, others: [{ id: 'Phone' }] });
  });

  it('refuses XML that is not BPMN, and text that is not XML, as not BPMN at all', async () => {
    for (const [file, code] of [
      ['not-bpmn.xml', 'BPMN002'],
      ['not-xml.bpmn', 'BPMN001'],
    ] as const) {
      const result = await read(file);
      expect(result.ok, file).toBe(false);
      if (result.ok) continue;
      expect(result.notBpmn, file).toBe(true);
      expect(result.report.notes.map((n) => n.code)).toEqual([code]);
    }
  });

  it('reports bpmn-moddle warnings instead of swallowing them', async () => {
    const xml = readFileSync(`${HAND}/exclusive-qbp.bpmn`, 'utf8').replace(
      '<bpmn:task id="Answer"',
      '<bpmn:notAnElement /><bpmn:task id="Answer"',
    );
    const result = await readBpmn(xml);
    const warning = result.report.notes.find((n) => n.key === 'parser-warning');
    expect(warning?.code).toBe('BPMN004');
    expect(warning?.message).toContain('bpmn:notAnElement');
  });
});

/** The exact system reliability of an imported blueprint. */
function exactR(document: unknown): number {
  const parsed = parseBlueprint(JSON.stringify(document));
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join(' '));
  return systemReliability(parsed.blueprint.model);
}

describe('reading BPMN: parallel branches that end at their own end events', () => {
  it('gathers them into an added join needing every branch, then one end keeping their label', async () => {
    const { document, report, diagnostics } = await imported('parallel-own-ends.bpmn');
    expect(diagnostics).toEqual([]);
    expect(document.nodes.map((n) => [n.id, n.type])).toEqual([
      ['Start', 'start'],
      ['Split', 'parallel'],
      ['Pack', 'step'],
      ['Bill', 'step'],
      ['Split_join', 'join'],
      ['Split_end', 'end'],
    ]);
    expect(node(document, 'Split_join').k).toBeUndefined(); // every branch
    expect(node(document, 'Split_end')).toMatchObject({ label: 'Done' });
    expect(node(document, 'Split_end').outcome).toBeUndefined();
    expect(edgesFrom(document, 'Pack').map((e) => [e.id, e.target])).toEqual([
      ['F4', 'Split_join'],
    ]);
    expect(edgesFrom(document, 'Bill').map((e) => [e.id, e.target])).toEqual([
      ['F5', 'Split_join'],
    ]);
    expect(edgesFrom(document, 'Split_join').map((e) => e.target)).toEqual(['Split_end']);
    const joined = report.notes.filter((n) => n.key === 'parallel-ends-joined');
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({
      code: 'BPMN043',
      severity: 'approximation',
      params: {
        split: { id: 'Split', name: 'Both at once' },
        ends: [
          { id: 'PackedEnd', name: 'Done' },
          { id: 'BilledEnd', name: 'Done' },
        ],
        join: null,
      },
    });
    expect(joined[0].message).toContain('"Both at once" (Split)');
    expect(joined[0].message).toContain('"Done" (PackedEnd)');
    expect(noteSentence(joined[0], 'zh')).toContain('“Both at once”（Split）');
    expect(noteSentence(joined[0], 'zh')).toContain('BilledEnd');
    expect(exactR(document)).toBeCloseTo(0.72, 12);
  });

  it('keeps a failure end a failure: a step that always fails in its branch, not gathered', async () => {
    const { document, report, diagnostics } = await imported('parallel-failure-end.bpmn');
    expect(diagnostics).toEqual([]);
    expect(document.nodes.some((n) => n.id === 'Rejected')).toBe(false);
    expect(node(document, 'Rejected_fails')).toMatchObject({
      type: 'step',
      reliability: 0,
      label: 'Rejected',
    });
    expect(edgesFrom(document, 'Covered').map((e) => [e.target, e.probability])).toEqual([
      ['Split_join', 0.75],
      ['Rejected_fails', 0.25],
    ]);
    expect(edgesFrom(document, 'Rejected_fails').map((e) => e.target)).toEqual(['Split_join']);
    // Different labels: the added end names both.
    expect(node(document, 'Split_end').label).toBe('Settled / Notified');
    const joined = report.notes.find((n) => n.key === 'parallel-ends-joined');
    expect(joined?.params).toMatchObject({ ends: [{ id: 'Settled' }, { id: 'Notified' }] });
    const failing = report.notes.find((n) => n.key === 'parallel-failure-end');
    expect(failing).toMatchObject({
      code: 'BPMN044',
      severity: 'approximation',
      params: { split: { id: 'Split' }, end: { id: 'Rejected', kind: 'endEvent' } },
    });
    // Were the error end gathered as a success, R would be 0.72.
    expect(exactR(document)).toBeCloseTo(0.9 * 0.75 * 0.8, 12);
  });

  it('leads a branch ending on its own into the merge the other branches meet at', async () => {
    const { document, report, diagnostics } = await imported('parallel-end-and-merge.bpmn');
    expect(diagnostics).toEqual([]);
    expect(document.nodes.some((n) => n.id === 'KeysEnd')).toBe(false);
    expect(document.nodes.filter((n) => n.type === 'join').map((n) => n.id)).toEqual(['Merge']);
    expect(edgesFrom(document, 'Keys').map((e) => e.target)).toEqual(['Merge']);
    expect(report.notes.find((n) => n.key === 'parallel-ends-joined')?.params).toEqual({
      split: { id: 'Split', kind: 'parallelGateway', name: 'Moving day' },
      ends: [{ id: 'KeysEnd', kind: 'endEvent', name: 'Keys returned' }],
      join: { id: 'Merge', kind: 'parallelGateway', name: 'Van and flat ready' },
    });
    expect(exactR(document)).toBeCloseTo(0.9 * 0.8 * 0.95 * 0.5, 12);
  });

  it('gathers a nested split first, its join then leading into the outer one', async () => {
    const { document, report, diagnostics } = await imported('parallel-nested-ends.bpmn');
    expect(diagnostics).toEqual([]);
    expect(edgesFrom(document, 'Post').map((e) => e.target)).toEqual(['Inner_join']);
    expect(edgesFrom(document, 'Mail').map((e) => e.target)).toEqual(['Inner_join']);
    expect(edgesFrom(document, 'Inner_join').map((e) => e.target)).toEqual(['Outer_join']);
    expect(edgesFrom(document, 'Press').map((e) => e.target)).toEqual(['Outer_join']);
    expect(document.nodes.filter((n) => n.type === 'end').map((n) => [n.id, n.label])).toEqual([
      ['Outer_end', 'Posted / Mailed'],
    ]);
    const joined = report.notes.filter((n) => n.key === 'parallel-ends-joined');
    expect(joined.map((n) => n.params.split.id)).toEqual(['Inner', 'Outer']);
    // The outer note names the file's end events, those the inner join stands for included.
    expect(joined[1].params.ends.map((e) => e.id).sort()).toEqual(['Called', 'Mailed', 'Posted']);
    expect(exactR(document)).toBeCloseTo(0.9 * 0.8 * 0.7 * 0.5, 12);
  });

  it('refuses a branch that may reach the merge or end on its own, naming split, end and merge', async () => {
    const result = await read('refused-parallel-end-and-merge.bpmn');
    expect(result.ok).toBe(false);
    const refusals = result.report.notes.filter((n) => n.severity === 'refusal');
    expect(refusals.map((n) => n.code)).toEqual(['BPMN045']);
    expect(refusals[0].message).toContain('the parallel gateway "Refund" (Split)');
    expect(refusals[0].message).toContain('the end event "Binned" (Binned)');
    expect(refusals[0].message).toContain('the parallel gateway Merge');
    expect(noteSentence(refusals[0], 'zh')).toContain('结束事件“Binned”（Binned）');
  });

  it('imports the real files with such branches into valid blueprints', async () => {
    for (const [file, split, R] of [
      ['jbpm-escalation-boundary-no-di.bpmn', '_2', 1],
      // One branch reaches a terminate end (a failure) on one of two equal alternatives.
      ['miwg-signavio-B.1.0.bpmn', 'sid-1A381F5B-1BB0-459A-8C41-B865F3E4FE4E', 0.5],
    ] as const) {
      const bytes = new Uint8Array(readFileSync(`tests/fixtures/bpmn/real/${file}`));
      const result = await readBpmn(bytes);
      if (!result.ok) throw new Error(`${file} was refused`);
      expect(
        result.diagnostics.map((d) => d.message),
        file,
      ).toEqual([]);
      const joined = result.report.notes.find((n) => n.key === 'parallel-ends-joined');
      expect(joined?.params.split.id, file).toBe(split);
      expect(node(result.document, `${split}_join`).type, file).toBe('join');
      expect(exactR(result.document), file).toBeCloseTo(R, 12);
    }
  });
});

describe('the import report catalogue', () => {
  it('has a distinct code per note and sentences in both languages', async () => {
    const codes = Object.values(BPMN_NOTE_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    const { report } = await imported('boundary-and-ends.bpmn');
    for (const note of report.notes) {
      expect(noteSentence(note, 'en')).toBe(note.message);
      expect(noteSentence(note, 'zh')).not.toBe(note.message);
      expect(noteSentence(note, 'zh')).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

interface ManifestEntry {
  file: string;
  expected?: string;
  probabilities?: 'bpsim' | 'qbp' | 'camunda' | null;
  /** Per exclusive split, its outgoing flows' probabilities exactly as the file gives them. */
  branchProbabilities?: Record<string, Record<string, number | null>>;
}

const MANIFEST = 'tests/fixtures/bpmn/real/manifest.json';
const REAL: ManifestEntry[] = existsSync(MANIFEST)
  ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as { files: ManifestEntry[] }).files
  : [];

describe.runIf(REAL.length > 0)('real BPMN files from other modellers', () => {
  it.each(REAL.map((entry) => entry.file))(
    '%s imports into a valid blueprint or is refused with sentences naming elements',
    async (file) => {
      const bytes = new Uint8Array(readFileSync(`tests/fixtures/bpmn/real/${file}`));
      const result = await readBpmn(bytes);
      if (result.ok) {
        expect(result.diagnostics.map((d) => d.message)).toEqual([]);
        expect(result.document.nodes.length).toBeGreaterThan(1);
      } else {
        const refusals = result.report.notes.filter((n) => n.severity === 'refusal');
        expect(refusals.length).toBeGreaterThan(0);
        for (const note of refusals) expect(note.message).toMatch(/\(|"|[A-Za-z_][\w.-]*\d/);
      }
    },
  );
});

describe.runIf(REAL.length > 0)('branch probabilities of real files', () => {
  const withProbabilities = REAL.filter(
    (entry) =>
      entry.probabilities &&
      Object.keys(entry.branchProbabilities ?? {}).length > 0 &&
      entry.expected !== 'refuse',
  );

  it('covers BPSim, QBP and Camunda properties', () => {
    expect(new Set(withProbabilities.map((entry) => entry.probabilities))).toEqual(
      new Set(['bpsim', 'qbp', 'camunda']),
    );
  });

  it.each(withProbabilities.map((entry) => [entry.file, entry] as const))(
    '%s: each decision branch gets the file’s probability, scaled to sum to 1 per gateway',
    async (file, entry) => {
      const bytes = new Uint8Array(readFileSync(`tests/fixtures/bpmn/real/${file}`));
      const result = await readBpmn(bytes);
      if (!result.ok) throw new Error(`${file} was refused`);
      const edges = new Map(result.document.edges.map((edge) => [edge.id, edge]));
      for (const [gateway, flows] of Object.entries(entry.branchProbabilities ?? {})) {
        const given = Object.values(flows).filter((value): value is number => value !== null);
        const total = given.reduce((sum, value) => sum + value, 0);
        for (const [flow, value] of Object.entries(flows)) {
          if (value === null) continue;
          const edge = edges.get(flow);
          expect(edge?.source, `${flow} leaves ${gateway}`).toBe(gateway);
          expect(edge?.probability).toBeCloseTo(value / total, 12);
        }
      }
    },
  );
});

describe('reading BPMN never throws', () => {
  it.each(['boundary-and-ends.bpmn', 'subprocess-and-events.bpmn', 'lanes-and-di.bpmn'])(
    'answers a refusal or a blueprint for every truncation and mangling of %s',
    async (file) => {
      const text = readFileSync(`${HAND}/${file}`, 'utf8');
      // A fixed set of cuts and edits (no randomness): every 97th character, and ids swapped out.
      const variants: string[] = [];
      for (let at = 0; at < text.length; at += 97) variants.push(text.slice(0, at));
      variants.push(text.replaceAll('sourceRef="Charge"', 'sourceRef="Nowhere"'));
      variants.push(text.replaceAll('attachedToRef="Charge"', 'attachedToRef="Start"'));
      variants.push(text.replaceAll('<bpmn:startEvent id="Start" />', ''));
      variants.push(text.replace('targetRef="Paid"', 'targetRef="Charge"'));
      for (const variant of variants) {
        const result = await readBpmn(variant);
        if (!result.ok) {
          expect(result.report.notes.some((n) => n.severity === 'refusal')).toBe(true);
        } else {
          expect(result.document.nodes.length).toBeGreaterThan(0);
        }
      }
    },
  );
});
