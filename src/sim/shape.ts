/**
 * A plain description of what a blueprint value may look like, enough to find the expressions
 * in it: which strings are expressions over the parameters (where a number or a string is
 * allowed), and which are prose, ids or words of a choice.
 *
 * The file format itself is written as zod schemas (`document-schema.ts`), which the app loads
 * only to word the problems of a file that does not fit. Parameter rename and the field registry
 * run on every edit and must not wait for zod, so they read this description instead:
 * `document.ts` writes it out for a whole document, and a test holds it equal to what
 * `describeSchema` in `fields.ts` reads from the schemas, so the two cannot drift.
 */

/** What a value at one place of a document may be. Optional and nullable are not told apart. */
export type Shape =
  | { readonly type: 'number' }
  | { readonly type: 'string' }
  /** Anything that never holds an expression (a boolean, …). */
  | { readonly type: 'other' }
  | { readonly type: 'literal'; readonly values: readonly unknown[] }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'object'; readonly shape: Readonly<Record<string, Shape>> }
  | { readonly type: 'array'; readonly element: Shape }
  | { readonly type: 'record'; readonly value: Shape }
  | {
      readonly type: 'union';
      readonly options: readonly Shape[];
      /** The key whose literal tells the options apart, for a discriminated union. */
      readonly discriminator?: string;
    };

/** Whether a union admits both a number and a string: then a string there is an expression. */
function admitsExpression(options: readonly Shape[]): boolean {
  return (
    options.some((option) => option.type === 'number') &&
    options.some((option) => option.type === 'string')
  );
}

/** Whether a value of this shape may be (or contain) an expression. */
export function shapeHoldsExpressions(shape: Shape): boolean {
  switch (shape.type) {
    case 'union':
      return admitsExpression(shape.options) || shape.options.some(shapeHoldsExpressions);
    case 'object':
      return Object.values(shape.shape).some(shapeHoldsExpressions);
    case 'array':
      return shapeHoldsExpressions(shape.element);
    case 'record':
      return shapeHoldsExpressions(shape.value);
    default:
      return false;
  }
}

/**
 * Applies `rewrite` to every expression in a value, guided by its shape: strings where the
 * shape admits a number or a string are expressions; labels, notes, ids, references and words
 * of a choice are left alone. Returns the very same value when nothing changed, and copies only
 * the objects on the way to a change.
 *
 * @example
 * mapShapeExpressions(DOCUMENT_SHAPE, document, (text) => text.replace(/\bold\b/g, 'new'));
 */
export function mapShapeExpressions<T>(
  shape: Shape,
  value: T,
  rewrite: (expression: string) => string,
): T {
  return walk(shape, value, rewrite) as T;
}

function walk(shape: Shape, value: unknown, rewrite: (text: string) => string): unknown {
  if (value === null || value === undefined) return value;
  switch (shape.type) {
    case 'union': {
      if (typeof value === 'string') {
        return admitsExpression(shape.options) ? rewrite(value) : value;
      }
      if (typeof value !== 'object') return value;
      const option = pickOption(shape.options, shape.discriminator, value);
      return option ? walk(option, value, rewrite) : value;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      let copy: Record<string, unknown> | null = null;
      for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
        const fieldShape = Object.hasOwn(shape.shape, key) ? shape.shape[key] : undefined;
        if (!fieldShape) continue;
        const next = walk(fieldShape, field, rewrite);
        if (next !== field) {
          copy ??= { ...(value as Record<string, unknown>) };
          copy[key] = next;
        }
      }
      return copy ?? value;
    }
    case 'array': {
      if (!Array.isArray(value)) return value;
      let changed = false;
      const next = value.map((item) => {
        const mapped = walk(shape.element, item, rewrite);
        if (mapped !== item) changed = true;
        return mapped;
      });
      return changed ? next : value;
    }
    case 'record': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      let copy: Record<string, unknown> | null = null;
      for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
        const next = walk(shape.value, field, rewrite);
        if (next !== field) {
          copy ??= { ...(value as Record<string, unknown>) };
          copy[key] = next;
        }
      }
      return copy ?? value;
    }
    default:
      return value;
  }
}

/**
 * The option of a union an object value belongs to: by the discriminator of a discriminated
 * union; otherwise the one option that can hold objects (an object, or a union of objects such
 * as a distribution), or among several objects the one whose keys cover the value's.
 */
function pickOption(
  options: readonly Shape[],
  discriminator: string | undefined,
  value: object,
): Shape | undefined {
  const objects = options.filter((o) => o.type === 'object');
  if (discriminator !== undefined) {
    const tag = (value as Record<string, unknown>)[discriminator];
    return objects.find((o) => {
      const literal = o.shape[discriminator];
      return literal?.type === 'literal' && literal.values.includes(tag);
    });
  }
  const nested = options.filter((o) => o.type === 'union' && holdsObjects(o));
  if (objects.length + nested.length === 1) return objects[0] ?? nested[0];
  const keys = Object.keys(value);
  return objects.find((o) => keys.every((key) => Object.hasOwn(o.shape, key)));
}

/** Whether a shape is an object or a union with an option that holds objects. */
function holdsObjects(shape: Shape): boolean {
  if (shape.type === 'object') return true;
  return shape.type === 'union' && shape.options.some(holdsObjects);
}
