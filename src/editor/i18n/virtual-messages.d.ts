/**
 * The per-language message tables the build makes from `messages/*.ts` (vite.config.ts):
 * `area → key → text` for every area, in one language.
 */
declare module 'virtual:failpoint-messages/en' {
  const table: Readonly<Record<string, Readonly<Record<string, string>>>>;
  export default table;
}

declare module 'virtual:failpoint-messages/zh' {
  const table: Readonly<Record<string, Readonly<Record<string, string>>>>;
  export default table;
}
