/**
 * The teaching mode over the canvas: the tokens (one `<canvas>` drawn every animation frame,
 * following the flow's viewport) and the counters on every node. The controls are in the
 * teaching panel (`TeachingBar.tsx`).
 * Mounted inside the React Flow provider; renders nothing outside the teaching mode.
 */
import { useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import { useLanguage } from '../i18n';
import { selectEffectiveDocument, useBlueprintStore } from '../store/blueprint';
import { setAppMode, useModeState } from '../shell/modeState';
import { startTraceClient } from './client';
import { blueprintGeometry, drawWalks, type Geometry } from './draw';
import { NodeBadges } from './NodeBadges';
import { usePositionsOnScreen } from './positions';
import { currentPlayer, endSession, loadSession, publish, useTeachingStore } from './session';
import './teaching.css';

/** Milliseconds between two updates of the counters on screen. */
const PUBLISH_MS = 100;

export function TeachingLayer() {
  const teaching = useModeState((state) => state.mode === 'teach');
  return teaching ? <TeachingSession /> : null;
}

function TeachingSession() {
  const document = useBlueprintStore(selectEffectiveDocument);
  const language = useLanguage();
  const client = useMemo(() => startTraceClient(), []);
  useEffect(() => () => client.dispose(), [client]);
  useEffect(() => () => endSession(), []);
  // A blueprint opened (or a what-if scenario switched) while teaching starts over with it.
  useEffect(() => {
    void loadSession(client, document, language).catch((error: unknown) =>
      useTeachingStore.setState({
        status: 'failed',
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    // The language only words a refusal; a change of language does not restart the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, document]);
  useEffect(() => {
    // Escape leaves the mode, before the shortcuts (which would clear the selection) see it.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // A dialog or an open menu takes its own Escape (closing itself), not the mode's.
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      if (globalThis.document.querySelector('[role="menu"]')) return;
      event.preventDefault();
      setAppMode('edit');
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <>
      <TokenCanvas />
      <NodeBadges />
    </>
  );
}

/** The model's geometry as on screen, or null while the session loads. */
export function useGeometry(): Geometry | null {
  const nodeIds = useTeachingStore((s) => s.nodeIds);
  const edgeIds = useTeachingStore((s) => s.edgeIds);
  const document = useBlueprintStore(selectEffectiveDocument);
  const positions = usePositionsOnScreen();
  return useMemo(
    () => (nodeIds.length === 0 ? null : blueprintGeometry(document, nodeIds, edgeIds, positions)),
    [document, nodeIds, edgeIds, positions],
  );
}

/**
 * The tokens: one canvas over the flow pane, drawn in an animation-frame loop that also runs
 * the player. React renders it once; a frame touches no React state.
 */
function TokenCanvas() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const geometry = useGeometry();
  const geometryRef = useRef(geometry);
  useEffect(() => {
    geometryRef.current = geometry;
  }, [geometry]);
  const flow = useStoreApi();

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let frame = 0;
    let lastPublish = 0;
    let published = -1;
    let drewSomething = false;
    // The canvas's size is read when it changes, never in a frame (which would force a layout).
    let size = { width: canvas.clientWidth, height: canvas.clientHeight };
    const observer = new ResizeObserver(([entry]) => {
      size = { width: entry.contentRect.width, height: entry.contentRect.height };
    });
    observer.observe(canvas);
    const fit = () => {
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(size.width * ratio);
      const height = Math.round(size.height * ratio);
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      return ratio;
    };
    const loop = (time: number) => {
      frame = requestAnimationFrame(loop);
      const player = currentPlayer();
      if (!player) return;
      player.tick(time / 1000);
      if (time - lastPublish >= PUBLISH_MS && player.changes !== published) {
        published = player.changes;
        lastPublish = time;
        publish();
      }
      const walking = player.walking;
      if (walking.length === 0 && !drewSomething) return;
      const ratio = fit();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      drewSomething = walking.length > 0;
      const geometryNow = geometryRef.current;
      if (!geometryNow || !drewSomething) return;
      const [x, y, zoom] = flow.getState().transform;
      ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y);
      drawWalks(ctx, walking, player.time, geometryNow, zoom);
    };
    frame = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [flow]);

  return <canvas ref={canvasRef} className="teach-tokens" aria-hidden data-testid="teach-tokens" />;
}
