/** The status bar's word on links: a link copied (and its length), a link kept, back home. */
import { useLanguage, useT } from '../i18n';
import { formatLength, useLinkUi } from './copyLink';

export function LinkStatusMessage() {
  const t = useT();
  const language = useLanguage();
  const status = useLinkUi((state) => state.status);
  if (!status) return null;
  const length = formatLength(status.length ?? 0, language);
  const text =
    status.key === 'copied'
      ? t('links.copied', { length })
      : status.key === 'copiedTeaching'
        ? t('links.copiedTeaching', { length })
        : status.key === 'kept'
          ? t('links.kept')
          : t('links.backDone');
  return (
    <span className="status-bar__link" role="status" data-testid="link-status">
      {text}
    </span>
  );
}
