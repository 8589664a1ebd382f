/**
 * The interface language: a small typed message catalogue, no library.
 *
 * Each area of the app keeps its messages in `messages/<area>.ts` as `{ en: {...}, zh: {...} }`
 * and is registered by one line of {@link Catalogues} below. Keys are prefixed with the area's
 * name, so `t('results.reliability')` reads the `reliability` message of `messages/results.ts`.
 * Keys are a string-literal union, so a misspelt key is a compile error, and a message's
 * `{placeholders}` decide which variables `t` requires.
 *
 * Only the types come from the area files. At run time a language arrives as one table
 * (`virtual:failpoint-messages/<language>`, made by the build from every file of `messages/`,
 * see vite.config.ts), so the first view carries the messages of its own language only and the
 * other language is fetched when the user reaches for it ({@link preloadLanguage}).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { loadDiagnosticLanguage } from '../../sim/diagnostics/load-language';
import { chooseFirstLanguage, LANGUAGE_STORAGE_KEY } from './firstLanguage';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The message areas of the app: one line each. */
type Catalogues = {
  bpmn: typeof import('./messages/bpmn').bpmn;
  economics: typeof import('./messages/economics').economics;
  editing: typeof import('./messages/editing').editing;
  explorer: typeof import('./messages/explorer').explorer;
  files: typeof import('./messages/files').files;
  library: typeof import('./messages/library').library;
  links: typeof import('./messages/links').links;
  money: typeof import('./messages/money').money;
  present: typeof import('./messages/present').present;
  problems: typeof import('./messages/problems').problems;
  report: typeof import('./messages/report').report;
  results: typeof import('./messages/results').results;
  scenarios: typeof import('./messages/scenarios').scenarios;
  shell: typeof import('./messages/shell').shell;
  simulation: typeof import('./messages/simulation').simulation;
  teaching: typeof import('./messages/teaching').teaching;
};
type Area = keyof Catalogues;

/**
 * Compile-time check that every area has the same keys in English and in Chinese: the areas
 * whose languages differ make {@link MismatchedAreas} their names, and the constant below then
 * fails to compile with the area named in the error.
 */
type MismatchedAreas = {
  [A in Area]: [
    | Exclude<keyof Catalogues[A]['en'], keyof Catalogues[A]['zh']>
    | Exclude<keyof Catalogues[A]['zh'], keyof Catalogues[A]['en']>,
  ] extends [never]
    ? never
    : A;
}[Area];
const languagesMatch: [MismatchedAreas] extends [never] ? true : MismatchedAreas = true;
void languagesMatch;

/** Every message key of the app, e.g. `'results.reliability'`. */
export type MessageKey = {
  [A in Area]: `${A}.${keyof Catalogues[A]['en'] & string}`;
}[Area];

type EnglishMessage<K extends MessageKey> = K extends `${infer A}.${infer M}`
  ? A extends Area
    ? M extends keyof Catalogues[A]['en']
      ? Catalogues[A]['en'][M]
      : never
    : never
  : never;

type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * The variables a message needs: none, or one value per `{placeholder}`. A key chosen at run
 * time (a union of keys) takes optional variables.
 */
export type MessageVars<K extends MessageKey> =
  true extends IsUnion<K>
    ? [vars?: Record<string, string | number>]
    : [Placeholders<EnglishMessage<K>>] extends [never]
      ? [vars?: Record<string, never>]
      : [vars: Record<Placeholders<EnglishMessage<K>>, string | number>];

export type Translate = <K extends MessageKey>(key: K, ...vars: MessageVars<K>) => string;

/**
 * The languages loaded so far, flattened to `area.key → text`. A language's table is empty
 * until {@link loadLanguage} has brought it.
 */
export const messages: Record<Language, Record<MessageKey, string>> = {
  en: {} as Record<MessageKey, string>,
  zh: {} as Record<MessageKey, string>,
};

const loaded = new Set<Language>();
const loading = new Map<Language, Promise<void>>();

/** Whether a language's messages are here, so switching to it shows at once. */
export function languageLoaded(language: Language): boolean {
  return loaded.has(language);
}

/**
 * Brings a language's messages (and the engine's problem sentences in it); resolves at once
 * when they are already here. A failed fetch can be tried again.
 */
export function loadLanguage(language: Language): Promise<void> {
  if (loaded.has(language)) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    const table =
      language === 'zh'
        ? import('virtual:failpoint-messages/zh')
        : import('virtual:failpoint-messages/en');
    pending = Promise.all([table, loadDiagnosticLanguage(language)])
      .then(([module]) => {
        const table: Record<string, string> = {};
        for (const [area, texts] of Object.entries(module.default)) {
          for (const [key, text] of Object.entries(texts)) table[`${area}.${key}`] = text;
        }
        messages[language] = table as Record<MessageKey, string>;
        loaded.add(language);
      })
      .finally(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}

/**
 * Starts fetching a language the user is likely to switch to (the language control is hovered
 * or focused), so the switch itself shows at once. Failures are left for the switch to report.
 */
export function preloadLanguage(language: Language): void {
  loadLanguage(language).catch(() => undefined);
}

/** Fills `{name}` placeholders; a placeholder without a value is left as written. */
export function formatMessage(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** A translate function for one language, usable outside React (exports, tests). */
export function translator(language: Language): Translate {
  // The table is read at each call: a translator made before its language arrived reads it
  // once it has.
  return ((key: MessageKey, vars?: Record<string, string | number>) =>
    formatMessage(messages[language][key] ?? messages.en[key] ?? key, vars)) as Translate;
}

const STORAGE_KEY = LANGUAGE_STORAGE_KEY;

function readStoredLanguage(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'zh' ? stored : null;
  } catch {
    // Storage can be disabled (private windows, sandboxed frames): fall back to the browser.
    return null;
  }
}

/** Whether the user has ever chosen a language in this browser. */
export function hasChosenLanguage(): boolean {
  return readStoredLanguage() !== null;
}

/** The language to start in: the one last chosen, else the browser's. */
export function initialLanguage(): Language {
  const preferred = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  return chooseFirstLanguage(readStoredLanguage(), preferred);
}

function applyToDocument(language: Language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

interface LanguageState {
  language: Language;
}

const useLanguageStore = create<LanguageState>(() => {
  const language = initialLanguage();
  applyToDocument(language);
  // The first language's messages are fetched from here, while the rest of the app's modules
  // are still being evaluated, rather than after them: the first render waits for them.
  if (typeof document !== 'undefined') preloadLanguage(language);
  return { language };
});

/** The current interface language. */
export function useLanguage(): Language {
  return useLanguageStore((state) => state.language);
}

/** The current interface language, outside React. */
export function getLanguage(): Language {
  return useLanguageStore.getState().language;
}

/**
 * Switches the interface language, remembers it and updates `<html lang>`. A language not yet
 * loaded is fetched first and the interface switches when it is here (the returned promise);
 * one already loaded switches at once, in the same call.
 */
export function setLanguage(language: Language): Promise<void> {
  latestChoice = language;
  if (!loaded.has(language)) {
    // A later choice made while this language was on its way wins.
    return loadLanguage(language).then(() => {
      if (latestChoice === language) switchTo(language);
    });
  }
  switchTo(language);
  return Promise.resolve();
}

let latestChoice: Language | null = null;

function switchTo(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but the switch itself still happens.
  }
  applyToDocument(language);
  useLanguageStore.setState({ language });
}

/** `t(key, vars?)` in the current language; components re-render when the language changes. */
export function useT(): Translate {
  const language = useLanguage();
  return useMemo(() => translator(language), [language]);
}
