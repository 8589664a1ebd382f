/**
 * Every validation problem of the blueprint with its code and sentence. Clicking a problem that
 * belongs to a node or an edge selects it and brings it into view on the canvas.
 */
import { diagnosticSentence, type Diagnostic, type DiagnosticTarget } from '../../sim/diagnostics';
import { useLanguage, useT, type Translate } from '../i18n';

export interface ProblemsPanelProps {
  problems: readonly Diagnostic[];
  /** Selects and shows the node or edge a problem concerns. */
  onFocus: (target: { kind: 'node' | 'edge'; id: string }) => void;
}

export function describeTarget(target: DiagnosticTarget, t: Translate): string {
  switch (target.kind) {
    case 'node':
      return t('problems.targetNode', { id: target.id });
    case 'edge':
      return t('problems.targetEdge', { id: target.id });
    case 'parameter':
      return t('problems.targetParameter', { name: target.name });
    case 'scenario':
      return t('problems.targetScenario', { id: target.id });
    case 'option':
      return t('problems.targetOption', { id: target.id });
    case 'document':
      return t('problems.targetDocument');
  }
}

export function ProblemsPanel({ problems, onFocus }: ProblemsPanelProps) {
  const t = useT();
  if (problems.length === 0) {
    return <p className="panel-empty problems-none">{t('problems.none')}</p>;
  }
  return (
    <div className="problems">
      <p className="hint">{t('problems.intro')}</p>
      <ul className="problem-list" aria-label={t('problems.listLabel')}>
        {problems.map((problem, index) => (
          <ProblemItem key={`${problem.code}-${index}`} problem={problem} onFocus={onFocus} t={t} />
        ))}
      </ul>
    </div>
  );
}

function ProblemItem({
  problem,
  onFocus,
  t,
}: {
  problem: Diagnostic;
  onFocus: ProblemsPanelProps['onFocus'];
  t: Translate;
}) {
  const language = useLanguage();
  const { target } = problem;
  const where = describeTarget(target, t);
  const body = (
    <>
      <span className="problem-code">{problem.code}</span>
      <span className="problem-text">
        <span className="problem-title">
          {t(`problems.${problem.code}`)} · {where}
        </span>
        <span className="problem-message">{diagnosticSentence(problem, language)}</span>
      </span>
    </>
  );
  if (target.kind === 'node' || target.kind === 'edge') {
    const focusTarget = { kind: target.kind, id: target.id };
    return (
      <li>
        <button
          type="button"
          className="problem-item problem-item--focusable"
          onClick={() => onFocus(focusTarget)}
          title={t('problems.focus', { target: where })}
        >
          {body}
        </button>
      </li>
    );
  }
  return (
    <li>
      <div className="problem-item">{body}</div>
    </li>
  );
}
