/**
 * Shown when a file cannot be opened: every problem it has, with codes, and the reassurance
 * that the blueprint being edited was left as it was.
 */
import { dismissRejection, useFileState } from '../files/fileActions';
import { noteSentence } from '../../document/bpmn/notes';
import { linkRefusalName, linkRefusalSentence } from '../../document/link-refusals';
import { diagnosticSentence } from '../../sim/diagnostics';
import { useLanguage, useT } from '../i18n';
import { describeTarget } from '../problems/ProblemsPanel';
import { Dialog } from './Dialog';

export function RejectedFileDialog() {
  const t = useT();
  const language = useLanguage();
  const rejection = useFileState((state) => state.rejection);
  if (!rejection) return null;
  return (
    <Dialog
      open
      role="alertdialog"
      title={
        rejection.link
          ? t('links.rejectedTitle')
          : t('files.rejectedTitle', { name: rejection.name })
      }
      onClose={dismissRejection}
      className="rejected-dialog"
    >
      {rejection.link?.refusal ? (
        // A link that could not be decoded: its one refusal (SPEC §10).
        <>
          <ul className="problem-list" aria-label={t('problems.listLabel')}>
            <li>
              <div className="problem-item">
                <span className="problem-code" title={linkRefusalName(rejection.link.refusal.code)}>
                  {rejection.link.refusal.code}
                </span>
                <span className="problem-text">
                  <span className="problem-message">
                    {linkRefusalSentence(rejection.link.refusal, language)}
                  </span>
                </span>
              </div>
            </li>
          </ul>
          <p>{t('links.rejectedKept')}</p>
        </>
      ) : rejection.readError !== undefined ? (
        <p>{t('files.rejectedNotText', { reason: rejection.readError })}</p>
      ) : rejection.wordingUnavailable ? (
        <p>
          {rejection.link
            ? t('links.rejectedWordingUnavailable')
            : t('files.rejectedWordingUnavailable')}
        </p>
      ) : rejection.notes ? (
        // A refused BPMN file: its refusals, each naming the element (the rest of its report
        // describes an import that did not happen).
        <>
          <p>{t('bpmn.rejectedIntro')}</p>
          <ul className="problem-list" aria-label={t('problems.listLabel')}>
            {rejection.notes
              .filter((note) => note.severity === 'refusal')
              .map((note, index) => (
                <li key={index}>
                  <div className="problem-item">
                    <span className="problem-code">{note.code}</span>
                    <span className="problem-text">
                      <span className="problem-message">{noteSentence(note, language)}</span>
                    </span>
                  </div>
                </li>
              ))}
          </ul>
        </>
      ) : (
        <>
          <p>
            {rejection.link
              ? rejection.diagnostics.length === 1
                ? t('links.rejectedBlueprintOne')
                : t('links.rejectedBlueprint', { count: rejection.diagnostics.length })
              : rejection.diagnostics.length === 1
                ? t('files.rejectedIntroOne')
                : t('files.rejectedIntro', { count: rejection.diagnostics.length })}
          </p>
          <ul className="problem-list" aria-label={t('problems.listLabel')}>
            {rejection.diagnostics.map((problem, index) => (
              <li key={index}>
                <div className="problem-item">
                  <span className="problem-code">{problem.code}</span>
                  <span className="problem-text">
                    <span className="problem-title">
                      {t(`problems.${problem.code}`)} · {describeTarget(problem.target, t)}
                    </span>
                    <span className="problem-message">{diagnosticSentence(problem, language)}</span>
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
