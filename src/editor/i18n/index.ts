/**
 * The interface language: a small typed message catalogue, no library.
 *
 * Each area of the app keeps its messages in `messages/<area>.ts` as `{ en: {...}, zh: {...} }`.
 * They are merged here with the area's name as a prefix, so `t('results.reliability')` reads
 * the `reliability` message of `messages/results.ts`. Keys are a string-literal union, so a
 * misspelt key is a compile error, and a message's `{placeholders}` decide which variables
 * `t` requires.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { bpmn } from './messages/bpmn';
import { economics } from './messages/economics';
import { editing } from './messages/editing';
import { explorer } from './messages/explorer';
import { files } from './messages/files';
import { library } from './messages/library';
import { links } from './messages/links';
import { money } from './messages/money';
import { present } from './messages/present';
import { problems } from './messages/problems';
import { report } from './messages/report';
import { results } from './messages/results';
import { scenarios } from './messages/scenarios';
import { shell } from './messages/shell';
import { simulation } from './messages/simulation';
import { teaching } from './messages/teaching';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

const catalogues = {
  bpmn,
  economics,
  editing,
  explorer,
  files,
  library,
  links,
  money,
  present,
  problems,
  report,
  results,
  scenarios,
  shell,
  simulation,
  teaching,
} as const;
type Catalogues = typeof catalogues;
type Area = keyof Catalogues;

/**
 * Compile-time check that every area has the same keys in English and in Chinese: an area
 * whose languages differ makes its entry `never`, and the assignment below fails to compile.
 */
type KeysMatch<C extends { en: object; zh: object }> = [
  Exclude<keyof C['en'], keyof C['zh']> | Exclude<keyof C['zh'], keyof C['en']>,
] extends [never]
  ? true
  : never;
const languagesMatch: { [A in Area]: KeysMatch<Catalogues[A]> } = {
  bpmn: true,
  economics: true,
  editing: true,
  explorer: true,
  files: true,
  library: true,
  links: true,
  money: true,
  present: true,
  problems: true,
  report: true,
  results: true,
  scenarios: true,
  shell: true,
  simulation: true,
  teaching: true,
};
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

/** Both languages flattened to `area.key → text`. */
export const messages: Record<Language, Record<MessageKey, string>> = flatten();

function flatten(): Record<Language, Record<MessageKey, string>> {
  const out = { en: {}, zh: {} } as Record<Language, Record<string, string>>;
  for (const area of Object.keys(catalogues) as Area[]) {
    for (const language of LANGUAGES) {
      const table = catalogues[area][language] as Record<string, string>;
      for (const [key, text] of Object.entries(table)) out[language][`${area}.${key}`] = text;
    }
  }
  return out as Record<Language, Record<MessageKey, string>>;
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
  const table = messages[language];
  return ((key: MessageKey, vars?: Record<string, string | number>) =>
    formatMessage(table[key] ?? messages.en[key] ?? key, vars)) as Translate;
}

const STORAGE_KEY = 'failpoint.language';

function readStoredLanguage(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'zh' ? stored : null;
  } catch {
    // Storage can be disabled (private windows, sandboxed frames): fall back to the browser.
    return null;
  }
}

function browserLanguage(): Language {
  const preferred = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Whether the user has ever chosen a language in this browser. */
export function hasChosenLanguage(): boolean {
  return readStoredLanguage() !== null;
}

/** The language to start in: the one last chosen, else the browser's. */
export function initialLanguage(): Language {
  return readStoredLanguage() ?? browserLanguage();
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

/** Switches the interface language, remembers it and updates `<html lang>`. */
export function setLanguage(language: Language): void {
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
