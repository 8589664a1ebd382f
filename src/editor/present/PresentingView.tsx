/**
 * The presenting view (SPEC §8): the blueprint full screen for a projector, as a guided walk
 * through the source's table. The question, one step per slide with the product so far, R, a
 * scenario's recovery and its growth; the slides and every figure come from
 * {@link presentingWalk}, this file only words and lays them out, large enough to read from the
 * back of a room.
 *
 * While it is on, every key belongs to it: the editor's shortcuts (Delete, Ctrl+Z, …) must not
 * change the blueprint behind the slides, so the view catches keys before they reach them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { drawBlueprint } from '../../document/drawing';
import { presentingWalk, type PresentingWalk, type WalkStep } from '../../document/presenting';
import { validateDocument } from '../../sim/parse';
import { useLanguage, useT, type Language, type Translate } from '../i18n';
import {
  formatCount,
  formatDecimal,
  formatPercent,
  formatSignedDecimal,
  formatSignedPercent,
} from '../results/format';
import { drawingTexts } from '../shell/exports';
import { useBlueprintStore } from '../store/blueprint';
import { leavePresenting, onFullscreenChange } from './enter';
import './present.css';

/** Most rows of the growing table on one slide; earlier rows fold into one line above them. */
const MAX_ROWS = 10;

/**
 * Largest blueprint drawn on the question slide, in nodes. At a third of a projected screen a
 * larger one is unreadable, and drawing it would hold up the first slide (about a second and a
 * half for 1,000 nodes).
 */
const DRAWING_MAX_NODES = 80;

export function PresentingView() {
  const t = useT();
  const language = useLanguage();
  const document = useBlueprintStore((state) => state.document);
  const scenarioId = useBlueprintStore((state) => state.whatIfScenarioId);
  // Editing is locked while presenting, so this runs once per presentation, on this thread: the
  // exact analysis of the baseline and one scenario. Milliseconds for the courier, about 0.7 s
  // for a generated 1,000-node blueprint (validation included).
  const walk = useMemo(() => {
    const parsed = validateDocument(document);
    return parsed.ok ? presentingWalk(parsed.blueprint, scenarioId) : null;
  }, [document, scenarioId]);
  const total = walk?.slides.length ?? 0;
  const [index, setIndex] = useState(0);
  const current = Math.min(index, Math.max(0, total - 1));
  const go = useCallback((to: number) => setIndex(Math.max(0, Math.min(total - 1, to))), [total]);
  const next = useRef<HTMLButtonElement>(null);
  useSlideKeys(current, total, go);
  useFocusWhileOpen(next);

  const title = walk?.title || document.title?.trim() || t('present.untitled');
  const slide = walk?.slides[current];
  return (
    <div
      className="present"
      role="dialog"
      aria-modal="true"
      aria-label={t('present.viewLabel', { title })}
    >
      {/* Not <header>/<footer>: inside the dialog they would be a second banner and contentinfo. */}
      <div className="present__top">
        <p className="present__title">{title}</p>
        <button
          type="button"
          className="present__close"
          title={t('present.closeHint')}
          onClick={leavePresenting}
        >
          <span aria-hidden>✕</span> {t('present.close')}
        </button>
      </div>
      <section
        className={`present__slide present__slide--${slide?.kind ?? 'invalid'}`}
        data-slide={slide?.kind ?? 'invalid'}
        aria-live="polite"
      >
        {!walk || !slide ? (
          <p className="present__message">{t('present.invalid')}</p>
        ) : slide.kind === 'question' ? (
          <Question walk={walk} t={t} language={language} />
        ) : slide.kind === 'step' ? (
          <StepSlide walk={walk} index={slide.index} t={t} language={language} />
        ) : slide.kind === 'result' ? (
          <Result walk={walk} t={t} language={language} />
        ) : slide.kind === 'recovery' ? (
          <Recovery walk={walk} t={t} language={language} />
        ) : (
          <Growth walk={walk} t={t} language={language} />
        )}
      </section>
      <div className="present__nav">
        <button
          type="button"
          className="present__button"
          disabled={current === 0}
          onClick={() => go(current - 1)}
        >
          <span aria-hidden>←</span> {t('present.previous')}
        </button>
        <div className="present__progress">
          <div
            className="present__bar"
            role="progressbar"
            aria-label={t('present.progressName')}
            aria-valuemin={1}
            aria-valuemax={Math.max(1, total)}
            aria-valuenow={current + 1}
            aria-valuetext={t('present.progress', { current: current + 1, total })}
          >
            <span style={{ width: `${total > 0 ? ((current + 1) / total) * 100 : 0}%` }} />
          </div>
          <span className="present__count" data-testid="present-progress">
            {total > 0 ? `${current + 1} / ${total}` : ''}
          </span>
          <span className="present__keys">{t('present.keys')}</span>
        </div>
        <button
          ref={next}
          type="button"
          className="present__button present__button--next"
          disabled={current >= total - 1}
          onClick={() => go(current + 1)}
        >
          {t('present.next')} <span aria-hidden>→</span>
        </button>
      </div>
    </div>
  );
}

