/**
 * Writing a blueprint as a BPMN 2.0 file (SPEC §7): one process in one pool, a lane per
 * blueprint lane in use, every node and edge, failure edges as error boundary events, failure
 * ends as error end events, BPMN-DI for every shape and flow so modellers draw it as Failpoint
 * does, branch probabilities also as BPSim, and every blueprint field in the `failpoint:`
 * extension (see `failpoint-moddle.json` and docs/bpmn.md), so that reading the file back gives
 * the blueprint again, exactly.
 */
import type { BlueprintDocument, EdgeSpec, NodeSpec, Position } from '../../sim/document';
import { LANES, type Lane } from '../../sim/model';
import { computeLaneBands, edgeRoute, laneOf, NODE_SIZES } from '../geometry';
import { needsLayout, quickLayout } from '../layout';
import { parameterValues, probabilityValue } from '../values';
import { createModdle, type ModdleElement } from './moddle';
import { BPMN_SHAPE_SIZES } from './shapes';

const BPSIM_URI = 'http://www.bpsim.org/schemas/1.0';

/** The lane names written for the blueprint lanes (the reader maps them back by name). */
export const BPMN_LANE_NAMES: Readonly<Record<Lane, string>> = {
  customer: 'Customer',
  frontstage: 'Frontstage',
  backstage: 'Backstage',
  support: 'Support',
};

/** An XML name (NCName) that a BPMN id may be. */
const NCNAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;

/** Hands out unique BPMN ids, keeping a blueprint id whenever it is a valid and free one. */
class BpmnIds {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string>) {
    for (const id of reserved) this.used.add(id);
  }

  /** A fresh id derived from `wanted` (made a valid XML name, suffixed when taken). */
  take(wanted: string): string {
    let base = NCNAME.test(wanted) ? wanted : `fp_${wanted.replace(/[^\p{L}\p{N}_.-]/gu, '_')}`;
    if (!NCNAME.test(base)) base = 'fp_element';
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
}

function without<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * The blueprint as a BPMN 2.0 XML document (UTF-8 text).
 *
 * @example
 * const xml = await writeBpmn(document);
 * await writeFile('courier.bpmn', xml);
 */
