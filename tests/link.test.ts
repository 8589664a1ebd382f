/**
 * Blueprint links (SPEC §10): `#bp=` + raw DEFLATE + base64url. Every example goes there and
 * back; a link made with Node's own zlib, not the codec, opens to the figure the source gives;
 * and every way a link can be broken is refused with its code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  blueprintLink,
  fromBase64url,
  LINK_LENGTH_LIMIT,
  LINK_REFUSALS,
  LINK_TEXT_LIMIT,
  linkRefusalName,
  linkRefusalSentence,
  openBlueprintLink,
  readBlueprintLink,
  toBase64url,
  type LinkRefusal,
  type LinkRefusalCode,
} from '../src/document/link';
import type { BlueprintDocument } from '../src/sim/document';
import { systemReliability } from '../src/sim/exact';
import { parseBlueprint } from '../src/sim/parse';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.blueprint.json'));
const COURIER_TEXT = readFileSync('examples/courier.blueprint.json', 'utf8');

function documentOf(text: string): BlueprintDocument {
  const parsed = parseBlueprint(text);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return parsed.blueprint.document;
}

/** A link made as anyone could, with Node's zlib and base64url, not with the codec. */
function outsideLink(bytes: Uint8Array | string): string {
  return `https://example.org/failpoint/#bp=${deflateRawSync(bytes).toString('base64url')}`;
}

function refusalOf(result: ReturnType<typeof readBlueprintLink>): LinkRefusal {
  if (result.ok) throw new Error('the link was read');
  return result;
}

describe('blueprint links', () => {
  it.each(EXAMPLES)('%s goes into a link and comes back as the same document', (file) => {
    const document = documentOf(readFileSync(`examples/${file}`, 'utf8'));
    const made = blueprintLink(document);
    expect(made.link.startsWith('#bp=')).toBe(true);
    expect(made.tooLong).toBe(false);
    expect(made.length).toBe(made.link.length);
    const read = readBlueprintLink(made.link);
    if (!read.ok) throw new Error(read.code);
    expect(documentOf(read.text)).toEqual(document);
    expect(read.teach).toBe(false);
    expect(read.scenario).toBeUndefined();
  });

  it('is the same link for the same document, and far shorter than the file', () => {
    const document = documentOf(COURIER_TEXT);
    const made = blueprintLink(document, { base: 'https://example.org/app/#old' });
    expect(made.link).toBe(
      blueprintLink(structuredClone(document), { base: 'https://example.org/app/' }).link,
    );
    expect(made.link.startsWith('https://example.org/app/#bp=')).toBe(true);
    expect(made.link).toMatch(/^[^#]+#bp=[A-Za-z0-9_-]+$/);
    expect(made.length).toBeLessThan(COURIER_TEXT.length / 2);
  });

  it('opens a link made outside Failpoint: the courier with step s3 at 0.96 has R = 0.816', () => {
    const courier = JSON.parse(COURIER_TEXT) as { nodes: { id: string; reliability?: number }[] };
    courier.nodes.find((n) => n.id === 's3')!.reliability = 0.96;
    const opened = openBlueprintLink(outsideLink(JSON.stringify(courier)));
    if (!opened.ok) throw new Error(opened.code);
    expect(systemReliability(opened.blueprint.model)).toBeCloseTo(0.816, 3);
    // The unchanged courier is 0.765: the link's value, not the file's, was read.
    expect(systemReliability(modelOf(COURIER_TEXT))).toBeCloseTo(0.765, 3);
  });

  it('reads back the scenario and the teaching mode', () => {
    const document = documentOf(COURIER_TEXT);
    const made = blueprintLink(document, { scenario: 'recover-3', teach: true });
    expect(made.link).toMatch(/&scenario=recover-3&mode=teach$/);
    const read = readBlueprintLink(made.link);
    expect(read).toMatchObject({ ok: true, scenario: 'recover-3', teach: true });
    const opened = openBlueprintLink(made.link);
    if (!opened.ok) throw new Error(opened.code);
    expect(opened.scenario).toBe('recover-3');
    expect(opened.teach).toBe(true);
    // The baseline is no scenario; a scenario id with reserved characters survives.
    expect(blueprintLink(document, { scenario: 'baseline' }).link).not.toContain('scenario');
    const odd = blueprintLink(document, { scenario: 'a&b=c 方案' }).link;
    expect(readBlueprintLink(odd)).toMatchObject({
      ok: true,
      scenario: 'a&b=c 方案',
      teach: false,
    });
    // Other modes and unknown parts are ignored, for links of later versions.
    expect(readBlueprintLink(`${made.link.split('&')[0]}&mode=present&zoom=2`)).toMatchObject({
      ok: true,
      teach: false,
    });
  });

  it('reads a bare fragment and a fragment without its #, ignoring spaces around', () => {
    const { link } = blueprintLink(documentOf(COURIER_TEXT));
    for (const form of [link, link.slice(1), `  https://x.test/a?b=c${link}\n`]) {
      const read = readBlueprintLink(form);
      expect(read.ok).toBe(true);
    }
  });

  it('writes base64url as RFC 4648 §5 does, without padding, and reads it back', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff);
      const text = toBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64url(text)).toEqual(bytes);
    }
  });
});

