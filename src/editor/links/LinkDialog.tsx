/**
 * The dialog of Copy link when the clipboard is not an option: the link selected in a read-only
 * field to copy by hand, or, for a blueprint too large for a link, why, with Save to file.
 */
import { useEffect, useRef } from 'react';
import { linkRefusalSentence } from '../../document/link-refusals';
import { runAction } from '../actions/registry';
import { useLanguage, useT } from '../i18n';
import { Dialog } from '../shell/Dialog';
import { closeLinkDialog, formatLength, useLinkUi } from './copyLink';
import './links.css';

export function LinkDialog() {
  const t = useT();
  const language = useLanguage();
  const dialog = useLinkUi((state) => state.dialog);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (dialog?.kind === 'manual') field.current?.select();
  }, [dialog]);
  if (!dialog) return null;
  if (dialog.kind === 'tooLong') {
    return (
      <Dialog
        open
        role="alertdialog"
        title={t('links.tooLongTitle')}
        onClose={closeLinkDialog}
        className="link-dialog"
        footer={
          <>
            <button type="button" className="button" onClick={closeLinkDialog}>
              {t('links.close')}
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                closeLinkDialog();
                void runAction('saveBlueprint');
              }}
            >
              {t('links.saveToFile')}
            </button>
          </>
        }
      >
        <p>{dialog.made.refusal ? linkRefusalSentence(dialog.made.refusal, language) : null}</p>
      </Dialog>
    );
  }
  return (
    <Dialog open title={t('links.manualTitle')} onClose={closeLinkDialog} className="link-dialog">
      <p>{t('links.manualIntro')}</p>
      <textarea
        ref={field}
        className="link-dialog__field"
        readOnly
        rows={5}
        aria-label={t('links.manualField')}
        value={dialog.link}
        onFocus={(event) => event.currentTarget.select()}
      />
      <p className="link-dialog__length">
        {t('links.manualLength', { length: formatLength(dialog.length, language) })}
      </p>
    </Dialog>
  );
}
