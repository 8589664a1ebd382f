/**
 * The dialog that creates or edits an improvement option: its name, id, one-off and yearly
 * cost, description, and what it changes, edited with the scenario form's change rows (an
 * option's changes are written exactly as a scenario's). Saving is one action, one undo step.
 */
import { useId, useMemo, useState } from 'react';
import type { BlueprintDocument, OptionSpec } from '../../sim/document';
import { translateMessage, type MessageRef } from '../actions/messages';
import { runAction } from '../actions/registry';
import { useT } from '../i18n';
import { Dialog } from '../shell/Dialog';
import { ChangeRowEditor } from '../scenarios/ScenarioForm';
import {
  changeTargets,
  changesFromRows,
  emptyRow,
  rowProblems,
  rowValueProblems,
  rowsFromChanges,
  scenarioValueContext,
  type ChangeKind,
  type ChangeRow,
} from '../scenarios/changeForm';
import {
  draftCost,
  optionDraft,
  optionDraftProblems,
  type OptionDraft,
  type OptionDraftProblems,
} from './economicsForm';

export interface OptionFormProps {
  document: BlueprintDocument;
  /** The option being edited; a new one when left out. */
  editing?: OptionSpec;
  onClose: () => void;
}

function DraftField({
  label,
  value,
  onChange,
  problem,
  hint,
  multiline,
  inputMode,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem: MessageRef | undefined;
  hint?: string;
  multiline?: boolean;
  inputMode?: 'decimal';
}) {
  const t = useT();
  const id = useId();
  const common = {
    id,
    value,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem` : hint ? `${id}-hint` : undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={2} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          inputMode={inputMode}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p id={`${id}-problem`} className="form-error" role="alert">
          {translateMessage(t, problem)}
        </p>
      ) : null}
    </div>
  );
}

export function OptionForm({ document, editing, onClose }: OptionFormProps) {
  const t = useT();
  const targets = useMemo(() => changeTargets(document), [document]);
  const context = useMemo(() => scenarioValueContext(document), [document]);
  const [draft, setDraft] = useState<OptionDraft>(() => optionDraft(editing));
  const [rows, setRows] = useState<ChangeRow[]>(() =>
    editing ? rowsFromChanges(editing.changes) : [emptyRow(targets)],
  );
  const [submitted, setSubmitted] = useState(false);
  const currency = document.economics?.currency ?? t('economics.noCurrency');
  const fieldProblems: OptionDraftProblems = optionDraftProblems(
    draft,
    document,
    context,
    editing?.id,
  );
  const problems = [...rowProblems(rows), ...rowValueProblems(rows, context)];
  const shown = (problem: MessageRef | undefined) => (submitted ? problem : undefined);
  const set = (patch: Partial<OptionDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(fieldProblems).length > 0 || problems.length > 0) return;
    const outcome = runAction('saveOption', {
      ...(editing ? { id: editing.id } : {}),
      newId: draft.id,
      label: draft.label,
      description: draft.description,
      costOnce: draftCost(draft.costOnce) ?? 0,
      costPerYear: draftCost(draft.costPerYear),
      changes: changesFromRows(rows, document, editing?.changes),
    });
    // A refusal is shown as a notice; the form stays open so nothing typed is lost.
    if (!(outcome instanceof Promise) && outcome.ok) onClose();
  };

  const changeKind = (index: number, kind: ChangeKind) =>
    setRows((current) =>
      current.map((row, i) =>
        i === index ? { ...emptyRow(targets, kind), value: row.value } : row,
      ),
    );

  const formId = useId();
  return (
    <Dialog
      open
      title={
        editing
          ? t('economics.editOptionTitle', { name: editing.label ?? editing.id })
          : t('economics.createOptionTitle')
      }
      onClose={onClose}
      className="scenario-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('economics.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary">
            {t('economics.saveOption')}
          </button>
        </>
      }
    >
      <form id={formId} className="scenario-form option-form" onSubmit={submit} noValidate>
        <div className="option-form__grid">
          <DraftField
            label={t('economics.optionLabel')}
            value={draft.label}
            onChange={(label) => set({ label })}
            problem={shown(fieldProblems.label)}
          />
          <DraftField
            label={t('economics.optionId')}
            value={draft.id}
            onChange={(id) => set({ id })}
            problem={fieldProblems.id}
            hint={t('economics.optionIdHint')}
          />
          <DraftField
            label={t('economics.costOnce', { currency })}
            value={draft.costOnce}
            inputMode="decimal"
            onChange={(costOnce) => set({ costOnce })}
            problem={shown(fieldProblems.costOnce)}
          />
          <DraftField
            label={t('economics.costPerYear', { currency })}
            value={draft.costPerYear}
            inputMode="decimal"
            onChange={(costPerYear) => set({ costPerYear })}
            problem={shown(fieldProblems.costPerYear)}
            hint={t('economics.costPerYearHint')}
          />
        </div>
        <DraftField
          label={t('economics.optionDescription')}
          value={draft.description}
          multiline
          onChange={(description) => set({ description })}
          problem={undefined}
        />
        <fieldset className="change-list">
          <legend>{t('economics.optionChangesLegend')}</legend>
          {rows.length === 0 ? <p className="hint">{t('scenarios.noChanges')}</p> : null}
          {rows.map((row, index) => (
            <ChangeRowEditor
              key={index}
              index={index}
              row={row}
              targets={targets}
              problem={submitted ? problems.find((problem) => problem.row === index) : undefined}
              onKind={(kind) => changeKind(index, kind)}
              onChange={(patch) =>
                setRows((current) =>
                  current.map((item, i) => (i === index ? { ...item, ...patch } : item)),
                )
              }
              onRemove={() => setRows((current) => current.filter((_, i) => i !== index))}
            />
          ))}
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setRows((current) => [...current, emptyRow(targets)])}
          >
            + {t('scenarios.addChange')}
          </button>
        </fieldset>
      </form>
    </Dialog>
  );
}