/** The baseline model of a blueprint text. */
function modelOf(text: string) {
  const parsed = parseBlueprint(text);
  if (!parsed.ok) throw new Error('courier does not parse');
  return parsed.blueprint.model;
}

describe('broken links are refused with a code', () => {
  const broken: Record<
    Exclude<LinkRefusalCode, 'LK005' | 'LK007' | 'LK008'>,
    [string, string][]
  > = {
    LK001: [
      ['no fragment', 'https://example.org/failpoint/'],
      ['an empty bp', 'https://example.org/#bp=&mode=teach'],
      ['another part only', '#scenario=recover-3'],
    ],
    LK002: [
      ['padding', `${outsideLink('{"a":1}')}=`],
      ['standard base64 characters', '#bp=ab+/cd'],
      ['a length no base64url has', '#bp=abcde'],
    ],
    LK003: [
      ['bytes that are not DEFLATE', `#bp=${toBase64url(new TextEncoder().encode('{"format"'))}`],
      ['a stream cut short', outsideLink(COURIER_TEXT).slice(0, -40)],
    ],
    LK004: [['Latin-1 bytes', outsideLink(Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))]],
    LK006: [['bad percent-encoding', `${outsideLink('{}')}&scenario=%E4%B8`]],
  };
  for (const [code, cases] of Object.entries(broken)) {
    it.each(cases)(`${code}: %s`, (_name, link) => {
      expect(refusalOf(readBlueprintLink(link)).code).toBe(code);
    });
  }

  it('names the character and where it is', () => {
    expect(readBlueprintLink('#bp=abc*ef')).toEqual({
      ok: false,
      code: 'LK002',
      params: { character: '*', position: 4 },
    });
    expect(readBlueprintLink(outsideLink(Uint8Array.from([0x7b, 0xff])))).toEqual({
      ok: false,
      code: 'LK004',
      params: { offset: 1 },
    });
  });

  it('LK005: stops inflating a decompression bomb at the limit', () => {
    // 64 MB of spaces compress to about 64 KB: well within a link's reach, far beyond a blueprint.
    const bomb = outsideLink(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    expect(readBlueprintLink(bomb)).toEqual({
      ok: false,
      code: 'LK005',
      params: { limit: LINK_TEXT_LIMIT },
    });
    // Just under the limit is read.
    const fits = readBlueprintLink(outsideLink(Buffer.alloc(LINK_TEXT_LIMIT, 0x20)));
    expect(fits.ok).toBe(true);
  });

  it('LK007: a scenario the blueprint does not have', () => {
    const link = blueprintLink(documentOf(COURIER_TEXT), { scenario: 'faster' }).link;
    expect(readBlueprintLink(link).ok).toBe(true);
    const opened = openBlueprintLink(link);
    expect(opened).toMatchObject({ ok: false, code: 'LK007', params: { scenario: 'faster' } });
    if (opened.ok || opened.code !== 'LK007') throw new Error('not refused');
    expect(linkRefusalSentence(opened, 'en')).toContain('"recover-3"');
  });

  it('LK008: a blueprint too large for a link says so', () => {
    const document = documentOf(COURIER_TEXT);
    // Labels of random letters do not compress: the link grows past the limit.
    let seed = 7;
    const noise = () =>
      Array.from({ length: 1500 }, () => {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        return String.fromCharCode(97 + ((seed >>> 24) % 26));
      }).join('');
    const large = { ...document, nodes: document.nodes.map((n) => ({ ...n, label: noise() })) };
    const made = blueprintLink(large);
    expect(made.tooLong).toBe(true);
    expect(made.length).toBeGreaterThan(LINK_LENGTH_LIMIT);
    expect(made.refusal).toEqual({
      ok: false,
      code: 'LK008',
      params: { length: made.length, limit: LINK_LENGTH_LIMIT },
    });
    expect(linkRefusalSentence(made.refusal!, 'en')).toContain('Share the blueprint file instead');
    // The link is still whole: a tool that takes long links can open it.
    const read = readBlueprintLink(made.link);
    if (!read.ok) throw new Error(read.code);
    expect(documentOf(read.text)).toEqual(documentOf(JSON.stringify(large)));
  });

  it('a bad blueprint in a link gets the problems of the same bad file', () => {
    const bad = COURIER_TEXT.replace('"reliability": 0.9,', '"reliability": 1.9,');
    const fromFile = parseBlueprint(bad);
    const opened = openBlueprintLink(outsideLink(bad));
    expect(fromFile.ok).toBe(false);
    expect(opened).toMatchObject({ ok: false, code: 'blueprint' });
    if (opened.ok || opened.code !== 'blueprint' || fromFile.ok) throw new Error('not refused');
    expect(opened.diagnostics).toEqual(fromFile.diagnostics);
    expect(opened.diagnostics.map((d) => d.code)).toContain('BP011');
    const notJson = openBlueprintLink(outsideLink('not json'));
    expect(notJson).toMatchObject({ ok: false, code: 'blueprint' });
  });

  it('has a sentence in English and Chinese for every code', () => {
    const samples: LinkRefusal[] = [
      { ok: false, code: 'LK001', params: {} },
      { ok: false, code: 'LK002', params: { character: '+', position: 3 } },
      { ok: false, code: 'LK002', params: {} },
      { ok: false, code: 'LK003', params: {} },
      { ok: false, code: 'LK004', params: { offset: 12 } },
      { ok: false, code: 'LK005', params: { limit: LINK_TEXT_LIMIT } },
      { ok: false, code: 'LK006', params: { part: 'scenario=%E4' } },
      { ok: false, code: 'LK007', params: { scenario: 'x', known: [] } },
      { ok: false, code: 'LK008', params: { length: 9001, limit: LINK_LENGTH_LIMIT } },
    ];
    expect(new Set(samples.map((s) => s.code))).toEqual(new Set(Object.keys(LINK_REFUSALS)));
    for (const sample of samples) {
      const en = linkRefusalSentence(sample, 'en');
      const zh = linkRefusalSentence(sample, 'zh');
      expect(en).toMatch(/^[A-Z].*\.$/);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(zh).toMatch(/。$/);
      for (const value of Object.values(sample.params)) {
        if (typeof value === 'string' || typeof value === 'number') {
          expect(zh).toContain(typeof value === 'number' && value > 1e6 ? '4 MB' : String(value));
        }
      }
    }
    expect(linkRefusalSentence(samples[5], 'en')).toContain('4 MB');
    expect(linkRefusalName('LK002')).toBe('LK002 bad-base64url');
  });
});
