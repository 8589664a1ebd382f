/**
 * The top toolbar: file commands, history, layout and view, what-if mode, exports, the live
 * reliability, the language and help. Edit and view commands come from the action registry, so
 * their labels, shortcuts and enabled state are the same everywhere.
 */
import { memo } from 'react';
import { useActionEnabled, useActionState, useHistoryLabel } from '../actions/hooks';
import { runAction, runStandaloneAction } from '../actions/registry';
import type { ActionId } from '../actions/types';
import { examplesFor } from '../files/examples';
import { BLUEPRINT_TITLE_INPUT } from '../inspector/BlueprintProperties';
import { openExample, openFile } from '../files/fileActions';
import { OPEN_ACCEPT } from '../files/openFile';
import { setLanguage, useLanguage, useT, type Language } from '../i18n';
import { formatDecimal, formatPercent } from '../results/format';
import { useResultsStore } from '../store/results';
import { useBlueprintStore } from '../store/blueprint';
import { Menu } from './Menu';
import { useShellState } from './shellState';
import { setAppMode, useModeState } from './modeState';

/** Shows the blueprint's properties in the inspector and puts the cursor in its title. */
function editTitle(): void {
  void runAction('clearSelection');
  // The inspector shows the properties once the selection is cleared: focus after that render.
  requestAnimationFrame(() => document.getElementById(BLUEPRINT_TITLE_INPUT)?.focus());
}

export interface ToolbarProps {
  /** Receives the hidden file input, so the Open command (button or Ctrl+O) opens this picker. */
  fileInput: React.RefObject<HTMLInputElement | null>;
}

export function Toolbar({ fileInput }: ToolbarProps) {
  const t = useT();
  const language = useLanguage();
  const title = useBlueprintStore((state) => state.document.title);
  const newBlueprint = useActionState('newBlueprint');
  const openBlueprint = useActionState('openBlueprint');
  const saveBlueprint = useActionState('saveBlueprint');
  const openLibrary = useActionState('openLibrary');
  const stepsExportable = useActionEnabled('exportStepsCsv');
  const scenariosExportable = useActionEnabled('exportScenariosCsv');
  const exportItem = (id: ActionId, label: string, disabled = false) => ({
    id,
    label,
    disabled,
    onSelect: () => void runStandaloneAction(id),
  });

  return (
    <div className="toolbar" role="toolbar" aria-label={t('shell.toolbar')}>
      <div className="brand">
        <span className="brand__mark" aria-hidden>
          F
        </span>
        <h1 className="brand__name">{t('shell.appTitle')}</h1>
        <button
          type="button"
          className="brand__title"
          title={t('shell.editTitleHint')}
          aria-label={t('shell.editTitle', { title: title || t('shell.untitled') })}
          onClick={editTitle}
        >
          {title || t('shell.untitled')}
        </button>
      </div>

      <div className="toolbar-group" role="group" aria-label={t('shell.file')}>
        <button
          type="button"
          className="toolbar-button"
          title={t('shell.newHint')}
          onClick={() => void newBlueprint.run()}
        >
          {t('shell.new')}
        </button>
        <button
          type="button"
          className="toolbar-button"
          title={`${t('shell.openHint')} (${openBlueprint.shortcut})`}
          aria-keyshortcuts={openBlueprint.ariaKeys}
          onClick={() => void openBlueprint.run()}
        >
          {t('shell.open')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={OPEN_ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('files.chooseFile')}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void openFile(file);
          }}
        />
        <button
          type="button"
          className="toolbar-button"
          title={`${t('shell.saveHint')} (${saveBlueprint.shortcut})`}
          aria-keyshortcuts={saveBlueprint.ariaKeys}
          onClick={() => void saveBlueprint.run()}
        >
          {t('shell.save')}
        </button>
        <button
          type="button"
          className="toolbar-button"
          title={`${t('editing.action.openLibrary')} (${openLibrary.shortcut})`}
          aria-keyshortcuts={openLibrary.ariaKeys}
          onClick={() => void openLibrary.run()}
        >
          {t('library.title')}
        </button>
        <Menu
          label={t('shell.examples')}
          title={t('shell.examplesHint')}
          menuLabel={t('files.examplesMenu')}
          items={examplesFor(language).map((example) => ({
            id: example.file,
            label: example.title,
            detail: example.language === 'zh' ? '中文' : 'EN',
            onSelect: () => openExample(example),
          }))}
        />
      </div>

      <div className="toolbar-group" role="group" aria-label={t('shell.undo')}>
        <ActionButton id="undo" label={t('shell.undo')} icon="↶" />
        <ActionButton id="redo" label={t('shell.redo')} icon="↷" />
      </div>

      <div className="toolbar-group" role="group" aria-label={t('shell.fitView')}>
        <ActionButton id="autoLayout" label={t('shell.autoLayout')} />
        <ActionButton id="fitView" label={t('shell.fitView')} />
      </div>

      <WhatIfToggle />
      <TeachButton />

      <Menu
        label={t('shell.export')}
        title={t('shell.exportHint')}
        items={[
          exportItem('exportPng', t('shell.exportPng')),
          exportItem('exportSvg', t('shell.exportSvg')),
          exportItem('exportBpmn', t('bpmn.exportBpmn')),
          exportItem('exportStepsCsv', t('shell.exportStepsCsv'), !stepsExportable),
          exportItem('exportScenariosCsv', t('shell.exportScenariosCsv'), !scenariosExportable),
          // Sharing a link sits with the exports: one menu fewer in a full toolbar.
          exportItem('copyLink', t('links.copyLink')),
          exportItem('copyTeachingLink', t('links.copyTeachingLink')),
        ]}
      />

      <div className="toolbar-spacer" />
      <PresentButton />
      <Headline />
      <LanguageSwitch />
      <button
        type="button"
        className="toolbar-button toolbar-button--round"
        aria-label={t('shell.help')}
        title={t('shell.help')}
        onClick={() => useShellState.setState({ helpOpen: true })}
      >
        ?
      </button>
    </div>
  );
}

