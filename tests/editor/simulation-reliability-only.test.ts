/**
 * The Monte Carlo panel's "reliability only" switch: on by default for a run to a precision of
 * R, off for a number of trials, the user's choice kept either way; it reaches the engine as
 * `timeAndCost`, and a result run otherwise is marked out of date.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { courierExample } from '../../src/editor/files/examples';
import { openBlueprintText } from '../../src/editor/files/openFile';
import { engineClient } from '../../src/editor/engine/client';
import { startSimulation } from '../../src/editor/simulation/runSimulation';
import { updateSettings, useSimulationStore } from '../../src/editor/simulation/simulationStore';
import { resetBlueprintStore, setLoadedDocument } from '../../src/editor/store/blueprint';
import {
  recordMonteCarlo,
  reliabilityOnlyIn,
  resetResults,
  selectMonteCarloFreshness,
  useResultsStore,
  type MonteCarloResult,
  type SimulationSettings,
} from '../../src/editor/store/results';

const settings: SimulationSettings = {
  stopBy: 'trials',
  trials: 1000,
  precision: 0.001,
  seed: 1,
  workers: 1,
  compareScenarios: false,
  reliabilityOnly: null,
};

describe('reliabilityOnlyIn', () => {
  it('follows the stop rule until the user chooses', () => {
    expect(reliabilityOnlyIn(settings)).toBe(false);
    expect(reliabilityOnlyIn({ ...settings, stopBy: 'precision' })).toBe(true);
    expect(reliabilityOnlyIn({ ...settings, reliabilityOnly: true })).toBe(true);
    expect(reliabilityOnlyIn({ ...settings, stopBy: 'precision', reliabilityOnly: false })).toBe(
      false,
    );
  });

  it('makes a result run with durations out of date once the switch is turned on', () => {
    resetResults();
    recordMonteCarlo({ revision: 3, scenarioId: null, settings } as unknown as MonteCarloResult);
    const shown = (changed: Partial<SimulationSettings>) =>
      selectMonteCarloFreshness(useResultsStore.getState(), {
        revision: 3,
        scenarioId: null,
        settings: { ...settings, ...changed },
      });
    expect(shown({})).toBe('current');
    // Choosing what the default already was changes nothing.
    expect(shown({ reliabilityOnly: false })).toBe('current');
    expect(shown({ reliabilityOnly: true })).toBe('settingsChanged');
    resetResults();
  });
});

describe('starting a run', () => {
  beforeEach(() => {
    resetBlueprintStore();
    const example = courierExample('en');
    if (!example) throw new Error('The courier example is missing.');
    const opened = openBlueprintText(example.file, example.text);
    if (!opened.ok) throw new Error('The courier example does not open.');
    setLoadedDocument(opened.document);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    useSimulationStore.setState({ status: 'idle' });
  });

  it('asks the engine for time and cost unless reliability only is on', async () => {
    const asked: { timeAndCost?: boolean }[] = [];
    vi.spyOn(engineClient, 'run').mockImplementation((_kind, _document, params) => {
      asked.push(params as { timeAndCost?: boolean });
      return Promise.reject(new Error('not run in this test'));
    });
    updateSettings({ ...settings });
    await startSimulation();
    updateSettings({ stopBy: 'precision' });
    await startSimulation();
    updateSettings({ stopBy: 'precision', reliabilityOnly: false });
    await startSimulation();
    expect(asked.map((params) => params.timeAndCost)).toEqual([true, false, true]);
  });
});
