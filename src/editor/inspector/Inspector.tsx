/**
 * The inspector: every field of the selected node or edge, validated inline with the engine's
 * rules. In what-if mode the values (reliability, recovery, duration, cost, probabilities) are
 * edited in the active scenario and marked as changed; structural fields are read-only.
 */
import { memo, useCallback, useMemo } from 'react';
import {
  nodeFieldsOf,
  type BlueprintDocument,
  type NodeFieldKey,
  type NodeSpec,
  type QuantitySpec,
  type RecoverySpec,
  type ReliabilitySpec,
  type StepNodeSpec,
} from '../../sim/document';
import type { NodeFieldInfo } from '../../sim/fields';
import { LANES, type Lane } from '../../sim/model';
import { scenarioChangedFields, type NodeFieldEdit } from '../../document/commands';
import { formatPercent, nodeName, parameterValues, resolveValue } from '../../document/values';
import { runAction } from '../actions/registry';
import { diagnosticSentence } from '../../sim/diagnostics';
import { useLanguage, useT, type MessageKey } from '../i18n';
import { selectEffectiveDocument, useBlueprintStore } from '../store/blueprint';
import { problemsOf, useResultsStore } from '../store/results';
import { CheckboxField, IntegerField, Section, SelectField, TextField, ValueField } from './fields';
import { BlueprintProperties } from './BlueprintProperties';
import { FIELD_LABELS, UNIT_LABELS } from './fieldLabels';
import { ParametersTable } from './ParametersTable';
import { QuantityField } from './quantity';
import { validateK, validateObserved, validateValue, type ValueContext } from './validate';
import './inspector.css';

/** The parameters expressions may use, from the document as shown. */
export function useValueContext(): ValueContext {
  const parameters = useBlueprintStore((s) => selectEffectiveDocument(s).parameters);
  return useMemo(
    () => ({
      names: new Set(Object.keys(parameters ?? {})),
      values: parameterValues({ parameters } as BlueprintDocument),
    }),
    [parameters],
  );
}

function setField(edit: NodeFieldEdit): void {
  runAction('setNodeField', edit);
}

/** Takes one field of a node out of the active scenario (what-if "reset"). */
function resetScenarioField(nodeId: string, field: string): void {
  const scenarioId = useBlueprintStore.getState().whatIfScenarioId;
  if (scenarioId === null) return;
  runAction('resetScenarioField', { scenarioId, target: { node: nodeId, field } });
}

function ProblemList({ kind, id }: { kind: 'node' | 'edge'; id: string }) {
  const t = useT();
  const language = useLanguage();
  const problems = useResultsStore((s) => problemsOf(s, kind, id));
  if (problems.length === 0) return null;
  return (
    <Section title={t('editing.inspector.problems')}>
      <ul className="fp-problem-list">
        {problems.map((problem, i) => (
          <li key={`${problem.code}-${i}`}>
            <span className="fp-problem-list__code">{problem.code}</span>{' '}
            {diagnosticSentence(problem, language)}
          </li>
        ))}
      </ul>
    </Section>
  );
}

type ReliabilityMode = 'value' | 'observed';

