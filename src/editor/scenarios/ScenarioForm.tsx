/**
 * The dialog that creates or edits a scenario: a name and a list of changes, each pointing at a
 * step, a decision edge or a parameter, with the field and the new value.
 */
import { useId, useMemo, useState } from 'react';
import type { BlueprintDocument, ChangeSpec } from '../../sim/document';
import { translateMessage } from '../actions/messages';
import { useT, type MessageKey } from '../i18n';
import { FIELD_LABELS } from '../inspector/fieldLabels';
import { Dialog } from '../shell/Dialog';
import { optionsConflict } from '../economics/economicsForm';
import { ScenarioOptions } from '../economics/ScenarioOptions';
import {
  changeTargets,
  changesFromRows,
  emptyRow,
  isAmountRow,
  rowProblems,
  rowValueProblems,
  rowsFromChanges,
  scenarioValueContext,
  type RowProblem,
  type ChangeKind,
  type ChangeRow,
  nodeRowFields,
  type NodeChangeField,
} from './changeForm';
// The scenarios panel and the option form both show this form, and bring its look with it.
import './scenarios.css';

export interface ScenarioFormProps {
  document: BlueprintDocument;
  /** The scenario being edited; a new one when left out. */
  editing?: { id: string; name: string; changes: ChangeSpec[]; options?: string[] };
  /** A name to start a new scenario with. */
  suggestedName: string;
  /** `options`: the improvement options ticked, when the blueprint has any. */
  onSave: (name: string, changes: ChangeSpec[], options?: string[]) => void;
  onClose: () => void;
}

