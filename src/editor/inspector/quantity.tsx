/**
 * Editing a duration (minutes) or a cost: none, a fixed amount, or a distribution with its
 * parameters, each of which may be an expression.
 */
import {
  DISTRIBUTION_KINDS,
  DISTRIBUTION_PARAMETERS,
  type DistributionKind,
  type DistributionSpec,
  type NumberOrExpression,
  type QuantitySpec,
} from '../../sim/document';
import { translateMessage } from '../actions/messages';
import { useT, type MessageKey } from '../i18n';
import { SelectField, ValueField } from './fields';
import {
  DISTRIBUTION_PARAMETER_RANGES,
  validateDistribution,
  validateValue,
  type ValueContext,
  type ValueRange,
} from './validate';

type QuantityKind = 'none' | DistributionKind;

function kindOf(value: QuantitySpec | undefined): QuantityKind {
  if (value === undefined) return 'none';
  if (typeof value === 'number' || typeof value === 'string') return 'fixed';
  return value.dist;
}

/** A representative amount of the current value, to seed a newly chosen distribution. */
function centreOf(value: QuantitySpec | undefined): number {
  if (typeof value === 'number') return value;
  if (value === undefined || typeof value === 'string') return 1;
  const numeric = (v: NumberOrExpression) => (typeof v === 'number' ? v : null);
  switch (value.dist) {
    case 'fixed':
      return numeric(value.value) ?? 1;
    case 'uniform': {
      const [a, b] = [numeric(value.min), numeric(value.max)];
      return a !== null && b !== null ? (a + b) / 2 : 1;
    }
    case 'triangular':
      return numeric(value.mode) ?? 1;
    case 'normal':
      return numeric(value.mean) ?? 1;
    case 'lognormal': {
      const mu = numeric(value.mu);
      return mu !== null ? Math.exp(mu) : 1;
    }
    case 'exponential':
      return numeric(value.mean) ?? 1;
  }
}

const round = (x: number) => Number(x.toPrecision(4));

/** A sensible first value when the user switches to another kind of distribution. */
export function seedQuantity(
  kind: QuantityKind,
  current: QuantitySpec | undefined,
): QuantitySpec | undefined {
  const c = centreOf(current) > 0 ? centreOf(current) : 1;
  switch (kind) {
    case 'none':
      return undefined;
    case 'fixed':
      return typeof current === 'number' || typeof current === 'string' ? current : round(c);
    case 'uniform':
      return { dist: 'uniform', min: round(c * 0.5), max: round(c * 1.5) };
    case 'triangular':
      return { dist: 'triangular', min: round(c * 0.5), mode: round(c), max: round(c * 2) };
    case 'normal':
      return { dist: 'normal', mean: round(c), sd: round(c * 0.2) };
    case 'lognormal':
      return { dist: 'lognormal', mu: round(Math.log(c)), sigma: 0.25 };
    case 'exponential':
      return { dist: 'exponential', mean: round(c) };
  }
}

function parameterRange(kind: DistributionKind, parameter: string): ValueRange {
  if (kind === 'exponential' && parameter === 'mean') return 'positive';
  return DISTRIBUTION_PARAMETER_RANGES[parameter] ?? 'any';
}

export interface QuantityFieldProps {
  /** The quantity's name, e.g. "Duration" or "Recovery cost". */
  label: string;
  /** Unit shown after the amounts, e.g. "min". */
  unit: string;
  value: QuantitySpec | undefined;
  onCommit: (value: QuantitySpec | undefined) => void;
  context: ValueContext;
  disabled?: boolean;
  /** Whether "none" may be chosen (not in what-if mode, where a scenario cannot remove a value). */
  allowNone?: boolean;
  changed?: boolean;
  onReset?: () => void;
}

export function QuantityField(props: QuantityFieldProps) {
  const t = useT();
  const kind = kindOf(props.value);
  const options = (['none', ...DISTRIBUTION_KINDS] as const)
    .filter((k) => k !== 'none' || props.allowNone !== false || kind === 'none')
    .map((k) => ({ value: k as QuantityKind, label: t(`editing.dist.${k}` as MessageKey) }));
  const value = props.value;
  const relation =
    value !== undefined && typeof value === 'object'
      ? validateDistribution(value, props.context)
      : null;

  const setParameter = (parameter: string, next: NumberOrExpression | undefined) => {
    if (next === undefined || value === undefined) return;
    if (typeof value !== 'object') {
      props.onCommit(next);
      return;
    }
    props.onCommit({ ...value, [parameter]: next } as DistributionSpec);
  };

  return (
    <div className="fp-quantity" role="group" aria-label={props.label}>
      <SelectField
        label={t('editing.inspector.distributionOf', { quantity: props.label })}
        value={kind}
        options={options}
        disabled={props.disabled}
        changed={props.changed}
        onReset={props.onReset}
        onChange={(next) => {
          if (next !== kind) props.onCommit(seedQuantity(next, value));
        }}
      />
      {kind !== 'none' &&
        DISTRIBUTION_PARAMETERS[kind].map((parameter) => {
          const current =
            value === undefined
              ? undefined
              : typeof value === 'object'
                ? ((value as Record<string, unknown>)[parameter] as NumberOrExpression)
                : value;
          const label =
            kind === 'fixed'
              ? props.label
              : t('editing.inspector.quantityParameter', {
                  quantity: props.label,
                  parameter: t(`editing.dist.param.${parameter}` as MessageKey),
                });
          return (
            <ValueField
              key={`${kind}-${parameter}`}
              label={label}
              value={current}
              suffix={parameter === 'mu' || parameter === 'sigma' ? undefined : props.unit}
              disabled={props.disabled}
              validate={(v) => validateValue(v, props.context, parameterRange(kind, parameter))}
              onCommit={(next) => setParameter(parameter, next)}
            />
          );
        })}
      {relation && (
        <div className="fp-field__problem" role="alert">
          {translateMessage(t, relation)}
        </div>
      )}
    </div>
  );
}
