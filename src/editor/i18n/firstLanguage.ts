/**
 * The language the app starts in: the one the user last chose, else the first of the browser's
 * preferred languages that Failpoint speaks, else English.
 *
 * Self-contained on purpose: the build also writes this function's source into the page
 * (vite.config.ts), where it picks the messages to fetch before the app's scripts have run.
 */
/** Where the language the user chose is remembered (`localStorage`). */
export const LANGUAGE_STORAGE_KEY = 'failpoint.language';

export function chooseFirstLanguage(
  stored: string | null | undefined,
  preferred: readonly string[],
): 'en' | 'zh' {
  if (stored === 'en' || stored === 'zh') return stored;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
