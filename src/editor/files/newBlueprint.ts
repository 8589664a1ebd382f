/** The blueprint File → New starts from: a start and a success end, connected. */
import { BLUEPRINT_FORMAT, BLUEPRINT_VERSION, type BlueprintDocument } from '../../sim/document';

export interface NewBlueprintLabels {
  title: string;
  start: string;
  end: string;
}

export function newBlueprint(labels: NewBlueprintLabels): BlueprintDocument {
  return {
    format: BLUEPRINT_FORMAT,
    version: BLUEPRINT_VERSION,
    title: labels.title,
    nodes: [
      {
        id: 'start',
        type: 'start',
        lane: 'customer',
        label: labels.start,
        position: { x: 0, y: 0 },
      },
      { id: 'end', type: 'end', lane: 'customer', label: labels.end, position: { x: 320, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'end' }],
  };
}
