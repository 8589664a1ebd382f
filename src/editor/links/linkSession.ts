/**
 * Opening a link (SPEC §10): the blueprint in `#bp=…` is shown without touching the user's own
 * work. It opens as a blueprint of its own that the library is not allowed to receive
 * (`holdBlueprint`), so neither the autosave nor a Save writes it there, and the user's own
 * blueprint stays in the library exactly as it was. The bar over the canvas then offers:
 *
 * - **Keep in my library**: the linked blueprint (with any edits made meanwhile) joins the
 *   library as a new blueprint, and the autosave follows it from then on;
 * - **Back to my blueprint**: the user's blueprint comes back as it was, its undo history with
 *   it; edits made to the linked blueprint are lost, so the bar asks first when there are some.
 *
 * On reload the address still holds the link, so the link opens again (edits not kept are lost,
 * the user's work is untouched); after Keep or Back the link is taken out of the address, so a
 * reload opens the last blueprint of the library.
 *
 * A link that cannot be decoded, or whose blueprint is refused, is shown in the dialog of a
 * refused file and nothing else changes. A scenario the blueprint does not have is named on the
 * bar and the baseline is shown.
 */
import { create } from 'zustand';
import type { ReadLink } from '../../document/link';
import type { LinkRefusal, LinkRefusalParams } from '../../document/link-refusals';
import type { BlueprintDocument } from '../../sim/document';
import type { HistoryEntry } from '../store/blueprint';
import {
  blueprintIdOf,
  claimNextOpen,
  currentBlueprintId,
  holdBlueprint,
  newBlueprintId,
  releaseBlueprint,
  writeOpenBlueprintNow,
} from '../files/autosave';
import { parserFor } from '../engine/expressionParser';
import { openDocument, useFileState } from '../files/fileActions';
import { openBlueprintText } from '../files/openFile';
import { SchemaWordingUnavailableError, withSchemaWording } from '../files/schemaWording';
import { setWhatIfScenario, useBlueprintStore } from '../store/blueprint';
import { appMode, setAppMode } from '../shell/modeState';
import { showLinkStatus } from './copyLink';

/** The user's own blueprint as it was when a link replaced it on screen. */
interface Previous {
  /** Its library id, when the autosave had given it one. */
  blueprintId: string | null;
  document: BlueprintDocument;
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
  whatIfScenarioId: string | null;
}

/** A blueprint opened from a link and not kept yet. */
export interface LinkSession {
  /** The library id the linked blueprint has in this page (held out of the library). */
  blueprintId: string;
  previous: Previous;
  /** The scenario the link named that its blueprint does not have (LK007). */
  missingScenario?: Extract<LinkRefusal, { code: 'LK007' }>;
  /** The link switched the app to teaching mode (Back switches it to editing again). */
  setTeach: boolean;
  /** The user asked to go back and the bar asks to confirm losing the edits. */
  confirmingBack: boolean;
}

interface LinkSessionState {
  session: LinkSession | null;
}

export const useLinkSession = create<LinkSessionState>(() => ({ session: null }));

/** Whether an address (or its fragment) carries a blueprint: `#bp=` among its parts. */
export function holdsBlueprint(urlOrHash: string): boolean {
  const hash = urlOrHash.indexOf('#');
  if (hash < 0 && !urlOrHash.startsWith('bp=')) return false;
  return urlOrHash
    .slice(hash + 1)
    .split('&')
    .some((part) => part.startsWith('bp='));
}

/** Whether the editor shows the blueprint of the open link session (not one opened since). */
export function showsLinkedBlueprint(
  session: LinkSession | null = useLinkSession.getState().session,
  document: BlueprintDocument = useBlueprintStore.getState().document,
): boolean {
  return session !== null && blueprintIdOf(document) === session.blueprintId;
}

/** Whether the linked blueprint on screen has been edited (its undo history is not empty). */
export function linkedBlueprintEdited(): boolean {
  return showsLinkedBlueprint() && useBlueprintStore.getState().past.length > 0;
}

/** What {@link openLink} did. */
export type LinkOpening = 'opened' | 'refused' | 'none';

/**
 * Opens the blueprint of a link (a whole address or its fragment) beside the user's work. An
 * address without `#bp=` does nothing (`none`); one that cannot be read, or whose blueprint
 * is refused, shows the refused-file dialog (`refused`). The code that reads links (DEFLATE
 * included) is fetched only for an address that holds a blueprint, and a blueprint that does
 * not fit the format waits for the schemas' wording.
 *
 * @example
 * await openLink(location.hash);
 */
export async function openLink(urlOrHash: string): Promise<LinkOpening> {
  if (!holdsBlueprint(urlOrHash)) return 'none';
  const { readBlueprintLink } = await import('../../document/link');
  const read = readBlueprintLink(urlOrHash);
  // Its expressions are checked as it opens: a blueprint that holds some waits for the parser
  // (fetched apart from the first view), any other opens at once.
  if (read.ok) await parserFor(jsonOrNull(read.text));
  try {
    return await withSchemaWording(() => openReadLink(read));
  } catch (error) {
    if (!(error instanceof SchemaWordingUnavailableError)) throw error;
    useFileState.setState({
      rejection: { name: '', diagnostics: [], link: {}, wordingUnavailable: true },
    });
    return 'refused';
  }
}

