/**
 * Copy link (SPEC §10): the open blueprint as a link to this app (`…/#bp=…`, with the what-if
 * scenario on screen and, for a teaching link, `&mode=teach`), written to the clipboard. A
 * browser that refuses the clipboard gets the link in a dialog to copy by hand; a blueprint too
 * large for a link gets a dialog that says so and offers Save to file.
 *
 * Kept free of the file commands and the registry, so the registry can run it without a cycle.
 */
import { create } from 'zustand';
import type { MadeLink } from '../../document/link';
import type { BlueprintState } from '../store/blueprint';

/** A link's length as the interface writes numbers: 1,992 in English, 1992 in Chinese. */
export function formatLength(length: number, language: 'en' | 'zh'): string {
  return language === 'zh' ? String(length) : length.toLocaleString('en-US');
}

/** What the links dialog shows, if anything. */
export type LinkDialog =
  { kind: 'manual'; link: string; length: number } | { kind: 'tooLong'; made: MadeLink } | null;

/** A short message for the status bar, by key of the `links` messages. */
export interface LinkStatus {
  key: 'copied' | 'copiedTeaching' | 'kept' | 'backDone';
  /** Characters of the copied link. */
  length?: number;
  /** Grows with every message, so the same message twice is announced twice. */
  id: number;
}

interface LinkUi {
  dialog: LinkDialog;
  status: LinkStatus | null;
}

export const useLinkUi = create<LinkUi>(() => ({ dialog: null, status: null }));

/** How long a link message stays in the status bar (ms). */
const STATUS_MS = 10_000;
let statusCounter = 0;
let statusTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows a link message in the status bar for a while. */
export function showLinkStatus(key: LinkStatus['key'], length?: number): void {
  statusCounter += 1;
  const status: LinkStatus =
    length === undefined ? { key, id: statusCounter } : { key, length, id: statusCounter };
  useLinkUi.setState({ status });
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    if (useLinkUi.getState().status?.id === status.id) useLinkUi.setState({ status: null });
  }, STATUS_MS);
}

export function closeLinkDialog(): void {
  useLinkUi.setState({ dialog: null });
}

/**
 * The address links of this page open: the page itself without its fragment. A page opened
 * from a file (`file:` has no origin) keeps its whole address.
 */
export function appBase(place: Pick<Location, 'origin' | 'pathname' | 'href'> = location): string {
  return place.origin === 'null' || place.origin === ''
    ? place.href.split('#')[0]
    : place.origin + place.pathname;
}

/**
 * The link for what the editor shows: its blueprint, and the what-if scenario when one is on.
 * The code that makes links (DEFLATE included) is fetched on first use, not with the page.
 */
export async function linkForState(
  state: Pick<BlueprintState, 'document' | 'whatIfScenarioId'>,
  options: { base: string; teach?: boolean },
): Promise<MadeLink> {
  const { blueprintLink } = await import('../../document/link');
  return blueprintLink(state.document, {
    base: options.base,
    ...(state.whatIfScenarioId === null ? {} : { scenario: state.whatIfScenarioId }),
    ...(options.teach ? { teach: true } : {}),
  });
}

/** What {@link copyBlueprintLink} did. */
export type CopyOutcome = 'copied' | 'manual' | 'tooLong';

/**
 * Copies the link of the open blueprint: to the clipboard, saying so in the status bar with its
 * length; or, when the browser refuses the clipboard, into a dialog to copy by hand. A link
 * longer than the limit is not copied: the dialog says so and suggests saving the file.
 */
export async function copyBlueprintLink(
  state: Pick<BlueprintState, 'document' | 'whatIfScenarioId'>,
  options: { teach?: boolean; base?: string } = {},
): Promise<CopyOutcome> {
  const made = await linkForState(state, {
    base: options.base ?? appBase(),
    teach: options.teach,
  });
  if (made.tooLong) {
    useLinkUi.setState({ dialog: { kind: 'tooLong', made } });
    return 'tooLong';
  }
  try {
    if (!globalThis.navigator?.clipboard) throw new Error('no clipboard');
    await globalThis.navigator.clipboard.writeText(made.link);
  } catch {
    // Refused (no permission, not a secure page, no focus): the user copies it by hand.
    useLinkUi.setState({ dialog: { kind: 'manual', link: made.link, length: made.length } });
    return 'manual';
  }
  showLinkStatus(options.teach ? 'copiedTeaching' : 'copied', made.length);
  return 'copied';
}