export async function writeBpmn(document: BlueprintDocument): Promise<string> {
  const moddle = createModdle();
  const create = (type: string, attrs: Record<string, unknown> = {}) => moddle.create(type, attrs);

  // Every node needs a place in the diagram; the extension keeps whether it had one.
  const layout = needsLayout(document) ? quickLayout(document) : null;
  const placed = (node: NodeSpec): Position =>
    node.position ?? layout?.get(node.id) ?? { x: 0, y: 0 };

  // Ids: blueprint ids are kept where they are valid XML names, nodes first, then edges.
  const ids = new BpmnIds([]);
  const nodeIds = new Map<string, string>();
  for (const node of document.nodes) nodeIds.set(node.id, ids.take(node.id));
  const edgeIds = new Map<string, string>();
  document.edges.forEach((edge, index) => edgeIds.set(`${index}`, ids.take(edge.id)));
  const definitionsId = ids.take('Definitions_failpoint');
  const collaborationId = ids.take('Collaboration_failpoint');
  const participantId = ids.take('Participant_failpoint');
  const processId = ids.take('Process_failpoint');
  const errorId = ids.take('Error_failure');

  const fields = (attrs: Record<string, unknown>, json: unknown) =>
    create('bpmn:ExtensionElements', {
      values: [create('failpoint:Fields', { ...attrs, json: JSON.stringify(json) })],
    });

  const error = create('bpmn:Error', { id: errorId, name: 'Failure', errorCode: 'failure' });
  const elements = new Map<string, ModdleElement>();
  const flowElements: ModdleElement[] = [];
  for (const node of document.nodes) {
    const id = nodeIds.get(node.id)!;
    const attrs: Record<string, unknown> = { id };
    if (node.label !== undefined) attrs.name = node.label;
    const extensionAttrs: Record<string, unknown> = {};
    let type: string;
    switch (node.type) {
      case 'start':
        type = 'bpmn:StartEvent';
        break;
      case 'end':
        type = 'bpmn:EndEvent';
        if (node.outcome === 'failure') {
          attrs.eventDefinitions = [create('bpmn:ErrorEventDefinition', { errorRef: error })];
        }
        break;
      case 'step':
        type = 'bpmn:Task';
        if (typeof node.reliability === 'number' || typeof node.reliability === 'string') {
          extensionAttrs.reliability = String(node.reliability);
        }
        break;
      case 'decision':
        type = 'bpmn:ExclusiveGateway';
        break;
      case 'parallel':
        type = 'bpmn:ParallelGateway';
        break;
      case 'join':
        type = 'bpmn:ParallelGateway';
        if (node.k !== undefined) extensionAttrs.k = node.k;
        break;
    }
    if (node.notes !== undefined && node.type === 'step') {
      attrs.documentation = [create('bpmn:Documentation', { text: node.notes })];
    }
    attrs.extensionElements = fields(extensionAttrs, without(node, ['label']));
    const element = create(type, attrs);
    elements.set(node.id, element);
    flowElements.push(element);
  }

  // Failure edges leave from an error boundary event on their step.
  const boundaries = new Map<string, ModdleElement>();
  for (const edge of document.edges) {
    if (edge.kind !== 'failure' || boundaries.has(edge.source)) continue;
    const host = elements.get(edge.source);
    if (!host) continue;
    const boundary = create('bpmn:BoundaryEvent', {
      id: ids.take(`${nodeIds.get(edge.source)}_failure`),
      name: 'Failure',
      attachedToRef: host,
      cancelActivity: true,
      eventDefinitions: [create('bpmn:ErrorEventDefinition', { errorRef: error })],
    });
    boundaries.set(edge.source, boundary);
    flowElements.push(boundary);
  }

  const parameters = parameterValues(document);
  const flows: { edge: EdgeSpec; flow: ModdleElement }[] = [];
  document.edges.forEach((edge, index) => {
    const source =
      edge.kind === 'failure' ? boundaries.get(edge.source) : elements.get(edge.source);
    const target = elements.get(edge.target);
    if (!source || !target) return;
    const attrs: Record<string, unknown> = {
      id: edgeIds.get(`${index}`),
      sourceRef: source,
      targetRef: target,
    };
    if (edge.label !== undefined) attrs.name = edge.label;
    const extensionAttrs: Record<string, unknown> = {};
    if (edge.probability !== undefined) extensionAttrs.probability = String(edge.probability);
    attrs.extensionElements = fields(extensionAttrs, without(edge, ['source', 'target', 'label']));
    const flow = create('bpmn:SequenceFlow', attrs);
    ((source.outgoing ??= []) as ModdleElement[]).push(flow);
    ((target.incoming ??= []) as ModdleElement[]).push(flow);
    flows.push({ edge, flow });
    flowElements.push(flow);
  });

  // Lanes: one per blueprint lane in use, in the blueprint's order.
  const used = LANES.filter((lane) => document.nodes.some((node) => laneOf(node) === lane));
  const lanes = new Map<Lane, ModdleElement>();
  for (const lane of used) {
    const members = document.nodes.filter((node) => laneOf(node) === lane);
    const refs = members.flatMap((node) => {
      const boundary = boundaries.get(node.id);
      return boundary ? [elements.get(node.id)!, boundary] : [elements.get(node.id)!];
    });
    lanes.set(
      lane,
      create('bpmn:Lane', {
        id: ids.take(`Lane_${lane}`),
        name: BPMN_LANE_NAMES[lane],
        flowNodeRef: refs,
        extensionElements: create('bpmn:ExtensionElements', {
          values: [create('failpoint:Fields', { lane })],
        }),
      }),
    );
  }

  const blueprintFields = without(document, ['nodes', 'edges', 'format']);
  const processAttrs: Record<string, unknown> = {
    id: processId,
    isExecutable: false,
    laneSets: [
      create('bpmn:LaneSet', { id: ids.take('LaneSet_failpoint'), lanes: [...lanes.values()] }),
    ],
    flowElements,
    extensionElements: create('bpmn:ExtensionElements', {
      values: [
        create('failpoint:Blueprint', {
          version: document.version,
          json: JSON.stringify(blueprintFields),
        }),
      ],
    }),
  };
  if (document.title !== undefined) processAttrs.name = document.title;
  if (document.description !== undefined) {
    processAttrs.documentation = [create('bpmn:Documentation', { text: document.description })];
  }
  const process = create('bpmn:Process', processAttrs);
  const participant = create('bpmn:Participant', {
    id: participantId,
    name: document.title ?? 'Failpoint blueprint',
    processRef: process,
  });
  const collaboration = create('bpmn:Collaboration', {
    id: collaborationId,
    participants: [participant],
  });

  // ---- Diagram --------------------------------------------------------------------------
  const positioned = document.nodes.map((node) => ({ ...node, position: placed(node) }));
  const byId = new Map(positioned.map((node) => [node.id, node]));
  const bounds = (x: number, y: number, width: number, height: number) =>
    create('dc:Bounds', { x, y, width, height });
  const shapeOf = (node: NodeSpec & { position: Position }) => {
    const drawn = NODE_SIZES[node.type];
    const size = BPMN_SHAPE_SIZES[node.type];
    return {
      x: node.position.x + (drawn.width - size.width) / 2,
      y: node.position.y + (drawn.height - size.height) / 2,
      width: size.width,
      height: size.height,
    };
  };
  const planeElements: ModdleElement[] = [];
  const bands = computeLaneBands(positioned);
  const left = Math.min(0, ...positioned.map((n) => n.position.x)) - 80;
  const right =
    Math.max(400, ...positioned.map((n) => n.position.x + NODE_SIZES[n.type].width)) + 80;
  const usedBands = bands.filter((band) => lanes.has(band.lane));
  const poolTop = usedBands[0]?.top ?? 0;
  const poolBottom = usedBands[usedBands.length - 1]?.bottom ?? 200;
  planeElements.push(
    create('bpmndi:BPMNShape', {
      id: ids.take(`${participantId}_di`),
      bpmnElement: participant,
      isHorizontal: true,
      bounds: bounds(left - 30, poolTop, right - left + 30, poolBottom - poolTop),
    }),
  );
  usedBands.forEach((band, index) => {
    const next = usedBands[index + 1];
    const bottom = next ? next.top : band.bottom;
    const lane = lanes.get(band.lane)!;
    planeElements.push(
      create('bpmndi:BPMNShape', {
        id: ids.take(`${String(lane.id)}_di`),
        bpmnElement: lane,
        isHorizontal: true,
        bounds: bounds(left, band.top, right - left, bottom - band.top),
      }),
    );
  });
  for (const node of positioned) {
    const element = elements.get(node.id)!;
    const shape = shapeOf(node);
    const attrs: Record<string, unknown> = {
      id: ids.take(`${String(element.id)}_di`),
      bpmnElement: element,
      bounds: bounds(shape.x, shape.y, shape.width, shape.height),
    };
    if (node.type === 'decision') attrs.isMarkerVisible = true;
    planeElements.push(create('bpmndi:BPMNShape', attrs));
    const boundary = boundaries.get(node.id);
    if (boundary) {
      planeElements.push(
        create('bpmndi:BPMNShape', {
          id: ids.take(`${String(boundary.id)}_di`),
          bpmnElement: boundary,
          bounds: bounds(shape.x + shape.width / 2 - 18, shape.y + shape.height - 18, 36, 36),
        }),
      );
    }
  }
  for (const { edge, flow } of flows) {
    const source = byId.get(edge.source)!;
    const target = byId.get(edge.target)!;
    const kind = edge.kind === 'failure' ? 'failure' : 'normal';
    const route = edgeRoute(source, target, kind).map((point) => ({ ...point }));
    // Start and end on the drawn BPMN shapes, which differ from the canvas's for gateways.
    const from = shapeOf(source);
    const to = shapeOf(target);
    if (kind === 'failure') route[0].y = from.y + from.height + 18;
    else route[0].x = from.x + from.width;
    route[route.length - 1].x = to.x;
    planeElements.push(
      create('bpmndi:BPMNEdge', {
        id: ids.take(`${String(flow.id)}_di`),
        bpmnElement: flow,
        waypoint: route.map((point) => create('dc:Point', { x: point.x, y: point.y })),
      }),
    );
  }
  const diagram = create('bpmndi:BPMNDiagram', {
    id: ids.take('Diagram_failpoint'),
    plane: create('bpmndi:BPMNPlane', {
      id: ids.take('Plane_failpoint'),
      bpmnElement: collaboration,
      planeElement: planeElements,
    }),
  });

  // ---- BPSim: branch probabilities for simulation tools ----------------------------------
  const bpsim = (name: string, properties: Record<string, unknown> = {}) =>
    moddle.createAny(`bpsim:${name}`, BPSIM_URI, properties);
  const elementParameters: ModdleElement[] = [];
  for (const { edge, flow } of flows) {
    if (edge.probability === undefined) continue;
    const value = probabilityValue(edge.probability, parameters);
    if (value === null) continue;
    elementParameters.push(
      bpsim('ElementParameters', {
        elementRef: flow.id,
        $children: [
          bpsim('ControlParameters', {
            $children: [
              bpsim('Probability', {
                $children: [bpsim('FloatingParameter', { value: String(value) })],
              }),
            ],
          }),
        ],
      }),
    );
  }
  const definitions = create('bpmn:Definitions', {
    id: definitionsId,
    targetNamespace: 'https://failpoint.dev/blueprint',
    exporter: 'Failpoint',
    exporterVersion: String(document.version),
    rootElements: [error, collaboration, process],
    diagrams: [diagram],
  });
  if (elementParameters.length > 0) {
    const scenario = bpsim('Scenario', {
      id: 'failpoint-baseline',
      name: 'Baseline',
      $children: [bpsim('ScenarioParameters', { baseTimeUnit: 'min' }), ...elementParameters],
    });
    definitions.relationships = [
      create('bpmn:Relationship', {
        type: 'BPSimData',
        extensionElements: create('bpmn:ExtensionElements', {
          values: [bpsim('BPSimData', { $children: [scenario] })],
        }),
      }),
    ];
  }
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}
