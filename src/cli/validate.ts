import { parseBlueprint, problemCount } from '../sim/parse';
import { parseCommandArgs } from './args';
import { writeJsonDocument } from './escape';
import { during, EXIT, type CliIO } from './io';
import { exitCodeFor, formatProblems, problemForJson, readText } from './load';
import { cliMessages } from './messages';

/**
 * `failpoint validate FILE [--json]`: lists every problem of a blueprint, in the language of
 * `io.language`.
 */
export async function runValidate(argv: string[], io: CliIO): Promise<number> {
  const language = io.language ?? 'en';
  const say = cliMessages(language);
  const { file, values } = parseCommandArgs('validate', argv, { json: { type: 'boolean' } });
  const source = await readText(file, io);
  if (!source.ok) return source.exitCode;
  const result = during('validation', file, () => parseBlueprint(source.text));
  const problems = result.ok ? [] : result.diagnostics;
  const exitCode = result.ok ? EXIT.ok : exitCodeFor(problems);
  if (values.json) {
    const written = problems.map((d) => problemForJson(d, language));
    writeJsonDocument(io.stdout, { file, valid: result.ok, problems: written });
    return exitCode;
  }
  if (result.ok) {
    const { document } = result.blueprint;
    const scenarios = document.scenarios?.length ?? 0;
    io.stdout(`${say.valid(file, document.nodes.length, document.edges.length, scenarios)}\n`);
    return exitCode;
  }
  io.stderr(`${say.problems(file, problemCount(problems))}\n`);
  io.stderr(formatProblems(problems, language));
  return exitCode;
}
