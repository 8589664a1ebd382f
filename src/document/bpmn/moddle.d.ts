/**
 * The part of bpmn-moddle Failpoint uses, typed by hand: the package ships no types for its
 * entry point, and its generated model types are not needed to walk a parsed file. Everything
 * here is plain data, so the document room stays free of DOM types.
 */
declare module 'bpmn-moddle' {
  /** An element of a parsed file: its `$type` (`bpmn:Task`, or `prefix:name` for unknown XML). */
  export interface ModdleElement {
    $type: string;
    /** Attributes moddle does not know, by qualified name. */
    $attrs?: Record<string, string>;
    /** Child elements of an element moddle does not know. */
    $children?: ModdleElement[];
    /** Text content of an element moddle does not know. */
    $body?: string;
    $parent?: ModdleElement;
    [property: string]: unknown;
  }

  /** Something the parser skipped or could not resolve; the file is still read. */
  export interface ParseWarning {
    message: string;
    element?: unknown;
    property?: unknown;
    value?: unknown;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement>;
  }

  /** A moddle descriptor: a namespace of extension types (see failpoint-moddle.json). */
  export type ModdlePackage = Record<string, unknown>;

  export class BpmnModdle {
    constructor(packages?: Record<string, ModdlePackage>, options?: Record<string, unknown>);
    fromXML(
      xml: string,
      typeName?: string,
      options?: Record<string, unknown>,
    ): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    /** An element of a namespace moddle has no descriptor for, written as given. */
    createAny(name: string, nsUri: string, properties?: Record<string, unknown>): ModdleElement;
  }
}
