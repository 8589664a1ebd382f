/**
 * The blueprint canvas and the pieces other parts of the app may need from it.
 */
export { BlueprintCanvas, PALETTE_MIME, type PalettePayload } from './BlueprintCanvas';
export {
  EDGE_COLORS,
  FlowAdapter,
  HANDLES,
  type BlueprintEdgeData,
  type BlueprintFlowEdge,
  type BlueprintFlowNode,
  type BlueprintNodeData,
} from './adapter';
