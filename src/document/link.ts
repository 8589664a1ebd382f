/**
 * A link that holds a blueprint (SPEC §10): `…/#bp=` followed by the blueprint's JSON,
 * compressed with raw DEFLATE (RFC 1951) and written in base64url without padding (RFC 4648 §5),
 * then optionally `&scenario=ID` and `&mode=teach`. The blueprint travels in the fragment, which
 * browsers never send to a server.
 *
 * Reading a link never throws: a link that cannot be decoded answers with a coded
 * {@link LinkRefusal}, and its text then goes through {@link parseBlueprint}, the one path every
 * blueprint file takes, so a bad blueprint in a link is refused exactly as the same bad file.
 */
import { deflateSync, Inflate, strToU8 } from 'fflate';
import type { BlueprintDocument } from '../sim/document';
import type { Diagnostic } from '../sim/diagnostics';
import { parseBlueprint, type Blueprint } from '../sim/parse';
import { decodeBlueprintBytes } from '../sim/text';
import type { LinkRefusal } from './link-refusals';

// The codes and sentences live apart from the compression, so that naming a refusal costs the
// app's first view no DEFLATE code; they are part of this module's interface all the same.
export {
  LINK_REFUSALS,
  linkRefusalName,
  linkRefusalSentence,
  type LinkRefusal,
  type LinkRefusalCode,
  type LinkRefusalParams,
} from './link-refusals';

/**
 * The longest link, in characters, that {@link blueprintLink} calls fit to share. RFC 9110 §4.1
 * recommends that all senders and recipients support URIs of at least 8,000 octets, the figure
 * servers, proxies, chat and mail tools are built to; longer links get cut or refused by some of
 * them, so a blueprint that needs one is better shared as its file.
 */
export const LINK_LENGTH_LIMIT = 8000;

/**
 * The most a link's blueprint may inflate to, in bytes (4 MiB): several times the largest
 * blueprint a link of any sensible length holds, and small enough that a crafted link (a
 * "decompression bomb", DEFLATE reaching a ratio above 1000 : 1) cannot exhaust memory.
 */
export const LINK_TEXT_LIMIT = 4 * 1024 * 1024;

/**
 * Compressed bytes fed to the inflater at a time. DEFLATE expands at most about 1032 : 1, so a
 * piece of this size inflates to at most about 1 MiB before the size is checked again.
 */
const INFLATE_PIECE = 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Bytes as base64url (RFC 4648 §5), without padding. */
export function toBase64url(bytes: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out.push(
      ALPHABET[n >> 18],
      ALPHABET[(n >> 12) & 63],
      ALPHABET[(n >> 6) & 63],
      ALPHABET[n & 63],
    );
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out.push(ALPHABET[n >> 18], ALPHABET[(n >> 12) & 63]);
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out.push(ALPHABET[n >> 18], ALPHABET[(n >> 12) & 63], ALPHABET[(n >> 6) & 63]);
  }
  return out.join('');
}

/**
 * The bytes of base64url text without padding, or the refusal naming the first character outside
 * the alphabet (padding `=` included: links carry none) or a length no such text can have.
 */
