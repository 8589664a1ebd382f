import { compareScenarios } from '../sim/exact';
import { scenarioMoney } from '../sim/money';
import { parseCommandArgs } from './args';
import { jsonDocument, shown } from './escape';
import { count, probability, signed, signedPercent, table } from './format';
import { during, EXIT, type CliIO } from './io';
import { loadBlueprint } from './load';
import { moneyKeys, moneyTable } from './money';

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
    io.stdout(
      jsonDocument({
        scenarios: money ? rows.map((row, i) => ({ ...row, ...moneyKeys(money[i]) })) : rows,
        ...(blueprint.economics ? { economics: blueprint.economics } : {}),
      }),
    );
    return EXIT.ok;
  }
  let out = `${shown(blueprint.document.title ?? file)}: scenarios against the baseline\n\n`;
  out += table(
    [
      { header: 'scenario' },
      { header: 'R', align: 'right' },
      { header: 'ΔR', align: 'right' },
      { header: 'growth', align: 'right' },
      { header: 'failures per 10,000', align: 'right' },
      { header: 'R (6 digits)', align: 'right' },
    ],
    rows.map((row, i) => [
      shown(row.name),
      row.reliability.toFixed(3),
      i === 0 ? '' : signed(row.delta, 3),
      i === 0 ? '' : signedPercent(row.growth, 2),
      count(row.failuresPer10k, 0),
      probability(row.reliability, 6),
    ]),
  );
  if (rows.length === 1)
    out += '\nThe blueprint has no scenarios yet; add some under "scenarios".\n';
  if (money && blueprint.economics) {
    out += moneyTable(money, blueprint.economics, io.language ?? 'en');
  }
  io.stdout(out);
  return EXIT.ok;
}
