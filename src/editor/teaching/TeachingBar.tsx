/**
 * The teaching panel, in place of the analysis panels while teaching: play and pause, one
 * customer, speed, seed, where to stop, reset; the customers walked, the share served and its
 * chart against the exact R; and the way back to editing.
 */
import { useState } from 'react';
import { MAX_SEED } from '../../sim/random';
import { useLanguage, useT } from '../i18n';
import { formatCount, formatDecimal, formatPercent } from '../results/format';
import { useResultsStore } from '../store/results';
import { setAppMode, useModeState } from '../shell/modeState';
import { SPEEDS } from './player';
import { teachingControls, useTeachingStore } from './session';
import { ShareChart } from './ShareChart';

/** Reads a whole number typed into a field; null for an empty field, NaN for anything else. */
function wholeNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[_,\s]/g, '');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) && value >= 0 ? value : NaN;
}

/** The teaching panel while teaching; nothing otherwise. */
export function TeachingPanel() {
  const teaching = useModeState((state) => state.mode === 'teach');
  return teaching ? <TeachingBar /> : null;
}

function TeachingBar() {
  const t = useT();
  const language = useLanguage();
  const status = useTeachingStore((s) => s.status);
  const message = useTeachingStore((s) => s.message);
  const shown = useTeachingStore((s) => s.snapshot);
  const invalid = useResultsStore((s) => s.status === 'invalid');
  const exact = useResultsStore((s) => s.result?.analysis.reliability ?? null);
  const ready = status === 'ready' && shown !== null && !invalid;
  const playing = shown?.playing ?? false;
  const finishing = !playing && (shown?.walking ?? 0) > 0;
  const speed = shown ? SPEEDS[shown.speed] : SPEEDS[0];
  const walked = shown?.walked ?? 0;
  const served = shown?.counts.successes ?? 0;

  return (
    <section className="teach-panel" aria-label={t('teaching.bar')} data-testid="teach-bar">
      <div className="teach-bar">
        <span className="teach-bar__title">
          <span className="teach-bar__dot" aria-hidden />
          {t('teaching.bar')}
        </span>
        {invalid || status === 'failed' ? (
          <p className="teach-bar__message" role="alert">
            {invalid ? t('teaching.invalid') : t('teaching.failed', { reason: message ?? '' })}
          </p>
        ) : status === 'loading' ? (
          <p className="teach-bar__message" aria-busy="true">
            {t('teaching.loading')}
          </p>
        ) : null}
        <div className="teach-bar__group" role="group" aria-label={t('teaching.speed')}>
          <button
            type="button"
            className="teach-button teach-button--primary"
            disabled={!ready}
            aria-pressed={playing}
            onClick={playing ? teachingControls.pause : teachingControls.play}
          >
            {playing ? t('teaching.pause') : t('teaching.play')}
          </button>
          <button
            type="button"
            className="teach-button"
            disabled={!ready || playing}
            title={t('teaching.oneHint')}
            onClick={teachingControls.one}
          >
            {t('teaching.one')}
          </button>
          <button
            type="button"
            className="teach-button"
            disabled={!ready || shown.speed === 0}
            onClick={() => teachingControls.speed(-1)}
          >
            {t('teaching.slower')}
          </button>
          <output className="teach-bar__speed" aria-label={t('teaching.speed')}>
            {shown?.speed === 0
              ? t('teaching.oneAtATime')
              : t('teaching.perSecond', { rate: formatCount(speed.perSecond, language) })}
          </output>
          <button
            type="button"
            className="teach-button"
            disabled={!ready || shown.speed === SPEEDS.length - 1}
            onClick={() => teachingControls.speed(1)}
          >
            {t('teaching.faster')}
          </button>
        </div>
        <div className="teach-bar__group">
          <NumberField
            label={t('teaching.seed')}
            hint={t('teaching.seedHint')}
            value={shown?.seed ?? null}
            disabled={!ready}
            allowEmpty={false}
            max={MAX_SEED}
            onCommit={(value) => value !== null && teachingControls.seed(value)}
          />
          <NumberField
            label={t('teaching.stopAt')}
            hint={t('teaching.stopAtHint')}
            value={shown?.target ?? null}
            disabled={!ready}
            allowEmpty
            max={Number.MAX_SAFE_INTEGER}
            onCommit={(value) => teachingControls.target(value === 0 ? null : value)}
          />
          <button
            type="button"
            className="teach-button"
            disabled={!ready}
            title={t('teaching.resetHint')}
            onClick={teachingControls.reset}
          >
            {t('teaching.reset')}
          </button>
        </div>
        <span className="teach-bar__spacer" />
        <button
          type="button"
          className="teach-button teach-bar__stop"
          title={t('teaching.stopHint')}
          aria-keyshortcuts="Escape"
          onClick={() => setAppMode('edit')}
        >
          {t('teaching.stop')}
        </button>
      </div>
      <div className="teach-panel__body">
        <dl className="teach-bar__figures">
          <div>
            <dt>{t('teaching.walked')}</dt>
            <dd data-testid="teach-walked" data-value={walked} aria-busy={finishing || playing}>
              {formatCount(walked, language)}
              {finishing ? (
                <span className="teach-bar__finishing"> {t('teaching.finishing')}</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('teaching.served')}</dt>
            <dd data-testid="teach-served" data-value={served}>
              {walked === 0
                ? '–'
                : t('teaching.servedValue', {
                    served: formatCount(served, language),
                    walked: formatCount(walked, language),
                    share: formatPercent(served / walked, language),
                  })}
            </dd>
          </div>
          <div>
            <dt>{t('teaching.exactLabel')}</dt>
            <dd data-testid="teach-exact">
              {exact === null ? t('teaching.noExact') : formatDecimal(exact, language, 4)}
            </dd>
          </div>
          <Legend />
        </dl>
        <figure className="teach-bar__chart">
          <figcaption>{t('teaching.chart')}</figcaption>
          <ShareChart
            points={shown?.share ?? []}
            exact={exact}
            label={t('teaching.chart')}
            language={language}
          />
        </figure>
      </div>
    </section>
  );
}

/** What the colours of the tokens and rings mean. */
function Legend() {
  const t = useT();
  return (
    <ul className="teach-legend">
      <li>
        <span className="teach-legend__dot" aria-hidden />
        {t('teaching.legendToken')}
      </li>
      <li>
        <span className="teach-legend__ring teach-legend__ring--failure" aria-hidden />
        {t('teaching.legendFailure')}
      </li>
      <li>
        <span className="teach-legend__ring teach-legend__ring--recovered" aria-hidden />
        {t('teaching.legendRecovered')}
      </li>
      <li>
        <span className="teach-legend__ring teach-legend__ring--served" aria-hidden />
        {t('teaching.legendServed')}
      </li>
    </ul>
  );
}

/**
 * A whole-number field that commits on Enter or when it loses focus; a value it cannot read
 * goes back to the one in force.
 */
function NumberField({
  label,
  hint,
  value,
  disabled,
  allowEmpty,
  max,
  onCommit,
}: {
  label: string;
  hint: string;
  value: number | null;
  disabled: boolean;
  allowEmpty: boolean;
  max: number;
  onCommit: (value: number | null) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const parsed = wholeNumber(draft);
    setDraft(null);
    if (parsed === null ? !allowEmpty : Number.isNaN(parsed) || parsed > max) return;
    if (parsed !== value) onCommit(parsed);
  };
  return (
    <label className="teach-field" title={hint}>
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        value={draft ?? (value === null ? '' : String(value))}
        disabled={disabled}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') {
            // Escape in the field undoes the typing; it does not leave the mode.
            event.stopPropagation();
            event.preventDefault();
            setDraft(null);
          }
        }}
      />
    </label>
  );
}
