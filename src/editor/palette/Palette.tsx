/**
 * The palette: every kind of node, to drag onto the canvas (it lands in the lane it is dropped
 * in) or to click (it is added after the selected node, and connected to it when the rules
 * allow, else at the end of its lane).
 */
import { memo, useCallback, useState, type DragEvent } from 'react';
import type { NodeType, Outcome } from '../../sim/model';
import { runAction } from '../actions/registry';
import { viewController } from '../actions/view';
import { PALETTE_MIME, type PalettePayload } from '../canvas/BlueprintCanvas';
import { useT, type MessageKey } from '../i18n';
import { useBlueprintStore } from '../store/blueprint';
import './palette.css';

interface PaletteItem {
  type: NodeType;
  outcome?: Outcome;
  nameKey: MessageKey;
  hintKey: MessageKey;
  icon: string;
}

const ITEMS: readonly PaletteItem[] = [
  {
    type: 'step',
    nameKey: 'editing.nodeType.step',
    hintKey: 'editing.palette.stepHint',
    icon: 'step',
  },
  {
    type: 'decision',
    nameKey: 'editing.nodeType.decision',
    hintKey: 'editing.palette.decisionHint',
    icon: 'decision',
  },
  {
    type: 'parallel',
    nameKey: 'editing.nodeType.parallel',
    hintKey: 'editing.palette.parallelHint',
    icon: 'bar',
  },
  {
    type: 'join',
    nameKey: 'editing.nodeType.join',
    hintKey: 'editing.palette.joinHint',
    icon: 'bar',
  },
  {
    type: 'start',
    nameKey: 'editing.nodeType.start',
    hintKey: 'editing.palette.startHint',
    icon: 'start',
  },
  { type: 'end', nameKey: 'editing.nodeType.end', hintKey: 'editing.palette.endHint', icon: 'end' },
  {
    type: 'end',
    outcome: 'failure',
    nameKey: 'editing.nodeType.failureEnd',
    hintKey: 'editing.palette.failureEndHint',
    icon: 'failure',
  },
];

function onDragStart(event: DragEvent<HTMLButtonElement>, item: PaletteItem): void {
  const payload: PalettePayload = {
    type: item.type,
    ...(item.outcome ? { outcome: item.outcome } : {}),
  };
  event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(payload));
  event.dataTransfer.effectAllowed = 'copy';
}

function addAfterSelection(item: PaletteItem): void {
  const { selection } = useBlueprintStore.getState();
  const after =
    selection.nodes.size === 1 ? (selection.nodes.values().next().value as string) : undefined;
  const outcome = runAction('addNode', {
    type: item.type,
    ...(item.outcome ? { outcome: item.outcome } : {}),
    ...(after ? { after } : {}),
  });
  if (!(outcome instanceof Promise) && outcome.ok) {
    // The new node is selected; bring it into view, since it may land off screen.
    const added = useBlueprintStore.getState().selection.nodes.values().next().value;
    if (added) viewController()?.reveal(added);
  }
}

const PaletteButton = memo(function PaletteButton({ item }: { item: PaletteItem }) {
  const t = useT();
  const onClick = useCallback(() => addAfterSelection(item), [item]);
  const onDrag = useCallback(
    (event: DragEvent<HTMLButtonElement>) => onDragStart(event, item),
    [item],
  );
  return (
    <li>
      <button
        type="button"
        className="fp-palette__item"
        draggable
        onDragStart={onDrag}
        onClick={onClick}
        aria-label={t('editing.palette.add', { type: t(item.nameKey) })}
        // The name too: in the narrow rail the button shows only its icon.
        title={`${t(item.nameKey)}: ${t(item.hintKey)}`}
      >
        <span className={`fp-palette__icon fp-palette__icon--${item.icon}`} aria-hidden="true" />
        <span className="fp-palette__name">{t(item.nameKey)}</span>
      </button>
    </li>
  );
});

/**
 * The node palette (a labelled toolbar of buttons). On windows narrower than 1600 px it is a
 * rail of icons (each button keeps its name for assistive technology and in its tooltip), so
 * the canvas gets the width; a toggle at its top shows the names.
 */
export const Palette = memo(function Palette() {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  return (
    <nav
      className={`fp-palette${expanded ? ' fp-palette--expanded' : ''}`}
      aria-label={t('editing.palette.label')}
    >
      <div className="fp-palette__head">
        <h2 className="fp-palette__title">{t('editing.palette.title')}</h2>
        <button
          type="button"
          className="fp-palette__toggle"
          aria-expanded={expanded}
          aria-label={t(expanded ? 'editing.palette.hideNames' : 'editing.palette.showNames')}
          title={t(expanded ? 'editing.palette.hideNames' : 'editing.palette.showNames')}
          onClick={() => setExpanded((value) => !value)}
        >
          <span aria-hidden="true">{expanded ? '‹' : '›'}</span>
        </button>
      </div>
      <ul className="fp-palette__list">
        {ITEMS.map((item) => (
          <PaletteButton key={`${item.type}-${item.outcome ?? ''}`} item={item} />
        ))}
      </ul>
      <p className="fp-palette__hint">{t('editing.palette.hint')}</p>
    </nav>
  );
});
