/**
 * The formula with its numbers and the compound-failure explorer rendered to HTML (no browser):
 * the product wraps only after a ×, a scenario's changed factor is the one marked, every field
 * of the explorer is labelled, and a value out of range is refused in words. (The Chinese
 * interface is checked in the browser test, tests/e2e/explorer.e2e.ts.)
 */
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { CompoundExplorer } from '../../src/editor/explorer/CompoundExplorer';
import {
  EXPLORER_DEFAULTS,
  setSteps,
  useExplorerState,
} from '../../src/editor/explorer/explorerState';
import { FormulaNumbers } from '../../src/editor/results/FormulaNumbers';
import { analyzeDocument } from '../../src/workers/analysis';

const courier: unknown = JSON.parse(readFileSync('examples/courier.blueprint.json', 'utf8'));

function numbersOf(scenarioId: string | null) {
  const response = analyzeDocument({ document: courier, scenarioId });
  if (!response.ok || !response.numbers) throw new Error('The courier should have a formula.');
  return response.numbers;
}

/** The text a reader sees, tags taken out. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
}

describe('the formula with its numbers', () => {
  it('writes the baseline’s product, each × kept with the factor before it', () => {
    const html = renderToStaticMarkup(
      <FormulaNumbers numbers={numbersOf(null)} scenarioName={null} baselineReliability={null} />,
    );
    expect(html).toMatch(/role="group" aria-label="R with the step values"/);
    expect(text(html)).toBe(
      '0.99 × 0.98 × 0.90 × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.765',
    );
    expect(html).not.toMatch(/<mark/);
    // A line may break between the spans only: never before a ×.
    expect(html).toMatch(/<span class="formula-factor formula-factor--whole">0\.99 ×<\/span> /);
  });

  it('marks the factor the scenario changes and gives the baseline’s R', () => {
    const html = renderToStaticMarkup(
      <FormulaNumbers
        numbers={numbersOf('recover-3')}
        scenarioName="Recover step 3"
        baselineReliability={0.765279914123886}
      />,
    );
    expect(html).toMatch(/aria-label="R of scenario “Recover step 3” with the step values"/);
    expect([...html.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((m) => m[1])).toEqual([
      '(0.90 + 0.10 × 0.6)',
    ]);
    expect(text(html)).toMatch(/^0\.99 × 0\.98 × \(0\.90 \+ 0\.10 × 0\.6\) × 0\.98 .* = 0\.816/);
    expect(text(html)).toMatch(/The baseline gives R = 0\.765\./);
  });
});

describe('the explorer', () => {
  beforeEach(() => useExplorerState.setState(EXPLORER_DEFAULTS));

  it('labels its sliders and fields and shows R = pⁿ', () => {
    const html = renderToStaticMarkup(<CompoundExplorer />);
    expect(html).toMatch(/<label for="[^"]+-number" id="[^"]+-label">Steps in series \(n\)</);
    expect(html.match(/type="range" aria-labelledby="[^"]+-label"/g)).toHaveLength(2);
    expect(html).toMatch(/data-testid="explorer-reliability">0\.599</);
    expect(text(html)).toMatch(/Each of the 10 steps needs ≈ 0\.9895/);
    expect(html).not.toMatch(/role="alert"/);
  });

  it('refuses a number of steps out of range in words, with the field marked invalid', () => {
    setSteps('60');
    const english = renderToStaticMarkup(<CompoundExplorer />);
    expect(english).toMatch(
      /role="alert">The number of steps must be a whole number from 1 to 50; 60 is not\.</,
    );
    expect(english).toMatch(/aria-invalid="true"/);
    expect(english).not.toMatch(/explorer-reliability/);
  });
});
