/**
 * The top toolbar: file commands, history, layout and view, what-if mode, exports, the live
 * reliability, the language and help. Edit and view commands come from the action registry, so
 * their labels, shortcuts and enabled state are the same everywhere. In a narrow window the
 * toolbar shows some commands as icons and moves the least used into its More menu
 * (`toolbarFit.ts`); each keeps its accessible name and tooltip wherever it is.
 */
import { memo, useRef } from 'react';
import { useActionEnabled, useActionState, useHistoryLabel } from '../actions/hooks';
import { runAction, runStandaloneAction } from '../actions/registry';
import type { ActionId } from '../actions/types';
import { examplesFor } from '../files/examples';
import { BLUEPRINT_TITLE_INPUT } from '../inspector/BlueprintProperties';
import { openExample, openFile } from '../files/fileActions';
import { OPEN_ACCEPT } from '../files/openFile';
import { preloadLanguage, setLanguage, useLanguage, useT, type Language } from '../i18n';
import { formatDecimal, formatPercent } from '../results/format';
import { useResultsStore } from '../store/results';
import { useBlueprintStore } from '../store/blueprint';
import { Menu } from './Menu';
import { useShellState } from './shellState';
import { setAppMode, useModeState } from './modeState';
import { stepTaken, useToolbarFit, type FitStep } from './toolbarFit';
import { ToolbarIcon, type ToolbarIconName } from './ToolbarIcon';

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
  const toolbar = useRef<HTMLDivElement>(null);
  const titleButton = useRef<HTMLButtonElement>(null);
  const steps = useToolbarFit(toolbar, titleButton);
  const stepsExportable = useActionEnabled('exportStepsCsv');
  const scenariosExportable = useActionEnabled('exportScenariosCsv');
  const exportItem = (id: ActionId, label: string, disabled = false) => ({
    id,
    label,
    disabled,
    onSelect: () => void runStandaloneAction(id),
  });

  return (
    <div ref={toolbar} className="toolbar" role="toolbar" aria-label={t('shell.toolbar')}>
      <div className="brand">
        <span className="brand__mark" aria-hidden>
          F
        </span>
        <h1 className="brand__name">{t('shell.appTitle')}</h1>
        <button
          ref={titleButton}
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
          data-fit-icon="file"
          data-fit-more="more-file"
          title={t('shell.newHint')}
          onClick={() => void newBlueprint.run()}
        >
          <IconLabel icon="new" label={t('shell.new')} />
        </button>
        <button
          type="button"
          className="toolbar-button"
          title={`${t('shell.openHint')} (${openBlueprint.shortcut})`}
          data-fit-icon="file"
          aria-keyshortcuts={openBlueprint.ariaKeys}
          onClick={() => void openBlueprint.run()}
        >
          <IconLabel icon="open" label={t('shell.open')} />
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
          data-fit-icon="file"
          aria-keyshortcuts={saveBlueprint.ariaKeys}
          onClick={() => void saveBlueprint.run()}
        >
          <IconLabel icon="save" label={t('shell.save')} />
        </button>
        <button
          type="button"
          className="toolbar-button"
          title={`${t('editing.action.openLibrary')} (${openLibrary.shortcut})`}
          data-fit-icon="file"
          data-fit-more="more-file"
          aria-keyshortcuts={openLibrary.ariaKeys}
          onClick={() => void openLibrary.run()}
        >
          <IconLabel icon="library" label={t('library.title')} />
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
        <ActionButton id="undo" label={t('shell.undo')} icon="undo" fit="history" />
        <ActionButton id="redo" label={t('shell.redo')} icon="redo" fit="history" />
      </div>

      <div
        className="toolbar-group"
        role="group"
        aria-label={t('shell.fitView')}
        data-fit-more="more-view"
      >
        <ActionButton id="autoLayout" label={t('shell.autoLayout')} icon="autoLayout" fit="view" />
        <ActionButton id="fitView" label={t('shell.fitView')} icon="fitView" fit="view" />
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
          exportItem('printReport', t('report.menuItem')),
        ]}
      />

      <MoreMenu steps={steps} />

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
  fit,
}: {
  id: 'undo' | 'redo' | 'autoLayout' | 'fitView';
  label: string;
  icon: ToolbarIconName;
  /** The fitting step at which the button shows only its icon. */
  fit: FitStep;
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
      data-fit-icon={fit}
      disabled={!action.enabled}
      title={action.shortcut ? `${named} (${action.shortcut})` : named}
      aria-keyshortcuts={action.ariaKeys}
      onClick={() => void action.run()}
    >
      <IconLabel icon={icon} label={label} />
    </button>
  );
});

