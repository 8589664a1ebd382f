/**
 * The blueprint canvas and the pieces other parts of the app may need from it.
 */
export { BlueprintCanvas, PALETTE_MIME, type PalettePayload } from './BlueprintCanvas';
export {
  EDGE_COLORS,
  FlowAdapter,
  HANDLES,
  formatPercent,
  parameterValues,
  reliabilityValue,
  resolveValue,
  type BlueprintEdgeData,
  type BlueprintFlowEdge,
  type BlueprintFlowNode,
  type BlueprintNodeData,
} from './adapter';
export {
  LANE_LINES,
  NODE_SIZES,
  boundsOf,
  computeLaneBands,
  type LaneBand,
  type LaneLineName,
} from './geometry';
export { needsLayout, quickLayout } from './layout';
export { elkLayout } from './elk';
