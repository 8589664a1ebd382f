/**
 * The field registry: derived from the schemas, and read by every place that used to list
 * fields by hand. Each check runs over the whole registry, so a field added to the schemas is
 * checked in parse, the inspector, the scenario form and parameter rename without a new test.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';
import { beforeEach, describe, expect, it } from 'vitest';
import { renameParameter } from '../../src/document/commands';
import { isRefusal } from '../../src/document/refusals';
import { Inspector } from '../../src/editor/inspector';
import { FIELD_LABELS } from '../../src/editor/inspector/fieldLabels';
import { editing } from '../../src/editor/i18n/messages/editing';
import {
  changesFromRows,
  nodeRowFields,
  rowsFromChanges,
} from '../../src/editor/scenarios/changeForm';
import { select } from '../../src/editor/store/blueprint';
import {
  NODE_FIELD_REGISTRY,
  SCENARIO_NODE_FIELDS,
  fieldApplies,
  nodeFieldsOf,
  type BlueprintDocument,
  type NodeFieldKey,
  type NodeSpec,
} from '../../src/sim/document';
import {
  NodeChangeSetSchema,
  QuantitySpecSchema,
  StepNodeSpecSchema,
} from '../../src/sim/document-schema';
import { buildNodeFieldRegistry, fieldMeta, mapExpressions } from '../../src/sim/fields';
import { NODE_TYPES, type NodeType } from '../../src/sim/model';
import { validateDocument } from '../../src/sim/parse';
import { applyScenario } from '../../src/sim/scenario';
import { given } from './helpers';

/** A node of each type, each with an id that names its type. */
function nodeOf(type: NodeType): NodeSpec {
  return { id: `${type}-node`, type } as NodeSpec;
}

/** A value of a field's kind that uses the parameter `p` wherever the kind allows expressions. */
function sampleValue(key: NodeFieldKey): unknown {
  switch (NODE_FIELD_REGISTRY.get(key)!.kind) {
    case 'text':
      return 'p is not an expression here';
    case 'choice':
      return NODE_FIELD_REGISTRY.get(key)!.options![0];
    case 'integer':
      return 1;
    case 'probability':
    case 'reliability':
      return 'p';
    case 'recovery':
      return {
        catch: 'p',
        label: 'p stays',
        duration: { dist: 'uniform', min: 'p', max: 'p + 1' },
      };
    case 'quantity':
      return { dist: 'triangular', min: 'p', mode: 'p + 1', max: '2 * p + 2' };
    case 'position':
      return { x: 1, y: 2 };
  }
}

beforeEach(() => {
  given();
});

