/**
 * A menu button: a button that opens a list of commands. Follows the WAI-ARIA menu button
 * pattern: arrow keys move between items, Escape closes and returns focus to the button.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  /** Secondary text shown at the right (a language), part of the item's accessible name. */
  detail?: string;
  /**
   * The command's shortcut as shown at the right (`Ctrl+Shift+O`) and in the
   * `aria-keyshortcuts` form; announced as a shortcut, so the item's name stays its label.
   */
  shortcut?: { text: string; ariaKeys?: string };
  disabled?: boolean;
  onSelect: () => void;
}

export interface MenuProps {
  label: string;
  /** What the button shows; the label when left out. */
  children?: ReactNode;
  title?: string;
  items: readonly MenuItem[];
  /** Accessible name of the menu itself; the label when left out. */
  menuLabel?: string;
  align?: 'start' | 'end';
}

export function Menu({ label, children, title, items, menuLabel, align = 'start' }: MenuProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])')?.focus();
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!list.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>) => {
    const entries = Array.from(
      list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [],
    );
    const at = entries.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => entries[(to + entries.length) % entries.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(at - 1);
        break;
      case 'Home':
        event.preventDefault();
        move(0);
        break;
      case 'End':
        event.preventDefault();
        move(entries.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
    }
  };

  return (
    <div className="menu">
      <button
        ref={button}
        type="button"
        className="toolbar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={title}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children ?? label}
        <span className="menu__caret" aria-hidden>
          ▾
        </span>
      </button>
      {open ? (
        <ul
          ref={list}
          id={menuId}
          role="menu"
          aria-label={menuLabel ?? label}
          className={`menu__list menu__list--${align}`}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => (
            <li key={item.id} role="none">
              <button
                type="button"
                role="menuitem"
                disabled={item.disabled}
                aria-keyshortcuts={item.shortcut?.ariaKeys}
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                <span>{item.label}</span>
                {item.detail ? <span className="menu__detail">{item.detail}</span> : null}
                {item.shortcut ? (
                  <span className="menu__detail" aria-hidden>
                    {item.shortcut.text}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
