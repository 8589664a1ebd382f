/** Where the canvas has placed the nodes, read from React Flow's store. */
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useMemo } from 'react';
import type { Position } from '../../sim/document';

const lookupSelector = (s: ReactFlowState) => s.nodeLookup;

/** Each node's position on the canvas (flow coordinates), by node id. */
export function usePositionsOnScreen(): ReadonlyMap<string, Position> {
  const lookup = useStore(lookupSelector);
  return useMemo(() => {
    const positions = new Map<string, Position>();
    for (const [id, node] of lookup) positions.set(id, node.internals.positionAbsolute);
    return positions;
  }, [lookup]);
}
