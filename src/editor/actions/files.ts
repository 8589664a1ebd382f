/**
 * The shell registers how files are opened, saved and exported here, so the file commands can
 * live in the registry with the rest (one list of labels and shortcuts, one way to run them)
 * while the file picker, downloads and the canvas snapshot stay in the shell.
 */
export type ExportKind = 'png' | 'svg' | 'bpmn' | 'steps' | 'scenarios';

export interface FileController {
  /** Replaces the blueprint with a new, nearly empty one. */
  newBlueprint(): void;
  /** Asks the user for a file to open. */
  openBlueprint(): void;
  /** Downloads the blueprint. */
  saveBlueprint(): void;
  /** Whether there is something to export of this kind (CSV needs results). */
  canExport(kind: ExportKind): boolean;
  export(kind: ExportKind): void;
}

let controller: FileController | null = null;

/** Called by the mounted app; returns the function that unregisters it. */
export function registerFileController(next: FileController): () => void {
  controller = next;
  return () => {
    if (controller === next) controller = null;
  };
}

export function fileController(): FileController | null {
  return controller;
}
