import { compareScenarios } from '../sim/exact';
import { scenarioMoney } from '../sim/money';
import { parseCommandArgs } from './args';
import { writeJsonDocument, shown } from './escape';
import { count, probability, signed, signedPercent, table } from './format';
import { during, EXIT, type CliIO } from './io';
import { loadBlueprint } from './load';
import { moneyKeys, moneyTable } from './money';
import { readableText } from './readable';

/**
 * `failpoint compare FILE [--json]`: every scenario against the baseline, as in the seed's
 * table; with the blueprint's economics, each row also in money (SPEC §9).
 */
export async function runCompare(argv: string[], io: CliIO): Promise<number> {
  const { file, values } = parseCommandArgs('compare', argv, { json: { type: 'boolean' } });
  const loaded = await loadBlueprint(file, io);
  if (!loaded.ok) return loaded.exitCode;
  const { blueprint } = loaded;
  const rows = during('comparison', file, () =>
    compareScenarios(blueprint.model, blueprint.scenarios),
  );
  const money = during('comparison', file, () => scenarioMoney(blueprint));
  if (values.json) {
    writeJsonDocument(io.stdout, {
      scenarios: money ? rows.map((row, i) => ({ ...row, ...moneyKeys(money[i]) })) : rows,
      ...(blueprint.economics ? { economics: blueprint.economics } : {}),
    });
    return EXIT.ok;
  }
  const say = readableText(io.language ?? 'en');
  const [scenario, r, delta, growth, failures, sixDigits] = say.compareHeaders;
  let out = `${say.compareTitle(shown(blueprint.document.title ?? file))}\n\n`;
  out += table(
    [
      { header: scenario },
      { header: r, align: 'right' },
      { header: delta, align: 'right' },
      { header: growth, align: 'right' },
      { header: failures, align: 'right' },
      { header: sixDigits, align: 'right' },
    ],
    rows.map((row, i) => [
      i === 0 ? say.baseline : shown(row.name),
      row.reliability.toFixed(3),
      i === 0 ? '' : signed(row.delta, 3),
      i === 0 ? '' : signedPercent(row.growth, 2),
      count(row.failuresPer10k, 0),
      probability(row.reliability, 6),
    ]),
  );
  if (rows.length === 1) out += `\n${say.noScenarios}\n`;
  if (money && blueprint.economics) {
    out += moneyTable(money, blueprint.economics, io.language ?? 'en');
  }
  io.stdout(out);
  return EXIT.ok;
}
