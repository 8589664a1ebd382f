/**
 * Registers every language's diagnostic catalogue at once, for the places that write sentences
 * synchronously in any language as soon as they start (the command line, the trace worker, the
 * tests). The app instead loads the one it shows (`loadDiagnosticLanguage`).
 */
import { registerDiagnosticLanguage } from './index';
import { zh } from './zh';

registerDiagnosticLanguage('zh', zh);
