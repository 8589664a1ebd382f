import {
  analyze,
  numberedFormula,
  reliabilityFormula,
  type Analysis,
  type NumberedFormula,
} from '../sim/exact';
import type { Model } from '../sim/model';
import { lossByFailPoint, lossOf, type Economics } from '../sim/money';
import { parseCommandArgs } from './args';
import { idTable, jsonDocument, shown } from './escape';
import { count, percent, probability, signed, table, truncate } from './format';
import { during, EXIT, type CliIO } from './io';
import { loadBlueprint } from './load';
import { lossText } from './money';
import { pickModel } from './scenario';

const LABEL_WIDTH = 40;

/** `failpoint analyze FILE [--scenario ID] [--json]`: the exact analysis. */
export async function runAnalyze(argv: string[], io: CliIO): Promise<number> {
  const { file, values } = parseCommandArgs('analyze', argv, {
    scenario: { type: 'string' },
    json: { type: 'boolean' },
  });
  const loaded = await loadBlueprint(file, io);
  if (!loaded.ok) return loaded.exitCode;
  const { blueprint } = loaded;
  const model = pickModel(blueprint, values.scenario);
  const analysis = during('analysis', file, () => analyze(model));
  const formula = during('formula', file, () => reliabilityFormula(model));
  // Against the baseline, so that a scenario's changed factors are marked in --json.
  const numbers = during('formula', file, () =>
    numberedFormula(model, model === blueprint.model ? undefined : blueprint.model),
  );
  const money = blueprint.economics
    ? during('analysis', file, () => moneyOf(blueprint.economics as Economics, model, analysis))
    : null;
  if (values.json) {
    io.stdout(
      jsonDocument({
        ...analysisJson(analysis, formula, values.scenario, numbers),
        ...(money ? { money } : {}),
      }),
    );
  } else {
    const title = blueprint.document.title ?? file;
    const scenario = values.scenario
      ? blueprint.scenarios.find((s) => s.id === values.scenario)?.name
      : undefined;
    let out = analysisText(title, scenario, model, analysis, formula, numbers);
    if (money && blueprint.economics) {
      out += `\n${lossText(money, money.byFailPoint, blueprint.economics, io.language ?? 'en')}`;
    }
    io.stdout(out);
  }
  return EXIT.ok;
}

/** The yearly loss of `model` and its value lost by fail point, for `analyze`. */
function moneyOf(economics: Economics, model: Model, analysis: Analysis) {
  return {
    currency: economics.currency,
    ...lossOf(economics, model, analysis),
    byFailPoint: lossByFailPoint(economics, model, analysis),
  };
}

/**
 * Node id → probability of failing there, for every fail point. Built from the ranking (every
 * fail point some trials end at) and the engine's table (the ones none do), in node order, into
 * an object without a prototype so that any id is a key.
 */
function failPointTable(analysis: Analysis): Record<string, number> {
  const ranked = new Map(analysis.failPointRanking.map((f) => [f.id, f.probability]));
  const { failPoints } = analysis;
  return idTable(
    analysis.nodes.map((n) => [
      n.id,
      ranked.get(n.id) ?? (Object.hasOwn(failPoints, n.id) ? failPoints[n.id] : undefined),
    ]),
  );
}

/** The `--json` document: the keys of the specification first, then the details. */
export function analysisJson(
  analysis: Analysis,
  formula: string | null,
  scenario?: string,
  numbers: NumberedFormula | null = null,
) {
  const byStep = <T>(pick: (s: Analysis['steps'][number]) => T) =>
    idTable(analysis.steps.map((s) => [s.id, pick(s)]));
  return {
    ...(scenario ? { scenario } : {}),
    reliability: analysis.reliability,
    failureProbability: analysis.failureProbability,
    failuresPer10k: analysis.failuresPer10k,
    failPoints: failPointTable(analysis),
    expectedVisits: idTable(analysis.nodes.map((n) => [n.id, n.expectedVisits])),
    visitProbability: idTable(analysis.nodes.map((n) => [n.id, n.visitProbability])),
    importance: byStep((s) => s.birnbaumImportance),
    improvementPotential: byStep((s) => s.improvementPotential),
    catchImportance: byStep((s) => s.catchImportance),
    catchPotential: byStep((s) => s.catchPotential),
    recoveryUse: byStep((s) => s.recoveryUse),
    failPointRanking: analysis.failPointRanking,
    tornado: {
      delta: analysis.tornadoDelta,
      bars: analysis.tornado.map(({ id, lowReliability, highReliability, low, high, swing }) => ({
        id,
        lowReliability,
        highReliability,
        low,
        high,
        swing,
      })),
    },
    formula,
    formulaWithNumbers: numbers,
  };
}

function analysisText(
  title: string,
  scenario: string | undefined,
  model: Model,
  analysis: Analysis,
  formula: string | null,
  numbers: NumberedFormula | null,
): string {
  const label = (id: string) =>
    truncate(shown(model.nodes[model.indexOf.get(id)!].label), LABEL_WIDTH);
  let out = `${shown(title)}${scenario ? ` — scenario "${shown(scenario)}"` : ''}\n\n`;
  out += `  System reliability  R = ${analysis.reliability.toFixed(3)}  (${probability(analysis.reliability, 6)}, ${percent(analysis.reliability)})\n`;
  out += `  Failures            ${count(analysis.failuresPer10k, 1)} per 10,000 customers\n\n`;

  if (analysis.failPointRanking.length > 0) {
    let cumulative = 0;
    out += 'Fail points, most frequent first\n';
    out += table(
      [
        { header: '#', align: 'right' },
        { header: 'node' },
        { header: 'where' },
        { header: 'P(fail here)', align: 'right' },
        { header: 'share', align: 'right' },
        { header: 'cumulative', align: 'right' },
      ],
      analysis.failPointRanking.map((f, i) => {
        cumulative += f.share;
        return [
          String(i + 1),
          shown(f.id),
          label(f.id),
          probability(f.probability),
          percent(f.share, 1),
          percent(cumulative, 1),
        ];
      }),
    );
    out += '\n';
  }

  out += 'Steps\n';
  out += table(
    [
      { header: 'step' },
      { header: 'label' },
      { header: 'reliability', align: 'right' },
      { header: 'with recovery', align: 'right' },
      { header: 'share of failures', align: 'right' },
      { header: 'importance ∂R/∂r', align: 'right' },
      { header: 'if perfect', align: 'right' },
    ],
    analysis.steps.map((s) => [
      shown(s.id),
      truncate(shown(s.label), LABEL_WIDTH),
      probability(s.reliability, 4),
      s.hasRecovery ? probability(s.reliabilityWithRecovery, 4) : '',
      percent(s.failShare, 1),
      probability(s.birnbaumImportance, 4),
      signed(s.improvementPotential, 4),
    ]),
  );
  out += '\n';

  out += `Tornado: R with each step's reliability moved by ±${analysis.tornadoDelta}, widest swing first\n`;
  out += table(
    [
      { header: 'step' },
      { header: 'label' },
      { header: 'R low', align: 'right' },
      { header: 'R high', align: 'right' },
      { header: 'swing', align: 'right' },
    ],
    analysis.tornado.map((t) => [
      shown(t.id),
      label(t.id),
      probability(t.low, 4),
      probability(t.high, 4),
      probability(t.swing, 4),
    ]),
  );
  if (formula) out += `\nFormula\n  R = ${shown(formula)}\n`;
  if (formula && numbers) out += `    = ${numbers.text}\n`;
  return out;
}
