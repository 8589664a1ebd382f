/**
 * The shell registers how to show its dialogs here, so commands such as Help can be registered
 * actions (with their shortcut in the one list) while the dialogs' state stays in the shell.
 */
export interface ShellController {
  /** Opens the help dialog with the list of shortcuts. */
  openHelp(): void;
}

let controller: ShellController | null = null;

/** Called by the mounted app; returns the function that unregisters it. */
export function registerShellController(next: ShellController): () => void {
  controller = next;
  return () => {
    if (controller === next) controller = null;
  };
}

export function shellController(): ShellController | null {
  return controller;
}