function ReliabilitySection({
  node,
  context,
  whatIf,
  changed,
}: {
  node: StepNodeSpec;
  context: ValueContext;
  whatIf: boolean;
  changed: ReadonlySet<string>;
}) {
  const t = useT();
  const id = node.id;
  const spec = node.reliability;
  const mode: ReliabilityMode = typeof spec === 'object' ? 'observed' : 'value';
  const commit = (value: ReliabilitySpec | undefined) =>
    setField({ id, field: 'reliability', value });
  const onReset = whatIf ? () => resetScenarioField(id, 'reliability') : undefined;
  const point =
    typeof spec === 'object'
      ? spec.trials > 0
        ? spec.successes / spec.trials
        : null
      : spec === undefined
        ? 1
        : resolveValue(spec, context.values);
  return (
    <Section title={t('editing.inspector.reliabilitySection')}>
      <SelectField<ReliabilityMode>
        label={t('editing.inspector.reliabilitySource')}
        value={mode}
        options={[
          { value: 'value', label: t('editing.inspector.reliabilityAsValue') },
          { value: 'observed', label: t('editing.inspector.reliabilityAsObserved') },
        ]}
        onChange={(next) => {
          if (next === mode) return;
          if (next === 'observed') {
            const p = point ?? 1;
            commit({ successes: Math.round(p * 1000), trials: 1000 });
          } else {
            commit(point ?? 1);
          }
        }}
      />
      {mode === 'value' ? (
        <ValueField
          label={t('editing.inspector.reliability')}
          value={spec as number | string | undefined}
          percent
          allowEmpty={!whatIf}
          placeholder={t('editing.inspector.reliabilityDefault')}
          validate={(v) => validateValue(v, context, 'probability')}
          onCommit={commit}
          suffix={
            point !== null && typeof spec === 'string'
              ? `= ${formatPercent(point)}`
              : point !== null
                ? formatPercent(point)
                : undefined
          }
          changed={changed.has('reliability')}
          onReset={onReset}
        />
      ) : (
        <div className="fp-field-pair" role="group" aria-label={t('editing.inspector.observed')}>
          <IntegerField
            label={t('editing.inspector.successes')}
            value={(spec as { successes: number }).successes}
            min={0}
            validate={(v) => validateObserved(v, (spec as { trials: number }).trials)}
            onCommit={(v) =>
              v !== undefined &&
              commit({ ...(spec as { successes: number; trials: number }), successes: v })
            }
          />
          <IntegerField
            label={t('editing.inspector.trials')}
            value={(spec as { trials: number }).trials}
            min={1}
            validate={(v) => validateObserved((spec as { successes: number }).successes, v)}
            onCommit={(v) =>
              v !== undefined &&
              commit({ ...(spec as { successes: number; trials: number }), trials: v })
            }
          />
          {point !== null && (
            <div className="fp-field__hint">
              {t('editing.inspector.observedValue', { value: formatPercent(point) })}
              {changed.has('reliability') && ` · ${t('editing.inspector.changedInScenario')}`}
            </div>
          )}
        </div>
      )}
    </Section>
  );
}

