/**
 * The compound-failure explorer's settings: the text of its three fields, kept while the panel is
 * closed so that switching tabs in front of a class does not lose them. A slider and its number
 * field share one text; the slider shows the last value that was in range.
 */
import { createStore } from 'zustand/vanilla';
import { bindStore } from '../store/bind';
import { fieldText, readStepReliability, readSteps } from './figures';

export interface ExplorerState {
  /** Text of the number-of-steps field. */
  steps: string;
  /** Text of the step-reliability field. */
  stepReliability: string;
  /** Text of the target-R field. */
  target: string;
  /** The last number of steps that was in range, for the slider. */
  sliderSteps: number;
  /** The last step reliability that was in range, for the slider (probability). */
  sliderStepReliability: number;
}

/** Ten steps at 0.95: the source's example of a chain that loses two customers in five. */
export const EXPLORER_DEFAULTS: ExplorerState = {
  steps: '10',
  stepReliability: '0.95',
  target: '0.9',
  sliderSteps: 10,
  sliderStepReliability: 0.95,
};

export const useExplorerState = bindStore(createStore<ExplorerState>()(() => EXPLORER_DEFAULTS));

/** Sets the number of steps from its field or slider; the slider follows only a valid value. */
export function setSteps(text: string): void {
  const read = readSteps(text);
  useExplorerState.setState(read.ok ? { steps: text, sliderSteps: read.value } : { steps: text });
}

/** Sets the step reliability from its field or slider; the slider follows only a valid value. */
export function setStepReliability(text: string): void {
  const read = readStepReliability(text);
  useExplorerState.setState(
    read.ok
      ? { stepReliability: text, sliderStepReliability: read.value }
      : { stepReliability: text },
  );
}

export function setTarget(text: string): void {
  useExplorerState.setState({ target: text });
}

/**
 * Puts the blueprint's number of steps and equivalent step reliability into the fields. A
 * blueprint beyond the sliders (more than 50 steps, p̄ below 0.800) keeps its figures in the
 * fields, with the sentence saying why they are not drawn.
 */
export function takeBlueprintFigures(steps: number, meanStepReliability: number): void {
  setSteps(fieldText(steps, 'steps'));
  setStepReliability(fieldText(meanStepReliability, 'probability'));
}
