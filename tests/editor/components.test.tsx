/**
 * The editing components rendered to HTML (no browser): every control carries a label a screen
 * reader and a browser test can find, in both languages.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { BlueprintProperties, Inspector, ParametersTable } from '../../src/editor/inspector';
import { Palette } from '../../src/editor/palette';
import { select } from '../../src/editor/store/blueprint';
import { given, sampleDocument, when } from './helpers';

/** The control a visible `<label>` with this text points to, as its opening tag. */
function controlLabelled(html: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`<label for="([^"]+)"[^>]*>${escaped}(<|$)`).exec(html);
  if (!match) throw new Error(`No label "${label}" in the markup.`);
  const control = new RegExp(
    `<(input|select|textarea)[^>]*id="${match[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`,
  ).exec(html);
  if (!control) throw new Error(`The label "${label}" points to no control.`);
  return control[0];
}

beforeEach(() => {
  given();
});

describe('the inspector', () => {
  it('labels every field of a step', () => {
    select(['s3']);
    const html = renderToStaticMarkup(<Inspector />);
    expect(controlLabelled(html, 'Reliability')).toMatch(/type="text"[^>]*value="0.9"/);
    expect(controlLabelled(html, 'Recovery')).toMatch(/type="checkbox"[^>]*checked/);
    expect(controlLabelled(html, 'Catch rate')).toMatch(/value="0.6"/);
    expect(controlLabelled(html, 'Label')).toMatch(/value="Delivers"/);
    expect(controlLabelled(html, 'Lane')).toMatch(/^<select/);
    expect(controlLabelled(html, 'Duration distribution')).toMatch(/^<select/);
    expect(controlLabelled(html, 'Cost distribution')).toMatch(/^<select/);
    expect(controlLabelled(html, 'Recovery label')).toMatch(/value="Check"/);
    expect(controlLabelled(html, 'Notes')).toMatch(/^<textarea/);
    expect(html).toContain('aria-label="Inspector"');
  });

  it('shows a distribution with a labelled field per parameter', () => {
    when('setNodeField', {
      id: 's3',
      field: 'duration',
      value: { dist: 'triangular', min: 2, mode: 3, max: 8 },
    });
    select(['s3']);
    const html = renderToStaticMarkup(<Inspector />);
    expect(controlLabelled(html, 'Duration minimum')).toMatch(/value="2"/);
    expect(controlLabelled(html, 'Duration most likely')).toMatch(/value="3"/);
    expect(controlLabelled(html, 'Duration maximum')).toMatch(/value="8"/);
  });

  it('shows observed data as successes and trials', () => {
    when('setNodeField', {
      id: 's1',
      field: 'reliability',
      value: { successes: 980, trials: 1000 },
    });
    select(['s1']);
    const html = renderToStaticMarkup(<Inspector />);
    expect(controlLabelled(html, 'Successes')).toMatch(/value="980"/);
    expect(controlLabelled(html, 'Trials')).toMatch(/value="1000"/);
    expect(html).toContain('Reliability 98%');
  });

  it('flags a value the engine would refuse, inline', () => {
    given({
      ...sampleDocument(),
      nodes: sampleDocument().nodes.map((n) =>
        n.id === 's1' ? { ...n, reliability: 'nope * 2' } : n,
      ),
    });
    select(['s1']);
    const html = renderToStaticMarkup(<Inspector />);
    expect(controlLabelled(html, 'Reliability')).toContain('aria-invalid="true"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Unknown parameter: nope.');
  });

  it('shows a decision edge with its probability and the sum of its branches', () => {
    select([], ['e4']);
    const html = renderToStaticMarkup(<Inspector />);
    expect(controlLabelled(html, 'Probability')).toMatch(/value="0.97"/);
    expect(html).toContain('The branches of “Address ok?” add up to 100%.');
  });

  it('offers to mark an edge out of a step as a failure edge', () => {
    select([], ['e7']);
    const html = renderToStaticMarkup(<Inspector />);
    expect(controlLabelled(html, 'Failure edge')).toMatch(/type="checkbox"[^>]*checked/);
  });

  it("labels a join's k and an end's outcome", () => {
    given({
      ...sampleDocument(),
      nodes: [...sampleDocument().nodes, { id: 'j1', type: 'join', position: { x: 0, y: 400 } }],
    });
    select(['j1']);
    expect(controlLabelled(renderToStaticMarkup(<Inspector />), 'Branches required (k)')).toMatch(
      /type="number"/,
    );
    select(['fail']);
    expect(controlLabelled(renderToStaticMarkup(<Inspector />), 'Outcome')).toMatch(/^<select/);
  });
});

describe('parameters, properties and palette', () => {
  it('labels each parameter cell by the parameter it belongs to', () => {
    const html = renderToStaticMarkup(<ParametersTable />);
    expect(controlLabelled(html, 'Value of parameter base')).toMatch(/value="0.99"/);
    expect(controlLabelled(html, 'Name of parameter base')).toMatch(/value="base"/);
    expect(html).toContain('aria-label="Delete parameter base"');
    expect(html).toContain('>Add parameter</button>');
  });

  it('labels the title and the description', () => {
    const html = renderToStaticMarkup(<BlueprintProperties />);
    expect(controlLabelled(html, 'Title')).toMatch(/value="Sample"/);
    expect(controlLabelled(html, 'Description')).toMatch(/^<textarea/);
  });

  it('offers every node type as a draggable, labelled button', () => {
    const html = renderToStaticMarkup(<Palette />);
    for (const name of [
      'Step',
      'Decision',
      'Parallel split',
      'Join',
      'Start',
      'End',
      'Failure end',
    ]) {
      expect(html).toContain(`aria-label="Add ${name}"`);
    }
    expect(html.match(/draggable="true"/g)).toHaveLength(7);
  });
});
