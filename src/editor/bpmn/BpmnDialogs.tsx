/**
 * The BPMN import dialog (which pool, which start event, where each BPMN lane goes) and the
 * import report shown after an import. Both are native modal dialogs (`shell/Dialog`): focus
 * stays inside, Escape cancels, and every control has a label a screen reader reads.
 */
import { useEffect, useId, useRef } from 'react';
import { noteSentence } from '../../document/bpmn/notes';
import type { BpmnElementRef } from '../../document/bpmn';
import { LANES } from '../../sim/model';
import { useLanguage, useT, type Translate } from '../i18n';
import { Dialog } from '../shell/Dialog';
import {
  cancelImport,
  chooseLane,
  choosePool,
  chooseStart,
  confirmImport,
  dismissReport,
  useBpmnImport,
  type PendingImport,
} from './bpmnImport';
import './bpmn.css';

/** The import dialog and the report; mounted once by the app. */
export function BpmnDialogs() {
  return (
    <>
      <BpmnImportDialog />
      <BpmnReportDialog />
    </>
  );
}

function elementName(element: BpmnElementRef): string {
  return element.name ? `${element.name} (${element.id})` : element.id;
}

function BpmnImportDialog() {
  const t = useT();
  const pending = useBpmnImport((state) => state.pending);
  const importButton = useRef<HTMLButtonElement>(null);
  const fileName = pending?.fileName;
  // The import button takes the focus once the dialog has opened (the dialog opens after its
  // content mounts), so Enter imports with the choices shown.
  useEffect(() => {
    if (fileName === undefined) return;
    const timer = setTimeout(() => importButton.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [fileName]);
  if (!pending) return null;
  return (
    <Dialog
      open
      title={t('bpmn.importTitle', { name: pending.fileName })}
      onClose={cancelImport}
      className="bpmn-import-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={cancelImport}>
            {t('bpmn.cancel')}
          </button>
          <button
            ref={importButton}
            type="button"
            className="button button--primary"
            disabled={pending.busy || pending.refusal !== null}
            onClick={() => void confirmImport()}
          >
            {t('bpmn.import')}
          </button>
        </>
      }
    >
      <p>{t('bpmn.importIntro')}</p>
      <div aria-live="polite" className="bpmn-import__status">
        {pending.busy ? t('bpmn.reading') : ''}
      </div>
      {pending.pools.length > 1 ? <PoolChoice pending={pending} t={t} /> : null}
      {pending.refusal ? <PoolRefusal pending={pending} t={t} /> : null}
      {pending.starts.length > 1 ? <StartChoice pending={pending} t={t} /> : null}
      {pending.lanes.length > 0 ? <LaneMap pending={pending} t={t} /> : null}
    </Dialog>
  );
}

interface SectionProps {
  pending: PendingImport;
  t: Translate;
}

function PoolChoice({ pending, t }: SectionProps) {
  const id = useId();
  return (
    <section className="bpmn-import__section">
      <label htmlFor={id} className="field-label">
        {t('bpmn.poolLegend')}
      </label>
      <select
        id={id}
        value={pending.poolId}
        disabled={pending.busy}
        aria-describedby={`${id}-hint`}
        onChange={(event) => void choosePool(event.target.value)}
      >
        {pending.pools.map((pool) => (
          <option key={pool.id} value={pool.id}>
            {t('bpmn.poolOption', {
              name: pool.name ? `${pool.name} (${pool.id})` : pool.id,
              nodes: pool.nodes,
            })}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {t('bpmn.poolHint', { count: pending.pools.length })}
      </p>
    </section>
  );
}

function PoolRefusal({ pending }: SectionProps) {
  const t = useT();
  const language = useLanguage();
  const refusals = (pending.refusal ?? []).filter((note) => note.severity === 'refusal');
  return (
    <section className="bpmn-import__section" role="alert">
      <p className="form-error">{t('bpmn.poolRefused')}</p>
      <ul className="bpmn-notes">
        {refusals.map((note, index) => (
          <li key={index}>
            <span className="problem-code">{note.code}</span> {noteSentence(note, language)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function StartChoice({ pending, t }: SectionProps) {
  const id = useId();
  return (
    <section className="bpmn-import__section">
      <label htmlFor={id} className="field-label">
        {t('bpmn.startLegend')}
      </label>
      <select
        id={id}
        value={pending.startId}
        disabled={pending.busy}
        aria-describedby={`${id}-hint`}
        onChange={(event) => chooseStart(event.target.value)}
      >
        {pending.starts.map((start) => (
          <option key={start.id} value={start.id}>
            {elementName(start)}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {t('bpmn.startHint', { count: pending.starts.length })}
      </p>
    </section>
  );
}

function LaneMap({ pending, t }: SectionProps) {
  const captionId = useId();
  return (
    <section className="bpmn-import__section">
      <h3 className="field-label" id={captionId}>
        {t('bpmn.lanesLegend')}
      </h3>
      <p className="hint">{t('bpmn.lanesHint')}</p>
      <table className="data-table bpmn-lane-map" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">{t('bpmn.colBpmnLane')}</th>
            <th scope="col">{t('bpmn.colBlueprintLane')}</th>
          </tr>
        </thead>
        <tbody>
          {pending.lanes.map((lane) => (
            <tr key={lane.key}>
              <th scope="row">{lane.name ?? lane.id}</th>
              <td>
                <select
                  aria-label={t('bpmn.laneSelectLabel', { name: lane.name ?? lane.id })}
                  value={pending.laneChoice[lane.key] ?? lane.suggested}
                  disabled={pending.busy}
                  onChange={(event) =>
                    chooseLane(lane.key, event.target.value as (typeof LANES)[number])
                  }
                >
                  {LANES.map((blueprintLane) => (
                    <option key={blueprintLane} value={blueprintLane}>
                      {t(`editing.lane.${blueprintLane}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function BpmnReportDialog() {
  const t = useT();
  const language = useLanguage();
  const report = useBpmnImport((state) => state.report);
  if (!report) return null;
  return (
    <Dialog
      open
      title={t('bpmn.reportTitle', { name: report.fileName })}
      onClose={dismissReport}
      className="bpmn-report-dialog"
    >
      <p>{t('bpmn.reportIntro', { count: report.notes.length })}</p>
      {report.problems > 0 ? <p>{t('bpmn.reportDraft', { count: report.problems })}</p> : null}
      <div className="table-scroll">
        <table className="data-table bpmn-report" aria-label={t('bpmn.reportListLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('bpmn.colCode')}</th>
              <th scope="col">{t('bpmn.colSeverity')}</th>
              <th scope="col">{t('bpmn.colNote')}</th>
            </tr>
          </thead>
          <tbody>
            {report.notes.map((note, index) => (
              <tr key={index} className={`bpmn-report__row bpmn-report__row--${note.severity}`}>
                <td className="problem-code">{note.code}</td>
                <td>{t(`bpmn.severity.${note.severity}`)}</td>
                <td className="bpmn-report__sentence">{noteSentence(note, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
