/**
 * Form fields of the inspector. Text-like fields keep a draft while the user types, validate it
 * on every keystroke, and commit it (one edit, one undo step) on Enter or when focus leaves;
 * Escape drops the draft. A draft with a problem is not committed: the problem stays on screen.
 * Every control has a visible label tied to it, so it can be found by its label.
 */
import { useId, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { NumberOrExpression } from '../../sim/document';
import { translateMessage, type MessageRef } from '../actions/messages';
import { useT } from '../i18n';
import { parseValueText } from './validate';

function ProblemText({ id, problem }: { id: string; problem: MessageRef | null }) {
  const t = useT();
  if (!problem) return null;
  return (
    <div id={id} className="fp-field__problem" role="alert">
      {translateMessage(t, problem)}
    </div>
  );
}

interface ChangedMarkProps {
  changed?: boolean;
  onReset?: () => void;
  label: string;
}

/** "Changed in scenario" with a reset button, for fields what-if mode has changed. */
function ChangedMark({ changed, onReset, label }: ChangedMarkProps) {
  const t = useT();
  if (!changed) return null;
  return (
    <span className="fp-field__changed">
      {t('editing.inspector.changedInScenario')}
      {onReset && (
        <button
          type="button"
          className="fp-link-button"
          onClick={onReset}
          aria-label={t('editing.inspector.resetFieldNamed', { field: label })}
        >
          {t('editing.inspector.resetField')}
        </button>
      )}
    </span>
  );
}

function formatValue(value: NumberOrExpression | undefined): string {
  return value === undefined ? '' : String(value);
}

export interface ValueFieldProps {
  label: string;
  value: NumberOrExpression | undefined;
  onCommit: (value: NumberOrExpression | undefined) => void;
  /** The problem of a (non-empty) value, or null. */
  validate: (value: NumberOrExpression) => MessageRef | null;
  /** Whether the field may be left empty (it then takes its default). */
  allowEmpty?: boolean;
  /** Accept `97%` for 0.97. */
  percent?: boolean;
  placeholder?: string;
  disabled?: boolean;
  /** Shown after the input, e.g. the value as a percentage or the unit. */
  suffix?: ReactNode;
  changed?: boolean;
  onReset?: () => void;
  /** Keep the label for assistive technology only (in a table whose header names the column). */
  hideLabel?: boolean;
}

/** A number or an expression over the parameters. */
export function ValueField(props: ValueFieldProps) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? formatValue(props.value);
  let problem: MessageRef | null = null;
  let parsedValue: NumberOrExpression | undefined = props.value;
  if (draft !== null) {
    const parsed = parseValueText(draft, { percent: props.percent });
    if (!parsed.ok) problem = parsed.problem;
    else {
      parsedValue = parsed.value;
      if (parsed.value === undefined) {
        problem = props.allowEmpty ? null : { key: 'editing.validation.required' };
      } else problem = props.validate(parsed.value);
    }
  } else if (props.value !== undefined) {
    problem = props.validate(props.value);
  }

  const commit = () => {
    if (draft === null || problem) return;
    setDraft(null);
    if (parsedValue !== props.value) props.onCommit(parsedValue);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape' && draft !== null) {
      event.preventDefault();
      event.stopPropagation();
      setDraft(null);
    }
  };
  return (
    <div className={`fp-field${problem ? ' fp-field--invalid' : ''}`}>
      <label htmlFor={id} className={props.hideLabel ? 'fp-visually-hidden' : 'fp-field__label'}>
        {props.label}
        <ChangedMark changed={props.changed} onReset={props.onReset} label={props.label} />
      </label>
      <div className="fp-field__row">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          className="fp-input"
          value={text}
          placeholder={props.placeholder}
          disabled={props.disabled}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event: ChangeEvent<HTMLInputElement>) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
          title={t('editing.inspector.valueHint')}
        />
        {props.suffix !== undefined && <span className="fp-field__suffix">{props.suffix}</span>}
      </div>
      <ProblemText id={`${id}-problem`} problem={problem} />
    </div>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  disabled?: boolean;
  placeholder?: string;
  /** Problem of a draft (e.g. a taken name); a draft with a problem is not committed. */
  validate?: (value: string) => MessageRef | null;
  hideLabel?: boolean;
  /** A fixed id for the input, so another control can bring the focus to it. */
  inputId?: string;
}

