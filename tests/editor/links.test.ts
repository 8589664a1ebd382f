/**
 * Shared links in the app (SPEC §10) on an in-memory IndexedDB: opening a link shows its
 * blueprint without writing anything into the library (edits and Saves included), Keep adds it
 * as a new blueprint, Back brings the user's own blueprint back as it was; a bad link is refused
 * as a bad file is; Copy link copies what the editor shows, or says why it cannot.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blueprintLink, LINK_LENGTH_LIMIT, openBlueprintLink } from '../../src/document/link';
import { Library } from '../../src/editor/library/database';
import {
  claimNextOpen,
  currentBlueprintId,
  forgetLibraryConnection,
  recordOpenBlueprint,
  settled,
  startLibraryAutosave,
} from '../../src/editor/files/autosave';
import { openDocument, useFileState } from '../../src/editor/files/fileActions';
import { newBlueprint } from '../../src/editor/files/newBlueprint';
import { copyBlueprintLink, useLinkUi } from '../../src/editor/links/copyLink';
import {
  backToMyBlueprint,
  holdsBlueprint,
  keepLinkedBlueprint,
  openLink,
  showsLinkedBlueprint,
  useLinkSession,
} from '../../src/editor/links/linkSession';
import { appMode, setAppMode } from '../../src/editor/shell/modeState';
import {
  commitDocument,
  resetBlueprintStore,
  useBlueprintStore,
} from '../../src/editor/store/blueprint';
import type { BlueprintDocument } from '../../src/sim/document';
import { parseBlueprint } from '../../src/sim/parse';
import { MemoryStorage } from './memory-storage';
import { value } from './library-fixtures';

function courier(): BlueprintDocument {
  const parsed = parseBlueprint(readFileSync('examples/courier.blueprint.json', 'utf8'));
  if (!parsed.ok) throw new Error('The courier example does not parse.');
  return parsed.blueprint.document;
}

/** The courier example with step s3 at 0.96: the blueprint the links of these tests carry. */
function linkedCourier(): BlueprintDocument {
  const document = courier();
  return {
    ...document,
    nodes: document.nodes.map((node) => (node.id === 's3' ? { ...node, reliability: 0.96 } : node)),
  };
}

/** Step s3's reliability in a document (undefined when it has none). */
function s3Reliability(document: BlueprintDocument | null | undefined): number | undefined {
  const node = document?.nodes.find((n) => n.id === 's3');
  return node && 'reliability' in node && typeof node.reliability === 'number'
    ? node.reliability
    : undefined;
}

/** Lets the autosave write what it holds back until edits pause, then waits for the writes. */
async function pause(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  await settled();
}

async function titlesInLibrary(): Promise<string[]> {
  const library = value(await Library.open());
  try {
    return value(await library.listBlueprints())
      .map((b) => b.title)
      .sort();
  } finally {
    library.close();
  }
}

async function workingCopy(id: string): Promise<BlueprintDocument | null> {
  const library = value(await Library.open());
  try {
    return value(await library.workingCopy(id));
  } finally {
    library.close();
  }
}

let stopAutosave: () => void;
let loadCounts = 1_000_000;
let failures: string[];

/** The user's own blueprint, edited once, as the library keeps it; its library id. */
async function openMyBlueprint(): Promise<string> {
  claimNextOpen();
  openDocument({ ...courier(), title: 'My courier' }, { startsHistory: true, keepClaim: true });
  const { document } = useBlueprintStore.getState();
  commitDocument('setTitle', { ...document, title: 'My courier, edited' });
  await pause();
  const id = currentBlueprintId();
  if (id === null) throw new Error('The autosave did not follow the blueprint.');
  expect((await workingCopy(id))?.title).toBe('My courier, edited');
  return id;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  forgetLibraryConnection();
  vi.stubGlobal('localStorage', new MemoryStorage());
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
  resetBlueprintStore();
  // The autosave tells an opened blueprint from an edit by the store's load count, which only
  // grows in the app; a reset store would count from 0 again and look like "not opened".
  loadCounts += 1000;
  useBlueprintStore.setState({ loadCount: loadCounts });
  useLinkSession.setState({ session: null });
  useLinkUi.setState({ dialog: null, status: null });
  useFileState.setState({ rejection: null, message: null });
  setAppMode('edit');
  failures = [];
  stopAutosave = startLibraryAutosave({
    written: () => undefined,
    failed: (reason) => failures.push(reason),
    changedElsewhere: () => undefined,
  });
});

afterEach(() => {
  stopAutosave();
  forgetLibraryConnection();
  vi.unstubAllGlobals();
  setAppMode('edit');
  useLinkSession.setState({ session: null });
  useFileState.setState({ rejection: null, message: null });
  expect(failures).toEqual([]);
});

