/**
 * Loading a language's problem sentences when they are first needed, for the app, which shows
 * one language at a time. Apart from `index.ts` so that what imports every language at once
 * (`every-language.ts`) never also holds this dynamic import of the same file.
 */
import {
  diagnosticLanguageLoaded,
  registerDiagnosticLanguage,
  type DiagnosticLanguage,
} from './index';

/** Brings a language's catalogue; resolves at once when it is already here. */
export async function loadDiagnosticLanguage(language: DiagnosticLanguage): Promise<void> {
  if (diagnosticLanguageLoaded(language)) return;
  const { zh } = await import('./zh');
  registerDiagnosticLanguage('zh', zh);
}
