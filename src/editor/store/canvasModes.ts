/**
 * The canvas's passing modes: a label being edited in place, and a connection started from the
 * context pad that waits for its target. Neither is part of the document or its history. The
 * action registry starts them (F2, the pad's Connect); the canvas shows and ends them, and a
 * connection whose node is gone (an undo, another file) ends by itself.
 */
import { create } from 'zustand';

/** What is being renamed in place on the canvas. */
export interface LabelTarget {
  kind: 'node' | 'edge';
  id: string;
}

interface CanvasModes {
  /** The node or edge whose label is being edited in place, or null. */
  editing: LabelTarget | null;
  /** The node a connection was started from (context pad), waiting for the next node clicked. */
  connectingFrom: string | null;
}

export const useCanvasModes = create<CanvasModes>(() => ({ editing: null, connectingFrom: null }));

/** Opens the in-place label editor on a node or an edge; ends a pending connection. */
export function startLabelEdit(target: LabelTarget): void {
  useCanvasModes.setState({ editing: target, connectingFrom: null });
}

export function endLabelEdit(): void {
  useCanvasModes.setState({ editing: null });
}

/** Starts connecting from a node: the next node clicked becomes the target. */
export function startConnecting(nodeId: string): void {
  useCanvasModes.setState({ connectingFrom: nodeId, editing: null });
}

export function cancelConnecting(): void {
  useCanvasModes.setState({ connectingFrom: null });
}
