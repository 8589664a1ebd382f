/**
 * A small, strict XML reader for tests of the files Failpoint writes (SVG): every tag closed in
 * order, attributes quoted and not repeated, no bare `<` or `&` in text or attributes.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i.test(raw)) {
    throw new Error(`bare "&" in ${JSON.stringify(raw)}`);
  }
  if (raw.includes('<')) throw new Error(`bare "<" in ${JSON.stringify(raw)}`);
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(raw)) {
    throw new Error(`a control character in ${JSON.stringify(raw)}`);
  }
  return raw.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (_, entity: string) =>
    entity.startsWith('#x')
      ? String.fromCodePoint(parseInt(entity.slice(2), 16))
      : entity.startsWith('#')
        ? String.fromCodePoint(Number(entity.slice(1)))
        : ENTITIES[entity],
  );
}

/**
 * Reads an XML document strictly enough for these tests: every tag closed in order, attributes
 * quoted and not repeated, no bare `<` or `&` in text or attributes. Throws on the first fault.
 */
export function parseXml(xml: string): XmlElement {
  const declaration = /^<\?xml [^?]*\?>\s*/.exec(xml);
  let rest = declaration ? xml.slice(declaration[0].length) : xml;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const tag = /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/;
  while (rest.length > 0) {
    const next = rest.indexOf('<');
    const text = next < 0 ? rest : rest.slice(0, next);
    stack[stack.length - 1].text += decode(text);
    if (next < 0) break;
    rest = rest.slice(next);
    const match = tag.exec(rest);
    if (!match) throw new Error(`malformed markup at ${JSON.stringify(rest.slice(0, 40))}`);
    const [whole, closing, name, attributeText, selfClosing] = match;
    rest = rest.slice(whole.length);
    if (closing) {
      const open = stack.pop()!;
      if (open.name !== name) throw new Error(`</${name}> closes <${open.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText.matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      if (Object.hasOwn(attributes, key)) throw new Error(`attribute ${key} twice on <${name}>`);
      attributes[key] = decode(value);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    stack[stack.length - 1].children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) throw new Error('more than one root element');
  if (root.text.trim() !== '') throw new Error('text outside the root element');
  return root.children[0];
}

export function all(element: XmlElement, where: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    if (where(e)) found.push(e);
    e.children.forEach(visit);
  };
  visit(element);
  return found;
}