describe('opening a link', () => {
  it('shows the linked blueprint and writes nothing of it into the library, edits and Save included', async () => {
    const mine = await openMyBlueprint();
    await expect(openLink(blueprintLink(linkedCourier()).link)).resolves.toBe('opened');

    const opened = useBlueprintStore.getState();
    expect(opened.document.title).toBe('Courier pickup and delivery');
    expect(s3Reliability(opened.document)).toBe(0.96);
    expect(opened.past).toEqual([]);
    expect(showsLinkedBlueprint()).toBe(true);
    expect(currentBlueprintId()).not.toBe(mine);

    commitDocument('setTitle', { ...opened.document, title: 'Edited from the link' });
    await pause();
    value(await recordOpenBlueprint('saved'));
    await pause();
    expect(await titlesInLibrary()).toEqual(['My courier, edited']);
    expect(s3Reliability(await workingCopy(mine))).toBe(0.9);
  });

  it('goes back to the user’s blueprint as it was, with its undo history, asking first when edited', async () => {
    const mine = await openMyBlueprint();
    const before = useBlueprintStore.getState();
    await openLink(blueprintLink(linkedCourier()).link);
    const { document } = useBlueprintStore.getState();
    commitDocument('setTitle', { ...document, title: 'Edited from the link' });

    expect(backToMyBlueprint()).toBe('confirm');
    expect(useLinkSession.getState().session?.confirmingBack).toBe(true);
    expect(useBlueprintStore.getState().document.title).toBe('Edited from the link');

    expect(backToMyBlueprint({ discard: true })).toBe('back');
    const after = useBlueprintStore.getState();
    expect(after.document).toEqual(before.document);
    expect(after.past).toBe(before.past);
    expect(after.past.map((step) => step.label)).toEqual(['setTitle']);
    expect(useLinkSession.getState().session).toBeNull();
    expect(useLinkUi.getState().status?.key).toBe('backDone');
    await pause();
    expect(currentBlueprintId()).toBe(mine);
    expect(await titlesInLibrary()).toEqual(['My courier, edited']);

    // The user's blueprint is followed again, and the next blueprint opened is one of its own.
    commitDocument('setTitle', { ...after.document, title: 'Mine again' });
    await pause();
    expect((await workingCopy(mine))?.title).toBe('Mine again');
    claimNextOpen();
    openDocument(newBlueprint({ title: 'Another', start: 'A', end: 'B' }));
    await pause();
    expect(currentBlueprintId()).not.toBe(mine);
    expect(await titlesInLibrary()).toEqual(['Another', 'Mine again']);
  });

  it('goes back without asking when the linked blueprint was not edited', async () => {
    await openMyBlueprint();
    await openLink(blueprintLink(linkedCourier()).link);
    expect(backToMyBlueprint()).toBe('back');
    expect(useBlueprintStore.getState().document.title).toBe('My courier, edited');
  });

  it('keeps the linked blueprint, edits and all, as a new blueprint the autosave then follows', async () => {
    const mine = await openMyBlueprint();
    await openLink(blueprintLink(linkedCourier()).link);
    const linked = currentBlueprintId();
    const { document } = useBlueprintStore.getState();
    commitDocument('setTitle', { ...document, title: 'Courier from a colleague' });
    await pause();
    expect(await titlesInLibrary()).toEqual(['My courier, edited']);

    await expect(keepLinkedBlueprint()).resolves.toBe(true);
    expect(useLinkSession.getState().session).toBeNull();
    expect(useLinkUi.getState().status?.key).toBe('kept');
    expect(linked).not.toBe(mine);
    const kept = await workingCopy(linked!);
    expect(kept?.title).toBe('Courier from a colleague');
    expect(s3Reliability(kept)).toBe(0.96);

    commitDocument('setTitle', { ...useBlueprintStore.getState().document, title: 'Kept, edited' });
    await pause();
    expect(await titlesInLibrary()).toEqual(['Kept, edited', 'My courier, edited']);
  });

  it('opens the scenario the link names, and names a scenario the blueprint lacks', async () => {
    await openMyBlueprint();
    await openLink(blueprintLink(linkedCourier(), { scenario: 'recover-3' }).link);
    expect(useBlueprintStore.getState().whatIfScenarioId).toBe('recover-3');
    expect(useLinkSession.getState().session?.missingScenario).toBeUndefined();

    await openLink(blueprintLink(linkedCourier(), { scenario: 'recover-9' }).link);
    expect(useBlueprintStore.getState().whatIfScenarioId).toBeNull();
    expect(useLinkSession.getState().session?.missingScenario).toEqual({
      ok: false,
      code: 'LK007',
      params: { scenario: 'recover-9', known: ['recover-3', 'recover-7', 'recover-3-and-7'] },
    });
    // Two links in a row still lead back to the user's own blueprint.
    expect(backToMyBlueprint()).toBe('back');
    expect(useBlueprintStore.getState().document.title).toBe('My courier, edited');
  });

  it('switches to teaching mode for `mode=teach`, and back to editing on Back', async () => {
    await openMyBlueprint();
    await openLink(blueprintLink(linkedCourier(), { teach: true }).link);
    expect(appMode()).toBe('teach');
    backToMyBlueprint();
    expect(appMode()).toBe('edit');
  });

  it('refuses a link that cannot be decoded, naming the problem, and changes nothing', async () => {
    await openMyBlueprint();
    const before = useBlueprintStore.getState().document;
    await expect(openLink('https://example.org/app/#bp=zVfL$bhs3')).resolves.toBe('refused');
    expect(useFileState.getState().rejection).toEqual({
      name: '',
      diagnostics: [],
      link: { refusal: { ok: false, code: 'LK002', params: { character: '$', position: 5 } } },
    });
    expect(useBlueprintStore.getState().document).toBe(before);
    expect(useLinkSession.getState().session).toBeNull();
  });

  it('refuses a link whose blueprint is refused, with the problems the same file has', async () => {
    await openMyBlueprint();
    const before = useBlueprintStore.getState().document;
    const notABlueprint = { format: 'failpoint-blueprint', nodes: 'none' };
    await expect(
      openLink(blueprintLink(notABlueprint as unknown as BlueprintDocument).link),
    ).resolves.toBe('refused');
    const rejection = useFileState.getState().rejection;
    expect(rejection?.link).toEqual({});
    expect(rejection?.diagnostics.length).toBeGreaterThan(0);
    expect(useBlueprintStore.getState().document).toBe(before);
  });

  it('leaves an address without a blueprint alone', async () => {
    expect(holdsBlueprint('https://example.org/app/#canvas')).toBe(false);
    expect(holdsBlueprint('#scenario=x&bp=abc')).toBe(true);
    await expect(openLink('#canvas')).resolves.toBe('none');
    expect(useFileState.getState().rejection).toBeNull();
  });
});

