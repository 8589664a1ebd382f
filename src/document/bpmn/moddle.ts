/**
 * One configured bpmn-moddle for reading and writing: BPMN 2.0 plus Failpoint's own extension
 * namespace (`failpoint-moddle.json`), and small helpers to walk what it parses.
 */
// bpmn-moddle ships no types for its entry point; the reference takes the declaration to every
// project that compiles this file (the app, the command line, the tests).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./moddle.d.ts" />
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import failpointPackage from './failpoint-moddle.json';

/** The namespace URI of Failpoint's BPMN extension. */
export const FAILPOINT_BPMN_URI = failpointPackage.uri;

/** A moddle that knows BPMN 2.0 and the `failpoint:` extension. */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ failpoint: failpointPackage });
}

export type { ModdleElement };

/** `bpmn:UserTask` → `UserTask`; `bpsim:ElementParameters` → `ElementParameters`. */
export function localName(type: string): string {
  const colon = type.indexOf(':');
  return colon < 0 ? type : type.slice(colon + 1);
}

/** `bpmn:UserTask` → `userTask`, the word sentences use for the element's kind. */
export function kindOf(element: ModdleElement): string {
  const name = localName(element.$type);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A list property of an element, or an empty list. */
export function listOf(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** A text property of an element, if it is a string. */
export function textOf(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  return typeof value === 'string' ? value : undefined;
}

/** An element property of an element, if set. */
export function elementOf(
  element: ModdleElement | undefined,
  property: string,
): ModdleElement | undefined {
  const value = element?.[property];
  return value !== null && typeof value === 'object' ? (value as ModdleElement) : undefined;
}

/** The extension elements of an element (known and unknown ones alike). */
export function extensionsOf(element: ModdleElement | undefined): ModdleElement[] {
  return listOf(elementOf(element, 'extensionElements'), 'values');
}

/** Every element below `roots` in unknown (generic) XML, depth first, roots included. */
export function* genericDescendants(roots: readonly ModdleElement[]): Generator<ModdleElement> {
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    yield element;
    const children = element.$children;
    if (Array.isArray(children))
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** An attribute of a generic element, whichever way moddle kept it. */
export function attributeOf(element: ModdleElement, name: string): string | undefined {
  const direct = element[name];
  if (typeof direct === 'string') return direct;
  if (typeof direct === 'number') return String(direct);
  return element.$attrs?.[name];
}
