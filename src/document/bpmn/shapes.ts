/**
 * The size each blueprint node type is drawn at in a BPMN diagram (BPMN-DI), in diagram pixels:
 * steps keep the canvas's card size, gateways and events the sizes BPMN modellers use. A
 * shape is centred on the blueprint node's centre, so the writer and the reader agree on where
 * a node is.
 */
import type { NodeType } from '../../sim/model';
import { NODE_SIZES } from '../geometry';

export const BPMN_SHAPE_SIZES: Readonly<Record<NodeType, { width: number; height: number }>> = {
  step: NODE_SIZES.step,
  decision: { width: 50, height: 50 },
  parallel: { width: 50, height: 50 },
  join: { width: 50, height: 50 },
  start: { width: 36, height: 36 },
  end: { width: 36, height: 36 },
};
