/**
 * The real BPMN files in `tests/fixtures/bpmn/real/` and their manifest must agree: every file
 * is listed and every listed file is there, each parses with plain bpmn-moddle, and the figures
 * the manifest gives (flow elements, pools, processes, DI, the default pool, parser warnings,
 * branch probabilities, the element a refusal names) are the ones the file holds. The importer's
 * tests lean on these figures, so they are recomputed here from the bytes rather than trusted.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';

const DIR = 'tests/fixtures/bpmn/real';

type ProbabilityKind = 'bpsim' | 'qbp' | 'camunda';

interface ManifestEntry {
  file: string;
  modeller: string;
  source: { repository: string; path: string; commit: string };
  licence: string;
  /** SHA-256 of the bytes as published, so an edit or a line-ending conversion shows. */
  sha256: string;
  encoding: string;
  byteOrderMark: boolean;
  flowElements: number;
  pools: number;
  processes: number;
  hasDI: boolean;
  defaultProcess: string | null;
  moddleWarnings: number;
  probabilities: ProbabilityKind | null;
  branchProbabilities?: Record<string, Record<string, number | null>>;
  expected: 'import' | 'refuse';
  refuse?: { element: string; type: string; reason: string };
  exercises: string;
}

const manifest = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')) as {
  files: ManifestEntry[];
};
const readme = readFileSync(`${DIR}/README.md`, 'utf8');
/** Files of the folder that describe the fixtures rather than being one. */
const NOT_FIXTURES = new Set(['README.md', 'manifest.json', '.gitattributes']);

/** Licences that allow keeping a copy in this repository with attribution. */
const PERMISSIVE = new Set([
  'Apache-2.0',
  'MIT',
  'BSD-3-Clause',
  'EPL-2.0',
  'CC-BY-3.0',
  'CC-BY-4.0',
]);

/** Constructs §7 refuses: a file expected to import must not hold one in its default process. */
const REFUSED_GATEWAYS = new Set([
  'bpmn:InclusiveGateway',
  'bpmn:EventBasedGateway',
  'bpmn:ComplexGateway',
]);

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasByteOrderMark(bytes: Buffer): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** The encoding the XML declaration names; XML's default is UTF-8. */
function declaredEncoding(bytes: Buffer): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  return /encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1] ?? 'UTF-8';
}

/** Decodes by the declared encoding, as the importer must (a byte-order mark is dropped). */
function decode(bytes: Buffer): string {
  return new TextDecoder(declaredEncoding(bytes)).decode(bytes);
}

function localName(type: string): string {
  return type.slice(type.indexOf(':') + 1);
}

function list(element: ModdleElement, property: string): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** Every moddle element reachable from `root`, extension elements moddle does not know included. */
function allElements(root: ModdleElement): ModdleElement[] {
  const seen = new Set<ModdleElement>();
  const stack = [root];
  while (stack.length > 0) {
    const element = stack.pop() as ModdleElement;
    if (seen.has(element)) continue;
    seen.add(element);
    for (const [key, value] of Object.entries(element)) {
      if (key === '$parent') continue;
      const values: unknown[] = Array.isArray(value) ? value : [value];
      for (const v of values) {
        if (v !== null && typeof v === 'object' && typeof (v as ModdleElement).$type === 'string') {
          stack.push(v as ModdleElement);
        }
      }
    }
  }
  return [...seen];
}

/** The flow elements of a process or sub-process, those inside sub-processes included. */
function flowElementsOf(container: ModdleElement): ModdleElement[] {
  return list(container, 'flowElements').flatMap((e) => [e, ...flowElementsOf(e)]);
}

function isFlowNode(element: ModdleElement): boolean {
  return element.$type !== 'bpmn:SequenceFlow' && !element.$type.startsWith('bpmn:Data');
}