/** The value of a JSON text, or null when it is not JSON (the opening then says why). */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Opens a link once read: its refusal in the refused-file dialog, or its blueprint. */
function openReadLink(read: ReadLink | LinkRefusal): LinkOpening {
  if (!read.ok) {
    useFileState.setState({
      rejection: { name: '', diagnostics: [], link: { refusal: read } },
    });
    return 'refused';
  }
  // The text goes the way of a file's: a blueprint that does not validate but has the shape of
  // one opens as a draft with its problems listed; anything else is refused whole.
  const opened = openBlueprintText('', read.text);
  if (!opened.ok) {
    useFileState.setState({
      rejection: {
        name: '',
        diagnostics: 'diagnostics' in opened ? opened.diagnostics : [],
        link: {},
      },
    });
    return 'refused';
  }
  const state = useBlueprintStore.getState();
  const current = useLinkSession.getState().session;
  // A link opened over another link's blueprint goes back, later, to the user's own.
  const previous: Previous =
    current && showsLinkedBlueprint(current, state.document)
      ? current.previous
      : {
          blueprintId: blueprintIdOf(state.document) ?? currentBlueprintId(),
          document: state.document,
          past: state.past,
          future: state.future,
          whatIfScenarioId: state.whatIfScenarioId,
        };
  const blueprintId = newBlueprintId();
  holdBlueprint(blueprintId);
  claimNextOpen(blueprintId);
  // A history of its own: Ctrl+Z does not lead back into the user's blueprint, Back does.
  openDocument(opened.document, { startsHistory: true, keepClaim: true });

  let missingScenario: LinkSession['missingScenario'];
  if (read.scenario !== undefined) {
    const scenarios = opened.document.scenarios ?? [];
    if (scenarios.some((s) => s.id === read.scenario)) {
      setWhatIfScenario(read.scenario);
    } else {
      const params: LinkRefusalParams['LK007'] = {
        scenario: read.scenario,
        known: scenarios.map((s) => s.id),
      };
      missingScenario = { ok: false, code: 'LK007', params };
    }
  }
  const setTeach = read.teach && appMode() !== 'teach';
  if (read.teach) setAppMode('teach');
  useLinkSession.setState({
    session: {
      blueprintId,
      previous,
      ...(missingScenario ? { missingScenario } : {}),
      setTeach: setTeach || (current?.setTeach ?? false),
      confirmingBack: false,
    },
  });
  // The bar says where this blueprint comes from; "restored" would say the opposite. A draft's
  // problems are counted in the status bar, as for a file.
  const problems = opened.problems?.length ?? 0;
  const { message } = useFileState.getState();
  if (problems > 0) {
    useFileState.setState({ message: { key: 'openedDraft', detail: String(problems) } });
  } else if (message?.key === 'restored' || message?.key === 'openedDraft') {
    useFileState.setState({ message: null });
  }
  return 'opened';
}

/** Takes the link out of the address without a new history entry or a `hashchange`. */
export function clearLinkFromAddress(): void {
  if (typeof location === 'undefined' || !holdsBlueprint(location.hash)) return;
  history.replaceState(history.state, '', location.pathname + location.search);
}

/**
 * Keeps the linked blueprint on screen in the library as a new blueprint, with the edits made
 * to it so far; the autosave follows it from then on. Resolves when it is written.
 */
export async function keepLinkedBlueprint(): Promise<boolean> {
  const { session } = useLinkSession.getState();
  if (!session || !showsLinkedBlueprint(session)) return false;
  releaseBlueprint(session.blueprintId);
  useLinkSession.setState({ session: null });
  clearLinkFromAddress();
  await writeOpenBlueprintNow();
  showLinkStatus('kept');
  return true;
}

/**
 * Brings the user's own blueprint back, as it was and with its undo history, in place of the
 * linked one. When the linked blueprint was edited, the first call only asks the bar to confirm
 * (returns `confirm`); `{ discard: true }` goes back all the same.
 */
export function backToMyBlueprint(
  options: { discard?: boolean } = {},
): 'back' | 'confirm' | 'none' {
  const { session } = useLinkSession.getState();
  if (!session) return 'none';
  if (linkedBlueprintEdited() && !options.discard) {
    useLinkSession.setState({ session: { ...session, confirmingBack: true } });
    return 'confirm';
  }
  const { previous } = session;
  // The linked blueprint stays held: nothing of it reaches the library, even through Ctrl+Z.
  useLinkSession.setState({ session: null });
  // A copy: the autosave knows the very object already and would leave the claim unused for the
  // next blueprint opened. Its undo steps still lead to the user's blueprint, whose they are.
  claimNextOpen(previous.blueprintId ?? undefined);
  openDocument({ ...previous.document }, { startsHistory: true, keepClaim: true });
  useBlueprintStore.setState({ past: previous.past, future: previous.future });
  if (
    previous.whatIfScenarioId !== null &&
    previous.document.scenarios?.some((s) => s.id === previous.whatIfScenarioId)
  ) {
    setWhatIfScenario(previous.whatIfScenarioId);
  }
  if (session.setTeach && appMode() === 'teach') setAppMode('edit');
  clearLinkFromAddress();
  showLinkStatus('backDone');
  return 'back';
}

/** Withdraws the question of {@link backToMyBlueprint}: the linked blueprint stays. */
export function cancelBack(): void {
  const { session } = useLinkSession.getState();
  if (session?.confirmingBack)
    useLinkSession.setState({ session: { ...session, confirmingBack: false } });
}

/**
 * Opens the link in the page's address, if any, and every link the address changes to while
 * the app is open (`hashchange`). A linked blueprint with unkept edits is not replaced without
 * the user's word (`confirmReplace`), nor is the page left without it (`beforeunload`).
 * Returns a function that stops listening.
 */
export function startLinks(confirmReplace: () => boolean): () => void {
  void openLink(location.hash);
  const onHashChange = () => {
    if (!holdsBlueprint(location.hash)) return;
    if (linkedBlueprintEdited() && !confirmReplace()) return;
    void openLink(location.hash);
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (linkedBlueprintEdited()) event.preventDefault();
  };
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}
