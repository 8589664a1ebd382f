/**
 * The blueprint's title, description and notes (where an import report is kept, among others),
 * then its economics and improvement options.
 */
import { lazy, memo, Suspense, useEffect, useState } from 'react';
import { runAction } from '../actions/registry';
import { useT } from '../i18n';
import { afterFirstView, firstViewOver } from '../results/timing';
import { useBlueprintStore } from '../store/blueprint';
import { TextField } from './fields';
import './inspector.css';

// The economics and option forms are below the fold of the first view and no part of R: they
// are fetched once R is on screen, so the first view neither loads nor draws them.
const BlueprintEconomics = lazy(() =>
  import('../economics/BlueprintEconomics').then((module) => ({
    default: module.BlueprintEconomics,
  })),
);

/** Whether the first view is over (or the wait for it), re-rendering when it is. */
function useAfterFirstView(): boolean {
  const [after, setAfter] = useState(firstViewOver);
  useEffect(() => (after ? undefined : afterFirstView(() => setAfter(true))), [after]);
  return after;
}

/** The id of the title field, which the toolbar's title focuses. */
export const BLUEPRINT_TITLE_INPUT = 'fp-blueprint-title';

export const BlueprintProperties = memo(function BlueprintProperties() {
  const t = useT();
  const title = useBlueprintStore((s) => s.document.title ?? '');
  const description = useBlueprintStore((s) => s.document.description ?? '');
  const notes = useBlueprintStore((s) => s.document.notes ?? '');
  const whatIf = useBlueprintStore((s) => s.whatIfScenarioId !== null);
  const economics = useAfterFirstView();
  return (
    <section className="fp-properties" aria-label={t('editing.properties.title')}>
      <h2 className="fp-panel-title">{t('editing.properties.title')}</h2>
      <TextField
        label={t('editing.properties.blueprintTitle')}
        value={title}
        disabled={whatIf}
        placeholder={t('editing.properties.titlePlaceholder')}
        inputId={BLUEPRINT_TITLE_INPUT}
        onCommit={(value) => runAction('setTitle', { title: value })}
      />
      <TextField
        label={t('editing.properties.description')}
        value={description}
        multiline
        disabled={whatIf}
        onCommit={(value) => runAction('setDescription', { description: value })}
      />
      <TextField
        label={t('editing.properties.notes')}
        value={notes}
        multiline
        disabled={whatIf}
        onCommit={(value) => runAction('setNotes', { notes: value })}
      />
      {economics ? (
        <Suspense fallback={null}>
          <BlueprintEconomics />
        </Suspense>
      ) : null}
    </section>
  );
});
