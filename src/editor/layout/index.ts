/**
 * The layout engine the app lays blueprints out with: ELK, behind the document room's
 * {@link LayoutEngine} interface, so the commands and the loader never name ELK themselves.
 */
import type { LayoutEngine } from '../../document/layout';
import { elkLayoutEngine } from './elk';

let current: LayoutEngine = elkLayoutEngine;

/** The engine automatic layout uses. */
export function layoutEngine(): LayoutEngine {
  return current;
}

/** Replaces the engine (a lighter one for tests, or another algorithm). */
export function setLayoutEngine(engine: LayoutEngine): void {
  current = engine;
}
