/**
 * The React-free model of the economics section, the option form and the scenario form's option
 * checklist: field wording, the checks run while typing, problems found by validation placed on
 * their field or option, and the BP031 sentence for two options that change one field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addOption, setOptionChanges } from '../../src/document/economics';
import { saveScenario } from '../../src/document/commands';
import { refusalMessage, translateMessage } from '../../src/editor/actions/messages';
import { isRefusal } from '../../src/document/refusals';
import type { BlueprintDocument } from '../../src/sim/document';
import { diagnosticSentence } from '../../src/sim/diagnostics';
import { ECONOMICS_FIELDS } from '../../src/sim/money/fields';
import { parseBlueprint } from '../../src/sim/parse';
import {
  draftCost,
  economicsFieldDiagnostics,
  economicsFieldKeys,
  economicsFieldProblem,
  optionDiagnostics,
  optionDraft,
  optionDraftProblems,
  optionsConflict,
} from '../../src/editor/economics/economicsForm';
import { messages, translator } from '../../src/editor/i18n';

function courier(): BlueprintDocument {
  return JSON.parse(readFileSync('examples/courier.blueprint.json', 'utf8')) as BlueprintDocument;
}

const context = { names: new Set(['catchRate']), values: new Map([['catchRate', 0.6]]) };

function problemsOf(document: BlueprintDocument) {
  const parsed = parseBlueprint(JSON.stringify(document));
  if (parsed.ok) throw new Error('expected problems');
  return parsed.diagnostics;
}

describe('economics fields', () => {
  it('has a label, a unit and a hint for every registry field, in both languages', () => {
    for (const field of ECONOMICS_FIELDS) {
      const keys = economicsFieldKeys(field.key);
      for (const language of ['en', 'zh'] as const) {
        for (const key of [keys.label, keys.unit, keys.hint]) {
          expect(messages[language][key], `${language} ${key}`).toBeTruthy();
        }
      }
    }
  });

  it('checks shares against [0, 1] and everything else against 0 while typing', () => {
    const share = { kind: 'share' } as const;
    const count = { kind: 'count' } as const;
    expect(economicsFieldProblem(share, 1.5, context)?.key).toBe(
      'editing.validation.probabilityRange',
    );
    expect(economicsFieldProblem(share, 'catchRate', context)).toBeNull();
    expect(economicsFieldProblem(count, -3, context)?.key).toBe('editing.validation.negative');
    expect(economicsFieldProblem(count, 1.5, context)).toBeNull();
    expect(economicsFieldProblem(count, 'nope * 2', context)).not.toBeNull();
  });

  it('places validation problems on the field they belong to', () => {
    const document = courier();
    // An expression whose value leaves the share range is caught by validation (BP029).
    const bad = { ...document, economics: { ...document.economics!, lostShare: 'catchRate * 3' } };
    const problems = problemsOf(bad);
    const lostShare = ECONOMICS_FIELDS.find((f) => f.key === 'lostShare')!;
    const told = ECONOMICS_FIELDS.find((f) => f.key === 'wordOfMouth.lostShare')!;
    expect(economicsFieldDiagnostics(problems, lostShare).map((p) => p.code)).toEqual(['BP029']);
    expect(economicsFieldDiagnostics(problems, told)).toEqual([]);
  });

  it('places validation problems on their option', () => {
    const document = courier();
    const bad = {
      ...document,
      options: document.options!.map((o) => (o.id === 'scan-loading' ? { ...o, costOnce: -1 } : o)),
    };
    const problems = problemsOf(bad);
    expect(optionDiagnostics(problems, 'scan-loading').map((p) => p.code)).toEqual(['BP029']);
    expect(optionDiagnostics(problems, 'check-loading')).toEqual([]);
  });
});

describe('the option form', () => {
  it('asks for a name and a one-off cost, refuses a taken id and a negative cost', () => {
    const document = courier();
    const empty = optionDraftProblems(optionDraft(), document, context);
    expect(empty.label?.key).toBe('economics.labelRequired');
    expect(empty.costOnce?.key).toBe('economics.costRequired');
    expect(empty.costPerYear).toBeUndefined();
    const taken = optionDraftProblems(
      { label: 'x', id: 'scan-loading', description: '', costOnce: '1', costPerYear: '-2' },
      document,
      context,
    );
    expect(taken.id).toEqual({ key: 'economics.idTaken', vars: { id: 'scan-loading' } });
    expect(taken.costPerYear?.key).toBe('editing.validation.negative');
    // Its own id is not taken.
    const scan = document.options!.find((o) => o.id === 'scan-loading')!;
    expect(optionDraftProblems(optionDraft(scan), document, context, 'scan-loading')).toEqual({});
    expect(draftCost('1,5')).toBe(1.5);
    expect(draftCost(' ')).toBeUndefined();
    expect(draftCost('catchRate * 10')).toBe('catchRate * 10');
  });
});

describe('the scenario form’s options', () => {
  it('gives the BP031 sentence naming both options by label and the field', () => {
    const added = addOption(courier(), {
      label: 'Training',
      changes: [{ node: 's7', set: { reliability: 0.99 } }],
    });
    if (isRefusal(added)) throw new Error(added.code);
    const document = added.document;
    expect(optionsConflict(document, 'Mine', ['check-loading', 'training'])).toBeNull();
    const conflict = optionsConflict(document, 'Mine', ['scan-loading', 'training']);
    expect(conflict?.code).toBe('BP031');
    expect(diagnosticSentence(conflict!, 'en')).toBe(
      'Scenario "Mine" lists options "Barcode scanning at loading (step 7 to 0.99)" and "Training", which both change the reliability of node "s7"; keep one of them.',
    );
    expect(diagnosticSentence(conflict!, 'zh')).toMatch(/可靠度/);
  });
});

describe('the refusal of an option edit that makes a scenario’s options conflict (ED033)', () => {
  it('names the field as the inspector does, in English and in Chinese', () => {
    const added = addOption(courier(), {
      label: 'Training',
      changes: [{ node: 's5', set: { reliability: 0.99 } }],
    });
    if (isRefusal(added)) throw new Error(added.code);
    const saved = saveScenario(added.document, {
      name: 'Mine',
      changes: [],
      options: ['scan-loading', 'training'],
    });
    if (isRefusal(saved)) throw new Error(saved.code);
    // Training now changes step 7 too, which the barcode option already changes.
    const refused = setOptionChanges(saved.document, 'training', [
      { node: 's7', set: { reliability: 0.99 } },
    ]);
    if (!isRefusal(refused)) throw new Error('the conflicting change was accepted');
    expect(refused.code).toBe('ED033');
    const message = refusalMessage(refused);
    expect(translateMessage(translator('en'), message)).toBe(
      'Scenario “Mine” cannot use both “Barcode scanning at loading (step 7 to 0.99)” and “Training”: they both change “Reliability” of node “s7”; keep one of them.',
    );
    expect(translateMessage(translator('zh'), message)).toBe(
      '方案“Mine”不能同时使用“Barcode scanning at loading (step 7 to 0.99)”和“Training”：它们都修改了节点“s7”的“可靠性”；请只保留其中一个。',
    );
  });
});
