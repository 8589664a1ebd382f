/**
 * The diagnostic sentences in English. These are the sentences `Diagnostic.message` holds, so
 * logs, tests and the `--json` output of an English command line read the same as before the
 * catalogue existed.
 */
import { EXPRESSION_FUNCTIONS, MAX_EXPRESSION_LENGTH } from '../expression-rules';
import type { NodeType } from '../model';
import { listed, MAX_DETAIL_LENGTH, shortened } from './bounds';
import type { Catalogue, Sentences } from './catalogue';
import type { DiagnosticDetail, Expected, FoundValue, NodeRef, Subject } from './params';

const FIELD_NAMES: Readonly<Record<string, string>> = {
  catch: 'catch rate',
  dist: 'distribution kind',
  sd: 'standard deviation',
  mu: 'mu',
  set: '"set" part',
  customersPerYear: 'customers per year',
  customerValue: 'customer value',
  lostShare: 'share lost',
  wordOfMouth: 'word of mouth',
  told: 'people told',
  failureCost: 'failure cost',
  horizonYears: 'horizon in years',
  spendPerVisit: 'spend per visit',
  visitsPerYear: 'visits per year',
  years: 'years',
  costOnce: 'one-off cost',
  costPerYear: 'yearly cost',
};

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  text: 'text',
  expression: 'an expression written as text',
  observed: 'observed data { "successes", "trials" }',
  distribution: 'a distribution object',
  object: 'an object',
  list: 'a list',
  boolean: 'true or false',
  null: 'null',
};

function lowerFirst(phrase: string): string {
  return phrase.charAt(0).toLowerCase() + phrase.slice(1);
}

