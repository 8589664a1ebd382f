import { readdirSync, readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { readBpmn, writeBpmn } from '../src/document/bpmn';
import { compareScenarios, systemReliability } from '../src/sim/exact';
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
