/**
 * The blueprint as a picture: a standalone SVG 1.1 file drawn from the document itself, the way
 * the canvas draws it (lane bands and their names, the three lines, every node in its shape,
 * every edge along its route) but without editing handles, selection or problem marks.
 *
 * Nothing here touches a DOM: text widths are estimated from the characters (CJK full width),
 * so the command line writes the same file as the app. The file keeps to what simple SVG
 * renderers understand (ImageMagick's own, print tools): opaque colours blended on white
 * instead of opacity, arrowheads as polygons instead of markers, one `<text>` per line, and a
 * single font family in the presentation attribute (a list there defeats such renderers), with
 * the full stack in a style sheet that browsers apply over it.
 */
import type { BlueprintDocument, NodeSpec, Position } from '../sim/document';
import { LANES, type Lane } from '../sim/model';
import {
  CAPTION_WIDTH,
  LANE_LINES,
  NODE_SIZES,
  bandOf,
  computeLaneBands,
  edgeRoute,
  laneOf,
  type LaneBand,
  type LaneLineName,
} from './geometry';
import { needsLayout, quickLayout, withPositions } from './layout';
import { formatPercent, parameterValues, probabilityValue, reliabilityValue } from './values';

/** The words a drawing shows that do not come from the blueprint, in the reader's language. */
export interface DrawingTexts {
  /** `en` draws lane names in capitals and line names in italics, as the canvas does; `zh` does not. */
  language: 'en' | 'zh';
  /** The four lane names. */
  lanes: Readonly<Record<Lane, string>>;
  /** The line of interaction, of visibility and of internal interaction. */
  lines: Readonly<Record<LaneLineName, string>>;
  /** Shown for a node without a label, by kind. */
  unlabelled: Readonly<{
    step: string;
    decision: string;
    parallel: string;
    join: string;
    start: string;
    end: string;
    failureEnd: string;
  }>;
  /** The picture's title when the blueprint has none. */
  untitledBlueprint: string;
  /** A reliability that cannot be evaluated (an expression with an unknown parameter). */
  notEvaluable: string;
  /** A join without `k`, which waits for all of its branches. */
  joinAll: string;
  /** The label of a failure edge without a label of its own. */
  failureEdge: string;
}

export interface DrawingOptions {
  texts: DrawingTexts;
  /**
   * Node id → share, 0–1, of all failures that happen there (the exact analysis's fail-point
   * shares). Steps are tinted by their share relative to the largest, as on the canvas, and the
   * three largest fail points are marked "F". Without it nothing is tinted.
   */
  failShares?: ReadonlyMap<string, number>;
  /**
   * Draw the lanes below the last one holding a node as thin bands (their name and line still
   * shown), so a small picture such as the report's spends its height on the steps. Off by
   * default: an exported drawing keeps the canvas's bands.
   */
  compactEmptyLanes?: boolean;
}

/** Height of an empty lane in a compact drawing, pixels: room for its name on two lines. */
const COMPACT_LANE_HEIGHT = 44;

/**
 * The bands with every lane after the last one holding a node made {@link COMPACT_LANE_HEIGHT}
 * tall. Only trailing lanes shrink: a lane with nodes below it keeps its place, or those nodes
 * would leave their band.
 */
function compactTrailingLanes(bands: readonly LaneBand[], nodes: readonly NodeSpec[]): LaneBand[] {
  const used = new Set(nodes.filter((node) => node.position).map((node) => laneOf(node)));
  let last = -1;
  bands.forEach((band, index) => {
    if (used.has(band.lane)) last = index;
  });
  if (last < 0) return [...bands];
  const compact = bands.slice(0, last + 1);
  let top = compact[compact.length - 1].bottom;
  for (const band of bands.slice(last + 1)) {
    compact.push({ lane: band.lane, top, bottom: top + COMPACT_LANE_HEIGHT });
    top += COMPACT_LANE_HEIGHT;
  }
  return compact;
}

