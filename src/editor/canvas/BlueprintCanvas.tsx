/**
 * The blueprint canvas: React Flow, fed from the document through the adapter, with every
 * change going back through the action registry.
 */
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  ControlButton,
  Controls,
  MiniMap,
  type MiniMapNodeProps,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type ReactFlowInstance,
  type ReactFlowState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type CSSProperties,
  type DragEvent,
} from 'react';
import type { Lane, NodeType, Outcome } from '../../sim/model';
import { runAction } from '../actions/registry';
import { registerViewController } from '../actions/view';
import { useViewRenewals } from '../engine/expressionParser';
import { useLanguage, useT } from '../i18n';
import { translateMessage } from '../actions/messages';
import { scenarioTargets } from '../../document/values';
import {
  dismissNotice,
  selectEffectiveDocument,
  showNotice,
  useBlueprintStore,
} from '../store/blueprint';
import { FlowAdapter, type BlueprintFlowEdge, type BlueprintFlowNode } from './adapter';
import { edgeTypes } from './edges';
import {
  NODE_SIZES,
  boundsOf,
  computeLaneBands,
  edgeAt,
  laneOf,
  type LaneBand,
} from '../../document/geometry';
import { LaneBands, LaneLabels } from './lanes';
import { flowNames, type FlowNames } from './names';
import {
  FIT_MAX_ZOOM,
  FRAME_PADDING,
  LANE_LABEL_COLUMN,
  READABLE_ZOOM,
  blueprintFrame,
  fitBlueprint,
  fitsReadably,
} from './viewport';
import {
  isValidConnection,
  onConnect,
  onConnectEnd,
  onEdgesChange,
  onNodesChange,
} from './interaction';
import { nodeTypes } from './nodes';
import {
  ConnectBanner,
  ContextPad,
  onEdgeLabelDoubleClick,
  onNodeLabelDoubleClick,
  onPadNodeClick,
  onPadPaneClick,
} from './ContextPad';
import { useModeState } from '../shell/modeState';
import './canvas.css';

/** The drag-and-drop payload type of palette items. */
export const PALETTE_MIME = 'application/x-failpoint-node';

/** What a palette item carries when dragged onto the canvas. */
export interface PalettePayload {
  type: NodeType;
  outcome?: Outcome;
}

/** Past this many nodes, only what is in view is rendered. */
const LARGE_BLUEPRINT = 200;
/** Below this zoom, step cards drop their text (it would be unreadable anyway). */
const FAR_ZOOM = 0.3;
const MINIMAP_KEY = 'failpoint.minimap';

/** The user's own choice to show or hide the overview map, or null if never made. */
function storedMinimapChoice(): boolean | null {
  try {
    const stored = globalThis.localStorage?.getItem(MINIMAP_KEY);
    return stored === 'shown' ? true : stored === 'hidden' ? false : null;
  } catch {
    return null;
  }
}

function storeMinimapChoice(shown: boolean): void {
  try {
    globalThis.localStorage?.setItem(MINIMAP_KEY, shown ? 'shown' : 'hidden');
  } catch {
    // Not remembered; the choice holds for this visit.
  }
}

function useFlowElements(
  adapter: FlowAdapter,
  names: FlowNames,
): {
  nodes: BlueprintFlowNode[];
  edges: BlueprintFlowEdge[];
} {
  const document = useBlueprintStore(selectEffectiveDocument);
  const baseline = useBlueprintStore((s) => s.document);
  const selection = useBlueprintStore((s) => s.selection);
  const dragPositions = useBlueprintStore((s) => s.dragPositions);
  const whatIf = useBlueprintStore((s) => s.whatIfScenarioId);
  const changed = useMemo(
    () => scenarioTargets(baseline.scenarios?.find((s) => s.id === whatIf)),
    [baseline.scenarios, whatIf],
  );
  const nodes = useMemo(
    () => adapter.toNodes({ document, selection, dragPositions, changed, names }),
    [adapter, document, selection, dragPositions, changed, names],
  );
  // Edges do not depend on drag positions: React Flow follows the nodes by itself.
  const edges = useMemo(
    () => adapter.toEdges({ document, selection, dragPositions: null, changed, names }),
    [adapter, document, selection, changed, names],
  );
  return { nodes, edges };
}

const zoomSelector = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
const widthSelector = (s: ReactFlowState) => s.width;
const heightSelector = (s: ReactFlowState) => s.height;

/** Sets a class on the canvas when zoomed far out, so CSS can simplify the nodes. */
function ZoomClass({ target }: { target: HTMLDivElement | null }) {
  const far = useStore(zoomSelector);
  useEffect(() => {
    target?.classList.toggle('fp-canvas--far', far);
  }, [far, target]);
  return null;
}