function RecoverySection({
  node,
  context,
  whatIf,
  changed,
}: {
  node: StepNodeSpec;
  context: ValueContext;
  whatIf: boolean;
  changed: ReadonlySet<string>;
}) {
  const t = useT();
  const id = node.id;
  const recovery = node.recovery;
  const commit = (value: RecoverySpec | null) => setField({ id, field: 'recovery', value });
  const update = (patch: Partial<RecoverySpec>) => {
    if (!recovery) return;
    const next: Record<string, unknown> = { ...recovery, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    commit(next as RecoverySpec);
  };
  const isChanged = changed.has('recovery');
  const onReset = whatIf ? () => resetScenarioField(id, 'recovery') : undefined;
  const catchValue = recovery ? resolveValue(recovery.catch, context.values) : null;
  return (
    <Section title={t('editing.inspector.recoverySection')}>
      <CheckboxField
        label={t('editing.inspector.recovery')}
        checked={Boolean(recovery)}
        hint={t('editing.inspector.recoveryHint')}
        changed={isChanged}
        onReset={onReset}
        onChange={(checked) => commit(checked ? { catch: 0.5 } : null)}
      />
      {recovery && (
        <>
          <ValueField
            label={t('editing.inspector.catchRate')}
            value={recovery.catch}
            percent
            validate={(v) => validateValue(v, context, 'probability')}
            onCommit={(v) => v !== undefined && update({ catch: v })}
            suffix={catchValue !== null ? formatPercent(catchValue) : undefined}
          />
          <TextField
            label={t('editing.inspector.recoveryLabel')}
            value={recovery.label ?? ''}
            onCommit={(v) => update({ label: v.trim() === '' ? undefined : v })}
          />
          <QuantityField
            label={t('editing.inspector.recoveryDuration')}
            unit={t('editing.inspector.minutes')}
            value={recovery.duration}
            context={context}
            onCommit={(v: QuantitySpec | undefined) => update({ duration: v })}
          />
          <QuantityField
            label={t('editing.inspector.recoveryCost')}
            unit={t('editing.inspector.currency')}
            value={recovery.cost}
            context={context}
            onCommit={(v: QuantitySpec | undefined) => update({ cost: v })}
          />
        </>
      )}
    </Section>
  );
}

/** Where the inspector shows a field of each kind. */
function sectionOf(field: NodeFieldInfo): 'general' | 'values' | 'notes' | 'none' {
  if (field.key === 'notes') return 'notes';
  if (field.kind === 'position') return 'none';
  if (field.kind === 'text' || field.kind === 'choice' || field.kind === 'integer') {
    return 'general';
  }
  return 'values';
}

/**
 * The value sections of a node (reliability, recovery, then one section for its amounts: time,
 * cost and whatever quantity fields the registry gives its type), in what-if mode edited in the
 * active scenario.
 */
function ValueSections({ node, whatIf }: { node: NodeSpec; whatIf: boolean }) {
  const t = useT();
  const context = useValueContext();
  const scenario = useBlueprintStore((s) =>
    s.document.scenarios?.find((sc) => sc.id === s.whatIfScenarioId),
  );
  const changed = useMemo(() => scenarioChangedFields(scenario, node.id), [scenario, node.id]);
  const fields = nodeFieldsOf(node.type).filter((field) => sectionOf(field) === 'values');
  const quantities = fields.filter((field) => field.kind === 'quantity');
  const values = node as Record<string, unknown>;
  return (
    <>
      {fields.map((field) => {
        const props = { node: node as StepNodeSpec, context, whatIf, changed };
        if (field.kind === 'reliability') return <ReliabilitySection key={field.key} {...props} />;
        if (field.kind === 'recovery') return <RecoverySection key={field.key} {...props} />;
        if (field.kind !== 'probability') return null;
        // Any other probability of a node: a value, a percentage or an expression.
        const label = FIELD_LABELS[field.key as NodeFieldKey];
        const value = values[field.key] as number | string | undefined;
        const point = resolveValue(value, context.values);
        return label === null ? null : (
          <Section key={field.key} title={t(label)}>
            <ValueField
              label={t(label)}
              value={value}
              percent
              allowEmpty={!whatIf}
              validate={(v) => validateValue(v, context, 'probability')}
              onCommit={(next) =>
                setField({ id: node.id, field: field.key, value: next } as NodeFieldEdit)
              }
              suffix={point !== null ? formatPercent(point) : undefined}
              changed={changed.has(field.key)}
              onReset={whatIf ? () => resetScenarioField(node.id, field.key) : undefined}
            />
          </Section>
        );
      })}
      {quantities.length > 0 && (
        <Section title={t('editing.inspector.timeAndCost')}>
          {quantities.map((field) => {
            const label = FIELD_LABELS[field.key as NodeFieldKey];
            const unit = field.unit ? UNIT_LABELS[field.unit] : null;
            return label === null ? null : (
              <QuantityField
                key={field.key}
                label={t(label)}
                unit={unit ? t(unit) : ''}
                value={values[field.key] as QuantitySpec | undefined}
                context={context}
                allowNone={!whatIf}
                changed={changed.has(field.key)}
                onReset={whatIf ? () => resetScenarioField(node.id, field.key) : undefined}
                // The registry says this field holds a quantity, so the edit is well typed.
                onCommit={(value) =>
                  setField({ id: node.id, field: field.key, value } as NodeFieldEdit)
                }
              />
            );
          })}
        </Section>
      )}
    </>
  );
}

/**
 * One field of the general section: the lane, the outcome of an end and a join's `k` have
 * editors of their own; any other field is edited by what its kind is.
 */
function GeneralField({
  node,
  field,
  whatIf,
  branches,
}: {
  node: NodeSpec;
  field: NodeFieldInfo;
  whatIf: boolean;
  branches: number;
}) {
  const t = useT();
  const id = node.id;
  const labelKey = FIELD_LABELS[field.key as NodeFieldKey];
  if (labelKey === null) return null;
  const label = t(labelKey);
  const value = (node as Record<string, unknown>)[field.key];
  switch (field.key) {
    case 'lane':
      return (
        <SelectField<Lane>
          label={label}
          value={(value as Lane | undefined) ?? 'backstage'}
          options={LANES.map((lane) => ({ value: lane, label: t(`editing.lane.${lane}`) }))}
          disabled={whatIf}
          onChange={(next) => setField({ id, field: 'lane', value: next })}
        />
      );
    case 'outcome':
      return (
        <SelectField<'success' | 'failure'>
          label={label}
          value={(value as 'success' | 'failure' | undefined) ?? 'success'}
          options={[
            { value: 'success', label: t('editing.inspector.outcomeSuccess') },
            { value: 'failure', label: t('editing.inspector.outcomeFailure') },
          ]}
          disabled={whatIf}
          onChange={(next) => setField({ id, field: 'outcome', value: next })}
        />
      );
    case 'k':
      return (
        <IntegerField
          label={label}
          value={value as number | undefined}
          min={1}
          allowEmpty
          placeholder={t('editing.inspector.kAll', { count: branches })}
          disabled={whatIf}
          validate={(k) => validateK(k, branches)}
          onCommit={(next) => setField({ id, field: 'k', value: next })}
        />
      );
  }
  const commit = (next: unknown) =>
    setField({ id, field: field.key, value: next } as NodeFieldEdit);
  if (field.kind === 'choice') {
    return (
      <SelectField<string>
        label={label}
        value={(value as string | undefined) ?? field.options?.[0] ?? ''}
        options={(field.options ?? []).map((option) => ({ value: option, label: option }))}
        disabled={whatIf}
        onChange={commit}
      />
    );
  }
  if (field.kind === 'integer') {
    return (
      <IntegerField
        label={label}
        value={value as number | undefined}
        allowEmpty
        disabled={whatIf}
        validate={(next) =>
          Number.isInteger(next) ? null : { key: 'editing.validation.wholeNumber' }
        }
        onCommit={commit}
      />
    );
  }
  return (
    <TextField
      label={label}
      value={(value as string | undefined) ?? ''}
      disabled={whatIf}
      onCommit={commit}
    />
  );
}

function NodeInspector({ id }: { id: string }) {
  const t = useT();
  const node = useBlueprintStore((s) => selectEffectiveDocument(s).nodes.find((n) => n.id === id));
  const whatIf = useBlueprintStore((s) => s.whatIfScenarioId !== null);
  const branches = useBlueprintStore((s) =>
    node?.type === 'join' ? s.document.edges.filter((e) => e.target === id).length : 0,
  );
  const remove = useCallback(() => runAction('deleteElements', { nodes: [id] }), [id]);
  if (!node) return null;
  const typeName = t(nodeTypeKey(node));
  const fields = nodeFieldsOf(node.type);
  return (
    <div className="fp-inspector__body">
      <header className="fp-inspector__header">
        <h2 className="fp-inspector__title">{typeName}</h2>
        <span className="fp-inspector__id" title={t('editing.inspector.id')}>
          {node.id}
        </span>
      </header>
      {whatIf && <p className="fp-inspector__note">{t('editing.inspector.whatIfNote')}</p>}
      <Section title={t('editing.inspector.general')}>
        {fields
          .filter((field) => sectionOf(field) === 'general')
          .map((field) => (
            <GeneralField
              key={field.key}
              node={node}
              field={field}
              whatIf={whatIf}
              branches={branches}
            />
          ))}
      </Section>
      <ValueSections node={node} whatIf={whatIf} />
      <Section title={t('editing.inspector.notesSection')}>
        <TextField
          label={t('editing.inspector.notes')}
          value={node.notes ?? ''}
          multiline
          disabled={whatIf}
          onCommit={(value) => setField({ id, field: 'notes', value })}
        />
      </Section>
      <ProblemList kind="node" id={id} />
      <div className="fp-inspector__actions">
        <button
          type="button"
          className="fp-button fp-button--danger"
          onClick={remove}
          disabled={whatIf}
        >
          {t('editing.inspector.deleteNode')}
        </button>
      </div>
    </div>
  );
}

function nodeTypeKey(node: NodeSpec): MessageKey {
  if (node.type === 'end' && node.outcome === 'failure') return 'editing.nodeType.failureEnd';
  return `editing.nodeType.${node.type}`;
}

function EdgeInspector({ id }: { id: string }) {
  const t = useT();
  const document = useBlueprintStore(selectEffectiveDocument);
  const whatIf = useBlueprintStore((s) => s.whatIfScenarioId !== null);
  const changedInScenario = useBlueprintStore((s) =>
    Boolean(
      s.document.scenarios
        ?.find((sc) => sc.id === s.whatIfScenarioId)
        ?.changes.some((c) => 'edge' in c && c.edge === id),
    ),
  );
  const context = useValueContext();
  const remove = useCallback(() => runAction('deleteElements', { edges: [id] }), [id]);
  const edge = document.edges.find((e) => e.id === id);
  if (!edge) return null;
  const source = document.nodes.find((n) => n.id === edge.source);
  const target = document.nodes.find((n) => n.id === edge.target);
  const isDecision = source?.type === 'decision';
  const isFailure = edge.kind === 'failure';
  let sum: number | null = null;
  if (isDecision) {
    sum = 0;
    for (const sibling of document.edges) {
      if (sibling.source !== edge.source) continue;
      const value = resolveValue(sibling.probability, context.values);
      if (value === null) {
        sum = null;
        break;
      }
      sum += value;
    }
  }
  const probability = resolveValue(edge.probability, context.values);
  const onResetProbability = () => {
    const scenarioId = useBlueprintStore.getState().whatIfScenarioId;
    if (scenarioId === null) return;
    runAction('resetScenarioField', { scenarioId, target: { edge: id } });
  };
  return (
    <div className="fp-inspector__body">
      <header className="fp-inspector__header">
        <h2 className="fp-inspector__title">
          {t(isFailure ? 'editing.inspector.failureEdgeTitle' : 'editing.inspector.edgeTitle')}
        </h2>
        <span className="fp-inspector__id">{edge.id}</span>
      </header>
      <p className="fp-inspector__route">
        {t('editing.inspector.edgeRoute', {
          source: source ? nodeName(source) : edge.source,
          target: target ? nodeName(target) : edge.target,
        })}
      </p>
      {whatIf && <p className="fp-inspector__note">{t('editing.inspector.whatIfNote')}</p>}
      {isDecision && (
        <Section title={t('editing.inspector.routing')}>
          <ValueField
            label={t('editing.inspector.probability')}
            value={edge.probability}
            percent
            validate={(v) => validateValue(v, context, 'probability')}
            onCommit={(value) =>
              value !== undefined && runAction('setEdgeProbability', { id, probability: value })
            }
            suffix={probability !== null ? formatPercent(probability, 1) : undefined}
            changed={changedInScenario}
            onReset={whatIf ? onResetProbability : undefined}
          />
          {sum !== null && (
            <p
              className={`fp-field__hint${Math.abs(sum - 1) > 1e-9 ? ' fp-field__hint--warning' : ''}`}
              role={Math.abs(sum - 1) > 1e-9 ? 'alert' : undefined}
            >
              {Math.abs(sum - 1) > 1e-9
                ? t('editing.inspector.branchSumWrong', {
                    decision: source ? nodeName(source) : edge.source,
                    sum: formatPercent(sum, 2),
                  })
                : t('editing.inspector.branchSumOk', {
                    decision: source ? nodeName(source) : edge.source,
                  })}
            </p>
          )}
        </Section>
      )}
      {source?.type === 'step' && (
        <Section title={t('editing.inspector.edgeKind')}>
          <CheckboxField
            label={t('editing.inspector.failureEdge')}
            checked={isFailure}
            disabled={whatIf}
            hint={t('editing.inspector.failureEdgeHint')}
            onChange={(checked) =>
              runAction('setEdgeKind', { id, kind: checked ? 'failure' : 'normal' })
            }
          />
        </Section>
      )}
      <Section title={t('editing.inspector.general')}>
        <TextField
          label={t('editing.inspector.label')}
          value={edge.label ?? ''}
          disabled={whatIf}
          onCommit={(value) => runAction('setEdgeText', { id, field: 'label', value })}
        />
        <TextField
          label={t('editing.inspector.notes')}
          value={edge.notes ?? ''}
          multiline
          disabled={whatIf}
          onCommit={(value) => runAction('setEdgeText', { id, field: 'notes', value })}
        />
      </Section>
      <ProblemList kind="edge" id={id} />
      <div className="fp-inspector__actions">
        <button
          type="button"
          className="fp-button fp-button--danger"
          onClick={remove}
          disabled={whatIf}
        >
          {t('editing.inspector.deleteEdge')}
        </button>
      </div>
    </div>
  );
}

function MultiSelection({ nodes, edges }: { nodes: number; edges: number }) {
  const t = useT();
  const whatIf = useBlueprintStore((s) => s.whatIfScenarioId !== null);
  return (
    <div className="fp-inspector__body">
      <p>{t('editing.inspector.multiSelection', { nodes, edges })}</p>
      <div className="fp-inspector__actions">
        <button
          type="button"
          className="fp-button fp-button--danger"
          disabled={whatIf}
          onClick={() => runAction('deleteSelection')}
        >
          {t('editing.inspector.deleteSelection')}
        </button>
      </div>
    </div>
  );
}

/** The inspector of the current selection. */
export const Inspector = memo(function Inspector() {
  const t = useT();
  const selection = useBlueprintStore((s) => s.selection);
  const nodeCount = selection.nodes.size;
  const edgeCount = selection.edges.size;
  let body;
  if (nodeCount === 1 && edgeCount === 0) {
    const id = selection.nodes.values().next().value!;
    body = <NodeInspector key={`node-${id}`} id={id} />;
  } else if (edgeCount === 1 && nodeCount === 0) {
    const id = selection.edges.values().next().value!;
    body = <EdgeInspector key={`edge-${id}`} id={id} />;
  } else if (nodeCount + edgeCount > 1) {
    body = <MultiSelection nodes={nodeCount} edges={edgeCount} />;
  } else {
    // Nothing selected: the blueprint itself, its title, description and parameters.
    body = (
      <div className="fp-inspector__body">
        <p className="fp-inspector__empty">{t('editing.inspector.nothingSelected')}</p>
        <BlueprintProperties />
        <ParametersTable />
      </div>
    );
  }
  return (
    <aside className="fp-inspector" aria-label={t('editing.inspector.region')}>
      {body}
    </aside>
  );
});