/** An SVG file and its size in pixels (one pixel per canvas pixel). */
export interface Drawing {
  svg: string;
  width: number;
  height: number;
}

// ---- Style: the canvas's colours (canvas.css), blended on white where the canvas uses opacity.

const INK = '#1e293b';
const INK_SOFT = '#475569';
const EDGE = '#64748b';
const DANGER = '#dc2626';
const OK = '#16a34a';
const RULE = '#cbd5e1';

/** Band colours: the canvas's 6 % tints of blue, green, amber and violet, on white. */
export const LANE_FILLS: Readonly<Record<Lane, string>> = {
  customer: '#f3f8fe',
  frontstage: '#f1fbf7',
  backstage: '#fef9f0',
  support: '#f8f5fe',
};

/** The lane-name column's stronger tints of the same four colours. */
export const LANE_LABEL_FILLS: Readonly<Record<Lane, string>> = {
  customer: '#dbeafe',
  frontstage: '#d1fae5',
  backstage: '#fef3c7',
  support: '#ede9fe',
};

/** The family simple renderers get (one name); fontconfig finds it on Debian and most Linux. */
const FONT_FAMILY = 'Noto Sans CJK SC';
/** The stack browsers get, so Chinese finds a font on macOS and Windows too. */
const FONT_STACK =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif";

/** Width of the lane-name column at the left, in pixels (the canvas's `--fp-label-column`). */
const LABEL_COLUMN = 116;
/** Free space around the drawing, in pixels. */
const MARGIN = 40;
/** Corner radius of edge bends, in pixels (the canvas's smooth-step radius). */
const BEND_RADIUS = 10;
const ARROW_LENGTH = 10;
const ARROW_HALF_WIDTH = 5;
/** Width of the caption under decisions, bars and circles, in pixels. */
const CAPTION_SIZE = 11;
const CAPTION_LINE = 13.75;

// ---- Text ---------------------------------------------------------------------------------

/** Characters XML 1.0 cannot hold at all; they are dropped from labels. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are what is removed
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data or an attribute value: markup escaped, impossible characters dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Whether a character is set full width: CJK ideographs, kana, hangul, full-width forms. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/** Advance of one character in em, estimated for a humanist sans serif such as Noto Sans. */
function advance(char: string): number {
  const code = char.codePointAt(0)!;
  if (isWide(code)) return 1;
  if (char === ' ') return 0.26;
  if ("iljI.,:;'!|".includes(char)) return 0.26;
  if ('ftr()[]{}"/\\-'.includes(char)) return 0.36;
  if ('mwMW%@'.includes(char)) return 0.86;
  if (char >= 'A' && char <= 'Z') return 0.64;
  if (char >= '0' && char <= '9') return 0.56;
  return 0.54;
}

/**
 * Estimated width of `text` set at `size` pixels, in pixels. Bold text is a little wider. Errs
 * on the wide side so that wrapped text stays inside its box.
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const char of text) em += advance(char);
  return em * size * (bold ? 1.06 : 1);
}

/** Closing punctuation that must not start a line (it stays with the character before it). */
const NO_LINE_START = new Set('，。、：；！？）》」』】〉”’,.;:!?)]}%');

/** Splits text into pieces a line may break between: words, and single wide characters. */
function breakableUnits(text: string): { text: string; spaceBefore: boolean }[] {
  const units: { text: string; spaceBefore: boolean }[] = [];
  let word = '';
  let space = false;
  let pendingSpace = false;
  const flush = () => {
    if (word) units.push({ text: word, spaceBefore: space });
    word = '';
    space = false;
  };
  for (const char of text) {
    if (/\s/.test(char)) {
      flush();
      pendingSpace = true;
      continue;
    }
    const wide = isWide(char.codePointAt(0)!);
    if (NO_LINE_START.has(char) && !word && units.length > 0 && !pendingSpace) {
      units[units.length - 1].text += char;
      continue;
    }
    if (wide) {
      flush();
      units.push({ text: char, spaceBefore: pendingSpace });
    } else {
      if (!word) space = pendingSpace;
      word += char;
    }
    pendingSpace = false;
  }
  flush();
  return units;
}