/** Branch probabilities as the file gives them, by sequence flow id, for each kind present. */
function probabilitiesByKind(
  definitions: ModdleElement,
): Record<ProbabilityKind, Map<string, number>> {
  const found = {
    bpsim: new Map<string, number>(),
    qbp: new Map<string, number>(),
    camunda: new Map<string, number>(),
  };
  const children = (e: ModdleElement, name: string) =>
    (e.$children ?? []).filter((c) => localName(c.$type) === name);
  for (const element of allElements(definitions)) {
    const name = localName(element.$type);
    // BPSim: ElementParameters[elementRef] / ControlParameters / Probability / FloatingParameter[value]
    if (name === 'ElementParameters' && typeof element.elementRef === 'string') {
      for (const control of children(element, 'ControlParameters'))
        for (const probability of children(control, 'Probability'))
          for (const value of probability.$children ?? [])
            if (value.value !== undefined) found.bpsim.set(element.elementRef, Number(value.value));
    }
    // QBP (Apromore): processSimulationInfo / sequenceFlows / sequenceFlow[elementId, executionProbability]
    if (
      name === 'sequenceFlow' &&
      element.$type !== 'bpmn:SequenceFlow' &&
      typeof element.elementId === 'string' &&
      element.executionProbability !== undefined
    ) {
      found.qbp.set(element.elementId, Number(element.executionProbability));
    }
    // Camunda: a sequence flow's extensionElements / properties / property[name=probability]
    if (element.$type === 'bpmn:SequenceFlow' && typeof element.id === 'string') {
      const extensions = element.extensionElements as ModdleElement | undefined;
      for (const properties of extensions ? list(extensions, 'values') : [])
        if (localName(properties.$type) === 'properties')
          for (const property of children(properties, 'property'))
            if (property.name === 'probability')
              found.camunda.set(element.id, Number(property.value));
    }
  }
  return found;
}

interface Facts {
  flowElements: number;
  pools: number;
  processes: number;
  hasDI: boolean;
  defaultProcess: string | null;
  moddleWarnings: number;
  probabilities: ProbabilityKind | null;
  branchProbabilities?: Record<string, Record<string, number | null>>;
  /** Flow elements of the default process, by id, those inside its sub-processes included. */
  defaultElements: Map<string, ModdleElement>;
  /** Start events directly in the default process (a sub-process's own start does not count). */
  defaultStartEvents: number;
}

