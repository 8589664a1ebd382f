/**
 * Starts the app: starts the autosave, opens the first blueprint (the one opened last, from the
 * local library, or the courier example in the interface language), starts the live analysis,
 * then renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import { App } from './App';
import { openFirstDocument, startAutosave, useFileState } from './files/fileActions';
import { firstOpenWaitMs, rememberLibrary } from './files/firstOpen';
import { getLanguage, translator } from './i18n';
import { startLinks } from './links/linkSession';
import { startLiveAnalysis } from './results/liveAnalysis';

// The autosave follows the document from the first one opened, so it starts first.
startAutosave();
// A first visit does not wait for the library to open: it has nothing to put back.
const waitMs = firstOpenWaitMs();
void rememberLibrary();
void openFirstDocument(getLanguage(), waitMs === undefined ? {} : { waitMs }).then((opened) => {
  // A storage failure said while opening stays on screen rather than "restored".
  if (opened === 'restored' && useFileState.getState().message === null) {
    useFileState.setState({ message: { key: 'restored' } });
  }
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
