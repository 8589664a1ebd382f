/** The status bar's word on links: a link copied (and its length), a link kept, back home. */
import { useT } from '../i18n';
import { useLinkUi } from './copyLink';

export function LinkStatusMessage() {
  const t = useT();
  const status = useLinkUi((state) => state.status);
  if (!status) return null;
  const length = status.length ?? 0;
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
