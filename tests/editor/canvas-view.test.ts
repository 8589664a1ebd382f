/**
 * The first view of a blueprint and how the canvas names its nodes: the frame and zoom a
 * blueprint opens at, the examples' layouts, and the accessible names in both languages.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowAdapter } from '../../src/editor/canvas/adapter';
import { NODE_SIZES, bandOf, computeLaneBands } from '../../src/document/geometry';
import { flowNames, percentForName } from '../../src/editor/canvas/names';
import {
  CAPTION_WIDTH,
  FIT_MAX_ZOOM,
  FRAME_PADDING,
  READABLE_ZOOM,
  blueprintFrame,
  viewportForFrame,
} from '../../src/editor/canvas/viewport';
import { translator } from '../../src/editor/i18n';
import { defaultPanelHeight } from '../../src/editor/shell/shellState';
import { EMPTY_SELECTION } from '../../src/editor/store/blueprint';
import type { BlueprintDocument } from '../../src/sim/document';
import { parseBlueprint } from '../../src/sim/parse';
import { sampleDocument } from './helpers';

const examplesFolder = new URL('../../examples/', import.meta.url);

function example(file: string): BlueprintDocument {
  const parsed = parseBlueprint(readFileSync(new URL(file, examplesFolder), 'utf8'));
  if (!parsed.ok) throw new Error(`${file} should be a valid blueprint.`);
  return parsed.blueprint.document;
}

const EXAMPLES = readdirSync(examplesFolder).filter((name) => name.endsWith('.blueprint.json'));

/**
 * The canvas of a 1440 × 900 window with the panels as they start: the window less the
 * palette (176) and the inspector (320) across; less the toolbar (48), the status bar (24) and
 * the analysis panel down.
 */
const LAPTOP_CANVAS = { width: 1440 - 176 - 320, height: 900 - 48 - 24 - defaultPanelHeight(900) };

const NO_CHANGES = { nodes: new Set<string>(), edges: new Set<string>() };

describe('the examples as drawn', () => {
  it.each(EXAMPLES)('%s keeps every node inside its own lane band, none overlapping', (file) => {
    const document = example(file);
    const bands = computeLaneBands(document.nodes);
    for (const node of document.nodes) {
      const band = bandOf(bands, node.lane ?? 'backstage');
      expect(node.position!.y, node.id).toBeGreaterThanOrEqual(band.top);
      expect(node.position!.y + NODE_SIZES[node.type].height, node.id).toBeLessThanOrEqual(
        band.bottom,
      );
    }
    const boxes = document.nodes.map((node) => ({
      id: node.id,
      ...node.position!,
      ...NODE_SIZES[node.type],
    }));
    for (const a of boxes) {
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
    }
  });

  it('draws the ten courier steps left to right in six stages, the same in English and in Chinese', () => {
    const english = example('courier.blueprint.json');
    const chinese = example('courier.zh.blueprint.json');
    const steps = english.nodes.filter((node) => node.type === 'step');
    expect(steps.map((node) => node.id)).toEqual(Array.from({ length: 10 }, (_, i) => `s${i + 1}`));
    // A hand-off to another lane keeps its column, directly below or above; a step in the
    // same lane moves one column right.
    for (let i = 1; i < steps.length; i++) {
      const [previous, step] = [steps[i - 1], steps[i]];
      if (step.lane === previous.lane) {
        expect(step.position!.x, step.id).toBeGreaterThan(previous.position!.x);
      } else {
        expect(step.position!.x, step.id).toBeGreaterThanOrEqual(previous.position!.x);
      }
    }
    expect(new Set(steps.map((step) => step.position!.x)).size).toBe(6);
    expect(chinese.nodes.map((node) => node.position)).toEqual(
      english.nodes.map((node) => node.position),
    );
  });

  it('opens the courier on a laptop with its four lanes whole, at a readable zoom', () => {
    const document = example('courier.blueprint.json');
    const bands = computeLaneBands(document.nodes);
    const frame = blueprintFrame(document.nodes, bands)!;
    const view = viewportForFrame(frame, LAPTOP_CANVAS, {
      padding: FRAME_PADDING,
      minZoom: READABLE_ZOOM,
      maxZoom: FIT_MAX_ZOOM,
    });
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const top = bands[0].top * view.zoom + view.y;
    const bottom = bands[3].bottom * view.zoom + view.y;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(bottom).toBeLessThanOrEqual(LAPTOP_CANVAS.height);
    // The start and the first steps are in view, right of the lane names.
    const start = document.nodes.find((node) => node.type === 'start')!;
    expect(start.position!.x * view.zoom + view.x).toBeGreaterThan(FRAME_PADDING.left);
    const third = document.nodes.find((node) => node.id === 's3')!;
    expect((third.position!.x + NODE_SIZES.step.width) * view.zoom + view.x).toBeLessThan(
      LAPTOP_CANVAS.width,
    );
  });
});