function upperFirst(phrase: string): string {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

function joinWords(words: readonly string[], last = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** A name from the file in quotes, shortened when long. */
function quote(text: string): string {
  return `"${shortened(text)}"`;
}

/** An explanation from elsewhere (a parser's message), shortened when long. */
function detailOf(text: string): string {
  return shortened(text, MAX_DETAIL_LENGTH);
}

/** `"s3" (Customer fills in the waybill)` */
function name(node: NodeRef): string {
  return node.label === undefined ? quote(node.id) : `${quote(node.id)} (${shortened(node.label)})`;
}

/** `step "s3" (Customer fills in the waybill)` */
function typed(node: NodeRef): string {
  return `${node.type ?? 'node'} ${name(node)}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? shortened(field);
}

/** The subject at the start of a sentence, with a capital letter. */
function subject(place: Subject): string {
  switch (place.kind) {
    case 'blueprint':
      return 'The blueprint';
    case 'node':
      return upperFirst(typed(place.node));
    case 'node-number':
      return `Node number ${place.number}`;
    case 'edge':
      return `Edge ${quote(place.id)}`;
    case 'edge-number':
      return `Edge number ${place.number}`;
    case 'parameter':
      return `Parameter ${quote(place.name)}`;
    case 'scenario':
      return `Scenario ${quote(place.id)}`;
    case 'scenario-number':
      return `Scenario number ${place.number}`;
    case 'economics':
      return 'The economics';
    case 'option':
      return `Option ${quote(place.id)}`;
    case 'option-number':
      return `Option number ${place.number}`;
    case 'change':
      return `Change ${place.number} of ${lowerFirst(subject(place.of))}`;
    case 'field':
      return `The ${fieldName(place.field)} of ${lowerFirst(subject(place.of))}`;
    case 'observed':
      return `The observed data of ${lowerFirst(subject(place.of))}`;
    case 'item':
      return `The item ${place.number} of ${lowerFirst(subject(place.of))}`;
    case 'recovery':
      return `The ${fieldName(place.field)} of the recovery at ${typed(place.node)}`;
  }
}

function value(found: FoundValue): string {
  switch (found.kind) {
    case 'missing':
      return 'missing';
    case 'null':
      return 'null';
    case 'list':
      return 'a list';
    case 'object':
      return 'an object';
    case 'literal':
      return found.text;
    case 'text':
      return `the text ${quote(found.text)}`;
    case 'quoted':
      return JSON.stringify(found.text);
  }
}

function expected(kinds: readonly Expected[]): string {
  return joinWords(
    kinds.map((kind) => EXPECTED_WORDS[kind] ?? kind),
    'or',
  );
}

function nodeTypes(types: readonly NodeType[]): string {
  return joinWords(types);
}

function countRule(direction: string, min: number, max: number | null): string {
  if (min === max) return `exactly ${min} ${direction}`;
  if (max === null) return `at least ${min} ${direction}`;
  return `${min} to ${max} ${direction}`;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** Nodes by name, separated by commas; a long list ends with how many more there are. */
function nameList(nodes: readonly NodeRef[]): string {
  const { shown, more } = listed(nodes);
  return shown.map(name).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** `"a", "b" and "c"`, or `"a", "b", … and 2990 more` for a long list. */
function quoteList(names: readonly string[], more = 0): string {
  const { shown, more: cut } = listed(names);
  const left = more + cut;
  if (left === 0) return joinWords(shown.map(quote));
  return `${shown.map(quote).join(', ')} and ${left} more`;
}

const catalogue: Catalogue = {
  construct(construct) {
    switch (construct.kind) {
      case 'text-string':
        return 'a text string';
      case 'constant':
        return `the constant ${construct.value}`;
      case 'operator':
        return `the operator ${quote(construct.operator)}`;
      case 'comparison':
        return 'a comparison';
      case 'unnamed-call':
        return 'a call of something other than a named function';
      case 'function':
        return `the function ${shortened(construct.name)}()`;
      case 'bare-name':
        return `the name ${quote(construct.name)} on its own`;
      case 'assignment':
        return 'an assignment';
      case 'function-definition':
        return 'a function definition';
      case 'access':
        return 'property or index access';
      case 'list':
        return 'a list or matrix';
      case 'object':
        return 'an object';
      case 'range':
        return 'a range';
      case 'conditional':
        return 'a conditional (? :)';
      case 'statements':
        return 'several statements';
      case 'other':
        return `a ${construct.type}`;
    }
  },

  expressionProblem(problem) {
    switch (problem.kind) {
      case 'too-long':
        return `is an expression of ${problem.length} characters; expressions may be at most ${MAX_EXPRESSION_LENGTH} characters long.`;
      case 'forbidden':
        return `uses ${listed(problem.found)
          .shown.map((c) => catalogue.construct(c))
          .join(
            ', ',
          )}, which expressions may not contain; they may use numbers, + - * / ^, parentheses, the functions ${EXPRESSION_FUNCTIONS.join(', ')} and parameter names.`;
      case 'syntax':
        return `is not a valid expression (${detailOf(problem.detail)}).`;
      case 'unknown-parameter':
        return `uses the ${plural(problem.names.length, 'parameter', 'parameters')} ${quoteList(problem.names)}, which the blueprint does not define.`;
      case 'evaluation':
        return problem.pending
          ? 'is not checked yet: the expression reader is still loading, and checks it as soon as it arrives (if it never does, reload the page).'
          : `cannot be evaluated (${detailOf(problem.detail)}).`;
      case 'not-finite':
        return `evaluates to ${problem.value}, which is not a finite number.`;
      case 'cycle':
        return `depends on itself through the parameters ${quoteList(problem.names, problem.more)}; parameters may not refer to each other in a loop.`;
    }
  },

  expressionDetail: (problem) => detailOf(problem.detail),

  sentence: (detail) => sentence(detail),
};

const sentences: Sentences = {
  'check-failed': ({ detail }) =>
    `The blueprint could not be checked (${detailOf(detail)}), so it was not loaded.`,
  'not-json': ({ at, empty, detail }) => {
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    const reason = empty ? 'the file is empty' : detailOf(detail).replace(/\.$/, '');
    return `The file is not valid JSON${where}: ${reason}. A blueprint file must be a JSON object.`;
  },
  'not-text': ({ encoding, offset }) =>
    encoding === 'utf-8'
      ? `The file is not valid UTF-8 text: the bytes at offset ${offset} form no character. Save it as UTF-8 (or UTF-16 with a byte order mark) and open it again.`
      : `The file starts with a UTF-16 byte order mark but is not valid UTF-16 text: the bytes at offset ${offset} form no character. Save it again as UTF-8 or UTF-16.`,
  'not-an-object': ({ found, format }) => {
    const kind = found === 'list' ? 'a list' : found === 'null' ? 'null' : `a ${found}`;
    return `This is not a Failpoint blueprint: the file holds ${kind}, but a blueprint is a JSON object with "format": ${quote(format)}.`;
  },
  'no-format': ({ format }) =>
    `This is not a Failpoint blueprint: it has no "format" key; a blueprint starts with "format": ${quote(format)}.`,
  'wrong-format': ({ found, format }) =>
    `This is not a Failpoint blueprint: its format is ${value(found)}, not ${quote(format)}.`,
  'no-version': ({ current }) => `The blueprint has no "version"; add "version": ${current}.`,
  'bad-version': ({ found, current }) =>
    `The blueprint's version is ${value(found)}; a version is a whole number from 1 (this Failpoint reads versions 1 to ${current}).`,
  'too-new': ({ version, current }) =>
    `This blueprint was made by a newer version of Failpoint (file version ${version}; this Failpoint reads versions up to ${current}). Update Failpoint to open it.`,

  'unknown-key': (p) =>
    `${subject(p.subject)} has an unknown key ${quote(p.key)}${p.suggestion === null ? '' : ` (did you mean ${quote(p.suggestion)}?)`}. Remove or correct it.`,
  'field-for-other-types': (p) =>
    `${subject(p.subject)} has ${quote(p.key)}, but only ${nodeTypes(p.types)} nodes can have it.`,
  'missing-discriminator': (p) =>
    `${subject(p.subject)} has no ${quote(p.key)}; it must be one of ${joinWords(p.options.map(quote), 'or')}.`,
  'bad-discriminator': (p) =>
    `${subject(p.subject)} has ${p.key} ${value(p.found)}; it must be one of ${joinWords(p.options.map(quote), 'or')}.`,
  'document-type': (p) => `The blueprint must be ${expected(p.expected)}.`,
  'missing-key': (p) =>
    `${subject(p.subject)} is missing ${quote(p.key)}, which must be ${expected(p.expected)}.`,
  'wrong-type': (p) =>
    `${subject(p.subject)} is ${value(p.found)}; it must be ${expected(p.expected)}.`,
  'invalid-option': (p) => {
    const options = p.options.map((option) => JSON.stringify(option));
    const allowed = options.length === 1 ? options[0] : `one of ${joinWords(options, 'or')}`;
    return `${subject(p.subject)} has ${p.key} ${value(p.found)}; the ${p.key} must be ${allowed}.`;
  },
  invalid: (p) => `${subject(p.subject)} is not valid: ${detailOf(p.detail)}.`,
  'parameter-name': ({ name: parameter }) =>
    `${quote(parameter)} cannot name a parameter: a name is one word of letters, digits and _, starting with a letter or _, at most 64 characters, and not an operator or function name such as "mod" or "min".`,
  'duplicate-id': ({ id, first, second }) =>
    `The id ${quote(id)} is used twice, by ${first.kind} number ${first.number} and by ${second.kind} number ${second.number}; every node and edge needs an id of its own.`,
  'duplicate-key': (p) =>
    `${subject(p.subject)} has the key ${quote(p.key)} twice (line ${p.first.line}, column ${p.first.column} and line ${p.at.line}, column ${p.at.column}); a JSON reader keeps only the last, so remove the one you did not mean.`,

  expression: (p) => `${subject(p.subject)} ${catalogue.expressionProblem(p.problem)}`,
  'probability-range': (p) =>
    `${subject(p.subject)} is ${p.value}${p.expression === null ? '' : ` (from ${quote(p.expression)})`}; it must be a probability between 0 and 1.`,
  'negative-amount': (p) =>
    `${subject(p.subject)} is ${p.value}; a duration or cost cannot be negative.`,
  'negative-fixed': (p) =>
    `${subject(p.subject)} has the fixed value ${p.value}; it cannot be negative.`,
  'uniform-negative': (p) =>
    `${subject(p.subject)} is uniform from ${p.min}; its minimum cannot be negative.`,
  'uniform-order': (p) =>
    `${subject(p.subject)} is uniform with minimum ${p.min} above its maximum ${p.max}.`,
  'triangular-negative': (p) =>
    `${subject(p.subject)} is triangular from ${p.min}; its minimum cannot be negative.`,
  'triangular-empty': (p) =>
    `${subject(p.subject)} is triangular with minimum ${p.min} not below its maximum ${p.max}; use a fixed value if it never varies.`,
  'triangular-mode': (p) =>
    `${subject(p.subject)} is triangular with mode ${p.mode} outside its range ${p.min} to ${p.max}.`,
  'normal-sd': (p) =>
    `${subject(p.subject)} is normal with standard deviation ${p.sd}; it cannot be negative.`,
  'lognormal-sigma': (p) =>
    `${subject(p.subject)} is lognormal with sigma ${p.sigma}; it cannot be negative.`,
  'exponential-mean': (p) =>
    `${subject(p.subject)} is exponential with mean ${p.mean}; the mean must be above 0.`,
  'observed-not-whole': (p) =>
    `${subject(p.subject)} reports ${p.successes} successes in ${p.trials} trials; both must be whole numbers.`,
  'observed-negative': (p) =>
    `${subject(p.subject)} reports ${p.successes} successes in ${p.trials} trials; counts cannot be negative.`,
  'observed-no-trials': (p) =>
    `${subject(p.subject)} reports no trials; observed data needs at least one trial.`,
  'observed-too-many': (p) =>
    `${subject(p.subject)} reports ${p.successes} successes in only ${p.trials} trials; there cannot be more successes than trials.`,

  'duplicate-node-id': ({ id }) =>
    `Two nodes share the id ${quote(id)}; every node needs its own id.`,
  'duplicate-edge-id': ({ id }) =>
    `The id ${quote(id)} is used more than once; edge ids must be unique.`,
  'edge-missing-node': ({ edge, end, node }) =>
    `Edge ${quote(edge)} ${end === 'source' ? 'starts at' : 'leads to'} node ${quote(node)}, which does not exist.`,
  'second-failure-edge': ({ node }) =>
    `Step ${name(node)} has more than one failure edge; a failed step can go one way only.`,
  'no-start': () => 'The blueprint has no start node; add exactly one, where the customer enters.',
  'several-starts': ({ count, ids }) =>
    `The blueprint has ${count} start nodes (${quoteList(ids)}); it needs exactly one.`,
  'no-success-end': () =>
    'The blueprint has no success end; add an end node where the customer is served.',
  'reliability-range': ({ node, value: reliability }) =>
    `The reliability of step ${name(node)} is ${reliability}; it must be a probability between 0 and 1.`,
  'catch-range': ({ node, value: rate }) =>
    `The catch rate of the recovery at step ${name(node)} is ${rate}; it must be between 0 and 1.`,
  'failure-edge-not-step': ({ edge, from }) =>
    `Edge ${quote(edge)} is a failure edge but leaves ${typed(from)}; only steps can fail.`,
  'decision-edge-no-probability': ({ edge, from }) =>
    `Edge ${quote(edge)} leaves decision ${name(from)} but has no probability.`,
  'edge-probability-range': ({ edge, value: probability }) =>
    `Edge ${quote(edge)} has probability ${probability}; it must be between 0 and 1.`,
  'probability-not-allowed': ({ edge }) =>
    `Edge ${quote(edge)} has a probability, but only edges leaving a decision can have one.`,
  'incoming-count': ({ node, count, rule }) => {
    const type = node.type ?? 'node';
    return `${upperFirst(typed(node))} has ${count} incoming ${plural(count, 'edge', 'edges')}; ${article(type)} ${type} needs ${countRule('incoming', rule.min, rule.max)}.`;
  },
  'outgoing-count': ({ node, count, rule }) => {
    const type = node.type ?? 'node';
    const extra = type === 'step' ? ' (plus at most one failure edge)' : '';
    return `${upperFirst(typed(node))} has ${count} outgoing ${plural(count, 'edge', 'edges')}; ${article(type)} ${type} needs ${countRule('outgoing', rule.min, rule.max)}${extra}.`;
  },
  'decision-sum': ({ node, sum }) =>
    `The probabilities of the edges leaving decision ${name(node)} add up to ${sum}; they must add up to 1.`,
  unreachable: ({ node }) =>
    `No customer can ever reach ${typed(node)}: there is no path to it from the start.`,
  'loop-never-left': ({ node }) =>
    `A customer at ${typed(node)} is caught in a loop that is never left: every way out has probability 0.`,
  'loop-without-end': ({ node }) =>
    `${upperFirst(typed(node))} is on a loop with no way out to an end.`,
  'no-end-reachable': ({ node }) => `No end can be reached from ${typed(node)}.`,
  'loop-through-block': ({ node }) =>
    `A customer at ${typed(node)} is caught in a loop that is never left: the only ways out pass through a parallel block that can never pass or never fail.`,
  'loop-too-interlinked': ({ node, states }) =>
    `The loop through ${typed(node)} links its ${states} nodes to one another in too many ways for the exact analysis to solve it in reasonable time and memory; split it into smaller loops, or run a simulation instead.`,
  'parallel-reentered': ({ parallel }) =>
    `Parallel ${name(parallel)} can be reached again from inside its own block; a loop may not leave a parallel block through its side.`,
  'branch-returns': ({ parallel }) =>
    `A branch of parallel ${name(parallel)} leads back to the parallel itself before reaching its join.`,
  'branch-escapes': ({ parallel, node }) =>
    `A branch of parallel ${name(parallel)} reaches ${typed(node)} without passing its join; every branch must end at the join.`,
  'no-join': ({ parallel }) =>
    `Parallel ${name(parallel)} has no join: its branches must meet again at a join node.`,
  'several-joins': ({ parallel, joins }) =>
    `The branches of parallel ${name(parallel)} end at different joins (${nameList(joins)}); they must all meet at one join.`,
  'join-shared': ({ first, second, join }) =>
    `Parallels ${name(first)} and ${name(second)} both close at join ${name(join)}; each parallel needs its own join.`,
  'join-without-parallel': ({ join }) =>
    `Join ${name(join)} does not close any parallel: its incoming edges must all come from the branches of one parallel.`,
  'branches-merge': ({ parallel, node }) =>
    `Two branches of parallel ${name(parallel)} meet at ${name(node)} before the join; branches must stay apart until the join.`,
  'block-entered': ({ edge, parallel }) =>
    `Edge ${quote(edge)} enters the parallel block of ${name(parallel)} from outside; a block may be entered only through its parallel.`,
  'join-threshold': ({ join, k, branches }) =>
    `Join ${name(join)} asks for ${k} successful ${plural(k, 'branch', 'branches')}, but its parallel has ${branches}; k must be a whole number from 1 to ${branches}.`,

  'baseline-scenario-id': ({ id }) =>
    `A scenario has the id ${quote(id)}, which stands for the blueprint without changes; choose another id.`,
  'duplicate-scenario-id': ({ id, first, second }) =>
    `Scenarios number ${first} and ${second} share the id ${quote(id)}; every scenario needs an id of its own.`,
  'missing-change-target': ({ scenario, change, missing }) =>
    `In scenario ${quote(scenario)}: change ${change} refers to ${missing.kind} ${quote(missing.id)}, which the blueprint does not have.`,
  'in-scenario': ({ scenario, inner }) => `In scenario ${quote(scenario)}: ${sentence(inner)}`,
  'missing-option-target': ({ option, change, missing }) =>
    `In option ${quote(option)}: change ${change} refers to ${missing.kind} ${quote(missing.id)}, which the blueprint does not have.`,
  'in-option': ({ option, inner }) => `In option ${quote(option)}: ${sentence(inner)}`,
  'duplicate-option-id': ({ id, first, second }) =>
    `Options number ${first} and ${second} both have the id ${quote(id)}; each option needs its own.`,
  'economics-negative': ({ subject: place, value: amount }) =>
    `${subject(place)} is ${amount}; it cannot be negative.`,
  'economics-share': ({ subject: place, value: share }) =>
    `${subject(place)} is ${share}; a share must be between 0 and 1.`,
  'missing-option': ({ scenario, option }) =>
    `Scenario ${quote(scenario)} lists option ${quote(option)}, which the blueprint does not have.`,
  'conflicting-options': ({ scenario, first, second, target, field }) =>
    `Scenario ${quote(scenario)} lists options ${quote(first)} and ${quote(second)}, which both change ${field === null ? `parameter ${quote(target.id)}` : `the ${fieldName(field)} of ${target.kind} ${quote(target.id)}`}; keep one of them.`,
  'more-problems': ({ code, count }) =>
    `There ${plural(count, 'is', 'are')} ${count} more ${plural(count, 'problem', 'problems')} of the same kind (${code}), not listed one by one; correct those above and check again.`,
};

function sentence(detail: DiagnosticDetail): string {
  return (sentences[detail.key] as (params: typeof detail.params) => string)(detail.params);
}

/** The English catalogue: the sentences `Diagnostic.message` holds. */
export const en = catalogue;
