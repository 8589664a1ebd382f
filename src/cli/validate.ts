import { parseBlueprint } from '../sim/parse';
import { parseCommandArgs } from './args';
import { EXIT, type CliIO } from './io';
import { exitCodeFor, formatProblems, readText } from './load';

/** `failpoint validate FILE [--json]`: lists every problem of a blueprint. */
export async function runValidate(argv: string[], io: CliIO): Promise<number> {
  const { file, values } = parseCommandArgs('validate', argv, { json: { type: 'boolean' } });
  const text = await readText(file, io);
  if (text === null) return EXIT.usage;
  const result = parseBlueprint(text);
  const problems = result.ok ? [] : result.diagnostics;
  const exitCode = result.ok ? EXIT.ok : exitCodeFor(problems);
  if (values.json) {
    io.stdout(JSON.stringify({ file, valid: result.ok, problems }, null, 2) + '\n');
    return exitCode;
  }
  if (result.ok) {
    const { document } = result.blueprint;
    const scenarios = document.scenarios?.length ?? 0;
    io.stdout(
      `${file} is a valid blueprint: ${document.nodes.length} nodes, ${document.edges.length} edges, ${scenarios} scenario${scenarios === 1 ? '' : 's'}.\n`,
    );
    return exitCode;
  }
  io.stderr(`${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n`);
  io.stderr(formatProblems(problems));
  return exitCode;
}
