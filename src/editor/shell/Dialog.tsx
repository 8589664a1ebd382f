/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, Escape closes it,
 * and screen readers announce it by its title.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the bottom; a Close button when left out. */
  footer?: ReactNode;
  /** `alertdialog` for dialogs that report a problem. */
  role?: 'dialog' | 'alertdialog';
  className?: string;
}

export function Dialog({ open, title, onClose, children, footer, role, className }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      role={role ?? 'dialog'}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {open ? (
        <div className="dialog__body">
          <header className="dialog__header">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="icon-button"
              aria-label={t('shell.close')}
              onClick={onClose}
            >
              ×
            </button>
          </header>
          {/* Focusable, so a keyboard can scroll a long content (the help) that has no control. */}
          <div className="dialog__content" tabIndex={0}>
            {children}
          </div>
          <footer className="dialog__footer">
            {footer ?? (
              <button type="button" className="button button--primary" onClick={onClose}>
                {t('shell.close')}
              </button>
            )}
          </footer>
        </div>
      ) : null}
    </dialog>
  );
}