describe('copying a link', () => {
  const base = 'https://example.org/failpoint/';

  it('copies the blueprint and the scenario on screen, and says how long the link is', async () => {
    const copied: string[] = [];
    vi.stubGlobal('navigator', {
      clipboard: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    const state = { document: linkedCourier(), whatIfScenarioId: 'recover-7' };
    await expect(copyBlueprintLink(state, { base })).resolves.toBe('copied');
    expect(copied).toHaveLength(1);
    expect(copied[0].startsWith(`${base}#bp=`)).toBe(true);
    expect(useLinkUi.getState().status).toMatchObject({ key: 'copied', length: copied[0].length });
    const reopened = openBlueprintLink(copied[0]);
    if (!reopened.ok) throw new Error(`The copied link does not open: ${reopened.code}`);
    expect(reopened.blueprint.document).toEqual(state.document);
    expect(reopened.scenario).toBe('recover-7');
    expect(reopened.teach).toBe(false);

    await copyBlueprintLink({ ...state, whatIfScenarioId: null }, { base, teach: true });
    expect(copied[1].endsWith('&mode=teach')).toBe(true);
    expect(copied[1]).not.toContain('scenario=');
    expect(useLinkUi.getState().status?.key).toBe('copiedTeaching');
  });

  it('shows the link to copy by hand when the browser refuses the clipboard', async () => {
    vi.stubGlobal('navigator', {
      clipboard: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
    const state = { document: linkedCourier(), whatIfScenarioId: null };
    await expect(copyBlueprintLink(state, { base })).resolves.toBe('manual');
    const dialog = useLinkUi.getState().dialog;
    expect(dialog?.kind).toBe('manual');
    expect(dialog?.kind === 'manual' && dialog.link).toBe(
      blueprintLink(state.document, { base }).link,
    );
  });

  it('copies nothing for a blueprint too large for a link, and says so', async () => {
    const copied: string[] = [];
    vi.stubGlobal('navigator', {
      clipboard: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    // Notes that do not compress: a blueprint this size needs a link of about 16,000 characters.
    let seed = 7;
    const noise = Array.from({ length: 12_000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return String.fromCharCode(33 + (seed % 90));
    }).join('');
    const state = { document: { ...linkedCourier(), description: noise }, whatIfScenarioId: null };
    await expect(copyBlueprintLink(state, { base })).resolves.toBe('tooLong');
    expect(copied).toEqual([]);
    const dialog = useLinkUi.getState().dialog;
    expect(dialog?.kind).toBe('tooLong');
    if (dialog?.kind !== 'tooLong') return;
    expect(dialog.made.length).toBeGreaterThan(LINK_LENGTH_LIMIT);
    expect(dialog.made.refusal?.code).toBe('LK008');
  });
});
