/**
 * Telling a BPMN file from a blueprint without loading the BPMN reader, so that commands on
 * blueprint files never pay for it.
 */

/**
 * Whether a file looks like BPMN rather than a blueprint: its name ends in `.bpmn` or `.xml`, or
 * its first non-blank character is `<` (a blueprint is JSON and starts with `{`).
 */
export function looksLikeBpmn(name: string, head: Uint8Array | string): boolean {
  if (/\.(bpmn|bpmn2|xml)$/i.test(name)) return true;
  const text =
    typeof head === 'string' ? head.slice(0, 64) : String.fromCharCode(...head.subarray(0, 64));
  // Byte order marks and the zero bytes of UTF-16 are not content.
  const noise = new Set([0x00, 0xbb, 0xbf, 0xef, 0xfe, 0xff, 0xfeff]);
  const content = [...text].filter((c) => !noise.has(c.charCodeAt(0))).join('');
  return content.trimStart().startsWith('<');
}
