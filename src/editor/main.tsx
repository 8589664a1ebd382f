/**
 * Starts the app: opens the first blueprint (the autosaved one, or the courier example in the
 * interface language), starts the live analysis and the autosave, then renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import { App } from './App';
import { openFirstDocument, startAutosave, useFileState } from './files/fileActions';
import { getLanguage } from './i18n';
import { startLiveAnalysis } from './results/liveAnalysis';

const opened = openFirstDocument(getLanguage());
if (opened === 'restored') useFileState.setState({ message: { key: 'restored' } });
startLiveAnalysis();
startAutosave();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no element with id "root" to hold the app.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