async function factsOf(bytes: Buffer): Promise<Facts> {
  const { rootElement: definitions, warnings } = await new BpmnModdle().fromXML(decode(bytes));
  const processes = list(definitions, 'rootElements').filter((r) => r.$type === 'bpmn:Process');
  const pools = list(definitions, 'rootElements')
    .filter((r) => r.$type === 'bpmn:Collaboration')
    .reduce((n, c) => n + list(c, 'participants').length, 0);
  const hasDI = list(definitions, 'diagrams').some((diagram) => {
    const plane = diagram.plane as ModdleElement | undefined;
    return plane !== undefined && list(plane, 'planeElement').length > 0;
  });
  // The pool the importer takes without --process: the process with the most flow nodes.
  let defaultProcess: ModdleElement | null = null;
  let most = -1;
  for (const process of processes) {
    const nodes = flowElementsOf(process).filter(isFlowNode).length;
    if (nodes > most) [defaultProcess, most] = [process, nodes];
  }
  const everyFlowElement = processes.flatMap(flowElementsOf);
  const byKind = probabilitiesByKind(definitions);
  const kind = (['bpsim', 'qbp', 'camunda'] as const).find((k) => byKind[k].size > 0) ?? null;
  const facts: Facts = {
    flowElements: everyFlowElement.length,
    pools,
    processes: processes.length,
    hasDI,
    defaultProcess: defaultProcess === null ? null : (defaultProcess.id as string),
    moddleWarnings: warnings.length,
    probabilities: kind,
    defaultElements: new Map(
      (defaultProcess ? flowElementsOf(defaultProcess) : []).map((e) => [e.id as string, e]),
    ),
    defaultStartEvents: defaultProcess
      ? list(defaultProcess, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent').length
      : 0,
  };
  if (kind !== null) {
    const branches: Record<string, Record<string, number | null>> = {};
    const outgoing = new Map<ModdleElement, ModdleElement[]>();
    for (const flow of everyFlowElement.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
      const source = flow.sourceRef as ModdleElement;
      outgoing.set(source, [...(outgoing.get(source) ?? []), flow]);
    }
    for (const [gateway, flows] of outgoing) {
      if (gateway.$type !== 'bpmn:ExclusiveGateway' || flows.length < 2) continue;
      branches[gateway.id as string] = Object.fromEntries(
        flows.map((f) => [f.id as string, byKind[kind].get(f.id as string) ?? null]),
      );
    }
    facts.branchProbabilities = branches;
  }
  return facts;
}

describe('the real BPMN fixtures', () => {
  it('lists exactly the files the folder holds', () => {
    const onDisk = readdirSync(DIR).filter((f) => !NOT_FIXTURES.has(f));
    expect([...onDisk].sort()).toEqual(manifest.files.map((e) => e.file).sort());
  });

  it('covers what the interchange needs: five modellers, a large file, pools, each probability source, no DI, refusals', () => {
    const importing = manifest.files.filter((e) => e.expected === 'import');
    expect(new Set(importing.map((e) => e.modeller.split(' ')[0])).size).toBeGreaterThanOrEqual(5);
    expect(manifest.files.some((e) => e.flowElements >= 500)).toBe(true);
    expect(manifest.files.some((e) => e.pools >= 2 && e.expected === 'import')).toBe(true);
    for (const kind of ['bpsim', 'qbp', 'camunda'] as const) {
      expect(
        importing.some((e) => e.probabilities === kind),
        kind,
      ).toBe(true);
    }
    expect(importing.some((e) => !e.hasDI)).toBe(true);
    expect(manifest.files.some((e) => e.expected === 'refuse')).toBe(true);
  });
});

describe.each(manifest.files)('$file', (entry) => {
  const bytes = readFileSync(`${DIR}/${entry.file}`);
  // Parsed once for the tests below; the large file takes about a second.
  let parsed: Promise<Facts> | undefined;
  const facts = () => (parsed ??= factsOf(bytes));

  it('names its source, a commit and a permissive licence, and the README lists it', () => {
    expect(entry.modeller.trim()).not.toBe('');
    expect(entry.source.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
    expect(entry.source.path.trim()).not.toBe('');
    expect(entry.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(PERMISSIVE.has(entry.licence), entry.licence).toBe(true);
    expect(readme).toContain(entry.file);
    expect(entry.exercises.trim()).not.toBe('');
  });

  it('is byte for byte the file its source published', () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
  });

  it('declares the encoding the manifest gives', () => {
    expect(declaredEncoding(bytes)).toBe(entry.encoding);
    expect(hasByteOrderMark(bytes)).toBe(entry.byteOrderMark);
  });

  it('parses with bpmn-moddle into the counts the manifest gives', async () => {
    const counted = await facts();
    expect({
      flowElements: counted.flowElements,
      pools: counted.pools,
      processes: counted.processes,
      hasDI: counted.hasDI,
      defaultProcess: counted.defaultProcess,
      moddleWarnings: counted.moddleWarnings,
      probabilities: counted.probabilities,
      branchProbabilities: counted.branchProbabilities,
    }).toEqual({
      flowElements: entry.flowElements,
      pools: entry.pools,
      processes: entry.processes,
      hasDI: entry.hasDI,
      defaultProcess: entry.defaultProcess,
      moddleWarnings: entry.moddleWarnings,
      probabilities: entry.probabilities,
      branchProbabilities: entry.branchProbabilities,
    });
  });

  it('expects what §7 says of its default process', async () => {
    const { defaultElements, defaultStartEvents } = await facts();
    if (entry.expected === 'refuse') {
      expect(entry.refuse?.reason.trim(), 'a refusal says why').toBeTruthy();
      const named = defaultElements.get(entry.refuse?.element ?? '');
      expect(named?.$type).toBe(entry.refuse?.type);
    } else {
      expect(entry.refuse).toBeUndefined();
      const refused = [...defaultElements.values()].filter((e) => REFUSED_GATEWAYS.has(e.$type));
      expect(refused.map((e) => `${e.$type} ${String(e.id)}`)).toEqual([]);
      expect(defaultStartEvents).toBe(1);
    }
  });
});