/**
 * A command's icon and label. The label is hidden by the style sheet when the toolbar shows the
 * command as an icon, and stays the button's accessible name.
 */
function IconLabel({ icon, label }: { icon: ToolbarIconName; label: string }) {
  return (
    <>
      <ToolbarIcon name={icon} />
      <span className="toolbar-button__label">{label}</span>
    </>
  );
}

/**
 * The commands that left the toolbar for want of room, in their toolbar order; the style sheet
 * shows the menu's button only then. Items run the same registered actions as the buttons.
 */
function MoreMenu({ steps }: { steps: number }) {
  const t = useT();
  const teaching = useModeState((state) => state.mode === 'teach');
  const newBlueprint = useActionState('newBlueprint');
  const openLibrary = useActionState('openLibrary');
  const autoLayout = useActionState('autoLayout');
  const fitView = useActionState('fitView');
  const teach = useActionState('teach');
  const present = useActionState('present');
  const item = (
    id: string,
    label: string,
    action: {
      enabled: boolean;
      shortcut: string | null;
      ariaKeys: string | undefined;
      run: () => unknown;
    },
  ) => ({
    id,
    label,
    shortcut: action.shortcut ? { text: action.shortcut, ariaKeys: action.ariaKeys } : undefined,
    disabled: !action.enabled,
    onSelect: () => void action.run(),
  });
  const file = stepTaken(steps, 'more-file');
  const view = stepTaken(steps, 'more-view');
  const modes = stepTaken(steps, 'more-modes');
  const items = [
    ...(file
      ? [
          item('newBlueprint', t('shell.new'), newBlueprint),
          item('openLibrary', t('library.title'), openLibrary),
        ]
      : []),
    ...(view
      ? [
          item('autoLayout', t('shell.autoLayout'), autoLayout),
          item('fitView', t('shell.fitView'), fitView),
        ]
      : []),
    // While teaching, the Teach button stays in the toolbar to show the mode and end it.
    ...(modes && !teaching ? [item('teach', t('teaching.teach'), teach)] : []),
    ...(modes ? [item('present', t('present.button'), present)] : []),
  ];
  return (
    <div className="toolbar-more">
      <Menu label={t('shell.more')} title={t('shell.moreHint')} items={items}>
        <ToolbarIcon name="more" />
        <span className="visually-hidden">{t('shell.more')}</span>
      </Menu>
    </div>
  );
}

/** Turns the teaching mode on and off: customers walk the blueprint, editing is locked. */
function TeachButton() {
  const t = useT();
  const teaching = useModeState((state) => state.mode === 'teach');
  const teach = useActionState('teach');
  return (
    <button
      type="button"
      className={`toolbar-button toolbar-toggle ${teaching ? 'toolbar-toggle--on' : ''}`}
      data-fit-more="more-modes"
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
      data-fit-icon="present"
      data-fit-more="more-modes"
      title={`${t('present.buttonHint')} (${present.shortcut})`}
      aria-keyshortcuts={present.ariaKeys}
      onClick={() => void present.run()}
    >
      <IconLabel icon="present" label={t('present.button')} />
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
          // The other language is fetched as soon as the pointer or focus reaches its button,
          // so by the click it is usually here and the switch shows at once.
          onPointerEnter={() => preloadLanguage(option.value)}
          onFocus={() => preloadLanguage(option.value)}
          onClick={() => void setLanguage(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
