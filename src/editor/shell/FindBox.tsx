/**
 * Find a node by its label (Ctrl/⌘+F): a small box over the canvas that lists the nodes whose
 * label contains what is typed, with their lane. Matching ignores case and character width
 * (full-width Ｌａｔｉｎ finds Latin), so it works the same in Chinese and English. Up and Down
 * move through the matches, Enter selects one and brings it into view, Escape closes the box
 * and gives the focus back to where it was.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { laneOf } from '../../document/geometry';
import type { BlueprintDocument, NodeSpec } from '../../sim/document';
import { viewController } from '../actions/view';
import { useT } from '../i18n';
import { select, useBlueprintStore } from '../store/blueprint';
import { closeFind, useFindState } from './findState';
import './find.css';

/** Text folded for matching: compatibility forms (full width) to plain ones, then lower case. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/** The nodes whose label contains `query` (folded), in the blueprint's order. */
export function findNodes(document: BlueprintDocument, query: string): NodeSpec[] {
  const wanted = foldForSearch(query.trim());
  if (wanted === '') return [];
  return document.nodes.filter((n) => n.label && foldForSearch(n.label).includes(wanted));
}

/** The label with the matched part marked, when folding kept its length (it mostly does). */
function Highlighted({ label, query }: { label: string; query: string }) {
  const folded = foldForSearch(label);
  const wanted = foldForSearch(query.trim());
  const at = folded.length === label.length ? folded.indexOf(wanted) : -1;
  if (at < 0 || wanted === '') return <>{label}</>;
  return (
    <>
      {label.slice(0, at)}
      <mark>{label.slice(at, at + wanted.length)}</mark>
      {label.slice(at + wanted.length)}
    </>
  );
}

export function FindBox() {
  const open = useFindState((s) => s.open);
  return open ? <FindPanel /> : null;
}

function FindPanel() {
  const t = useT();
  const titleId = useId();
  const listId = useId();
  const document = useBlueprintStore((s) => s.document);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const matches = useMemo(() => findNodes(document, query), [document, query]);
  const current = matches.length === 0 ? -1 : Math.min(active, matches.length - 1);

  useEffect(() => {
    returnFocus.current = globalThis.document.activeElement;
    input.current?.focus();
    return () => {
      const back = returnFocus.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);

  // Ctrl/⌘+F again while the box is open brings the focus back to its field.
  const requests = useFindState((s) => s.requests);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [requests]);

  const choose = (index: number) => {
    const node = matches[index];
    if (!node) return;
    setActive(index);
    select([node.id]);
    viewController()?.reveal(node.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (matches.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(current);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeFind();
    } else if (event.key.toLowerCase() === 'f' && (event.ctrlKey || event.metaKey)) {
      // The browser's own find stays out of the way while this one is open.
      event.preventDefault();
      input.current?.select();
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="fp-find" role="dialog" aria-labelledby={titleId}>
      <div className="fp-find__header">
        <h2 className="fp-find__title" id={titleId}>
          {t('editing.find.title')}
        </h2>
        <button
          type="button"
          className="fp-find__close"
          aria-label={t('editing.find.close')}
          onClick={closeFind}
        >
          ×
        </button>
      </div>
      <input
        ref={input}
        className="fp-find__input"
        type="search"
        role="combobox"
        aria-label={t('editing.find.input')}
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        placeholder={t('editing.find.placeholder')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== '' && (
        <p className="fp-find__count" aria-live="polite">
          {matches.length === 0
            ? t('editing.find.none', { query: query.trim() })
            : t('editing.find.count', { count: current + 1, total: matches.length })}
        </p>
      )}
      <ul
        className="fp-find__list"
        role="listbox"
        id={listId}
        aria-label={t('editing.find.results')}
      >
        {matches.map((node, index) => (
          <li
            key={node.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={`fp-find__option${index === current ? ' fp-find__option--active' : ''}`}
            // Keep the focus in the field, so typing and the arrow keys go on working.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(index)}
          >
            <span className="fp-find__label">
              <Highlighted label={node.label ?? ''} query={query} />
            </span>
            <span className="fp-find__lane">{t(`editing.lane.${laneOf(node)}`)}</span>
          </li>
        ))}
      </ul>
      <p className="fp-find__hint">{t('editing.find.hint')}</p>
    </div>
  );
}
