/**
 * Every test file starts with both interface languages and both languages of problem sentences
 * at hand, as the tests write text in either synchronously; the app instead loads the one it
 * shows and the other when the user switches (tests/editor/i18n-loading.test.ts).
 */
import '../src/sim/diagnostics/every-language';
import { loadLanguage } from '../src/editor/i18n';

await Promise.all([loadLanguage('en'), loadLanguage('zh')]);