/** A toolbar button for a registered action: its label, shortcut and whether it can run now. */
const ActionButton = memo(function ActionButton({
  id,
  label,
  icon,
}: {
  id: 'undo' | 'redo' | 'autoLayout' | 'fitView';
  label: string;
  icon?: string;
}) {
  const t = useT();
  const action = useActionState(id);
  const step = useHistoryLabel(id === 'redo' ? 'redo' : 'undo');
  // Undo and Redo name the command they take back: "Undo Save scenario".
  const named =
    (id === 'undo' || id === 'redo') && step !== null
      ? t(id === 'undo' ? 'editing.history.undoLabel' : 'editing.history.redoLabel', {
          action: t(step),
        })
      : label;
  return (
    <button
      type="button"
      className="toolbar-button"
      disabled={!action.enabled}
      title={action.shortcut ? `${named} (${action.shortcut})` : named}
      aria-keyshortcuts={action.ariaKeys}
      onClick={() => void action.run()}
    >
      {icon ? (
        <span className="toolbar-button__icon" aria-hidden>
          {icon}
        </span>
      ) : null}
      {label}
    </button>
  );
});

/** Turns the teaching mode on and off: customers walk the blueprint, editing is locked. */
function TeachButton() {
  const t = useT();
  const teaching = useModeState((state) => state.mode === 'teach');
  const teach = useActionState('teach');
  return (
    <button
      type="button"
      className={`toolbar-button toolbar-toggle ${teaching ? 'toolbar-toggle--on' : ''}`}
      aria-pressed={teaching}
      title={teaching ? t('teaching.stopHint') : `${t('teaching.teachHint')} (${teach.shortcut})`}
      aria-keyshortcuts={teaching ? 'Escape' : teach.ariaKeys}
      onClick={() => (teaching ? setAppMode('edit') : void teach.run())}
    >
      <span className="toggle-dot" aria-hidden />
      {t('teaching.teach')}
    </button>
  );
}

function WhatIfToggle() {
  const t = useT();
  const active = useBlueprintStore((state) => {
    const id = state.whatIfScenarioId;
    return id === null ? null : (state.document.scenarios?.find((s) => s.id === id)?.name ?? id);
  });
  return (
    <button
      type="button"
      className={`toolbar-button toolbar-toggle ${active !== null ? 'toolbar-toggle--on' : ''}`}
      aria-pressed={active !== null}
      title={active !== null ? t('shell.whatIfOn', { name: active }) : t('shell.whatIfHint')}
      onClick={() => void runAction('toggleWhatIf')}
    >
      <span className="toggle-dot" aria-hidden />
      {t('shell.whatIf')}
      {active !== null ? <span className="toolbar-toggle__scenario">{active}</span> : null}
    </button>
  );
}

/** Opens the presenting view: the blueprint full screen, as a guided walk for a projector. */
function PresentButton() {
  const t = useT();
  const present = useActionState('present');
  return (
    <button
      type="button"
      className="toolbar-button"
      title={`${t('present.buttonHint')} (${present.shortcut})`}
      aria-keyshortcuts={present.ariaKeys}
      onClick={() => void present.run()}
    >
      <span className="toolbar-button__icon" aria-hidden>
        ▶
      </span>
      {t('present.button')}
    </button>
  );
}

/** The reliability of the blueprint, always in view whatever panel is open. */
function Headline() {
  const t = useT();
  const language = useLanguage();
  const status = useResultsStore((state) => state.status);
  const reliability = useResultsStore((state) => state.result?.analysis.reliability ?? null);
  const inScenario = useResultsStore((state) => state.result?.scenarioId ?? null);
  return (
    <div
      className={`headline ${status === 'invalid' ? 'headline--invalid' : ''} ${inScenario ? 'headline--scenario' : ''}`}
      role="status"
      aria-label={t('shell.statusReliability')}
      aria-live="polite"
    >
      {status === 'invalid' ? (
        <span data-testid="headline-invalid">{t('shell.statusInvalid')}</span>
      ) : reliability === null ? (
        <span data-testid="headline-computing" aria-busy="true">
          {t('shell.statusComputing')}
        </span>
      ) : (
        <>
          <span className="headline__label">R</span>
          <span className="headline__percent" data-testid="headline-percent">
            {formatPercent(reliability, language)}
          </span>
          <span className="headline__decimal" data-testid="headline-decimal">
            {formatDecimal(reliability, language)}
          </span>
        </>
      )}
    </div>
  );
}

function LanguageSwitch() {
  const t = useT();
  const language = useLanguage();
  const options: { value: Language; label: string; lang: string }[] = [
    { value: 'en', label: t('shell.english'), lang: 'en' },
    { value: 'zh', label: t('shell.chinese'), lang: 'zh-CN' },
  ];
  return (
    <div className="segmented" role="group" aria-label={t('shell.language')}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          lang={option.lang}
          aria-pressed={language === option.value}
          onClick={() => setLanguage(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
