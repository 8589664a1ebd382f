/**
 * The canvas registers how to move its view here, so view actions (fit, zoom) can live in the
 * registry with the rest while React Flow's instance stays inside the canvas.
 */
export interface ViewController {
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Pans (without zooming) so that the node is in view, if it is not already. */
  reveal(nodeId: string): void;
}

let controller: ViewController | null = null;

/** Called by the mounted canvas; returns the function that unregisters it. */
export function registerViewController(next: ViewController): () => void {
  controller = next;
  return () => {
    if (controller === next) controller = null;
  };
}

export function viewController(): ViewController | null {
  return controller;
}
