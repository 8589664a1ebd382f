/**
 * The bar over the canvas while a blueprint opened from a link is on screen: where it comes
 * from, that it is not in the library yet, and the two ways out (keep it, or go back to the
 * user's own blueprint, confirming first when that loses edits).
 */
import { useEffect, useRef } from 'react';
import { linkRefusalSentence } from '../../document/link-refusals';
import { useLanguage, useT } from '../i18n';
import { requestFitView, useBlueprintStore } from '../store/blueprint';
import {
  backToMyBlueprint,
  cancelBack,
  keepLinkedBlueprint,
  showsLinkedBlueprint,
  useLinkSession,
} from './linkSession';
import './links.css';

export function LinkBanner() {
  const t = useT();
  const language = useLanguage();
  const session = useLinkSession((state) => state.session);
  const document = useBlueprintStore((state) => state.document);
  const edited = useBlueprintStore((state) => state.past.length > 0);
  const shown = session !== null && showsLinkedBlueprint(session, document);
  // The canvas gives up the bar's height when it comes and takes it back when it goes: the
  // blueprint is fitted again into what is left.
  const wasShown = useRef(shown);
  useEffect(() => {
    if (wasShown.current === shown) return;
    wasShown.current = shown;
    requestAnimationFrame(requestFitView);
  }, [shown]);
  if (!session || !shown) return null;
  return (
    <section className="link-banner" role="region" aria-label={t('links.bannerLabel')}>
      <div className="link-banner__text">
        <strong>{t('links.bannerTitle')}</strong>{' '}
        <span>{edited ? t('links.bannerEdited') : t('links.bannerHint')}</span>
        {session.missingScenario ? (
          <span className="link-banner__warning" role="alert">
            {linkRefusalSentence(session.missingScenario, language)} {t('links.baselineShown')}
          </span>
        ) : null}
      </div>
      {session.confirmingBack ? (
        <div className="link-banner__actions" role="group" aria-label={t('links.confirmBack')}>
          <span className="link-banner__question">{t('links.confirmBack')}</span>
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => backToMyBlueprint({ discard: true })}
          >
            {t('links.discardAndBack')}
          </button>
          <button type="button" className="button button--small" onClick={cancelBack}>
            {t('links.cancel')}
          </button>
        </div>
      ) : (
        <div className="link-banner__actions">
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => void keepLinkedBlueprint()}
          >
            {t('links.keep')}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => backToMyBlueprint()}
          >
            {t('links.back')}
          </button>
        </div>
      )}
    </section>
  );
}
