/**
 * The toolbar's icons, drawn on a 16 × 16 grid in the text colour. They stand for a command's
 * label when the window is narrow; the button keeps the label as its accessible name and its
 * tooltip, so the icon is hidden from assistive technology.
 */

/** The commands that have an icon. */
export type ToolbarIconName =
  | 'new'
  | 'open'
  | 'save'
  | 'library'
  | 'undo'
  | 'redo'
  | 'autoLayout'
  | 'fitView'
  | 'present'
  | 'more';

/** Outlines, drawn with a 1.5 px stroke; `present` and `more` are filled shapes. */
const STROKES: Record<Exclude<ToolbarIconName, 'present' | 'more'>, string> = {
  // A sheet with its corner folded and a plus on it.
  new: 'M3.5 1.5h5.5l3.5 3.5v9.5h-9z M9 1.5v3.5h3.5 M8 7.5v5 M5.5 10h5',
  // A folder.
  open: 'M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z M1.5 7h13',
  // An arrow down into a tray: the file goes to the computer.
  save: 'M8 1.5v8.5 M4.5 6.5l3.5 3.5 3.5-3.5 M2 10.5v4h12v-4',
  // Two books standing and one leaning on them.
  library: 'M2 2.5h3v12h-3z M6 2.5h3v12h-3z M10 3.6l2.8-.8 2.9 11-2.8.8z',
  undo: 'M5 2.5l-3 3 3 3 M2 5.5h7.5a4 4 0 0 1 0 8h-4',
  redo: 'M11 2.5l3 3-3 3 M14 5.5h-7.5a4 4 0 0 0 0 8h4',
  // Two steps put in order along a connector.
  autoLayout: 'M1.5 2h5.5v4h-5.5z M9 10h5.5v4h-5.5z M4.25 6v6h4.75',
  // The four corners of the view around the drawing.
  fitView: 'M1.5 5.5v-4h4 M10.5 1.5h4v4 M14.5 10.5v4h-4 M5.5 14.5h-4v-4 M5.5 5.5h5v5h-5z',
};

export function ToolbarIcon({ name }: { name: ToolbarIconName }) {
  return (
    <svg
      className="toolbar-icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      {name === 'present' ? (
        <path d="M4.5 2.5l9 5.5-9 5.5z" fill="currentColor" />
      ) : name === 'more' ? (
        <g fill="currentColor">
          <circle cx="3" cy="8" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="13" cy="8" r="1.5" />
        </g>
      ) : (
        <path
          d={STROKES[name]}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      )}
    </svg>
  );
}