interface SlideProps {
  walk: PresentingWalk;
  t: Translate;
  language: Language;
}

function Question({ walk, t, language }: SlideProps) {
  const range = walk.range ? percentRange(walk.range.lowest, walk.range.highest, language) : '';
  const document = useBlueprintStore((state) => state.document);
  const picture = useMemo(() => {
    if (document.nodes.length > DRAWING_MAX_NODES) return null;
    const { svg } = drawBlueprint(document, { texts: drawingTexts(t, language) });
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  }, [document, t, language]);
  return (
    <div className="present__question">
      <h2 className="present__headline">
        {walk.steps.length === 1
          ? t('present.questionOne', { range })
          : t('present.question', { count: walk.steps.length, range })}
      </h2>
      <p className="present__lead">{t('present.questionNote')}</p>
      {picture ? (
        <img className="present__drawing" src={picture} alt={t('present.drawing')} />
      ) : null}
    </div>
  );
}

function StepSlide({ walk, index, t, language }: SlideProps & { index: number }) {
  const step = walk.steps[index];
  const shown = index + 1;
  // Past MAX_ROWS, the earliest rows give way to one line counting them: the newest row stays
  // in view however long the walk.
  const hidden = shown > MAX_ROWS ? shown - (MAX_ROWS - 1) : 0;
  const rows = walk.steps.slice(hidden, shown);
  return (
    <div className="present__walk">
      <table className="present__table">
        <thead>
          <tr>
            <th scope="col" className="present__num">
              #
            </th>
            <th scope="col">{t('present.columnStep')}</th>
            <th scope="col" className="present__value">
              {t('present.columnReliability')}
            </th>
          </tr>
        </thead>
        <tbody>
          {hidden > 0 ? (
            <tr className="present__earlier">
              <td />
              <td colSpan={2}>{t('present.earlierSteps', { count: hidden })}</td>
            </tr>
          ) : null}
          {rows.map((row, i) => (
            <tr
              key={row.id}
              className={hidden + i === index ? 'present__row present__row--new' : 'present__row'}
            >
              <td className="present__num">{hidden + i + 1}</td>
              <td className="present__label">{stepName(row, hidden + i, t)}</td>
              <td className="present__value">{shortValue(row.reliability)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="present__side">
        <p className="present__caption">
          {t('present.stepOf', { n: shown, total: walk.steps.length })}
        </p>
        {step.served === null ? (
          <>
            <p className="present__label-large">{stepName(step, index, t)}</p>
            <p className="present__big" data-testid="present-figure">
              {shortValue(step.reliability)}
            </p>
            <RecoveryNote step={step} t={t} />
            <p className="present__note">
              {t(walk.inexact === 'loops' ? 'present.inexactLoops' : 'present.inexactBranches')}
            </p>
          </>
        ) : (
          <>
            <p className="present__label-large">{t('present.servedSoFar')}</p>
            <p className="present__big" data-testid="present-figure">
              {formatDecimal(step.served, language)}
            </p>
            <p className="present__loss">
              {t('present.lostSoFar', { share: formatPercent(1 - step.served, language) })}
            </p>
            <RecoveryNote step={step} t={t} />
          </>
        )}
      </div>
    </div>
  );
}

function Result({ walk, t, language }: SlideProps) {
  return (
    <div className="present__result">
      <p className="present__caption">{t('present.resultHeading')}</p>
      <div className="present__figure-row">
        <p className="present__big present__big--result" data-testid="present-figure">
          {formatDecimal(walk.reliability, language)}
        </p>
        <p className="present__beside">
          {t('present.failPer10k', { count: formatCount(walk.failuresPer10k, language) })}
        </p>
      </div>
      <p className="present__headline present__headline--loss">
        {walk.oneIn === null
          ? t('present.noFailure')
          : t('present.oneIn', { n: formatCount(walk.oneIn, language) })}
      </p>
      {walk.formula ? <p className="present__formula">{walk.formula.text}</p> : null}
    </div>
  );
}

function Recovery({ walk, t, language }: SlideProps) {
  const recovery = walk.recovery!;
  return (
    <div className="present__recovery">
      <h2 className="present__heading">
        {t('present.recoveryHeading', { name: recovery.scenarioName })}
      </h2>
      {recovery.changed.length === 0 ? (
        <p className="present__lead">{t('present.recoveryNoSteps')}</p>
      ) : (
        <ul className="present__changes">
          {recovery.changed.map((change) => (
            <li key={change.id}>
              <span className="present__change-label">{change.label || change.id}</span>
              <span className="present__change-values">
                <span className="present__before">{change.beforeText}</span>
                <span aria-hidden> → </span>
                <span className="present__after">
                  {change.afterText === shortValue(change.after)
                    ? change.afterText
                    : `${change.afterText} = ${shortValue(change.after)}`}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="present__figure-row">
        <div>
          <p className="present__caption">{t('present.newReliability')}</p>
          <p className="present__big present__big--good" data-testid="present-figure">
            {formatDecimal(recovery.reliability, language)}
          </p>
        </div>
        <p className="present__beside">
          {t('present.failPer10k', { count: formatCount(recovery.failuresPer10k, language) })}
        </p>
      </div>
    </div>
  );
}

function Growth({ walk, t, language }: SlideProps) {
  const recovery = walk.recovery!;
  const served = Math.round(Math.abs(recovery.delta) * 10_000);
  return (
    <div className="present__growth">
      <h2 className="present__heading">{t('present.growthHeading')}</h2>
      <p className="present__from-to">
        {formatDecimal(walk.reliability, language)} <span aria-hidden>→</span>{' '}
        {formatDecimal(recovery.reliability, language)}
      </p>
      <div className="present__tiles">
        <div className="present__tile">
          <p className="present__caption">{t('present.improvement')}</p>
          <p className="present__big present__big--good" data-testid="present-delta">
            {formatSignedDecimal(recovery.delta, language)}
          </p>
        </div>
        <div className="present__tile">
          <p className="present__caption">{t('present.growth')}</p>
          <p className="present__big present__big--good" data-testid="present-growth">
            {formatSignedPercent(recovery.growth, language)}
          </p>
        </div>
      </div>
      <p className="present__lead">
        {recovery.delta >= 0
          ? t('present.moreServed', { count: formatCount(served, language) })
          : t('present.fewerServed', { count: formatCount(served, language) })}
      </p>
    </div>
  );
}

/** For a step with a recovery, how its value comes about: `(0.97 + 0.03 × 0.9) = 0.997`. */
function RecoveryNote({ step, t }: { step: WalkStep; t: Translate }) {
  const value = shortValue(step.reliability);
  if (step.text === value) return null;
  return (
    <p className="present__note">
      {t('present.withRecovery', { formula: `${step.text} = ${value}` })}
    </p>
  );
}

/** A step's label, or "Step n" for a step without one. */
function stepName(step: WalkStep, index: number, t: Translate): string {
  return step.label.trim() || t('present.unnamedStep', { n: index + 1 });
}

/** A value written short after `=`: `0.96`, not `0.9600000000000001`. */
function shortValue(value: number): string {
  const short = String(+value.toPrecision(10));
  return (short.split('.')[1]?.length ?? 0) >= 2 ? short : value.toFixed(2);
}

/** `90–99 %` (English) or `90%–99%` (Chinese); one value when the steps are all alike. */
function percentRange(lowest: number, highest: number, language: Language): string {
  const number = new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-US', {
    maximumFractionDigits: 1,
  });
  const low = number.format(lowest * 100);
  const high = number.format(highest * 100);
  if (low === high) return language === 'zh' ? `${low}%` : `${low} %`;
  return language === 'zh' ? `${low}%–${high}%` : `${low}–${high} %`;
}

/**
 * The view's keys, caught on the way down (capture on window) so that none reaches the
 * editor's shortcuts: → ↓ Page Down and Space go on, ← ↑ Page Up and Backspace go back, Home and
 * End jump, Escape leaves. A focused button keeps Space and Enter for itself.
 */
function useSlideKeys(current: number, total: number, go: (to: number) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      event.stopPropagation();
      if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      const onButton = event.target instanceof HTMLButtonElement;
      switch (event.key) {
        case 'ArrowRight':
        case 'ArrowDown':
        case 'PageDown':
          go(current + 1);
          break;
        case ' ':
        case 'Enter':
          if (onButton) return;
          go(current + 1);
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
        case 'PageUp':
        case 'Backspace':
          go(current - 1);
          break;
        case 'Home':
          go(0);
          break;
        case 'End':
          go(total - 1);
          break;
        case 'Escape':
          leavePresenting();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [current, total, go]);

  useEffect(() => {
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => document.removeEventListener('fullscreenchange', onFullscreenChange);
  }, []);
}

/** Puts the focus on Next while the view is open, and back where it was when it closes. */
function useFocusWhileOpen(target: React.RefObject<HTMLButtonElement | null>): void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    target.current?.focus();
    return () => before?.focus();
  }, [target]);
}