/**
 * Fits the view when the store asks for it (a file opened or laid out) and serves the fit and
 * zoom actions. A fit request is answered inside the store update that made it, before React
 * renders the new nodes, so a large blueprint is rendered once, at its final viewport, instead
 * of first at the old one.
 *
 * Every fit frames the lane bands and the nodes but never goes below the readable zoom: a
 * blueprint longer than the window starts from the left, and the fit action then says that the
 * rest is a pan (or a click on the overview map) away, so nothing looks lost.
 */
function ViewFitter() {
  const flow = useReactFlow<BlueprintFlowNode, BlueprintFlowEdge>();
  const store = useStoreApi<BlueprintFlowNode, BlueprintFlowEdge>();

  useEffect(() => {
    let pending = false;
    const fit = (mode: 'open' | 'all', duration = 0) => {
      const { width, height, maxZoom } = store.getState();
      if (width === 0 || height === 0) {
        pending = true;
        return;
      }
      const nodes = useBlueprintStore.getState().document.nodes;
      const frame = blueprintFrame(nodes);
      if (!frame) return;
      const start = nodes.find((node) => node.type === 'start' && node.position);
      const { viewport, whole } = fitBlueprint(
        frame,
        { width, height },
        {
          padding: FRAME_PADDING,
          minZoom: READABLE_ZOOM,
          maxZoom: Math.min(maxZoom, FIT_MAX_ZOOM),
          anchorY: start?.position && start.position.y + NODE_SIZES.start.height / 2,
        },
      );
      void flow.setViewport(viewport, duration > 0 ? { duration } : undefined);
      if (mode === 'all' && !whole) showNotice({ key: 'shell.fitPartial' }, 'info');
    };
    fit('open');
    const unsubscribeRequests = useBlueprintStore.subscribe(
      (s) => s.fitViewRequest,
      () => fit('open'),
    );
    // The canvas may have no size yet on the first fit; fit again once it has one.
    const unsubscribeSize = store.subscribe((state, previous) => {
      if (
        pending &&
        state.width > 0 &&
        state.height > 0 &&
        (previous.width === 0 || previous.height === 0)
      ) {
        pending = false;
        fit('open');
      }
    });
    const unregister = registerViewController({
      fitView: () => fit('all', 250),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      reveal: (nodeId) => {
        const node = useBlueprintStore.getState().document.nodes.find((n) => n.id === nodeId);
        if (!node?.position) return;
        const { width, height, transform } = store.getState();
        const [tx, ty, zoom] = transform;
        const size = NODE_SIZES[node.type];
        const left = node.position.x * zoom + tx;
        const top = node.position.y * zoom + ty;
        const inside =
          left >= 0 &&
          top >= 0 &&
          left + size.width * zoom <= width &&
          top + size.height * zoom <= height;
        if (inside) return;
        void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, {
          zoom,
          duration: 200,
        });
      },
    });
    return () => {
      unsubscribeRequests();
      unsubscribeSize();
      unregister();
    };
  }, [flow, store]);
  return null;
}