describe('the frame of a blueprint', () => {
  it('spans the four bands from top to bottom, however few lanes hold nodes', () => {
    const nodes = example('courier.blueprint.json').nodes;
    const bands = computeLaneBands(nodes);
    const frame = blueprintFrame(nodes, bands)!;
    expect(frame.y).toBe(bands[0].top);
    expect(frame.y + frame.height).toBe(bands[3].bottom);
    // The support lane holds no node of the courier, and is framed all the same.
    expect(nodes.some((node) => node.lane === 'support')).toBe(false);
  });

  it('makes room for the captions that are wider than their shapes', () => {
    const nodes = sampleDocument().nodes;
    const start = nodes.find((node) => node.type === 'start')!;
    const frame = blueprintFrame(nodes)!;
    const overhang = (CAPTION_WIDTH - NODE_SIZES.start.width) / 2;
    expect(frame.x).toBeLessThanOrEqual(start.position!.x - overhang);
  });

  it('is null for a blueprint without positions', () => {
    expect(blueprintFrame([{ id: 'a', type: 'step' }])).toBeNull();
  });
});

describe('the view of a frame', () => {
  const padding = { top: 10, right: 20, bottom: 10, left: 100 };
  const size = { width: 1000, height: 500 };

  it('centres a frame that fits, as large as it can be up to the largest zoom', () => {
    const view = viewportForFrame({ x: 0, y: 0, width: 440, height: 240 }, size, {
      padding,
      minZoom: 0.75,
      maxZoom: 5,
    });
    // 880 × 480 px of room: the height decides, 480 / 240.
    expect(view.zoom).toBe(2);
    expect(view.x).toBe(100 + (880 - 880) / 2);
    expect(view.y).toBe(10);

    const capped = viewportForFrame({ x: 0, y: 0, width: 100, height: 50 }, size, {
      padding,
      minZoom: 0.75,
      maxZoom: 1.25,
    });
    expect(capped.zoom).toBe(1.25);
    expect(capped.x + 50 * 1.25).toBeCloseTo(100 + 880 / 2, 9);
    expect(capped.y + 25 * 1.25).toBeCloseTo(10 + 480 / 2, 9);
  });

  it('stays readable for a long frame and shows its left end, centred vertically', () => {
    const frame = { x: -48, y: 0, width: 4000, height: 400 };
    const view = viewportForFrame(frame, size, { padding, minZoom: 0.75, maxZoom: 1.25 });
    expect(view.zoom).toBe(0.75);
    expect(frame.x * view.zoom + view.x).toBe(padding.left);
    expect(view.y + (frame.y + frame.height / 2) * view.zoom).toBeCloseTo(10 + 480 / 2, 9);
  });

  it('shows the part around the anchor of a frame too tall to read whole, kept inside it', () => {
    const frame = { x: 0, y: 0, width: 600, height: 3000 };
    const options = { padding, minZoom: 1, maxZoom: 1.25 };
    const middle = viewportForFrame(frame, size, { ...options, anchorY: 1500 });
    expect(middle.zoom).toBe(1);
    // The anchor sits in the middle of the 480 px of room.
    expect(1500 + middle.y).toBe(10 + 240);
    const top = viewportForFrame(frame, size, { ...options, anchorY: 30 });
    expect(top.y).toBe(10);
    const bottom = viewportForFrame(frame, size, { ...options, anchorY: 2990 });
    expect(3000 + bottom.y).toBe(490);
  });

  it('goes as far out as asked when everything must be seen', () => {
    const frame = { x: 0, y: 0, width: 8800, height: 640 };
    const view = viewportForFrame(frame, size, { padding, minZoom: 0.02, maxZoom: 1.25 });
    expect(view.zoom).toBeCloseTo(0.1, 12);
    expect(view.x).toBe(100);
  });
});

describe('the analysis panel at first', () => {
  it('takes about a quarter of the window, within sensible bounds', () => {
    expect(defaultPanelHeight(900)).toBe(243);
    expect(defaultPanelHeight(1080)).toBe(292);
    expect(defaultPanelHeight(2000)).toBe(380);
    // A window too short for a canvas and a panel keeps the canvas, and the panel's tabs.
    expect(defaultPanelHeight(300)).toBe(40);
  });
});

