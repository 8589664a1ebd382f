/**
 * The Library dialog: the blueprints kept in this browser (title, last edited, number of
 * versions), and for one of them its versions (time, kind), with open, restore, rename and
 * delete. Dates are written in the interface language.
 */
import { useEffect, useId, useState } from 'react';
import { useLanguage, useT, type Language, type Translate } from '../i18n';
import { Dialog } from '../shell/Dialog';
import { currentBlueprintId } from '../files/autosave';
import type { BlueprintSummary, VersionKind, VersionRecord } from './database';
import { closeLibraryDialog, useLibraryDialog } from './dialogState';
import {
  askToDelete,
  deleteBlueprint,
  describeStorageFailure,
  openFromLibrary,
  refreshLibrary,
  renameBlueprint,
  restoreVersion,
  showVersions,
  shownTitle,
  startRenaming,
  useLibraryView,
} from './store';
import './library.css';

const LOCALES: Record<Language, string> = { en: 'en-GB', zh: 'zh-CN' };

/** A time (ms since 1970) as the interface language writes it: date, hours and minutes. */
export function formatLibraryTime(time: number, language: Language, seconds = false): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: seconds ? 'medium' : 'short',
  }).format(time);
}

const KIND_LABEL = {
  saved: 'library.kindSaved',
  snapshot: 'library.kindSnapshot',
  autosave: 'library.kindAutosave',
} as const satisfies Record<VersionKind, string>;

export function LibraryDialog() {
  const t = useT();
  const open = useLibraryDialog((state) => state.open);
  const viewing = useLibraryView((state) => state.viewing);
  useEffect(() => {
    if (open) {
      useLibraryView.setState({
        viewing: null,
        versions: [],
        renaming: null,
        deleting: null,
        refusal: null,
      });
      void refreshLibrary();
    }
  }, [open]);
  const title = viewing
    ? t('library.versionsTitle', { title: shownTitle(viewing, t) })
    : t('library.title');
  return (
    <Dialog open={open} title={title} onClose={closeLibraryDialog} className="library-dialog">
      <LibraryBody />
    </Dialog>
  );
}

function LibraryBody() {
  const t = useT();
  const status = useLibraryView((state) => state.status);
  const reason = useLibraryView((state) => state.reason);
  const viewing = useLibraryView((state) => state.viewing);
  if (status === 'failed') {
    return (
      <p className="library__failure" role="alert">
        {t('library.readFailed', { reason: describeStorageFailure(reason, t) })}
      </p>
    );
  }
  if (status === 'loading') return <p className="library__note">{t('library.loading')}</p>;
  return (
    <>
      <RefusalNote />
      {viewing ? <VersionList blueprint={viewing} /> : <BlueprintList />}
    </>
  );
}

/** Why a blueprint could not be opened or a version restored just now; the list stays usable. */
function RefusalNote() {
  const t = useT();
  const language = useLanguage();
  const refusal = useLibraryView((state) => state.refusal);
  if (!refusal) return null;
  return (
    <p className="library__failure library__failure--above" role="alert">
      {refusal.kind === 'openWordingUnavailable'
        ? t('library.openWordingUnavailable', { title: shownTitle(refusal, t) })
        : t('library.restoreWordingUnavailable', {
            time: formatLibraryTime(refusal.time, language, true),
          })}
    </p>
  );
}

