/**
 * The compound-failure explorer (SPEC §8): n steps of reliability p on sliders, R = pⁿ large,
 * the curve of R against n with the open blueprint marked on it, what each step needs for a
 * target R, and the source's lesson that perfecting one step cannot rescue a flawed system.
 *
 * The blueprint's figures come from the live exact analysis (in what-if mode, the scenario's).
 * A value typed out of range is refused with a sentence beside its field; nothing is clamped.
 */
import { useId, useMemo, type ReactNode } from 'react';
import {
  bestPerfectStep,
  blueprintOnCurve,
  compoundCurve,
  type CurvePlacement,
} from '../../sim/teaching';
import { useLanguage, useT, type Translate } from '../i18n';
import { formatCount, formatDecimal, formatPercent, formatSignedDecimal } from '../results/format';
import { useReadableNodeNames } from '../results/nodeNames';
import { PlotFigure } from '../results/PlotFigure';
import { useBlueprintStore } from '../store/blueprint';
import { useResultsStore, type ValidAnalysis } from '../store/results';
import { compoundChart, type BlueprintMark } from './chart';
import {
  chainFigures,
  MAX_COMPOUND_STEPS,
  MAX_STEP_RELIABILITY,
  MIN_COMPOUND_STEPS,
  MIN_STEP_RELIABILITY,
  readStepReliability,
  readSteps,
  readTarget,
  requirement,
  STEP_RELIABILITY_STEP,
  stepReliabilityDecimals,
  type FieldValue,
} from './figures';
import {
  setStepReliability,
  setSteps,
  setTarget,
  takeBlueprintFigures,
  useExplorerState,
} from './explorerState';
import './explorer.css';

export function CompoundExplorer() {
  const t = useT();
  const language = useLanguage();
  const fields = useExplorerState();
  const steps = readSteps(fields.steps);
  const p = readStepReliability(fields.stepReliability);
  const target = readTarget(fields.target);
  const chain = useMemo(
    () => chainFigures(readSteps(fields.steps), readStepReliability(fields.stepReliability)),
    [fields.steps, fields.stepReliability],
  );
  const targetValue = target.ok ? target.value : null;
  const result = useResultsStore((state) => (state.status === 'ok' ? state.result : null));
  const placement = useMemo(() => (result ? blueprintOnCurve(result.analysis) : null), [result]);
  const name = useBlueprintName(result);

  const render = useMemo(() => {
    if (!chain) return null;
    const pText = formatDecimal(
      chain.stepReliability,
      language,
      stepReliabilityDecimals(chain.stepReliability),
    );
    const mark = placement ? blueprintMark(placement, name, t, language) : null;
    return compoundChart({
      curve: chain.curve,
      point: { steps: chain.steps, reliability: chain.reliability },
      curveTitle: t('explorer.curveLine', { p: pText }),
      pointTitle: t('explorer.curvePoint', {
        n: chain.steps,
        p: pText,
        r: formatDecimal(chain.reliability, language),
      }),
      blueprint: mark,
      target:
        targetValue === null
          ? null
          : {
              reliability: targetValue,
              title: t('explorer.curveTarget', { r: String(targetValue) }),
            },
      axis: {
        steps: t('explorer.curveAxisSteps'),
        reliability: t('explorer.curveAxisReliability'),
      },
      formatTick: (value) => formatDecimal(value, language, 1),
    });
  }, [chain, targetValue, placement, name, t, language]);

  return (
    <div className="explorer">
      <section className="explorer-card explorer-chain" aria-labelledby="explorer-chain-title">
        <h3 id="explorer-chain-title">{t('explorer.chainTitle')}</h3>
        <SliderField
          label={t('explorer.steps')}
          text={fields.steps}
          read={steps}
          sliderValue={fields.sliderSteps}
          min={MIN_COMPOUND_STEPS}
          max={MAX_COMPOUND_STEPS}
          step={1}
          onChange={setSteps}
        />
        <SliderField
          label={t('explorer.stepReliability')}
          text={fields.stepReliability}
          read={p}
          sliderValue={fields.sliderStepReliability}
          min={MIN_STEP_RELIABILITY}
          max={MAX_STEP_RELIABILITY}
          step={STEP_RELIABILITY_STEP}
          onChange={setStepReliability}
        />
        <div className="explorer-result" role="status" aria-label={t('explorer.reliability')}>
          <p className="explorer-result__label">{t('explorer.reliability')}</p>
          {chain ? (
            <>
              <p className="explorer-result__figure">
                <span className="explorer-result__power">
                  {formatDecimal(
                    chain.stepReliability,
                    language,
                    stepReliabilityDecimals(chain.stepReliability),
                  )}
                  <sup>{chain.steps}</sup> =
                </span>{' '}
                <strong data-testid="explorer-reliability">
                  {formatDecimal(chain.reliability, language)}
                </strong>
              </p>
              <p className="hint">
                {t('explorer.served', { percent: formatPercent(chain.reliability, language) })}
              </p>
            </>
          ) : (
            <p className="hint">{t('explorer.noReliability')}</p>
          )}
        </div>
        <button
          type="button"
          className="button button--small"
          disabled={!placement}
          title={t('explorer.useBlueprintHint')}
          onClick={() => {
            if (placement) takeBlueprintFigures(placement.steps, placement.meanStepReliability);
          }}
        >
          {t('explorer.useBlueprint')}
        </button>
      </section>

      <section className="explorer-card explorer-curve" aria-labelledby="explorer-curve-title">
        <h3 id="explorer-curve-title">{t('explorer.curveTitle')}</h3>
        {render && chain ? (
          <PlotFigure
            render={render}
            label={t('explorer.curveLabel', {
              p: formatDecimal(
                chain.stepReliability,
                language,
                stepReliabilityDecimals(chain.stepReliability),
              ),
            })}
            testId="explorer-chart"
          />
        ) : (
          <p className="panel-empty">{t('explorer.noReliability')}</p>
        )}
        <Legend hasBlueprint={placement !== null} hasTarget={target.ok} />
        <Placement placement={placement} name={name} />
      </section>

      <div className="explorer-side">
        <Requirement steps={steps} target={target} text={fields.target} />
        <Lesson result={result} />
      </div>
    </div>
  );
}