export function fromBase64url(text: string): Uint8Array | LinkRefusal {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    if (!VALUES.has(chars[i])) {
      return { ok: false, code: 'LK002', params: { character: chars[i], position: i + 1 } };
    }
  }
  // Four characters carry three bytes; a lone character left over carries less than one.
  if (chars.length % 4 === 1) return { ok: false, code: 'LK002', params: {} };
  const bytes = new Uint8Array(Math.floor((chars.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const char of chars) {
    buffer = ((buffer << 6) | VALUES.get(char)!) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/**
 * Inflates raw DEFLATE data piece by piece, stopping as soon as the output passes
 * {@link LINK_TEXT_LIMIT}; a stream that is corrupt or ends before its last block is refused.
 */
function inflateBounded(data: Uint8Array): Uint8Array | LinkRefusal {
  const pieces: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((piece) => {
    pieces.push(piece);
    size += piece.length;
  });
  try {
    for (let at = 0; at < data.length || at === 0; at += INFLATE_PIECE) {
      const end = Math.min(at + INFLATE_PIECE, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
      if (size > LINK_TEXT_LIMIT) {
        return { ok: false, code: 'LK005', params: { limit: LINK_TEXT_LIMIT } };
      }
    }
  } catch {
    // fflate throws for a bad block type, a bad code, a distance too far back or an early end.
    return { ok: false, code: 'LK003', params: {} };
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** What {@link blueprintLink} makes. */
export interface MadeLink {
  /** The link: `base` followed by `#bp=…`, then `&scenario=…` and `&mode=teach` when asked. */
  link: string;
  /** Its length in characters. */
  length: number;
  /** True when longer than {@link LINK_LENGTH_LIMIT}: share the file instead. */
  tooLong: boolean;
  /** The sentence's values when {@link tooLong}, to show with {@link linkRefusalSentence}. */
  refusal?: Extract<LinkRefusal, { code: 'LK008' }>;
}

/** Options of {@link blueprintLink}. */
export interface LinkOptions {
  /**
   * The address of the app the link opens, e.g. `https://example.org/failpoint/`; anything after
   * a `#` in it is replaced. Without it the link is the fragment alone (`#bp=…`), which the app
   * resolves against its own address.
   */
  base?: string;
  /** A scenario of the blueprint to open on (`baseline` or nothing: the baseline). */
  scenario?: string;
  /** Open in teaching mode (`&mode=teach`). */
  teach?: boolean;
}

/**
 * The link holding a blueprint document: its compact JSON as UTF-8, raw DEFLATE at the highest
 * level, base64url. Deterministic: the same document always gives the same link.
 *
 * @example
 * const { link, tooLong } = blueprintLink(courier, { base: 'https://example.org/app/' });
 * // link → 'https://example.org/app/#bp=zVfLbhs3FP0VgkAQG5…' (1,984 characters), tooLong → false
 */
export function blueprintLink(document: BlueprintDocument, options: LinkOptions = {}): MadeLink {
  const compressed = deflateSync(strToU8(JSON.stringify(document)), { level: 9, mem: 12 });
  const base = options.base === undefined ? '' : options.base.split('#')[0];
  let link = `${base}#bp=${toBase64url(compressed)}`;
  if (options.scenario !== undefined && options.scenario !== 'baseline') {
    link += `&scenario=${encodeURIComponent(options.scenario)}`;
  }
  if (options.teach) link += '&mode=teach';
  const length = link.length;
  if (length <= LINK_LENGTH_LIMIT) return { link, length, tooLong: false };
  return {
    link,
    length,
    tooLong: true,
    refusal: { ok: false, code: 'LK008', params: { length, limit: LINK_LENGTH_LIMIT } },
  };
}

/** A link read: the blueprint's text, to parse as a file's, and what else the link asks. */
export interface ReadLink {
  ok: true;
  /** The blueprint's JSON text. */
  text: string;
  /** The scenario the link opens on, when it names one. */
  scenario?: string;
  /** True for `mode=teach`. */
  teach: boolean;
}

/**
 * Reads a link made by {@link blueprintLink} (or by anyone following SPEC §10): a whole address,
 * its fragment (`#bp=…`) or the fragment without its `#`. Parts other than `bp`, `scenario` and
 * `mode` are ignored, so that later versions may add some. Never throws.
 *
 * @example
 * const read = readBlueprintLink(location.hash);
 * if (read.ok) parseBlueprint(read.text);
 */
export function readBlueprintLink(urlOrHash: string): ReadLink | LinkRefusal {
  const trimmed = urlOrHash.trim();
  const hash = trimmed.indexOf('#');
  const fragment = hash >= 0 ? trimmed.slice(hash + 1) : trimmed;
  let encoded: string | undefined;
  let scenario: string | undefined;
  let teach = false;
  for (const part of fragment.split('&')) {
    const equals = part.indexOf('=');
    const name = equals >= 0 ? part.slice(0, equals) : part;
    const value = equals >= 0 ? part.slice(equals + 1) : '';
    if (name === 'bp') {
      encoded ??= value;
    } else if (name === 'scenario' || name === 'mode') {
      let decoded: string;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        return { ok: false, code: 'LK006', params: { part } };
      }
      if (name === 'scenario' && decoded !== '' && decoded !== 'baseline') scenario = decoded;
      if (name === 'mode') teach = decoded === 'teach';
    }
  }
  if (encoded === undefined || encoded === '') return { ok: false, code: 'LK001', params: {} };
  const compressed = fromBase64url(encoded);
  if (!(compressed instanceof Uint8Array)) return compressed;
  const bytes = inflateBounded(compressed);
  if (!(bytes instanceof Uint8Array)) return bytes;
  // The bytes are decoded as a file's are (a byte order mark is allowed), so what the app opens
  // from a file it opens from a link.
  const decoded = decodeBlueprintBytes(bytes);
  if (!decoded.ok) {
    const { params } = decoded.diagnostic;
    const offset = 'offset' in params && typeof params.offset === 'number' ? params.offset : 0;
    return { ok: false, code: 'LK004', params: { offset } };
  }
  return scenario === undefined
    ? { ok: true, text: decoded.text, teach }
    : { ok: true, text: decoded.text, scenario, teach };
}

/** A link opened: a blueprint that passed every check, or why not. */
export type OpenedLink =
  | { ok: true; blueprint: Blueprint; scenario?: string; teach: boolean }
  | LinkRefusal
  | { ok: false; code: 'blueprint'; diagnostics: Diagnostic[] };

/**
 * Reads a link and parses its blueprint as a file's: a link that cannot be decoded gives its
 * {@link LinkRefusal}, a bad blueprint its problems (`code: 'blueprint'`, the diagnostics the
 * same file would give), and a scenario the blueprint does not have is refused (LK007).
 */
export function openBlueprintLink(urlOrHash: string): OpenedLink {
  const read = readBlueprintLink(urlOrHash);
  if (!read.ok) return read;
  const parsed = parseBlueprint(read.text);
  if (!parsed.ok) return { ok: false, code: 'blueprint', diagnostics: parsed.diagnostics };
  const { blueprint } = parsed;
  if (read.scenario !== undefined && !blueprint.scenarios.some((s) => s.id === read.scenario)) {
    const known = blueprint.scenarios.map((s) => s.id);
    return { ok: false, code: 'LK007', params: { scenario: read.scenario, known } };
  }
  return read.scenario === undefined
    ? { ok: true, blueprint, teach: read.teach }
    : { ok: true, blueprint, scenario: read.scenario, teach: read.teach };
}