export function ScenarioForm({
  document,
  editing,
  suggestedName,
  onSave,
  onClose,
}: ScenarioFormProps) {
  const t = useT();
  const targets = useMemo(() => changeTargets(document), [document]);
  const [name, setName] = useState(editing?.name ?? suggestedName);
  const [rows, setRows] = useState<ChangeRow[]>(() =>
    editing ? rowsFromChanges(editing.changes) : [emptyRow(targets)],
  );
  const [options, setOptions] = useState<string[]>(() => editing?.options ?? []);
  const hasOptions = (document.options?.length ?? 0) > 0;
  const conflict = hasOptions ? optionsConflict(document, name.trim(), options) : null;
  const [submitted, setSubmitted] = useState(false);
  const nameId = useId();
  const context = useMemo(() => scenarioValueContext(document), [document]);
  const problems = [...rowProblems(rows), ...rowValueProblems(rows, context)];
  const nameMissing = name.trim() === '';

  const update = (index: number, patch: Partial<ChangeRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const changeKind = (index: number, kind: ChangeKind) =>
    setRows((current) =>
      current.map((row, i) =>
        i === index ? { ...emptyRow(targets, kind), value: row.value } : row,
      ),
    );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (nameMissing || problems.length > 0 || conflict) return;
    onSave(
      name.trim(),
      changesFromRows(rows, document, editing?.changes),
      hasOptions ? options : undefined,
    );
  };

  const formId = useId();
  return (
    <Dialog
      open
      title={
        editing ? t('scenarios.editTitle', { name: editing.name }) : t('scenarios.createTitle')
      }
      onClose={onClose}
      className="scenario-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('scenarios.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary">
            {t('scenarios.save')}
          </button>
        </>
      }
    >
      <form id={formId} className="scenario-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={nameId}>{t('scenarios.name')}</label>
          <input
            id={nameId}
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={submitted && nameMissing}
            autoFocus
          />
          {submitted && nameMissing ? (
            <p className="form-error" role="alert">
              {t('scenarios.nameRequired')}
            </p>
          ) : null}
        </div>
        {hasOptions ? (
          <ScenarioOptions
            document={document}
            selected={options}
            onChange={setOptions}
            conflict={conflict}
          />
        ) : editing?.options && editing.options.length > 0 ? (
          <p className="hint scenario-options">
            {t('scenarios.builtFromOptions', {
              options: editing.options
                .map((id) => {
                  const option = document.options?.find((candidate) => candidate.id === id);
                  return `“${option?.label ?? id}”`;
                })
                .join(', '),
            })}
          </p>
        ) : null}
        <fieldset className="change-list">
          <legend>{t('scenarios.changes')}</legend>
          {rows.length === 0 ? <p className="hint">{t('scenarios.noChanges')}</p> : null}
          {rows.map((row, index) => (
            <ChangeRowEditor
              key={index}
              index={index}
              row={row}
              targets={targets}
              problem={submitted ? problems.find((problem) => problem.row === index) : undefined}
              onKind={(kind) => changeKind(index, kind)}
              onChange={(patch) => update(index, patch)}
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

/** One change of the form's list; the option form edits an option's changes with it too. */
export function ChangeRowEditor({
  index,
  row,
  targets,
  problem,
  onKind,
  onChange,
  onRemove,
}: {
  index: number;
  row: ChangeRow;
  targets: ReturnType<typeof changeTargets>;
  /** What is wrong with the row, once the user tried to save. */
  problem: RowProblem | undefined;
  onKind: (kind: ChangeKind) => void;
  onChange: (patch: Partial<ChangeRow>) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const n = index + 1;
  const invalid = problem !== undefined;
  const list =
    row.kind === 'node' ? targets.steps : row.kind === 'edge' ? targets.edges : targets.parameters;
  const needsValue = !(row.kind === 'node' && row.field === 'noRecovery');
  return (
    <div className="change-row" role="group" aria-label={t('scenarios.changeRow', { n })}>
      <select
        aria-label={t('scenarios.changeKind', { n })}
        value={row.kind}
        onChange={(event) => onKind(event.target.value as ChangeKind)}
      >
        <option value="node">{t('scenarios.kindNode')}</option>
        <option value="edge">{t('scenarios.kindEdge')}</option>
        <option value="parameter">{t('scenarios.kindParameter')}</option>
      </select>
      {list.length === 0 ? (
        <span className="hint change-row__none">{t('scenarios.nothingToChange')}</span>
      ) : (
        <select
          aria-label={t('scenarios.changeTarget', { n })}
          value={row.target}
          onChange={(event) => onChange({ target: event.target.value })}
        >
          {list.map((target) => (
            <option key={target.id} value={target.id}>
              {target.label === target.id ? target.id : `${target.label} (${target.id})`}
            </option>
          ))}
        </select>
      )}
      {row.kind === 'node' ? (
        <select
          aria-label={t('scenarios.changeField', { n })}
          value={row.field}
          onChange={(event) => onChange({ field: event.target.value as NodeChangeField })}
        >
          {nodeRowFields().map((field) => (
            <option key={field} value={field}>
              {t(rowFieldLabel(field))}
            </option>
          ))}
        </select>
      ) : (
        <span className="change-row__field">
          {row.kind === 'edge' ? t('scenarios.fieldProbability') : t('scenarios.fieldValue')}
        </span>
      )}
      {needsValue ? (
        <input
          aria-label={t('scenarios.changeValue', { n })}
          value={row.value}
          placeholder={isAmountRow(row) ? '5' : '0.96'}
          title={t('scenarios.valueHint')}
          inputMode="decimal"
          aria-invalid={invalid}
          onChange={(event) => onChange({ value: event.target.value })}
        />
      ) : (
        <span />
      )}
      <button
        type="button"
        className="icon-button"
        aria-label={t('scenarios.removeChange', { n })}
        onClick={onRemove}
      >
        ×
      </button>
      {problem ? (
        <p className="form-error change-row__error" role="alert">
          {problem.problem === 'invalid'
            ? t('scenarios.valueInvalid', { n, reason: translateMessage(t, problem.message) })
            : t('scenarios.valueRequired', { n })}
        </p>
      ) : null}
    </div>
  );
}

/** The name of what a node row sets: the form's own wording, else the inspector's field name. */
function rowFieldLabel(field: NodeChangeField): MessageKey {
  switch (field) {
    case 'reliability':
      return 'scenarios.fieldReliability';
    case 'catch':
      return 'scenarios.fieldCatch';
    case 'noRecovery':
      return 'scenarios.fieldNoRecovery';
    default:
      return FIELD_LABELS[field] ?? 'scenarios.fieldValue';
  }
}
