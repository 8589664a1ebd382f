/**
 * The line at the bottom of the window: whether the blueprint is kept in the browser's library
 * (or, plainly, that the browser refused and the work lives only in this tab), what happened to
 * the last file, whether another tab saved the same blueprint, and how fast the last analysis came back (or that the analysis of
 * the blueprint on screen is still being computed: the time of an earlier one is not shown).
 */
import { keepThisTabVersion, openOtherTabVersion, useFileState } from '../files/fileActions';
import { useT } from '../i18n';
import { describeStorageFailure } from '../library/store';
import { LinkStatusMessage } from '../links/LinkStatusMessage';
import { useResultsStore } from '../store/results';

export function StatusBar() {
  const t = useT();
  const message = useFileState((state) => state.message);
  const latency = useResultsStore((state) => state.latency);
  const millis = useResultsStore((state) => state.result?.millis ?? null);
  const status = useResultsStore((state) => state.status);
  let fileText: string = t('shell.statusSaved');
  if (message?.key === 'restored') fileText = t('shell.statusRestored');
  else if (message?.key === 'restoreFailed') fileText = t('files.restoredFailed');
  else if (message?.key === 'libraryFailed') {
    fileText = t('library.failed', { reason: describeStorageFailure(message.detail ?? '', t) });
  } else if (message?.key === 'openedDraft') {
    fileText = t('files.openedDraft', { count: Number(message.detail ?? 0) });
  } else if (message?.key === 'lastInLibrary') {
    fileText = t('files.lastInLibrary', { title: message.detail || t('shell.untitled') });
  } else if (message?.key === 'keptUntilOnline') {
    fileText = t('files.keptUntilOnline', { title: message.detail || t('shell.untitled') });
  } else if (message?.key === 'unsavedKept') {
    fileText = t('files.unsavedKept', { count: Number(message.detail ?? 0) });
  } else if (message?.key === 'changedElsewhere') {
    fileText = t('files.changedElsewhere', { title: message.detail || t('shell.untitled') });
  } else if (message?.key === 'otherTabUnavailable') {
    fileText = t('files.otherTabUnavailable', { title: message.detail || t('shell.untitled') });
  }
  const warning =
    message?.key === 'libraryFailed' ||
    message?.key === 'changedElsewhere' ||
    message?.key === 'keptUntilOnline' ||
    message?.key === 'unsavedKept' ||
    message?.key === 'otherTabUnavailable';
  return (
    <footer className="status-bar">
      <span className={warning ? 'status-bar__warning' : undefined} role="status">
        {fileText}
        {message?.key === 'changedElsewhere' || message?.key === 'otherTabUnavailable' ? (
          <>
            {' '}
            <button
              type="button"
              className="status-bar__action"
              onClick={() => void openOtherTabVersion()}
            >
              {t('files.openOtherTab')}
            </button>{' '}
            <button type="button" className="status-bar__action" onClick={keepThisTabVersion}>
              {t('files.keepThisTab')}
            </button>
          </>
        ) : null}
      </span>
      <LinkStatusMessage />
      {status === 'computing' ? (
        <span className="status-bar__timing" data-testid="analysis-computing" aria-busy="true">
          {t('shell.statusComputing')}
        </span>
      ) : status === 'ok' && latency !== null && millis !== null ? (
        <span
          className="status-bar__timing"
          data-testid="analysis-latency"
          data-latency={latency.toFixed(1)}
        >
          {latency < 1000
            ? t('results.computedIn', { ms: Math.max(1, Math.round(latency)) })
            : t('results.computedInSeconds', { s: (latency / 1000).toFixed(1) })}
        </span>
      ) : null}
    </footer>
  );
}
