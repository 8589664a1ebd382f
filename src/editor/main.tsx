/**
 * Starts the app: starts the autosave, opens the first blueprint (the one opened last, from the
 * local library, or the courier example in the interface language), starts the live analysis,
 * then renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import { App } from './App';
import {
  loadExpressionParser,
  parserFor,
  renewViewsWhenParserArrives,
} from './engine/expressionParser';
import { openFirstDocument, startAutosave, useFileState } from './files/fileActions';
import { firstOpenWaitMs, rememberLibrary } from './files/firstOpen';
import { ensureSchemaWording } from './files/schemaWording';
import { getLanguage, loadLanguage, translator } from './i18n';
import { startLinks } from './links/linkSession';
import { startLiveAnalysis } from './results/liveAnalysis';
import { afterFirstView } from './results/timing';
import { useBlueprintStore } from './store/blueprint';

// The autosave follows the document from the first one opened, so it starts first.
startAutosave();
// An expression typed before the parser arrived is shown with its value once it has.
renewViewsWhenParserArrives();
// The file format's schemas word the problems of a file that does not fit, and are no part of
// the first view: fetched once R is on screen, they are at hand for the first file opened. A
// failed fetch is tried again by the first file that needs them.
afterFirstView(() => void ensureSchemaWording().catch(() => undefined));
// A first visit does not wait for the library to open: it has nothing to put back.
const waitMs = firstOpenWaitMs();
void rememberLibrary();
// The interface's messages come in its language only, fetched while the blueprint opens.
const language = getLanguage();
void Promise.all([
  openFirstDocument(language, waitMs === undefined ? {} : { waitMs }),
  loadLanguage(language),
]).then(async ([opened]) => {
  // A storage failure said while opening stays on screen rather than "restored".
  if (opened === 'restored' && useFileState.getState().message === null) {
    useFileState.setState({ message: { key: 'restored' } });
  }
  // Expressions beyond plain numbers and names need the parser, fetched apart from the first
  // view: a blueprint that holds one waits for it; any other has R on screen first. A link's
  // blueprint does the same as it opens (`openLink`).
  await parserFor(useBlueprintStore.getState().document);
  afterFirstView(() => void loadExpressionParser().catch(() => undefined));
  // A link in the address (`#bp=…`) opens over the user's own blueprint, which stays as it is.
  startLinks(() => window.confirm(translator(getLanguage())('links.confirmReplace')));
  startLiveAnalysis();

  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no element with id "root" to hold the app.');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