describe('the names of nodes and edges', () => {
  const english = flowNames(translator('en'), 'en');
  const chinese = flowNames(translator('zh'), 'zh');

  function namesOf(document: BlueprintDocument, names = english) {
    const adapter = new FlowAdapter();
    const input = {
      document,
      selection: EMPTY_SELECTION,
      dragPositions: null,
      changed: NO_CHANGES,
      names,
    };
    return {
      nodes: new Map(adapter.toNodes(input).map((node) => [node.id, node])),
      edges: new Map(adapter.toEdges(input).map((edge) => [edge.id, edge])),
    };
  }

  it('says what each node is and what its card shows, in English', () => {
    const { nodes } = namesOf(example('courier.blueprint.json'));
    expect(nodes.get('s3')!.ariaLabel).toBe(
      'Step: Customer fills in the waybill, reliability 90 %',
    );
    expect(nodes.get('start')!.ariaLabel).toBe('Start: Customer needs a parcel sent');
    expect(nodes.get('end')!.ariaLabel).toBe('End: Parcel delivered');
    expect(nodes.get('s3')!.domAttributes).toEqual({ 'aria-roledescription': 'node' });
  });

  it('names a recovery, decisions, bars and failure ends', () => {
    const { nodes } = namesOf(sampleDocument());
    expect(nodes.get('s3')!.ariaLabel).toMatch(/^Step: .+, reliability 90 %, recovery 60 %$/);
    expect(nodes.get('d1')!.ariaLabel).toMatch(/^Decision: /);
    expect(nodes.get('fail')!.ariaLabel).toMatch(/^Failure end: /);

    const bank = namesOf(example('bank-loan.blueprint.json')).nodes;
    expect(bank.get('p1')!.ariaLabel).toBe('Parallel split: Verify the application');
    expect(bank.get('j2')!.ariaLabel).toBe(
      'Join: Two of the three checks agree, at least 2 branches must succeed',
    );
    expect(bank.get('j1')!.ariaLabel).toBe('Join: Application verified, all branches must succeed');
  });

  it('calls an unnamed node by where it stands, not by its id', () => {
    const document = sampleDocument();
    document.nodes = document.nodes.map((node) =>
      node.id === 'd1' ? { ...node, label: '  ' } : node,
    );
    expect(namesOf(document).nodes.get('d1')!.ariaLabel).toBe(
      'Decision: Decision after ‘Collects’',
    );
  });

  it('names the nodes in Chinese, with the Chinese percent sign', () => {
    const { nodes, edges } = namesOf(example('courier.zh.blueprint.json'), chinese);
    expect(nodes.get('s3')!.ariaLabel).toBe('步骤：客户填写相关单据，可靠性 90%');
    expect(nodes.get('s3')!.domAttributes).toEqual({ 'aria-roledescription': '节点' });
    expect(edges.get('e1')!.ariaLabel).toMatch(/^从“客户需要寄件”到“客户电话要求快递服务”的连线$/);
  });

  it('names edges by their ends, with the probability of a decision edge', () => {
    const document = example('paint-360.blueprint.json');
    const { edges } = namesOf(document);
    expect(edges.get('e5')!.ariaLabel).toBe(
      'Edge from Customer wants to see more samples? to Quantity estimate, 80 %',
    );
    expect(edges.get('e11')!.ariaLabel).toBe(
      'Failure edge from Fast delivery to Missing items sent by express',
    );
  });

  it('renames what changed when a label or the language changes, and nothing else', () => {
    const adapter = new FlowAdapter();
    const document = example('courier.blueprint.json');
    const input = (doc: BlueprintDocument, names = english) => ({
      document: doc,
      selection: EMPTY_SELECTION,
      dragPositions: null,
      changed: NO_CHANGES,
      names,
    });
    const nodes = adapter.toNodes(input(document));
    const edges = adapter.toEdges(input(document));
    const renamed = {
      ...document,
      nodes: document.nodes.map((node) =>
        node.id === 's3' ? { ...node, label: 'Customer writes the waybill' } : node,
      ),
    };
    const nodesAfter = adapter.toNodes(input(renamed));
    const edgesAfter = adapter.toEdges(input(renamed));
    expect(nodesAfter.filter((node, i) => node !== nodes[i]).map((node) => node.id)).toEqual([
      's3',
    ]);
    // The two edges at s3 say its new name; the others are the same objects as before.
    const changedEdges = edgesAfter.filter((edge, i) => edge !== edges[i]);
    expect(changedEdges.map((edge) => [edge.source, edge.target])).toEqual([
      ['s2', 's3'],
      ['s3', 's4'],
    ]);
    expect(changedEdges[1].ariaLabel).toBe(
      'Edge from Customer writes the waybill to Goods checked, carriage mode confirmed',
    );

    const inChinese = adapter.toNodes(input(renamed, chinese));
    expect(inChinese.every((node, i) => node !== nodesAfter[i])).toBe(true);
    expect(inChinese.find((node) => node.id === 's1')!.ariaLabel).toMatch(/^步骤：/);
  });

  it('writes percentages the way each language does', () => {
    expect(percentForName(0.9, 'en')).toBe('90 %');
    expect(percentForName(0.9, 'zh')).toBe('90%');
    expect(percentForName(0.995, 'en')).toBe('99.5 %');
    expect(percentForName(0.000042, 'en')).toBe('0.0042 %');
    expect(percentForName(1, 'zh')).toBe('100%');
  });
});