/** The blueprint's title (or in what-if mode its scenario's name), for the chart and sentences. */
function useBlueprintName(result: ValidAnalysis | null): string {
  const t = useT();
  const title = useBlueprintStore((state) => state.document.title?.trim() ?? '');
  const scenario = result?.scenarioId
    ? result.comparison.find((row) => row.id === result.scenarioId)?.name
    : undefined;
  return scenario ?? (title || t('explorer.thisBlueprint'));
}

/** The blueprint's point on the chart, or null when it lies beyond the chart's 50 steps. */
function blueprintMark(
  placement: CurvePlacement,
  name: string,
  t: Translate,
  language: 'en' | 'zh',
): BlueprintMark | null {
  if (placement.steps > MAX_COMPOUND_STEPS) return null;
  const curve = compoundCurve(placement.meanStepReliability, MAX_COMPOUND_STEPS);
  if (!curve.ok) return null;
  const r = formatDecimal(placement.reliability, language);
  const short = name.length > 28 ? `${name.slice(0, 27)}…` : name;
  return {
    steps: placement.steps,
    reliability: placement.reliability,
    curve: curve.value,
    title: t('explorer.curveBlueprint', { name, n: placement.steps, r }),
    curveTitle: t('explorer.curveBlueprintLine', {
      p: formatDecimal(placement.meanStepReliability, language, 4),
    }),
    label: t('explorer.curveBlueprint', { name: short, n: placement.steps, r }),
  };
}

function Legend({ hasBlueprint, hasTarget }: { hasBlueprint: boolean; hasTarget: boolean }) {
  const t = useT();
  return (
    <ul className="explorer-legend" aria-hidden>
      <li>
        <span className="explorer-swatch explorer-swatch--chain" />
        {t('explorer.legendChain')}
      </li>
      {hasBlueprint ? (
        <li>
          <span className="explorer-swatch explorer-swatch--blueprint" />
          {t('explorer.legendBlueprint')}
        </li>
      ) : null}
      {hasTarget ? (
        <li>
          <span className="explorer-swatch explorer-swatch--target" />
          {t('explorer.legendTarget')}
        </li>
      ) : null}
    </ul>
  );
}

function Placement({ placement, name }: { placement: CurvePlacement | null; name: string }) {
  const t = useT();
  const language = useLanguage();
  if (!placement) return <p className="hint">{t('explorer.noBlueprint')}</p>;
  return (
    <p className="explorer-placement" data-testid="explorer-placement">
      {t('explorer.placement', {
        name,
        n: placement.steps,
        r: formatDecimal(placement.reliability, language),
        p: formatDecimal(placement.meanStepReliability, language, 4),
      })}
      {placement.steps > MAX_COMPOUND_STEPS ? ` ${t('explorer.beyondChart')}` : null}
    </p>
  );
}

