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
import { idTable, writeJsonDocument, shown } from './escape';
import { count, percent, probability, signed, table, truncate } from './format';
import { during, EXIT, type CliIO } from './io';
import { loadBlueprint } from './load';
import { lossText } from './money';
import { readableText } from './readable';
import { pickModel } from './scenario';
import type { CliLanguage } from './language';

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
    writeJsonDocument(io.stdout, {
      ...analysisJson(analysis, formula, values.scenario, numbers),
      ...(money ? { money } : {}),
    });
  } else {
    const title = blueprint.document.title ?? file;
    const scenario = values.scenario
      ? blueprint.scenarios.find((s) => s.id === values.scenario)?.name
      : undefined;
    let out = analysisText(title, scenario, model, analysis, formula, numbers, io.language ?? 'en');
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
  language: CliLanguage,
): string {
  const say = readableText(language);
  const label = (id: string) =>
    truncate(shown(model.nodes[model.indexOf.get(id)!].label), LABEL_WIDTH);
  let out = `${say.scenarioOf(shown(title), scenario === undefined ? undefined : shown(scenario))}\n\n`;
  out += say.reliability(
    `R = ${analysis.reliability.toFixed(3)}  (${probability(analysis.reliability, 6)}, ${percent(analysis.reliability)})`,
  );
  out += `${say.failuresPer10k(count(analysis.failuresPer10k, 1))}\n`;

  if (analysis.failPointRanking.length > 0) {
    let cumulative = 0;
    const [number, node, where, pFail, share, cumulativeHeader] = say.failPointHeaders;
    out += `${say.failPointsTitle}\n`;
    out += table(
      [
        { header: number, align: 'right' },
        { header: node },
        { header: where },
        { header: pFail, align: 'right' },
        { header: share, align: 'right' },
        { header: cumulativeHeader, align: 'right' },
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

  const [step, stepLabel, reliability, withRecovery, failShare, importance, ifPerfect] =
    say.stepHeaders;
  out += `${say.stepsTitle}\n`;
  out += table(
    [
      { header: step },
      { header: stepLabel },
      { header: reliability, align: 'right' },
      { header: withRecovery, align: 'right' },
      { header: failShare, align: 'right' },
      { header: importance, align: 'right' },
      { header: ifPerfect, align: 'right' },
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

  const [tStep, tLabel, low, high, swing] = say.tornadoHeaders;
  out += `${say.tornadoTitle(analysis.tornadoDelta)}\n`;
  out += table(
    [
      { header: tStep },
      { header: tLabel },
      { header: low, align: 'right' },
      { header: high, align: 'right' },
      { header: swing, align: 'right' },
    ],
    analysis.tornado.map((t) => [
      shown(t.id),
      label(t.id),
      probability(t.low, 4),
      probability(t.high, 4),
      probability(t.swing, 4),
    ]),
  );
  if (formula) out += `\n${say.formulaTitle}\n  R = ${shown(formula)}\n`;
  if (formula && numbers) out += `    = ${numbers.text}\n`;
  return out;
}
