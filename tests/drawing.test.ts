/**
 * The blueprint drawn as an SVG file: well-formed XML, the four lanes and three lines named,
 * one shape per node and one path per edge, labels kept as text, Chinese when asked. The file
 * is read back by a small strict XML reader (`xml-reader.ts`): the document room has no DOM,
 * and neither does the drawing's test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRAWING_TEXTS } from '../src/cli/export';
import { drawBlueprint, escapeXml, textWidth, wrapText } from '../src/document/drawing';
import { LANE_LINES, NODE_SIZES, computeLaneBands, edgeRoute } from '../src/document/geometry';
import type { BlueprintDocument } from '../src/sim/document';
import { parseBlueprint } from '../src/sim/parse';
import { all, parseXml, type XmlElement } from './xml-reader';

const hasClass = (name: string) => (e: XmlElement) =>
  (e.attributes.class ?? '').split(' ').includes(name);

function load(path: string): BlueprintDocument {
  const result = parseBlueprint(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(`${path} does not load`);
  return result.blueprint.document;
}

const EN = DRAWING_TEXTS.en;
const ZH = DRAWING_TEXTS.zh;

describe('drawBlueprint', () => {
  it('draws the courier as a well-formed SVG with four lanes, three lines, its nodes and edges', () => {
    const document = load('examples/courier.blueprint.json');
    const { svg, width, height } = drawBlueprint(document, { texts: EN });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attributes.version).toBe('1.1');
    expect([Number(root.attributes.width), Number(root.attributes.height)]).toEqual([
      width,
      height,
    ]);
    expect(root.attributes['font-family']).toBe('Noto Sans CJK SC');

    const titles = all(root, (e) => e.name === 'title');
    expect(titles.map((t) => t.text)).toEqual(['Courier pickup and delivery']);

    // Each lane's name, in capitals as on the canvas, possibly over several lines.
    const laneNames = all(root, hasClass('fp-lane-name')).map((e) => e.text);
    expect(laneNames.join(' ')).toBe('CUSTOMER FRONTSTAGE BACKSTAGE SUPPORT PROCESSES');
    expect(all(root, hasClass('fp-lane'))).toHaveLength(4);
    expect(all(root, hasClass('fp-lane-line'))).toHaveLength(3);
    expect(all(root, hasClass('fp-lane-line-name')).map((e) => e.text)).toEqual([
      'Line of interaction',
      'Line of visibility',
      'Line of internal interaction',
    ]);

    expect(all(root, hasClass('fp-node-shape'))).toHaveLength(document.nodes.length);
    expect(all(root, hasClass('fp-step'))).toHaveLength(10);
    expect(all(root, (e) => e.name === 'path' && hasClass('fp-edge')(e))).toHaveLength(
      document.edges.length,
    );
    expect(all(root, hasClass('fp-arrow'))).toHaveLength(document.edges.length);

    // Every step label and reliability is there as text.
    const texts = all(root, (e) => e.name === 'text').map((e) => e.text);
    const stepLabels = all(root, hasClass('fp-step-label')).map((e) => e.text);
    expect(stepLabels.join(' ')).toContain('Customer fills in the waybill');
    expect(texts).toContain('90%');
    expect(texts).toContain('95%');
  });

  it('places the lane bands where the canvas has them, below the name column', () => {
    const document = load('examples/courier.blueprint.json');
    const root = parseXml(drawBlueprint(document, { texts: EN }).svg);
    const bands = computeLaneBands(document.nodes);
    const drawn = all(root, hasClass('fp-lane'));
    const offset = Number(drawn[0].attributes.y) - bands[0].top;
    drawn.forEach((band, i) => {
      expect(Number(band.attributes.y) - offset).toBeCloseTo(bands[i].top, 5);
      expect(Number(band.attributes.height)).toBeCloseTo(bands[i].bottom - bands[i].top, 5);
    });
    // The lines lie on the tops of the second, third and fourth bands.
    const lines = all(root, hasClass('fp-lane-line'));
    LANE_LINES.forEach((line, i) => {
      const y = bands.find((b) => b.lane === line.between[1])!.top;
      expect(lines[i].attributes.d).toMatch(new RegExp(` ${y + offset}( |$)`));
    });
  });

  it('draws the empty lanes below the last used one thin when asked, and only those', () => {
    const courier = load('examples/courier.blueprint.json');
    const full = drawBlueprint(courier, { texts: EN });
    const compact = drawBlueprint(courier, { texts: EN, compactEmptyLanes: true });
    const heights = (svg: string) =>
      all(parseXml(svg), hasClass('fp-lane')).map((band) => Number(band.attributes.height));
    const before = heights(full.svg);
    const after = heights(compact.svg);
    // The courier has no support step: its band alone shrinks, to 44 px, and the picture with it.
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after[3]).toBe(44);
    expect(before[3]).toBeGreaterThan(44);
    expect(full.height - compact.height).toBe(before[3] - 44);
    expect(full.width).toBe(compact.width);
    // All four lane names and three lines are still drawn.
    expect(all(parseXml(compact.svg), hasClass('fp-lane-line'))).toHaveLength(3);
    expect(
      all(parseXml(compact.svg), hasClass('fp-lane-name'))
        .map((e) => e.text)
        .join(' '),
    ).toBe('CUSTOMER FRONTSTAGE BACKSTAGE SUPPORT PROCESSES');

    // An empty lane with a used lane below it keeps its height: its nodes stay in their band.
    const inSupport: BlueprintDocument = {
      ...courier,
      nodes: courier.nodes.map((node) =>
        node.lane === 'backstage'
          ? {
              ...node,
              lane: 'support',
              position: { x: node.position!.x, y: node.position!.y + 400 },
            }
          : node,
      ),
    };
    const bands = computeLaneBands(inSupport.nodes);
    expect(heights(drawBlueprint(inSupport, { texts: EN, compactEmptyLanes: true }).svg)).toEqual(
      bands.map((band) => band.bottom - band.top),
    );
  });

  it('names the lanes and lines in Chinese when asked, with a font that has Chinese', () => {
    const document = load('examples/courier.zh.blueprint.json');
    const { svg } = drawBlueprint(document, { texts: ZH });
    const root = parseXml(svg);
    expect(all(root, hasClass('fp-lane-name')).map((e) => e.text)).toEqual([
      '顾客',
      '前台',
      '后台',
      '支持过程',
    ]);
    expect(all(root, hasClass('fp-lane-line-name')).map((e) => e.text)).toEqual([
      '互动分界线',
      '可视分界线',
      '内部互动分界线',
    ]);
    expect(root.attributes['xml:lang']).toBe('zh-Hans');
    const style = all(root, (e) => e.name === 'style')[0].text;
    expect(style).toContain("'Noto Sans CJK SC'");
    const labels = all(root, hasClass('fp-step-label')).map((e) => e.text);
    expect(labels).toContain('客户填写相关单据');
    // No Chinese line name is set in italics: Chinese type has none.
    for (const name of all(root, hasClass('fp-lane-line-name'))) {
      expect(name.attributes['font-style']).toBeUndefined();
    }
  });

  it('keeps markup in labels and titles as text, and drops characters XML cannot hold', () => {
    const document: BlueprintDocument = {
      format: 'failpoint.blueprint',
      version: 2,
      title: '<script>alert("x")</script> & co',
      nodes: [
        { id: 'a', type: 'start', lane: 'customer', position: { x: 0, y: 40 } },
        {
          id: 's',
          type: 'step',
          lane: 'customer',
          label: 'Check <&> "quotes"\u0007',
          reliability: 0.9,
          position: { x: 120, y: 40 },
        },
        {
          id: 'z',
          type: 'end',
          lane: 'customer',
          label: "it's </text>",
          position: { x: 400, y: 40 },
        },
      ],
      edges: [
        { id: 'e1', source: 'a', target: 's' },
        { id: 'e2', source: 's', target: 'z', label: 'a < b' },
      ],
    };
    const { svg } = drawBlueprint(document, { texts: EN });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0007');
    const root = parseXml(svg);
    expect(all(root, (e) => e.name === 'script')).toHaveLength(0);
    expect(all(root, (e) => e.name === 'title')[0].text).toBe('<script>alert("x")</script> & co');
    const texts = all(root, (e) => e.name === 'text').map((e) => e.text);
    // The label may wrap over lines of the card (a text element each); its words come out as
    // written.
    const lines = all(root, hasClass('fp-step-label')).map((e) => e.text);
    expect(lines.join(' ')).toBe('Check <&> "quotes"');
    expect(texts).toContain("it's </text>");
    expect(texts).toContain('a < b');
    expect(escapeXml('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('draws each kind of node in its own shape and each kind of edge as the canvas does', () => {
    const document = load('examples/bank-loan.blueprint.json');
    const root = parseXml(drawBlueprint(document, { texts: EN }).svg);
    const count = (type: string) => document.nodes.filter((n) => n.type === type).length;
    expect(all(root, hasClass('fp-decision'))).toHaveLength(count('decision'));
    expect(all(root, (e) => e.name === 'polygon' && hasClass('fp-decision')(e))).toHaveLength(
      count('decision'),
    );
    expect(all(root, hasClass('fp-bar'))).toHaveLength(count('parallel') + count('join'));
    expect(all(root, (e) => e.name === 'circle' && hasClass('fp-start')(e))).toHaveLength(1);
    const failureEnds = all(root, hasClass('fp-end--failure'));
    expect(failureEnds).toHaveLength(1);
    expect(failureEnds[0].attributes.fill).toBe('#dc2626');
    const successEnds = all(root, (e) => hasClass('fp-end')(e) && !hasClass('fp-end--failure')(e));
    expect(successEnds[0].attributes.fill).not.toBe('#dc2626');

    const failureEdges = all(root, hasClass('fp-edge--failure'));
    expect(failureEdges).toHaveLength(document.edges.filter((e) => e.kind === 'failure').length);
    for (const edge of failureEdges) {
      expect(edge.attributes.stroke).toBe('#dc2626');
      expect(edge.attributes['stroke-dasharray']).toBeDefined();
    }
    const normalEdges = all(
      root,
      (e) => hasClass('fp-edge')(e) && !hasClass('fp-edge--failure')(e),
    );
    for (const edge of normalEdges) expect(edge.attributes['stroke-dasharray']).toBeUndefined();

    // Decision edges carry their percentage; the bank's two decisions split 85/15 and 80/20.
    const texts = all(root, (e) => e.name === 'text').map((e) => e.text);
    for (const percent of ['85%', '15%', '80%', '20%']) expect(texts).toContain(percent);
    // Joins say how many branches they wait for.
    expect(texts).toContain('≥2');
    expect(texts).toContain('all');
    // A recovery shows the share it catches in a badge.
    expect(all(root, hasClass('fp-badge')).length).toBe(
      document.nodes.filter((n) => n.type === 'step' && n.recovery).length,
    );
  });

  it('routes every edge from its source to its target, ending in an arrowhead at the target', () => {
    const document = load('examples/paint-360.blueprint.json');
    const { svg } = drawBlueprint(document, { texts: EN });
    const root = parseXml(svg);
    const arrows = all(root, hasClass('fp-arrow'));
    const nodes = new Map(document.nodes.map((n) => [n.id, n]));
    let handOffs = 0;
    document.edges.forEach((edge, i) => {
      const source = nodes.get(edge.source)!;
      const target = nodes.get(edge.target)!;
      const tip = arrows[i].attributes.points.split(' ')[0].split(',').map(Number);
      const at = { ...target, position: target.position! };
      // The arrow's tip touches the middle of the target's left side, or, for a hand-off from
      // the lane above or below, its top or bottom (in canvas coordinates, which the drawing's
      // groups shift into the picture): where the canvas's route ends.
      const end = edgeRoute({ ...source, position: source.position! }, at, edge.kind).at(-1)!;
      expect(tip[0]).toBeCloseTo(end.x, 1);
      expect(tip[1]).toBeCloseTo(end.y, 1);
      const left = end.x === target.position!.x;
      const middle = end.y === target.position!.y + NODE_SIZES[target.type].height / 2;
      const topOrBottom =
        end.y === target.position!.y ||
        end.y === target.position!.y + NODE_SIZES[target.type].height;
      expect((left && middle) || topOrBottom, edge.id).toBe(true);
      if (topOrBottom) handOffs++;
    });
    // paint-360 hands off between lanes within a stage (s2 → s3 and d1 → s4, for instance).
    expect(handOffs).toBeGreaterThan(0);
  });

  it('tints steps by their share of failures and marks the three largest fail points', () => {
    const document = load('examples/courier.blueprint.json');
    const shares = new Map([
      ['s7', 0.5],
      ['s3', 0.3],
      ['s2', 0.1],
      ['s5', 0.1],
    ]);
    const root = parseXml(drawBlueprint(document, { texts: EN, failShares: shares }).svg);
    const steps = all(root, hasClass('fp-step'));
    const fillOf = (id: string) =>
      steps[document.nodes.filter((n) => n.type === 'step').findIndex((n) => n.id === id)]
        .attributes.fill;
    // Strongest red for the largest share, lighter for smaller ones, white for none.
    const redness = (hex: string) => 255 - parseInt(hex.slice(3, 5), 16);
    expect(redness(fillOf('s7'))).toBeGreaterThan(redness(fillOf('s3')));
    expect(redness(fillOf('s3'))).toBeGreaterThan(redness(fillOf('s2')));
    expect(fillOf('s1')).toBe('#ffffff');
    expect(all(root, hasClass('fp-mark'))).toHaveLength(3);

    const plain = parseXml(drawBlueprint(document, { texts: EN }).svg);
    expect(all(plain, hasClass('fp-step')).every((s) => s.attributes.fill === '#ffffff')).toBe(
      true,
    );
    expect(all(plain, hasClass('fp-mark'))).toHaveLength(0);
  });

  it('lays out a blueprint whose nodes have no positions before drawing it', () => {
    const document: BlueprintDocument = {
      format: 'failpoint.blueprint',
      version: 2,
      nodes: [
        { id: 'start', type: 'start', lane: 'customer' },
        { id: 's1', type: 'step', lane: 'frontstage', reliability: 0.9 },
        { id: 'end', type: 'end', lane: 'backstage' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 's1' },
        { id: 'e2', source: 's1', target: 'end' },
      ],
    };
    const root = parseXml(drawBlueprint(document, { texts: EN }).svg);
    expect(all(root, hasClass('fp-node-shape'))).toHaveLength(3);
    expect(all(root, hasClass('fp-edge'))).toHaveLength(2);
    // Unlabelled nodes are named by their kind, as on the canvas; no title falls back too.
    const texts = all(root, (e) => e.name === 'text').map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['Start', 'End', 'Untitled step']));
    expect(all(root, (e) => e.name === 'title')[0].text).toBe('Untitled blueprint');
  });
});

describe('the XML reader of these tests', () => {
  it('refuses what is not well-formed', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow(/closes/);
    expect(() => parseXml('<svg><text>a < b</text></svg>')).toThrow();
    expect(() => parseXml('<svg><text>a & b</text></svg>')).toThrow(/bare "&"/);
    expect(() => parseXml('<svg a="1" a="2"/>')).toThrow(/twice/);
    expect(() => parseXml('<svg><text>\u0007</text></svg>')).toThrow(/control/);
    expect(() => parseXml('<svg>')).toThrow(/never closed/);
    expect(parseXml('<svg><text>a &amp; &lt;b&gt;</text></svg>').children[0].text).toBe('a & <b>');
  });
});

describe('text without a DOM', () => {
  it('sets Chinese full width and Latin narrower', () => {
    expect(textWidth('客户填写', 12)).toBe(48);
    expect(textWidth('abcd', 12)).toBeLessThan(36);
    expect(textWidth('abcd', 12, true)).toBeGreaterThan(textWidth('abcd', 12));
  });

  it('wraps at spaces, between Chinese characters, and cuts a word too long for a line', () => {
    const latin = wrapText('Courier collects the parcel at the door', 100, 12, false, 5);
    expect(latin.length).toBeGreaterThan(1);
    for (const line of latin) expect(textWidth(line, 12)).toBeLessThanOrEqual(100);
    expect(latin.join(' ')).toBe('Courier collects the parcel at the door');

    const chinese = wrapText('交接验货、到货处理并通知收件人', 60, 12, false, 5);
    expect(chinese.every((line) => textWidth(line, 12) <= 60)).toBe(true);
    expect(chinese.join('')).toBe('交接验货、到货处理并通知收件人');
    // Closing punctuation never starts a line.
    expect(chinese.some((line) => line.startsWith('、'))).toBe(false);

    const long = wrapText('Supercalifragilisticexpialidocious', 50, 12, false, 5);
    expect(long.length).toBeGreaterThan(1);
    expect(long.join('')).toBe('Supercalifragilisticexpialidocious');
  });

  it('ends the last line with an ellipsis when the text goes on', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 50, 12, false, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(textWidth(lines[1], 12)).toBeLessThanOrEqual(50);
  });
});