function BlueprintList() {
  const t = useT();
  const language = useLanguage();
  const blueprints = useLibraryView((state) => state.blueprints);
  const renaming = useLibraryView((state) => state.renaming);
  const deleting = useLibraryView((state) => state.deleting);
  const openId = currentBlueprintId();
  const toDelete = blueprints.find((entry) => entry.id === deleting) ?? null;
  return (
    <>
      <p className="library__note">{t('library.intro')}</p>
      {toDelete ? <DeleteConfirmation blueprint={toDelete} /> : null}
      {blueprints.length === 0 ? (
        <p className="library__note">{t('library.empty')}</p>
      ) : (
        <table className="data-table library-table" aria-label={t('library.listLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('library.colTitle')}</th>
              <th scope="col">{t('library.colEdited')}</th>
              <th scope="col" className="library-table__number">
                {t('library.colVersions')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('library.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {blueprints.map((entry) => {
              const name = shownTitle(entry, t);
              const isOpen = entry.id === openId;
              return (
                <tr key={entry.id} className={isOpen ? 'library-table__open' : undefined}>
                  <th scope="row">
                    {renaming === entry.id ? (
                      <RenameForm blueprint={entry} />
                    ) : (
                      <>
                        {name}
                        {isOpen ? (
                          <span className="library__badge">{t('library.openNow')}</span>
                        ) : null}
                      </>
                    )}
                  </th>
                  <td>{formatLibraryTime(entry.edited, language)}</td>
                  <td className="library-table__number">{entry.versions}</td>
                  <td className="library-table__actions">
                    <button
                      type="button"
                      className="button button--small button--primary"
                      aria-label={t('library.openLabel', { title: name })}
                      onClick={() => void openFromLibrary(entry.id)}
                    >
                      {t('library.open')}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('library.showVersionsLabel', { title: name })}
                      onClick={() => void showVersions(entry.id)}
                    >
                      {t('library.showVersions')}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('library.renameLabel', { title: name })}
                      onClick={() => startRenaming(entry.id)}
                    >
                      {t('library.rename')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      aria-label={t('library.deleteLabel', { title: name })}
                      title={isOpen ? t('library.deleteOpenHint') : undefined}
                      disabled={isOpen}
                      onClick={() => askToDelete(entry.id)}
                    >
                      {t('library.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

function RenameForm({ blueprint }: { blueprint: BlueprintSummary }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState(blueprint.title);
  return (
    <form
      className="library__rename"
      onSubmit={(event) => {
        event.preventDefault();
        void renameBlueprint(blueprint.id, name);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('library.renameField')}
      </label>
      <input
        id={id}
        value={name}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          // Escape leaves the name as it was, without closing the whole dialog.
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            startRenaming(null);
          }
        }}
      />
      <button type="submit" className="button button--small button--primary">
        {t('library.renameConfirm')}
      </button>
      <button type="button" className="button button--small" onClick={() => startRenaming(null)}>
        {t('library.cancel')}
      </button>
    </form>
  );
}

function DeleteConfirmation({ blueprint }: { blueprint: BlueprintSummary }) {
  const t = useT();
  const name = shownTitle(blueprint, t);
  return (
    <div
      className="library__confirm"
      role="alertdialog"
      aria-label={t('library.deleteLabel', { title: name })}
    >
      <p>{t('library.deleteQuestion', { title: name, count: blueprint.versions })}</p>
      <div className="library__confirm-buttons">
        <button
          type="button"
          className="button button--small"
          autoFocus
          onClick={() => askToDelete(null)}
        >
          {t('library.cancel')}
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => void deleteBlueprint(blueprint.id)}
        >
          {t('library.deleteConfirm', { title: name })}
        </button>
      </div>
    </div>
  );
}

function VersionList({ blueprint }: { blueprint: BlueprintSummary }) {
  const t = useT();
  const language = useLanguage();
  const versions = useLibraryView((state) => state.versions);
  return (
    <>
      <p>
        <button
          type="button"
          className="button button--small"
          onClick={() => void showVersions(null)}
        >
          ← {t('library.back')}
        </button>
      </p>
      <table
        className="data-table library-table"
        aria-label={t('library.versionsTitle', { title: shownTitle(blueprint, t) })}
      >
        <thead>
          <tr>
            <th scope="col">{t('library.colTime')}</th>
            <th scope="col">{t('library.colKind')}</th>
            <th scope="col">{t('library.colVersionTitle')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('library.colActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <VersionRow
              key={version.id ?? 'autosave'}
              version={version}
              t={t}
              language={language}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

function VersionRow({
  version,
  t,
  language,
}: {
  version: VersionRecord;
  t: Translate;
  language: Language;
}) {
  const time = formatLibraryTime(version.time, language, true);
  return (
    <tr>
      <th scope="row">{time}</th>
      <td>
        <span className={`library__kind library__kind--${version.kind}`}>
          {t(KIND_LABEL[version.kind])}
        </span>
      </td>
      <td>{shownTitle(version, t)}</td>
      <td className="library-table__actions">
        <button
          type="button"
          className="button button--small"
          aria-label={t('library.restoreLabel', { time })}
          onClick={() => void restoreVersion(version)}
        >
          {t('library.restore')}
        </button>
      </td>
    </tr>
  );
}