/** A slider with a number field beside it, both for one value, and the refusal of bad text. */
function SliderField({
  label,
  text,
  read,
  sliderValue,
  min,
  max,
  step,
  onChange,
}: {
  label: string;
  text: string;
  read: FieldValue;
  sliderValue: number;
  min: number;
  max: number;
  step: number;
  onChange: (text: string) => void;
}) {
  const t = useT();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="explorer-field">
      <label htmlFor={`${id}-number`} id={`${id}-label`}>
        {label}
      </label>
      <div className="explorer-field__controls">
        <input
          type="range"
          aria-labelledby={`${id}-label`}
          min={min}
          max={max}
          step={step}
          value={sliderValue}
          onChange={(event) => onChange(event.target.value)}
        />
        <input
          id={`${id}-number`}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={text}
          aria-invalid={!read.ok}
          aria-describedby={read.ok ? undefined : errorId}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      {read.ok ? null : (
        <p className="form-error" id={errorId} role="alert">
          {refusalSentence(read, t)}
        </p>
      )}
    </div>
  );
}

/** The sentence refusing a field's text, in the interface's language. */
function refusalSentence(read: Extract<FieldValue, { ok: false }>, t: Translate): string {
  if (read.text === '') return t('explorer.empty');
  return t(`explorer.refusal.${read.code}`, { value: read.text });
}

function Requirement({
  steps,
  target,
  text,
}: {
  steps: FieldValue;
  target: FieldValue;
  text: string;
}) {
  const t = useT();
  const id = useId();
  const errorId = `${id}-error`;
  const needed = requirement(steps, target);
  return (
    <section className="explorer-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('explorer.needTitle')}</h3>
      <div className="explorer-field explorer-field--inline">
        <label htmlFor={`${id}-target`}>{t('explorer.target')}</label>
        <input
          id={`${id}-target`}
          type="number"
          inputMode="decimal"
          min={0}
          max={1}
          step={0.01}
          value={text}
          aria-invalid={!target.ok}
          aria-describedby={target.ok ? undefined : errorId}
          onChange={(event) => setTarget(event.target.value)}
        />
      </div>
      {target.ok ? null : (
        <p className="form-error" id={errorId} role="alert">
          {refusalSentence(target, t)}
        </p>
      )}
      {needed && steps.ok && target.ok ? (
        <div data-testid="explorer-requirement">
          <p className="explorer-need">
            <span className="explorer-need__label">
              {t('explorer.needFigure', { n: steps.value })}
            </span>{' '}
            <strong className="explorer-need__figure">
              {needed.roundedFallsShort ? '≈ ' : '≥ '}
              {needed.rounded}
            </strong>
          </p>
          <p className="explorer-sentence">
            {t('explorer.needSentence', {
              target: String(target.value),
              n: steps.value,
              value: needed.roundedFallsShort ? needed.atLeast : needed.rounded,
            })}{' '}
            {needed.roundedFallsShort
              ? t('explorer.needFallsShort', {
                  rounded: needed.rounded,
                  n: steps.value,
                  gives: needed.roundedGives.toFixed(4),
                  safe: needed.safe,
                })
              : null}
          </p>
        </div>
      ) : null}
    </section>
  );
}

function Lesson({ result }: { result: ValidAnalysis | null }) {
  const t = useT();
  const language = useLanguage();
  const fallback = (id: string) => result?.nodes.find((node) => node.id === id)?.label;
  const nameOf = useReadableNodeNames(fallback);
  const best = useMemo(() => (result ? bestPerfectStep(result.analysis) : null), [result]);
  const id = useId();
  let body: ReactNode;
  if (!result) body = <p className="hint">{t('explorer.noBlueprint')}</p>;
  else if (!best) body = <p className="hint">{t('explorer.lessonNoSteps')}</p>;
  else if (best.reliability >= 1)
    body = <p className="explorer-sentence">{t('explorer.lessonNoFailure')}</p>;
  else {
    const step = best.label || nameOf(best.id);
    const stillFailing = 1 - best.perfectReliability;
    body = (
      <>
        <div className="explorer-compare" data-testid="explorer-lesson">
          <p>
            <span>{t('explorer.lessonToday')}</span>
            <strong>{formatDecimal(best.reliability, language)}</strong>
          </p>
          <span className="explorer-compare__arrow" aria-hidden>
            →
          </span>
          <p>
            <span>{t('explorer.lessonPerfect', { step })}</span>
            <strong>{formatDecimal(best.perfectReliability, language)}</strong>
          </p>
        </div>
        <p className="explorer-sentence">
          {t('explorer.lessonStep', {
            step,
            r: formatDecimal(best.stepReliability, language, 2),
            gain: formatSignedDecimal(best.gain, language),
          })}{' '}
          {stillFailing > 0
            ? t('explorer.lessonStill', {
                n: formatCount(Math.max(1, Math.round(1 / stillFailing)), language),
                others: result.analysis.steps.length - 1,
              })
            : t('explorer.lessonRescued')}
        </p>
      </>
    );
  }
  return (
    <section className="explorer-card explorer-lesson" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('explorer.lessonTitle')}</h3>
      {body}
    </section>
  );
}
