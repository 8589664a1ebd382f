/**
 * The text of a BPMN file from its bytes, by the encoding its XML declaration gives: a byte
 * order mark first (UTF-8, UTF-16), then `<?xml … encoding="…"?>`, else UTF-8 as XML says.
 * UTF-8 and UTF-16 go through the blueprint decoder (`sim/text.ts`), which refuses damaged
 * bytes; ISO-8859-1 is decoded here; any other declared encoding through the platform's
 * `TextDecoder` (browsers and Node both have one) when it knows the encoding.
 */
import { decodeBlueprintBytes } from '../../sim/text';

/** The platform's decoder, typed here so this room needs no DOM or Node types. */
type PlatformDecoder = new (
  label: string,
  options?: { fatal?: boolean },
) => { decode(bytes: Uint8Array): string };

/** The decoded text, or why not: bytes that are not text, or an encoding no decoder knows. */
export type DecodedXml =
  | { ok: true; text: string }
  | { ok: false; reason: 'not-text'; detail: string }
  | { ok: false; reason: 'unsupported-encoding'; encoding: string };

/** The encoding named by an XML declaration at the start of the bytes, lower-cased, if any. */
export function declaredEncoding(bytes: Uint8Array): string | null {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 200); i++) head += String.fromCharCode(bytes[i]);
  const match = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match ? match[1].toLowerCase() : null;
}

/** Decodes the bytes of an XML file (see the module comment for the order of the rules). */
export function decodeXmlBytes(bytes: Uint8Array): DecodedXml {
  const hasBom =
    (bytes.length >= 2 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) ||
    (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  const encoding = hasBom ? null : declaredEncoding(bytes);
  if (encoding === null || encoding === 'utf-8' || encoding === 'utf8') {
    const decoded = decodeBlueprintBytes(bytes);
    return decoded.ok
      ? { ok: true, text: decoded.text }
      : { ok: false, reason: 'not-text', detail: decoded.diagnostic.message };
  }
  if (encoding === 'iso-8859-1' || encoding === 'latin1' || encoding === 'latin-1') {
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    }
    return { ok: true, text };
  }
  const Decoder = (globalThis as { TextDecoder?: PlatformDecoder }).TextDecoder;
  if (Decoder === undefined) return { ok: false, reason: 'unsupported-encoding', encoding };
  let decoder;
  try {
    decoder = new Decoder(encoding, { fatal: true });
  } catch {
    return { ok: false, reason: 'unsupported-encoding', encoding };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch (error) {
    return {
      ok: false,
      reason: 'not-text',
      detail: `the bytes are not valid ${encoding} (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