/** Free text: a label, a title, notes. */
export function TextField(props: TextFieldProps) {
  const generatedId = useId();
  const id = props.inputId ?? generatedId;
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? props.value;
  const problem = draft !== null && props.validate ? props.validate(draft) : null;
  const commit = () => {
    if (draft === null || problem) return;
    setDraft(null);
    if (draft !== props.value) props.onCommit(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (!props.multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape' && draft !== null) {
      event.preventDefault();
      event.stopPropagation();
      setDraft(null);
    }
  };
  const common = {
    id,
    className: props.multiline ? 'fp-input fp-input--multiline' : 'fp-input',
    value: text,
    disabled: props.disabled,
    placeholder: props.placeholder,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem` : undefined,
    onBlur: commit,
    onKeyDown,
  };
  return (
    <div className={`fp-field${problem ? ' fp-field--invalid' : ''}`}>
      <label htmlFor={id} className={props.hideLabel ? 'fp-visually-hidden' : 'fp-field__label'}>
        {props.label}
      </label>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => setDraft(e.target.value)} />
      )}
      <ProblemText id={`${id}-problem`} problem={problem} />
    </div>
  );
}

export interface SelectFieldProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
  changed?: boolean;
  onReset?: () => void;
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const id = useId();
  return (
    <div className="fp-field">
      <label htmlFor={id} className="fp-field__label">
        {props.label}
        <ChangedMark changed={props.changed} onReset={props.onReset} label={props.label} />
      </label>
      <select
        id={id}
        className="fp-input fp-select"
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value as V)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  hint?: string;
  changed?: boolean;
  onReset?: () => void;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="fp-field fp-field--checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.checked)}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id} className="fp-field__label">
        {props.label}
        <ChangedMark changed={props.changed} onReset={props.onReset} label={props.label} />
      </label>
      {props.hint && (
        <div id={`${id}-hint`} className="fp-field__hint">
          {props.hint}
        </div>
      )}
    </div>
  );
}

/** A whole number (observed counts, a join's k); empty means "default" when allowed. */
export function IntegerField(props: {
  label: string;
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
  validate: (value: number) => MessageRef | null;
  allowEmpty?: boolean;
  placeholder?: string;
  disabled?: boolean;
  min?: number;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (props.value === undefined ? '' : String(props.value));
  let problem: MessageRef | null = null;
  let parsed: number | undefined = props.value;
  if (draft !== null) {
    const trimmed = draft.trim();
    if (trimmed === '') {
      parsed = undefined;
      problem = props.allowEmpty ? null : { key: 'editing.validation.required' };
    } else {
      parsed = Number(trimmed);
      problem = Number.isFinite(parsed)
        ? props.validate(parsed)
        : { key: 'editing.validation.notNumber' };
    }
  } else if (props.value !== undefined) {
    problem = props.validate(props.value);
  }
  const commit = () => {
    if (draft === null || problem) return;
    setDraft(null);
    if (parsed !== props.value) props.onCommit(parsed);
  };
  return (
    <div className={`fp-field${problem ? ' fp-field--invalid' : ''}`}>
      <label htmlFor={id} className="fp-field__label">
        {props.label}
      </label>
      <input
        id={id}
        type="number"
        step={1}
        min={props.min}
        className="fp-input"
        value={text}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape' && draft !== null) {
            event.preventDefault();
            event.stopPropagation();
            setDraft(null);
          }
        }}
      />
      <ProblemText id={`${id}-problem`} problem={problem} />
    </div>
  );
}

/** A titled group of fields. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="fp-section" aria-labelledby={id}>
      <h3 id={id} className="fp-section__title">
        {title}
      </h3>
      {children}
    </section>
  );
}
