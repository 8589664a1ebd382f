/**
 * The app's frame: toolbar on top, palette on the left, the canvas in the middle, the inspector
 * on the right, and the analysis panels (results, scenarios, Monte Carlo, problems) below the
 * canvas. Everything inside the frame reads the editor store; the frame itself only wires
 * commands that cross areas (a problem focusing its node, a file dropped on the window).
 */
import { ReactFlowProvider, useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { registerFileController } from './actions/files';
import { registerShellController } from './actions/shell';
import { useShortcuts } from './actions/shortcuts';
import { BlueprintCanvas } from './canvas';
import { READABLE_ZOOM } from './canvas/viewport';
import { newDocument, openFile, saveDocument } from './files/fileActions';
import { dragHasFiles } from './files/openFile';
import { getLanguage, useT } from './i18n';
import { Inspector } from './inspector';
import { EditLock } from './teaching/EditLock';
import { LinkBanner } from './links/LinkBanner';
import { LinkDialog } from './links/LinkDialog';
import { ReportHost } from './report/ReportHost';
import { Palette } from './palette';
import { PresentingMode } from './present/PresentingMode';
import { ProblemsPanel } from './problems/ProblemsPanel';
import { useResultsStore } from './store/results';
import { ResultsPanel } from './results/ResultsPanel';
import { useBlueprintStore, select } from './store/blueprint';
import { useFindState } from './shell/findState';
import { HelpDialog } from './shell/HelpDialog';
import { PanelTabs } from './shell/PanelTabs';
import { LazyDialogs } from './shell/LazyDialogs';
import { useModeState } from './shell/modeState';
import { useShellState, showTab } from './shell/shellState';
import { canExport, useExport } from './shell/useExport';
import { StatusBar } from './shell/StatusBar';
import { Toolbar } from './shell/Toolbar';
import { useDrawnAfterFirstPaint } from './shell/useDrawnAfterFirstPaint';
import './App.css';

// Find is opened by a command (Ctrl+F): its box and style load then, not with the first view.
const FindBox = lazy(() =>
  import('./shell/FindBox').then((module) => ({ default: module.FindBox })),
);

// The scenarios panel is a tab of its own, not shown on opening: loaded when first opened.
const ScenariosPanel = lazy(() =>
  import('./scenarios/ScenariosPanel').then((module) => ({ default: module.ScenariosPanel })),
);

// The Monte Carlo panel brings the simulation engine and its worker pool: loaded when first
// opened, so the first view of the app does not wait for it.
const SimulationPanel = lazy(() =>
  import('./simulation/SimulationPanel').then((module) => ({ default: module.SimulationPanel })),
);
// The money panel brings the optimiser and its charts: loaded when its tab is opened.
const MoneyPanel = lazy(() =>
  import('./money/MoneyPanel').then((module) => ({ default: module.MoneyPanel })),
);
// The compound-failure explorer likewise: a teaching view, loaded when its tab is opened.
const CompoundExplorer = lazy(() =>
  import('./explorer/CompoundExplorer').then((module) => ({ default: module.CompoundExplorer })),
);
// Teaching mode's tokens, badges and bar bring the trace engine's client and their own style:
// loaded when the mode is first entered, so the first view does not carry them.
const TeachingLayer = lazy(() =>
  import('./teaching/TeachingLayer').then((module) => ({ default: module.TeachingLayer })),
);
const TeachingPanel = lazy(() =>
  import('./teaching/TeachingBar').then((module) => ({ default: module.TeachingPanel })),
);

export function App() {
  return (
    <ReactFlowProvider>
      <Frame />
      <PresentingMode />
    </ReactFlowProvider>
  );
}

function Frame() {
  const t = useT();
  // The canvas's controls, kept by a child: `useReactFlow` gives a new object when the viewport
  // is first ready, which would render the whole frame again during the first view.
  const flowHandle = useRef<ReactFlowInstance | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const tab = useShellState((state) => state.tab);
  const panelHeight = useShellState((state) => state.panelHeight);
  const collapsed = useShellState((state) => state.panelCollapsed);
  const problems = useResultsStore((state) => state.problems);
  const scenarioName = useBlueprintStore((state) =>
    state.whatIfScenarioId === null
      ? null
      : (state.document.scenarios?.find((s) => s.id === state.whatIfScenarioId)?.name ?? null),
  );
  const title = useBlueprintStore((state) => state.document.title?.trim() ?? '');
  const appTitle = t('shell.appTitle');
  useEffect(() => {
    document.title = title ? `${title} – ${appTitle}` : appTitle;
  }, [title, appTitle]);
  const onExport = useExport();
  useShortcuts();
  useEffect(
    () => registerShellController({ openHelp: () => useShellState.setState({ helpOpen: true }) }),
    [],
  );
  useEffect(
    () =>
      registerFileController({
        newBlueprint: () => newDocument(getLanguage()),
        openBlueprint: () => fileInput.current?.click(),
        saveBlueprint: saveDocument,
        canExport,
        export: onExport,
      }),
    [onExport],
  );

  /** Selects a node or an edge and brings it into view. */
  const focus = useCallback((target: { kind: 'node' | 'edge'; id: string }) => {
    const { document } = useBlueprintStore.getState();
    if (target.kind === 'node') {
      select([target.id]);
      void flowHandle.current?.fitView({
        nodes: [{ id: target.id }],
        duration: 300,
        minZoom: READABLE_ZOOM,
        maxZoom: 1.25,
      });
    } else {
      const edge = document.edges.find((candidate) => candidate.id === target.id);
      select([], [target.id]);
      if (edge) {
        // Ends far apart are not worth unreadable labels: the view centres on them at the
        // readable zoom, as Fit view does.
        void flowHandle.current?.fitView({
          nodes: [{ id: edge.source }, { id: edge.target }],
          duration: 300,
          minZoom: READABLE_ZOOM,
          maxZoom: 1.25,
        });
      }
    }
  }, []);
  const selectNode = useCallback((id: string) => focus({ kind: 'node', id }), [focus]);
  const showProblems = useCallback(() => showTab('problems'), []);

  const dropping = useFileDrop();
  const teaching = useModeState((state) => state.mode === 'teach');
  const finding = useFindState((state) => state.open);

  return (
    <div
      className={`app ${collapsed ? 'app--panel-collapsed' : ''}`}
      style={{ '--panel-height': `${panelHeight}px` } as React.CSSProperties}
    >
      {/* The first things Tab reaches: a keyboard skips the toolbar's thirty-odd stops. */}
      <a className="skip-link" href="#canvas" onClick={skipTo}>
        {t('shell.skipToCanvas')}
      </a>
      <a className="skip-link" href="#panels" onClick={skipTo}>
        {t('shell.skipToPanels')}
      </a>
      <FlowHandle flowRef={flowHandle} />
      <header className="app__header">
        <Toolbar fileInput={fileInput} />
      </header>
      <div className="app__palette">
        <EditLock>
          <Palette />
        </EditLock>
      </div>
      <main className="app__canvas" id="canvas" tabIndex={-1}>
        <BlueprintCanvas />
        {finding ? (
          <Suspense fallback={null}>
            <FindBox />
          </Suspense>
        ) : null}
        {teaching ? (
          <Suspense fallback={null}>
            <TeachingLayer />
          </Suspense>
        ) : null}
        <LinkBanner />
      </main>
      <InspectorBox />
      <section className="app__panel" id="panels" tabIndex={-1} aria-label={t('shell.panels')}>
        {teaching ? (
          <Suspense fallback={null}>
            <TeachingPanel />
          </Suspense>
        ) : null}
        <PanelTabs problemCount={problems.length} />
        {collapsed ? null : (
          <div
            className="panel-body"
            role="tabpanel"
            id={`panel-${tab}`}
            aria-labelledby={`tab-${tab}`}
            tabIndex={0}
          >
            {tab === 'results' ? (
              <ResultsPanel
                onSelectNode={selectNode}
                onShowProblems={showProblems}
                scenarioName={scenarioName}
              />
            ) : tab === 'scenarios' ? (
              <Suspense fallback={<p className="panel-empty">{t('shell.loading')}</p>}>
                <ScenariosPanel />
              </Suspense>
            ) : tab === 'money' ? (
              <Suspense fallback={<p className="panel-empty">{t('shell.loading')}</p>}>
                <MoneyPanel />
              </Suspense>
            ) : tab === 'simulation' ? (
              <Suspense fallback={<p className="panel-empty">{t('shell.loading')}</p>}>
                <SimulationPanel />
              </Suspense>
            ) : tab === 'explorer' ? (
              <Suspense fallback={<p className="panel-empty">{t('shell.loading')}</p>}>
                <CompoundExplorer />
              </Suspense>
            ) : (
              <ProblemsPanel problems={problems} onFocus={focus} />
            )}
          </div>
        )}
      </section>
      <StatusBar />
      <HelpDialog />
      <LazyDialogs />
      <LinkDialog />
      <ReportHost />
      {dropping ? (
        <div className="drop-overlay" aria-hidden>
          <p>{t('shell.dropHere')}</p>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The inspector's column. The inspector is no part of R: drawn in the frame after the first
 * view's, by this box alone (the frame is not rendered again for it).
 */
function InspectorBox() {
  const box = useRef<HTMLDivElement>(null);
  const drawn = useDrawnAfterFirstPaint(box);
  return (
    <div className="app__inspector" ref={box}>
      {drawn ? (
        <EditLock>
          <Inspector />
        </EditLock>
      ) : null}
    </div>
  );
}

/** Keeps the canvas's controls in `flowRef`, for commands of the frame to use. */
function FlowHandle({ flowRef }: { flowRef: React.RefObject<ReactFlowInstance | null> }): null {
  const flow = useReactFlow();
  useLayoutEffect(() => {
    flowRef.current = flow;
  }, [flow, flowRef]);
  return null;
}

/**
 * Follows a skip link by moving focus to its target without changing the address, so a reload
 * does not jump anywhere.
 */
function skipTo(event: React.MouseEvent<HTMLAnchorElement>): void {
  const target = document.getElementById(event.currentTarget.hash.slice(1));
  if (!target) return;
  event.preventDefault();
  target.focus();
}

/**
 * A `.blueprint.json` dragged from the desktop onto any part of the window opens it. Drags that
 * carry no files (the palette's) are left to the canvas.
 */
function useFileDrop(): boolean {
  const [dropping, setDropping] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!dragHasFiles(event)) return;
      depth += 1;
      setDropping(true);
    };
    const over = (event: DragEvent) => {
      if (!dragHasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!dragHasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDropping(false);
    };
    const drop = (event: DragEvent) => {
      if (!dragHasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDropping(false);
      const file = event.dataTransfer?.files[0];
      if (file) void openFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dropping;
}