/**
 * Lays `text` out in lines no wider than `width` pixels: breaks at spaces and between wide
 * characters, cuts a word longer than a line, and ends the last of `maxLines` lines with "…"
 * when the text goes on.
 */
export function wrapText(
  text: string,
  width: number,
  size: number,
  bold: boolean,
  maxLines: number,
): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (candidate: string) => textWidth(candidate, size, bold) <= width;
  for (const unit of breakableUnits(text)) {
    const joined = line ? `${line}${unit.spaceBefore ? ' ' : ''}${unit.text}` : unit.text;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    // A word longer than the line is cut where it reaches the edge.
    for (const char of unit.text) {
      if (line && !fits(line + char)) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && !fits(`${last}…`)) last = Array.from(last).slice(0, -1).join('');
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

// ---- Drawing primitives -------------------------------------------------------------------

/** A coordinate as written: at most two decimals. */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

interface TextStyle {
  size: number;
  fill: string;
  weight?: 'normal' | 'bold';
  italic?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  className?: string;
}

function textElement(x: number, y: number, content: string, style: TextStyle): string {
  const attributes = [
    style.className ? `class="${style.className}"` : '',
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    `font-size="${style.size}"`,
    style.weight === 'bold' ? 'font-weight="bold"' : '',
    style.italic ? 'font-style="italic"' : '',
    style.anchor && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    `fill="${style.fill}"`,
    // Simple renderers stroke text black unless told not to.
    'stroke="none"',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

/** Lines of text, the first baseline at `y`, `lineHeight` pixels apart. */
function textLines(
  x: number,
  y: number,
  lines: readonly string[],
  lineHeight: number,
  style: TextStyle,
): string {
  return lines.map((line, i) => textElement(x, y + i * lineHeight, line, style)).join('');
}

function rect(
  x: number,
  y: number,
  width: number,
  height: number,
  fill: string,
  extra = '',
): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${fill}"${extra ? ` ${extra}` : ' stroke="none"'}/>`;
}

/** A colour `amount` (0–1) of the way from white to `hex`: an opacity on a white ground. */
function onWhite(hex: string, amount: number): string {
  const channel = (i: number) => {
    const value = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(255 - (255 - value) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** A polyline with its bends rounded, as an SVG path. */
function roundedPath(points: readonly Position[]): string {
  const route = points.filter(
    (p, i) => i === 0 || p.x !== points[i - 1].x || p.y !== points[i - 1].y,
  );
  let d = `M ${num(route[0].x)} ${num(route[0].y)}`;
  for (let i = 1; i < route.length - 1; i++) {
    const [a, corner, b] = [route[i - 1], route[i], route[i + 1]];
    const inLength = Math.hypot(corner.x - a.x, corner.y - a.y);
    const outLength = Math.hypot(b.x - corner.x, b.y - corner.y);
    const r = Math.min(BEND_RADIUS, inLength / 2, outLength / 2);
    const before = {
      x: corner.x - ((corner.x - a.x) / inLength) * r,
      y: corner.y - ((corner.y - a.y) / inLength) * r,
    };
    const after = {
      x: corner.x + ((b.x - corner.x) / outLength) * r,
      y: corner.y + ((b.y - corner.y) / outLength) * r,
    };
    d += ` L ${num(before.x)} ${num(before.y)} Q ${num(corner.x)} ${num(corner.y)} ${num(after.x)} ${num(after.y)}`;
  }
  const last = route[route.length - 1];
  return `${d} L ${num(last.x)} ${num(last.y)}`;
}

// ---- The picture --------------------------------------------------------------------------

/** Everything drawn, in canvas coordinates, collected before the picture's size is known. */
interface Layer {
  parts: string[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function include(layer: Layer, x: number, y: number, width = 0, height = 0): void {
  layer.minX = Math.min(layer.minX, x);
  layer.minY = Math.min(layer.minY, y);
  layer.maxX = Math.max(layer.maxX, x + width);
  layer.maxY = Math.max(layer.maxY, y + height);
}

/** Heat of the nodes: tint strength (0–1, as the canvas rounds it) and the top three ranks. */
function heatOf(shares: ReadonlyMap<string, number> | undefined) {
  const intensity = new Map<string, number>();
  const rank = new Map<string, number>();
  if (!shares) return { intensity, rank };
  const ranked = [...shares].filter(([, share]) => share > 0).sort((a, b) => b[1] - a[1]);
  const largest = ranked[0]?.[1] ?? 0;
  ranked.forEach(([id, share], i) => {
    intensity.set(id, Math.round((share / largest) * 50) / 50);
    if (i < 3) rank.set(id, i + 1);
  });
  return { intensity, rank };
}

function labelOf(node: NodeSpec, texts: DrawingTexts): { text: string; given: boolean } {
  if (node.label?.trim()) return { text: node.label.replace(/\s+/g, ' ').trim(), given: true };
  const failure = node.type === 'end' && node.outcome === 'failure';
  return { text: texts.unlabelled[failure ? 'failureEnd' : node.type], given: false };
}

function caption(layer: Layer, node: NodeSpec, at: Position, text: string): void {
  const size = NODE_SIZES[node.type];
  const centre = at.x + size.width / 2;
  const lines = wrapText(text, CAPTION_WIDTH, CAPTION_SIZE, false, 2);
  const top = at.y + size.height + 4;
  layer.parts.push(
    textLines(centre, top + CAPTION_SIZE, lines, CAPTION_LINE, {
      size: CAPTION_SIZE,
      fill: INK,
      anchor: 'middle',
      className: 'fp-caption',
    }),
  );
  const widest = Math.max(0, ...lines.map((l) => textWidth(l, CAPTION_SIZE)));
  include(layer, centre - widest / 2, top, widest, lines.length * CAPTION_LINE + 3);
}

/** The red "F" of a top fail point at the node's top right corner, as on the canvas. */
function failMark(layer: Layer, node: NodeSpec, at: Position): void {
  const size = NODE_SIZES[node.type];
  const x = at.x + size.width - 9;
  const y = at.y - 9;
  layer.parts.push(
    `<circle class="fp-mark" cx="${num(x + 9)}" cy="${num(y + 9)}" r="9" fill="${DANGER}" stroke="none"/>`,
    textElement(x + 9, y + 13, 'F', {
      size: 11,
      fill: '#ffffff',
      weight: 'bold',
      anchor: 'middle',
    }),
  );
  include(layer, x, y, 18, 18);
}

/**
 * The canvas's ↺ before the share a recovery catches, drawn as a shape: the glyph is missing
 * from many fonts, Noto Sans CJK among them.
 */
function recoveryIcon(cx: number, cy: number): string {
  const r = 3.6;
  const colour = '#166534';
  return (
    `<path d="M ${num(cx - r)} ${num(cy)} A ${r} ${r} 0 1 0 ${num(cx)} ${num(cy - r)}" fill="none" stroke="${colour}" stroke-width="1.4"/>` +
    `<polygon points="${num(cx + 0.6)},${num(cy - r - 2.4)} ${num(cx - 2.6)},${num(cy - r)} ${num(cx + 0.6)},${num(cy - r + 2.4)}" fill="${colour}" stroke="none"/>`
  );
}

function drawStep(
  layer: Layer,
  node: Extract<NodeSpec, { type: 'step' }>,
  at: Position,
  parameters: ReadonlyMap<string, number>,
  intensity: number,
  texts: DrawingTexts,
): void {
  const { width, height } = NODE_SIZES.step;
  const fill = intensity > 0 ? onWhite(DANGER, intensity * 0.32) : '#ffffff';
  const border = intensity > 0 ? '#f87171' : '#94a3b8';
  layer.parts.push(
    `<rect class="fp-node-shape fp-step" x="${num(at.x)}" y="${num(at.y)}" width="${width}" height="${height}" rx="8" ry="8" fill="${fill}" stroke="${border}" stroke-width="1"/>`,
  );
  const label = labelOf(node, texts);
  // Three lines of 12 px bold text fit above the figures, as on the canvas card.
  const lines = wrapText(label.text, width - 20, 12, label.given, 3);
  layer.parts.push(
    textLines(at.x + 10, at.y + 17.5, lines, 14.4, {
      size: 12,
      fill: label.given ? INK : INK_SOFT,
      weight: label.given ? 'bold' : 'normal',
      italic: !label.given,
      className: 'fp-step-label',
    }),
  );
  const reliability = reliabilityValue(node.reliability, parameters);
  const figure = reliability === null ? texts.notEvaluable : formatPercent(reliability);
  const baseline = at.y + height - 10;
  layer.parts.push(
    textElement(at.x + 10, baseline, figure, { size: 12, fill: INK_SOFT, weight: 'bold' }),
  );
  if (node.recovery) {
    const rate = probabilityValue(node.recovery.catch, parameters);
    const caught = rate === null ? '?' : formatPercent(rate, 1);
    const x = at.x + 10 + textWidth(figure, 12, true) + 6;
    const badgeWidth = 6 + 9 + 3 + textWidth(caught, 11, true) + 6;
    layer.parts.push(
      `<rect class="fp-badge" x="${num(x)}" y="${num(baseline - 13)}" width="${num(badgeWidth)}" height="18" rx="9" ry="9" fill="#dcfce7" stroke="#86efac" stroke-width="1"/>`,
      recoveryIcon(x + 10.5, baseline - 4),
      textElement(x + 18, baseline, caught, { size: 11, fill: '#166534', weight: 'bold' }),
    );
  }
  include(layer, at.x, at.y, width, height);
}

function drawNode(
  layer: Layer,
  node: NodeSpec,
  at: Position,
  parameters: ReadonlyMap<string, number>,
  heat: ReturnType<typeof heatOf>,
  texts: DrawingTexts,
): void {
  const { width, height } = NODE_SIZES[node.type];
  const cx = at.x + width / 2;
  const cy = at.y + height / 2;
  switch (node.type) {
    case 'step':
      drawStep(layer, node, at, parameters, heat.intensity.get(node.id) ?? 0, texts);
      break;
    case 'decision': {
      const points = [
        [cx, at.y + 2],
        [at.x + width - 2, cy],
        [cx, at.y + height - 2],
        [at.x + 2, cy],
      ]
        .map(([x, y]) => `${num(x)},${num(y)}`)
        .join(' ');
      layer.parts.push(
        `<polygon class="fp-node-shape fp-decision" points="${points}" fill="#fffbeb" stroke="#d97706" stroke-width="2"/>`,
        textElement(cx, at.y + 37, '?', {
          size: 20,
          fill: '#b45309',
          weight: 'bold',
          anchor: 'middle',
        }),
      );
      caption(layer, node, at, labelOf(node, texts).text);
      break;
    }
    case 'parallel':
    case 'join': {
      const fill = node.type === 'join' ? INK_SOFT : '#334155';
      layer.parts.push(
        `<rect class="fp-node-shape fp-bar" x="${num(at.x)}" y="${num(at.y)}" width="${width}" height="${height}" rx="3" ry="3" fill="${fill}" stroke="none"/>`,
      );
      if (node.type === 'join') {
        const rule = node.k === undefined ? texts.joinAll : `≥${node.k}`;
        layer.parts.push(
          textElement(cx, at.y - 5, rule, {
            size: 11,
            fill: INK_SOFT,
            weight: 'bold',
            anchor: 'middle',
          }),
        );
        const ruleWidth = textWidth(rule, 11, true);
        include(layer, cx - ruleWidth / 2, at.y - 17, ruleWidth, 17);
      }
      caption(layer, node, at, labelOf(node, texts).text);
      break;
    }
    case 'start': {
      layer.parts.push(
        `<circle class="fp-node-shape fp-start" cx="${num(cx)}" cy="${num(cy)}" r="${num(width / 2 - 1)}" fill="#f0fdf4" stroke="${OK}" stroke-width="2"/>`,
        // The canvas's ▶, drawn as a shape: not every font has the glyph.
        `<polygon points="${num(cx - 4)},${num(cy - 6)} ${num(cx + 6)},${num(cy)} ${num(cx - 4)},${num(cy + 6)}" fill="${OK}" stroke="none"/>`,
      );
      caption(layer, node, at, labelOf(node, texts).text);
      break;
    }
    case 'end': {
      const failure = node.outcome === 'failure';
      layer.parts.push(
        `<circle class="fp-node-shape fp-end${failure ? ' fp-end--failure' : ''}" cx="${num(cx)}" cy="${num(cy)}" r="${num(width / 2 - 2)}" fill="${failure ? DANGER : '#f0fdf4'}" stroke="${failure ? '#991b1b' : OK}" stroke-width="4"/>`,
        failure
          ? `<path d="M ${num(cx - 5)} ${num(cy - 5)} L ${num(cx + 5)} ${num(cy + 5)} M ${num(cx + 5)} ${num(cy - 5)} L ${num(cx - 5)} ${num(cy + 5)}" fill="none" stroke="#ffffff" stroke-width="2.2" stroke-linecap="round"/>`
          : `<path d="M ${num(cx - 6)} ${num(cy)} L ${num(cx - 2)} ${num(cy + 5)} L ${num(cx + 6)} ${num(cy - 5)}" fill="none" stroke="${OK}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`,
      );
      caption(layer, node, at, labelOf(node, texts).text);
      break;
    }
  }
  include(layer, at.x, at.y, width, height);
  if (heat.rank.has(node.id)) failMark(layer, node, at);
}

/** Where an edge's label sits: on the middle of its route, as the canvas puts it. */
function labelPoint(route: readonly Position[]): Position {
  // Both routes have four points; the second segment is the long middle one (the vertical of a
  // normal edge, the run under the nodes of a failure edge).
  const [a, b] = [route[1], route[2]];
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function drawEdges(
  lines: Layer,
  labels: Layer,
  document: BlueprintDocument,
  parameters: ReadonlyMap<string, number>,
  texts: DrawingTexts,
): void {
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  for (const edge of document.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source?.position || !target?.position) continue;
    const kind = edge.kind ?? 'normal';
    const route = edgeRoute(
      { ...source, position: source.position },
      { ...target, position: target.position },
      kind,
    );
    const colour = kind === 'failure' ? DANGER : EDGE;
    // The line stops where the arrowhead begins, so a dashed line does not poke through its tip.
    const tip = route[route.length - 1];
    let from = route[route.length - 2];
    for (let i = route.length - 2; i >= 0 && from.x === tip.x && from.y === tip.y; i--) {
      from = route[i];
    }
    const length = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
    const ux = (tip.x - from.x) / length;
    const uy = (tip.y - from.y) / length;
    const base = { x: tip.x - ux * ARROW_LENGTH, y: tip.y - uy * ARROW_LENGTH };
    const drawn = [...route.slice(0, -1), length > ARROW_LENGTH ? base : tip];
    lines.parts.push(
      `<path class="fp-edge${kind === 'failure' ? ' fp-edge--failure' : ''}" d="${roundedPath(drawn)}" fill="none" stroke="${colour}" stroke-width="1.6"${kind === 'failure' ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<polygon class="fp-arrow" points="${num(tip.x)},${num(tip.y)} ${num(base.x - uy * ARROW_HALF_WIDTH)},${num(base.y + ux * ARROW_HALF_WIDTH)} ${num(base.x + uy * ARROW_HALF_WIDTH)},${num(base.y - ux * ARROW_HALF_WIDTH)}" fill="${colour}" stroke="none"/>`,
    );
    for (const p of route) include(lines, p.x, p.y);

    let probabilityText: string | null = null;
    if (source.type === 'decision') {
      const probability = probabilityValue(edge.probability, parameters);
      if (probability !== null) probabilityText = formatPercent(probability, 1);
      else if (edge.probability !== undefined) probabilityText = String(edge.probability);
    }
    const own = edge.label?.replace(/\s+/g, ' ').trim();
    const text =
      [probabilityText, own].filter(Boolean).join(' · ') ||
      (kind === 'failure' ? texts.failureEdge : '');
    if (!text) continue;
    const at = labelPoint(route);
    const width = textWidth(text, 11, true) + 12;
    labels.parts.push(
      `<rect class="fp-edge-label" x="${num(at.x - width / 2)}" y="${num(at.y - 9)}" width="${num(width)}" height="18" rx="9" ry="9" fill="#ffffff" stroke="${kind === 'failure' ? '#fca5a5' : RULE}" stroke-width="1"/>`,
      textElement(at.x, at.y + 4, text, {
        size: 11,
        fill: kind === 'failure' ? DANGER : INK,
        weight: 'bold',
        anchor: 'middle',
      }),
    );
    include(labels, at.x - width / 2, at.y - 9, width, 18);
  }
}

function emptyLayer(): Layer {
  return { parts: [], minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
}

/** Shifts a layer's canvas coordinates into the picture's (the picture starts at 0, 0). */
function translated(parts: readonly string[], dx: number, dy: number): string {
  if (parts.length === 0) return '';
  return `<g transform="translate(${num(dx)} ${num(dy)})">${parts.join('')}</g>`;
}

/** Width of the picture when the blueprint has no node yet, in pixels. */
const EMPTY_WIDTH = 640;

/**
 * Draws a blueprint as a standalone SVG 1.1 file, one pixel per canvas pixel, on white: the
 * four lane bands with their names in a column at the left, the three lines with their names,
 * then every edge along the route the canvas gives it and every node in its shape. A blueprint
 * whose nodes have no positions is laid out first, as the app does when it opens one.
 *
 * Labels are escaped; characters XML cannot hold are left out.
 *
 * @example
 * const { svg } = drawBlueprint(document, { texts: englishTexts });
 */
export function drawBlueprint(source: BlueprintDocument, options: DrawingOptions): Drawing {
  const { texts } = options;
  const document = needsLayout(source) ? withPositions(source, quickLayout(source)) : source;
  const parameters = parameterValues(document);
  const heat = heatOf(options.failShares);

  const edgeLines = emptyLayer();
  const edgeLabels = emptyLayer();
  const nodes = emptyLayer();
  drawEdges(edgeLines, edgeLabels, document, parameters, texts);
  for (const node of document.nodes) {
    if (node.position) drawNode(nodes, node, node.position, parameters, heat, texts);
  }

  const laid = computeLaneBands(document.nodes);
  const bands = options.compactEmptyLanes ? compactTrailingLanes(laid, document.nodes) : laid;
  const content = emptyLayer();
  for (const layer of [edgeLines, edgeLabels, nodes]) {
    if (layer.minX <= layer.maxX) {
      include(content, layer.minX, layer.minY, layer.maxX - layer.minX, layer.maxY - layer.minY);
    }
  }
  const hasContent = content.minX <= content.maxX;
  const left = (hasContent ? content.minX : 0) - MARGIN - LABEL_COLUMN;
  const right = hasContent ? content.maxX + MARGIN : left + EMPTY_WIDTH;
  const top = Math.min(bands[0].top, hasContent ? content.minY - MARGIN / 2 : Infinity);
  const bottom = Math.max(
    bands[bands.length - 1].bottom,
    hasContent ? content.maxY + MARGIN / 2 : -Infinity,
  );
  const width = Math.ceil(right - left);
  const height = Math.ceil(bottom - top);

  const frame = emptyLayer();
  drawLanes(frame, bands, left, right, texts);

  const title = document.title?.trim() ? document.title.trim() : texts.untitledBlueprint;
  const svg = [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" xml:lang="${texts.language === 'zh' ? 'zh-Hans' : 'en'}">\n`,
    `<title>${escapeXml(title)}</title>\n`,
    `<style type="text/css">svg { font-family: ${FONT_STACK}; }</style>\n`,
    rect(0, 0, width, height, '#ffffff'),
    '\n',
    translated(frame.parts.slice(0, frame.parts.length - LABEL_PARTS), -left, -top),
    '\n',
    translated(edgeLines.parts, -left, -top),
    '\n',
    translated(nodes.parts, -left, -top),
    '\n',
    translated(edgeLabels.parts, -left, -top),
    '\n',
    translated(frame.parts.slice(frame.parts.length - LABEL_PARTS), -left, -top),
    '\n</svg>\n',
  ].join('');
  return { svg, width, height };
}

/**
 * The parts {@link drawLanes} adds last: the name column and the line names, which the canvas
 * keeps above everything else.
 */
const LABEL_PARTS = 2;

function drawLanes(
  frame: Layer,
  bands: readonly LaneBand[],
  left: number,
  right: number,
  texts: DrawingTexts,
): void {
  const width = right - left;
  const bandParts = bands.map((band) =>
    rect(
      left,
      band.top,
      width,
      band.bottom - band.top,
      LANE_FILLS[band.lane],
      'class="fp-lane" stroke="none"',
    ),
  );
  const lineParts = LANE_LINES.map((line) => {
    const y = bandOf(bands, line.between[1]).top;
    const solid = line.name === 'visibility';
    return `<path class="fp-lane-line" d="M ${num(left)} ${num(y)} L ${num(right)} ${num(y)}" fill="none" stroke="${solid ? '#64748b' : '#94a3b8'}" stroke-width="2"${solid ? '' : ' stroke-dasharray="6 4"'}/>`;
  });
  frame.parts.push(...bandParts, ...lineParts);

  const english = texts.language === 'en';
  const nameSize = english ? 11 : 13;
  const nameLine = nameSize * 1.3;
  const column: string[] = [];
  for (const lane of LANES) {
    const band = bandOf(bands, lane);
    const name = english ? texts.lanes[lane].toLocaleUpperCase('en') : texts.lanes[lane];
    const lines = wrapText(name, LABEL_COLUMN - 20, nameSize, true, 3);
    const middle = (band.top + band.bottom) / 2;
    const firstBaseline = middle - ((lines.length - 1) * nameLine) / 2 + nameSize * 0.36;
    column.push(
      rect(
        left,
        band.top,
        LABEL_COLUMN,
        band.bottom - band.top,
        LANE_LABEL_FILLS[lane],
        'class="fp-lane-name-cell" stroke="none"',
      ),
      textLines(left + 12, firstBaseline, lines, nameLine, {
        size: nameSize,
        fill: INK_SOFT,
        weight: 'bold',
        className: 'fp-lane-name',
      }),
    );
  }
  const columnEdge = left + LABEL_COLUMN;
  column.push(
    `<path d="M ${num(columnEdge)} ${num(bands[0].top)} L ${num(columnEdge)} ${num(bands[bands.length - 1].bottom)}" fill="none" stroke="${RULE}" stroke-width="1"/>`,
  );
  const lineNames = LANE_LINES.map((line) => {
    const y = bandOf(bands, line.between[1]).top;
    const name = texts.lines[line.name];
    const x = columnEdge + 8;
    const nameWidth = textWidth(name, 11) + 12;
    return (
      rect(x, y - 17, nameWidth, 16, '#f8fafc', 'rx="3" ry="3" stroke="none"') +
      textElement(x + 6, y - 5, name, {
        size: 11,
        fill: INK_SOFT,
        italic: english,
        className: 'fp-lane-line-name',
      })
    );
  });
  // Two parts, drawn last (see LABEL_PARTS).
  frame.parts.push(column.join(''), lineNames.join(''));
}