describe('the field registry', () => {
  it('is derived from the node schemas', () => {
    expect(NODE_FIELD_REGISTRY.get('reliability')).toEqual({
      key: 'reliability',
      kind: 'reliability',
      unit: 'probability',
      nodeTypes: ['step'],
      scenario: true,
      expressions: true,
    });
    expect(NODE_FIELD_REGISTRY.get('k')).toMatchObject({
      kind: 'integer',
      unit: 'branches',
      nodeTypes: ['join'],
      scenario: false,
      expressions: false,
    });
    expect(NODE_FIELD_REGISTRY.get('lane')).toMatchObject({
      kind: 'choice',
      nodeTypes: NODE_TYPES,
      options: ['customer', 'frontstage', 'backstage', 'support'],
    });
    expect(NODE_FIELD_REGISTRY.get('duration')).toMatchObject({
      kind: 'quantity',
      unit: 'minutes',
    });
    expect(NODE_FIELD_REGISTRY.get('cost')).toMatchObject({ kind: 'quantity', unit: 'currency' });
    expect(NODE_FIELD_REGISTRY.get('label')?.expressions).toBe(false);
    expect(SCENARIO_NODE_FIELDS).toEqual(['reliability', 'recovery', 'duration', 'cost']);
    expect(nodeFieldsOf('end').map((f) => f.key)).toEqual([
      'label',
      'lane',
      'position',
      'notes',
      'outcome',
    ]);
    expect(fieldApplies('k', 'join')).toBe(true);
    expect(fieldApplies('k', 'step')).toBe(false);
  });

  it('takes a new field from the schemas alone, and refuses one without metadata', () => {
    const failureCost = QuantitySpecSchema.optional().register(fieldMeta, {
      kind: 'quantity',
      unit: 'currency',
    });
    const step = StepNodeSpecSchema.extend({ failureCost });
    const change = NodeChangeSetSchema.extend({ failureCost });
    const schemas = {
      start: z.strictObject({ id: z.string(), type: z.literal('start') }),
      end: z.strictObject({ id: z.string(), type: z.literal('end') }),
      step,
      decision: z.strictObject({ id: z.string(), type: z.literal('decision') }),
      parallel: z.strictObject({ id: z.string(), type: z.literal('parallel') }),
      join: z.strictObject({ id: z.string(), type: z.literal('join') }),
    };
    const registry = buildNodeFieldRegistry(schemas, change);
    expect(registry.get('failureCost')).toEqual({
      key: 'failureCost',
      kind: 'quantity',
      unit: 'currency',
      nodeTypes: ['step'],
      scenario: true,
      expressions: true,
    });
    // A parameter rename reaches into the new field with no change to the rename itself.
    const renamed = mapExpressions(step, { id: 's', type: 'step', failureCost: 'p * 2' }, (text) =>
      text.replace('p', 'q'),
    );
    expect(renamed.failureCost).toBe('q * 2');

    const unlabelled = StepNodeSpecSchema.extend({ mystery: z.number().optional() });
    expect(() => buildNodeFieldRegistry({ ...schemas, step: unlabelled }, change)).toThrow(
      /"mystery" of step nodes has no field metadata/,
    );
  });
});

describe('parsing reads the registry', () => {
  it('accepts every field on the node types that carry it, and names the node otherwise', () => {
    for (const field of NODE_FIELD_REGISTRY.values()) {
      for (const type of NODE_TYPES) {
        const node = { ...nodeOf(type), [field.key]: sampleValue(field.key as NodeFieldKey) };
        const result = validateDocument({
          format: 'failpoint.blueprint',
          version: 1,
          parameters: { p: { value: 0.5 } },
          nodes: [node],
          edges: [],
        });
        // Only whether the field belongs here: a lone node has other problems (no start, …).
        const misplaced = result.ok
          ? []
          : result.diagnostics.filter(
              (d) =>
                d.path === `nodes[0].${field.key}` && (d.code === 'BP024' || d.code === 'BP004'),
            );
        if (field.nodeTypes.includes(type)) {
          expect(misplaced, `${field.key} on ${type}`).toEqual([]);
        } else {
          expect(
            misplaced.map((d) => d.code),
            `${field.key} on ${type}`,
          ).toEqual(['BP024']);
          expect(misplaced[0].message).toContain(`${type}-node`);
        }
      }
    }
  });
});

describe('the inspector reads the registry', () => {
  it('shows every field of every node type under its name', () => {
    for (const type of NODE_TYPES) {
      const id = `${type}-shown`;
      const values: Record<string, unknown> = {};
      for (const field of nodeFieldsOf(type)) {
        if (field.kind !== 'position') values[field.key] = sampleValue(field.key as NodeFieldKey);
      }
      // Values that evaluate, so every section (a recovery's fields included) is shown.
      if (type === 'step') {
        values.reliability = 0.9;
        values.recovery = { catch: 0.5 };
      }
      const document: BlueprintDocument = {
        format: 'failpoint.blueprint',
        version: 2,
        nodes: [{ ...nodeOf(type), ...values, id } as NodeSpec],
        edges: [],
      };
      given(document);
      select([id]);
      const html = renderToStaticMarkup(<Inspector />);
      for (const field of nodeFieldsOf(type)) {
        const labelKey = FIELD_LABELS[field.key as NodeFieldKey];
        if (field.kind === 'position') {
          expect(labelKey, field.key).toBeNull();
          continue;
        }
        const name = editing.en[labelKey!.replace('editing.', '') as keyof typeof editing.en];
        const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(html, `${field.key} of ${type}`).toMatch(new RegExp(`<label[^>]*>${escaped}`));
      }
    }
  });
});