function CanvasNotice() {
  const t = useT();
  const notice = useBlueprintStore((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(dismissNotice, notice.tone === 'info' ? 2500 : 6000);
    return () => window.clearTimeout(timer);
  }, [notice]);
  return (
    <div className="fp-notice-region" role="status" aria-live="polite">
      {notice && (
        <div className={`fp-notice fp-notice--${notice.tone}`} key={notice.id}>
          <span>{translateMessage(t, notice)}</span>
          <button
            type="button"
            className="fp-notice__close"
            onClick={dismissNotice}
            aria-label={t('editing.canvas.dismissNotice')}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}

function LayoutPending() {
  const t = useT();
  const pending = useBlueprintStore((s) => s.layoutPending);
  if (!pending) return null;
  return <div className="fp-layout-pending">{t('editing.canvas.layingOut')}</div>;
}

function WhatIfFrame() {
  const t = useT();
  const name = useBlueprintStore(
    (s) => s.document.scenarios?.find((sc) => sc.id === s.whatIfScenarioId)?.name ?? null,
  );
  if (name === null) return null;
  return <div className="fp-whatif-banner">{t('editing.canvas.whatIfBanner', { name })}</div>;
}

/** Overview-map fill of each lane: the band colours, strong enough to see at a few pixels. */
const MINIMAP_LANE_COLOURS: Readonly<Record<Lane, string>> = {
  customer: '#60a5fa',
  frontstage: '#34d399',
  backstage: '#f59e0b',
  support: '#a78bfa',
};

function minimapColor(node: BlueprintFlowNode): string {
  const spec = node.data.spec;
  if (spec.type === 'end' && spec.outcome === 'failure') return '#dc2626';
  return MINIMAP_LANE_COLOURS[laneOf(spec)];
}

const nodeTypeSelector = (id: string) => (s: ReactFlowState) =>
  s.nodeLookup.get(id)?.type as NodeType | undefined;

/**
 * One node on the overview map, drawn in its own shape (card, diamond, bar, circle) and filled
 * with its lane's colour, so the map reads as a small copy of the blueprint.
 */
const MinimapNode = memo(function MinimapNode({
  id,
  x,
  y,
  width,
  height,
  color,
  onClick,
}: MiniMapNodeProps) {
  const type = useStore(useMemo(() => nodeTypeSelector(id), [id]));
  const click = onClick ? (event: React.MouseEvent) => onClick(event, id) : undefined;
  const common = {
    className: `fp-minimap-node fp-minimap-node--${type ?? 'step'}`,
    fill: color,
    onClick: click,
  };
  if (type === 'decision') {
    const cx = x + width / 2;
    const cy = y + height / 2;
    return (
      <polygon
        {...common}
        points={`${cx},${y} ${x + width},${cy} ${cx},${y + height} ${x},${cy}`}
      />
    );
  }
  if (type === 'start' || type === 'end') {
    return (
      <circle {...common} cx={x + width / 2} cy={y + height / 2} r={Math.min(width, height) / 2} />
    );
  }
  const radius = type === 'step' ? 8 : 3;
  return <rect {...common} x={x} y={y} width={width} height={height} rx={radius} ry={radius} />;
});

/**
 * The zoom buttons and the overview map. Until the user shows or hides the map, it is shown
 * exactly when the blueprint cannot be seen whole at a readable zoom in this canvas: then the
 * map is the one place where all of it is in view.
 */
function ViewControls({ bands }: { bands: readonly LaneBand[] }) {
  const t = useT();
  const [minimapChoice, setMinimapChoice] = useState(storedMinimapChoice);
  const canvasWidth = useStore(widthSelector);
  const canvasHeight = useStore(heightSelector);
  const documentNodes = useBlueprintStore((s) => s.document.nodes);
  const frame = useMemo(() => blueprintFrame(documentNodes, bands), [documentNodes, bands]);
  const minimapShown =
    minimapChoice ??
    (frame !== null &&
      canvasWidth > 0 &&
      !fitsReadably(frame, { width: canvasWidth, height: canvasHeight }));
  const toggleMinimap = useCallback(() => {
    storeMinimapChoice(!minimapShown);
    setMinimapChoice(!minimapShown);
  }, [minimapShown]);
  return (
    <>
      {minimapShown && (
        <MiniMap<BlueprintFlowNode>
          pannable
          zoomable
          nodeColor={minimapColor}
          nodeComponent={MinimapNode}
          nodeStrokeWidth={0}
          bgColor="#f8fafc"
          maskColor="rgba(226, 232, 240, 0.55)"
          maskStrokeColor="#2563eb"
          maskStrokeWidth={2}
          style={MINIMAP_SIZE}
        />
      )}
      <Controls position="top-right" showInteractive={false} showFitView={false}>
        <ControlButton
          onClick={fitAll}
          title={t('editing.action.fitView')}
          aria-label={t('editing.action.fitView')}
        >
          <FitIcon />
        </ControlButton>
        <ControlButton
          onClick={toggleMinimap}
          title={t(minimapShown ? 'editing.canvas.hideMinimap' : 'editing.canvas.showMinimap')}
          aria-label={t('editing.canvas.minimap')}
          aria-pressed={minimapShown}
          className={minimapShown ? 'fp-control--on' : undefined}
        >
          <MinimapIcon />
        </ControlButton>
      </Controls>
    </>
  );
}

/**
 * The blueprint canvas. Works with or without an enclosing `<ReactFlowProvider>`; wrap it in
 * one when other parts of the app need `useReactFlow()` (for example to export the canvas).
 */
export const BlueprintCanvas = memo(function BlueprintCanvas() {
  const t = useT();
  const language = useLanguage();
  // Drawn afresh once the expression parser has arrived after a value had to be drawn without
  // it (see engine/expressionParser.ts).
  const renewals = useViewRenewals();
  const [drawing, setDrawing] = useState(() => ({ renewals, adapter: new FlowAdapter() }));
  if (drawing.renewals !== renewals) setDrawing({ renewals, adapter: new FlowAdapter() });
  const adapter = drawing.adapter;
  const names = useMemo(() => flowNames(t, language), [t, language]);
  const { nodes, edges } = useFlowElements(adapter, names);
  const [flow, setFlow] = useState<ReactFlowInstance<BlueprintFlowNode, BlueprintFlowEdge> | null>(
    null,
  );
  const [wrapper, setWrapper] = useState<HTMLDivElement | null>(null);
  const large = nodes.length > LARGE_BLUEPRINT;
  // Teaching and presenting lock the blueprint: panning and zooming stay.
  const editable = useModeState((state) => state.mode === 'edit');

  // Bands come from the document, not from a drag in progress: they stay put while dragging.
  const documentNodes = useBlueprintStore((s) => s.document.nodes);
  const bands = useMemo(() => computeLaneBands(documentNodes), [documentNodes]);
  const extent = useMemo(() => {
    const b = boundsOf(documentNodes);
    return b ? { minX: b.x, maxX: b.x + b.width } : { minX: 0, maxX: 1000 };
  }, [documentNodes]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const raw = event.dataTransfer.getData(PALETTE_MIME);
      if (!raw || !flow) return;
      event.preventDefault();
      let payload: PalettePayload;
      try {
        payload = JSON.parse(raw) as PalettePayload;
      } catch {
        return;
      }
      if (!(payload.type in NODE_SIZES)) return;
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const size = NODE_SIZES[payload.type];
      // Dropped onto an edge: the node is spliced into it (the command decides whether its
      // type can be passed through).
      const intoEdge = edgeAt(useBlueprintStore.getState().document, point);
      runAction('addNode', {
        type: payload.type,
        outcome: payload.outcome,
        position: { x: point.x - size.width / 2, y: point.y - size.height / 2 },
        ...(intoEdge ? { intoEdge } : {}),
      });
    },
    [flow],
  );

  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('editing.canvas.a11yNode'),
      'node.a11yDescription.keyboardDisabled': t('editing.canvas.a11yNodeNoKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({
        direction,
        x,
        y,
      }: {
        direction: string;
        x: number;
        y: number;
      }) => t('editing.canvas.a11yMoved', { direction, x: Math.round(x), y: Math.round(y) }),
      'edge.a11yDescription.default': t('editing.canvas.a11yEdge'),
      'controls.ariaLabel': t('editing.canvas.controls'),
      'controls.zoomIn.ariaLabel': t('editing.action.zoomIn'),
      'controls.zoomOut.ariaLabel': t('editing.action.zoomOut'),
      'controls.fitView.ariaLabel': t('editing.action.fitView'),
      'controls.interactive.ariaLabel': t('editing.canvas.toggleInteractivity'),
      'minimap.ariaLabel': t('editing.canvas.minimap'),
      'handle.ariaLabel': t('editing.canvas.handle'),
    }),
    [t],
  );

  return (
    <div
      className="fp-canvas"
      ref={setWrapper}
      aria-label={t('editing.canvas.label')}
      role="region"
      style={{ '--fp-label-column': `${LANE_LABEL_COLUMN}px` } as CSSProperties}
    >
      <ReactFlow<BlueprintFlowNode, BlueprintFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeClick={onPadNodeClick}
        onNodeDoubleClick={onNodeLabelDoubleClick}
        onEdgeDoubleClick={onEdgeLabelDoubleClick}
        onPaneClick={onPadPaneClick}
        isValidConnection={isValidConnection}
        onInit={setFlow}
        onDragOver={onDragOver}
        onDrop={onDrop}
        connectionMode={ConnectionMode.Strict}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        onlyRenderVisibleElements={large}
        nodesDraggable={editable}
        nodesConnectable={editable}
        minZoom={0.02}
        maxZoom={2.5}
        elevateEdgesOnSelect
        ariaLabelConfig={ariaLabelConfig}
      >
        <LaneBands bands={bands} minX={extent.minX} maxX={extent.maxX} />
        <LaneLabels bands={bands} />
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#cbd5e1" />
        <ViewControls bands={bands} />
        <ZoomClass target={wrapper} />
        <ViewFitter />
        <ContextPad />
      </ReactFlow>
      <WhatIfFrame />
      <ConnectBanner />
      <LayoutPending />
      <CanvasNotice />
    </div>
  );
});

const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

/** Wide like a blueprint, and small enough to hide little of the canvas. */
const MINIMAP_SIZE: CSSProperties = { width: 220, height: 100 };

function fitAll() {
  runAction('fitView');
}

function FitIcon() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true">
      <path d="M3 3h10v3H6v7H3zM19 3h10v10h-3V6h-7zM3 19h3v7h7v3H3zM26 19h3v10H19v-3h7z" />
    </svg>
  );
}

function MinimapIcon() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true">
      <path fillRule="evenodd" d="M2 5h28v22H2zM5 8v16h22V8z" />
      <path d="M15 14h9v7h-9z" />
    </svg>
  );
}
