/**
 * The tabs of the analysis panel, with the splitter that resizes it. Tabs follow the WAI-ARIA
 * tabs pattern (arrow keys move between them); the splitter can be dragged or moved with the
 * arrow keys.
 */
import { useEffect, useRef } from 'react';
import { useT, type MessageKey } from '../i18n';
import {
  PANEL_MIN_HEIGHT,
  PANEL_TABS,
  followWindowHeight,
  maxPanelHeight,
  rememberPanelHeight,
  setPanelHeight,
  showTab,
  useShellState,
  type PanelTab,
} from './shellState';

const TAB_LABELS: Record<PanelTab, MessageKey> = {
  results: 'shell.tabResults',
  scenarios: 'shell.tabScenarios',
  money: 'money.tab',
  simulation: 'shell.tabSimulation',
  explorer: 'explorer.tab',
  problems: 'shell.tabProblems',
};

export function PanelTabs({ problemCount }: { problemCount: number }) {
  const t = useT();
  const tab = useShellState((state) => state.tab);
  const collapsed = useShellState((state) => state.panelCollapsed);
  const height = useShellState((state) => state.panelHeight);
  const list = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const at = PANEL_TABS.indexOf(tab);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (at + 1) % PANEL_TABS.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + PANEL_TABS.length) % PANEL_TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = PANEL_TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    showTab(PANEL_TABS[next]);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${PANEL_TABS[next]}`)?.focus();
  };

  return (
    <div className="panel-header">
      <Splitter height={height} />
      <div
        className="panel-tabs"
        role="tablist"
        aria-label={t('shell.panels')}
        ref={list}
        onKeyDown={onKeyDown}
      >
        {PANEL_TABS.map((id) => (
          <button
            key={id}
            id={`tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={collapsed ? undefined : `panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className="panel-tab"
            onClick={() => showTab(id)}
          >
            {t(TAB_LABELS[id])}
            {id === 'problems' && problemCount > 0 ? (
              <span
                className="badge badge--danger"
                aria-label={
                  problemCount === 1
                    ? t('shell.problemCountOne')
                    : t('shell.problemCount', { count: problemCount })
                }
              >
                {problemCount}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="icon-button panel-collapse"
        aria-expanded={!collapsed}
        aria-label={collapsed ? t('shell.expandPanel') : t('shell.collapsePanel')}
        title={collapsed ? t('shell.expandPanel') : t('shell.collapsePanel')}
        onClick={() => useShellState.setState({ panelCollapsed: !collapsed })}
      >
        {collapsed ? '▴' : '▾'}
      </button>
    </div>
  );
}

/**
 * The bar between the canvas and the panel. However far it is dragged, the canvas keeps its
 * minimum height (setPanelHeight clamps), and so does a window made shorter.
 */
function Splitter({ height }: { height: number }) {
  const t = useT();
  useEffect(followWindowHeight, []);
  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startY = event.clientY;
    const startHeight = height;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (moved: PointerEvent) => setPanelHeight(startHeight + startY - moved.clientY);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      rememberPanelHeight();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('shell.resizePanel')}
      aria-valuemin={Math.min(PANEL_MIN_HEIGHT, maxPanelHeight(window.innerHeight))}
      aria-valuemax={maxPanelHeight(window.innerHeight)}
      aria-valuenow={height}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 80 : 20;
        if (event.key === 'ArrowUp') setPanelHeight(height + step);
        else if (event.key === 'ArrowDown') setPanelHeight(height - step);
        else return;
        event.preventDefault();
        rememberPanelHeight();
      }}
    />
  );
}