describe('the scenario form reads the registry', () => {
  it('edits every field a scenario may set, and keeps what it cannot show', () => {
    const formFields = new Set<string>(nodeRowFields());
    expect(formFields).toEqual(new Set(['reliability', 'catch', 'noRecovery', 'duration', 'cost']));
    for (const key of SCENARIO_NODE_FIELDS) {
      const kind = NODE_FIELD_REGISTRY.get(key)!.kind;
      const value = kind === 'recovery' ? { catch: 0.7 } : kind === 'reliability' ? 0.97 : 5;
      const previous = [{ node: 's3', set: { [key]: value } }];
      const rows = rowsFromChanges(previous);
      expect(rows, key).toHaveLength(1);
      expect(changesFromRows(rows, given(), previous), key).toEqual(previous);
      if (kind === 'quantity') {
        // A distribution is not a row of the form: kept whole when the scenario is saved again.
        const distribution = [{ node: 's3', set: { [key]: { dist: 'exponential', mean: 3 } } }];
        expect(rowsFromChanges(distribution), key).toEqual([]);
        expect(changesFromRows([], given(), distribution), key).toEqual(distribution);
      }
    }
  });
});

describe('scenarios and rename read the registry', () => {
  it('applies every field a scenario may set', () => {
    const document = given();
    for (const key of SCENARIO_NODE_FIELDS) {
      const value = key === 'recovery' ? { catch: 0.25 } : key === 'reliability' ? 0.5 : 3;
      const changed = applyScenario(document, {
        id: 'x',
        name: 'X',
        changes: [{ node: 's3', set: { [key]: value } }],
      });
      const s3 = changed.nodes.find((n) => n.id === 's3') as Record<string, unknown>;
      expect(s3[key], key).toEqual(value);
    }
  });

  it('renames a parameter in every field that holds expressions, and nowhere else', () => {
    const values: Record<string, unknown> = {};
    for (const field of nodeFieldsOf('step')) {
      if (field.kind !== 'position') values[field.key] = sampleValue(field.key as NodeFieldKey);
    }
    const document: BlueprintDocument = {
      format: 'failpoint.blueprint',
      version: 2,
      parameters: { p: { value: 0.5, label: 'p is a label' } },
      nodes: [{ id: 's', type: 'step', ...values } as NodeSpec],
      edges: [],
      scenarios: [{ id: 'x', name: 'p', changes: [{ node: 's', set: { reliability: 'p' } }] }],
    };
    const result = renameParameter(document, 'p', 'q');
    if (isRefusal(result)) throw new Error('rename refused');
    const step = result.document.nodes[0] as Record<string, unknown>;
    for (const field of nodeFieldsOf('step')) {
      const before = JSON.stringify(values[field.key] ?? null);
      const after = JSON.stringify(step[field.key] ?? null);
      if (field.expressions) {
        // The expressions written with p: "p", "p + 1", "2 * p + 2".
        expect(after, field.key).not.toMatch(/"p"|"p \+|\* p/);
        expect(after, field.key).toMatch(/\bq\b/);
      } else {
        expect(after, field.key).toBe(before);
      }
    }
    // Labels of the recovery and the parameter are prose, not expressions.
    expect((step.recovery as { label: string }).label).toBe('p stays');
    expect(result.document.parameters).toEqual({ q: { value: 0.5, label: 'p is a label' } });
    expect(result.document.scenarios?.[0]).toEqual({
      id: 'x',
      name: 'p',
      changes: [{ node: 's', set: { reliability: 'q' } }],
    });
  });
});
