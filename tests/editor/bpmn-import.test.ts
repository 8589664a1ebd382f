/**
 * Opening a BPMN file in the app, below the dialogs: what the import dialog is given to offer
 * (pools with their sizes, start events, lanes with their suggested blueprint lanes), the lane
 * choices remembered per name, the import replacing the blueprint with its report in the notes,
 * and a refused file leaving the blueprint as it was.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  cancelImport,
  chooseLane,
  choosePool,
  confirmImport,
  dismissReport,
  openBpmnFile,
  useBpmnImport,
} from '../../src/editor/bpmn/bpmnImport';
import { importBpmn, listPools, planPool } from '../../src/editor/bpmn/importer';
import { dismissRejection, useFileState } from '../../src/editor/files/fileActions';
import { setLanguage } from '../../src/editor/i18n';
import { useBlueprintStore } from '../../src/editor/store/blueprint';
import { MemoryStorage } from './memory-storage';

function bytesOf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/bpmn/${name}`, import.meta.url)));
}

const SEVERITIES = {
  refusal: 'refused',
  approximation: 'approximation',
  default: 'default',
  info: 'information',
} as const;

beforeEach(() => {
  Object.defineProperty(globalThis, 'localStorage', {
    value: new MemoryStorage(),
    configurable: true,
  });
  setLanguage('en');
  useBpmnImport.setState({ pending: null, report: null });
  dismissRejection();
});

describe('what the import dialog offers', () => {
  it('lists the pools of a collaboration with their flow nodes, largest first', async () => {
    const pools = await listPools(bytesOf('hand/several-pools.bpmn'));
    expect(pools.map((pool) => pool.id).sort()).toEqual(['CustomerPool', 'WarehousePool']);
    expect(pools[0].nodes).toBeGreaterThanOrEqual(pools[1].nodes);
    expect(pools.every((pool) => pool.nodes > 0 && pool.name)).toBe(true);
  });

  it('lists nothing for a file that is not BPMN (the import says why)', async () => {
    expect(await listPools(bytesOf('hand/not-xml.bpmn'))).toEqual([]);
  });

  it('offers the start events of a process that has several', async () => {
    const plan = await planPool(bytesOf('hand/refused-several-starts.bpmn'));
    expect(plan.ok && plan.starts.map((start) => start.id)).toEqual(['Phone', 'Web']);
  });

  it('lists the lanes with the blueprint lane their names suggest', async () => {
    const plan = await planPool(bytesOf('hand/lanes-and-di.bpmn'));
    expect(plan.ok && plan.lanes.map((lane) => [lane.key, lane.suggested])).toEqual([
      ['Customer', 'customer'],
      ['Front office', 'frontstage'],
      ['Kitchen', 'backstage'],
    ]);
  });

  it('passes a refusal on with the element it names', async () => {
    const plan = await planPool(bytesOf('hand/refused-inclusiveGateway.bpmn'));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.notes.find((note) => note.severity === 'refusal')?.code).toBe('BPMN010');
  });
});

describe('the import', () => {
  it('appends the report to the blueprint notes in the interface language, under its heading', async () => {
    const result = await importBpmn(
      bytesOf('hand/lanes-and-di.bpmn'),
      { lanes: { Kitchen: 'support' } },
      { language: 'zh', heading: 'HEADING', severities: SEVERITIES },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = result.document.notes?.split('\n') ?? [];
    expect(lines[0]).toBe('HEADING');
    expect(lines.slice(1)).toHaveLength(result.notes.length);
    expect(lines.filter((line) => line.startsWith('- BPMN021 (information)'))).toHaveLength(3);
    expect(lines.some((line) => line.startsWith('- BPMN021') && line.includes('Kitchen'))).toBe(
      true,
    );
    // The sentences are Chinese: the catalogue of the interface language.
    expect(lines.slice(1).every((line) => /[\u4e00-\u9fff]/.test(line))).toBe(true);
    expect(
      result.document.nodes.find((node) => node.label === 'Cook prepares the dish')?.lane,
    ).toBe('support');
  });

  it('goes through the dialog, remembers the lane map, and replaces the blueprint', async () => {
    localStorage.setItem('failpoint.bpmnLaneMap', JSON.stringify({ 'front office': 'backstage' }));
    const before = useBlueprintStore.getState().document;
    const opening = openBpmnFile('lanes-and-di.bpmn', bytesOf('hand/lanes-and-di.bpmn'));
    await expect.poll(() => useBpmnImport.getState().pending).not.toBeNull();
    const pending = useBpmnImport.getState().pending!;
    // The remembered choice wins over the name rule; the others follow the rules.
    expect(pending.laneChoice).toEqual({
      Customer: 'customer',
      'Front office': 'backstage',
      Kitchen: 'backstage',
    });
    expect(useBlueprintStore.getState().document).toBe(before);
    chooseLane('Kitchen', 'support');
    expect(await confirmImport()).toBe(true);
    expect(await opening).toBe(true);

    const { document } = useBlueprintStore.getState();
    expect(document.title).toBe('Restaurant order');
    const lane = (label: string) => document.nodes.find((node) => node.label === label)?.lane;
    expect(lane('Cook prepares the dish')).toBe('support');
    expect(lane('Waiter takes the order')).toBe('backstage');
    expect(document.notes).toMatch(
      /^Import report of the BPMN file “lanes-and-di\.bpmn”, \d{4}-\d{2}-\d{2}:\n- BPMN/,
    );
    expect(useBpmnImport.getState().report?.notes.length).toBeGreaterThan(0);
    expect(JSON.parse(localStorage.getItem('failpoint.bpmnLaneMap') ?? '{}')).toEqual({
      customer: 'customer',
      'front office': 'backstage',
      kitchen: 'support',
    });
    dismissReport();
    expect(useBpmnImport.getState().report).toBeNull();
  });

  it('imports the pool the user chooses', async () => {
    const opening = openBpmnFile('several-pools.bpmn', bytesOf('hand/several-pools.bpmn'));
    await expect.poll(() => useBpmnImport.getState().pending).not.toBeNull();
    const { pools, poolId } = useBpmnImport.getState().pending!;
    expect(poolId).toBe(pools[0].id);
    const other = pools[1];
    await choosePool(other.id);
    expect(useBpmnImport.getState().pending?.poolId).toBe(other.id);
    await confirmImport();
    expect(await opening).toBe(true);
    expect(useBlueprintStore.getState().document.title).toBe(other.name);
  });

  it('cancelled, changes nothing', async () => {
    const before = useBlueprintStore.getState().document;
    const opening = openBpmnFile('lanes-and-di.bpmn', bytesOf('hand/lanes-and-di.bpmn'));
    await expect.poll(() => useBpmnImport.getState().pending).not.toBeNull();
    cancelImport();
    expect(await opening).toBe(false);
    expect(useBlueprintStore.getState().document).toBe(before);
    expect(useBpmnImport.getState().pending).toBeNull();
  });

  it('refused, shows the refusal and keeps the blueprint', async () => {
    const before = useBlueprintStore.getState().document;
    const opened = await openBpmnFile(
      'refused-inclusiveGateway.bpmn',
      bytesOf('hand/refused-inclusiveGateway.bpmn'),
    );
    expect(opened).toBe(false);
    const rejection = useFileState.getState().rejection;
    expect(rejection?.name).toBe('refused-inclusiveGateway.bpmn');
    expect(rejection?.notes?.some((note) => note.code === 'BPMN010')).toBe(true);
    expect(useBlueprintStore.getState().document).toBe(before);
  });
});
