import { readdirSync, readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { readBpmn, writeBpmn } from '../src/document/bpmn';
import { compareScenarios, systemReliability } from '../src/sim/exact';
import type { BlueprintDocument } from '../src/sim/document';
import { parseBlueprint } from '../src/sim/parse';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.blueprint.json'));

function load(file: string) {
  const result = parseBlueprint(readFileSync(`examples/${file}`, 'utf8'));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.blueprint;
}

describe.each(EXAMPLES)('%s written as BPMN and read back', (file) => {
  const blueprint = load(file);

  it('gives the same document, field for field', async () => {
    const xml = await writeBpmn(blueprint.document);
    const read = await readBpmn(xml);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.diagnostics).toEqual([]);
    expect(read.report.notes.filter((n) => n.severity !== 'info')).toEqual([]);
    expect(read.document).toEqual(blueprint.document);
  });

  it('gives the same figures to 1e-12, scenarios included', async () => {
    const read = await readBpmn(await writeBpmn(blueprint.document));
    if (!read.ok) throw new Error('refused');
    const again = parseBlueprint(JSON.stringify(read.document));
    if (!again.ok) throw new Error(again.diagnostics.map((d) => d.message).join('\n'));
    expect(
      Math.abs(systemReliability(again.blueprint.model) - systemReliability(blueprint.model)),
    ).toBeLessThan(1e-12);
    const before = compareScenarios(blueprint.model, blueprint.scenarios);
    const after = compareScenarios(again.blueprint.model, again.blueprint.scenarios);
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
    after.forEach((row, i) =>
      expect(Math.abs(row.reliability - before[i].reliability)).toBeLessThan(1e-12),
    );
  });

  it('is read by plain bpmn-moddle without a warning, with lanes, boundary events and BPSim', async () => {
    const xml = await writeBpmn(blueprint.document);
    const { warnings, elementsById } = await new BpmnModdle().fromXML(xml);
    expect(warnings).toEqual([]);
    const lanes = Object.values(elementsById).filter((e) => e.$type === 'bpmn:Lane');
    const usedLanes = new Set(blueprint.document.nodes.map((n) => n.lane ?? 'backstage'));
    expect(lanes).toHaveLength(usedLanes.size);
    const shapes = Object.values(elementsById).filter((e) => e.$type === 'bpmndi:BPMNShape');
    const failureEdges = blueprint.document.edges.filter((e) => e.kind === 'failure');
    const failingSteps = new Set(failureEdges.map((e) => e.source));
    // One shape per node, per failure boundary event, per lane, and the pool.
    expect(shapes).toHaveLength(
      blueprint.document.nodes.length + failingSteps.size + lanes.length + 1,
    );
    const bpmnEdges = Object.values(elementsById).filter((e) => e.$type === 'bpmndi:BPMNEdge');
    expect(bpmnEdges).toHaveLength(blueprint.document.edges.length);
    const decisionEdges = blueprint.document.edges.filter((e) => e.probability !== undefined);
    expect((xml.match(/<bpsim:ElementParameters /g) ?? []).length).toBe(decisionEdges.length);
  });
});

describe('writing BPMN: what the examples do not show', () => {
  const awkward: BlueprintDocument = {
    format: 'failpoint.blueprint',
    version: 2,
    parameters: { p: { value: 0.25 } },
    nodes: [
      { id: '1 start', type: 'start' },
      { id: 'step one', type: 'step', label: 'First', reliability: { successes: 98, trials: 100 } },
      { id: 'd', type: 'decision', lane: 'support' },
      { id: 'a', type: 'step', reliability: '1 - p / 10', lane: 'customer' },
      { id: 'b', type: 'step' },
      { id: 'end', type: 'end', outcome: 'success' },
    ],
    edges: [
      { id: 'e1', source: '1 start', target: 'step one' },
      { id: 'e2', source: 'step one', target: 'd' },
      { id: 'e3', source: 'd', target: 'a', probability: 'p' },
      { id: 'e4', source: 'd', target: 'b', probability: '1 - p' },
      { id: 'e5', source: 'a', target: 'end' },
      { id: 'e6', source: 'b', target: 'end' },
    ],
  };

  it('keeps ids that are not XML names, expressions, observed data and explicit defaults', async () => {
    const document = JSON.parse(JSON.stringify(awkward)) as BlueprintDocument;
    const xml = await writeBpmn(document);
    expect(xml).toContain('id="fp_1_start"');
    expect(xml).toContain('id="fp_step_one"');
    // The BPSim copy of an expression probability is its value.
    expect(xml).toContain('<bpsim:FloatingParameter value="0.25" />');
    const read = await readBpmn(xml);
    if (!read.ok) throw new Error('refused');
    // Nodes without positions were laid out for the diagram, and get those positions back.
    const { nodes, ...rest } = read.document;
    const { nodes: originalNodes, ...originalRest } = document;
    expect(rest).toEqual(originalRest);
    expect(nodes.map((n) => ({ ...n, position: undefined }))).toEqual(
      originalNodes.map((n) => ({ ...n, position: undefined })),
    );
    for (const n of nodes) expect(n.position, n.id).toBeDefined();
  });

  it('writes a k-of-n join as a parallel gateway with k in the extension, and a failure end as an error end', async () => {
    const bank = load('bank-loan.blueprint.json').document;
    const xml = await writeBpmn(bank);
    const join = bank.nodes.find((n) => n.type === 'join' && n.k !== undefined)!;
    const k = join.type === 'join' ? join.k : undefined;
    const gateway = new RegExp(
      `<bpmn:parallelGateway id="${join.id}"[\\s\\S]*?</bpmn:parallelGateway>`,
    ).exec(xml)?.[0];
    expect(gateway).toContain(`<failpoint:fields k="${k}">`);
    const failureEnd = bank.nodes.find((n) => n.type === 'end' && n.outcome === 'failure')!;
    expect(xml).toMatch(
      new RegExp(`<bpmn:endEvent id="${failureEnd.id}"[\\s\\S]*?<bpmn:errorEventDefinition`),
    );
  });

  it("lets a modeller's later edits win: a renamed task, a task moved to another lane", async () => {
    const courier = load('courier.blueprint.json').document;
    const xml = (await writeBpmn(courier))
      .replace('name="Customer fills in the waybill"', 'name="Customer completes the waybill"')
      .replace(
        /(<bpmn:lane id="Lane_customer"[\s\S]*?)<bpmn:flowNodeRef>s3<\/bpmn:flowNodeRef>/,
        '$1',
      )
      .replace(
        /(<bpmn:lane id="Lane_backstage"[\s\S]*?)(<bpmn:flowNodeRef>)/,
        '$1<bpmn:flowNodeRef>s3</bpmn:flowNodeRef>$2',
      );
    const read = await readBpmn(xml);
    if (!read.ok) throw new Error('refused');
    const s3 = read.document.nodes.find((n) => n.id === 's3')!;
    expect(s3.label).toBe('Customer completes the waybill');
    expect(s3.lane).toBe('backstage');
    expect(s3.type === 'step' && s3.reliability).toBe(0.9);
  });
});
