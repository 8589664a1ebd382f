import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DIAGNOSTICS,
  diagnosticName,
  type DiagnosticCode,
  type DiagnosticTarget,
} from '../src/sim/diagnostics';
import { parseBlueprint } from '../src/sim/parse';

const folder = fileURLToPath(new URL('./fixtures/broken/', import.meta.url));
const codes = Object.keys(DIAGNOSTICS) as DiagnosticCode[];

function fixtureName(code: DiagnosticCode): string {
  return `${code}-${DIAGNOSTICS[code]}.blueprint.json`;
}

/** What each broken file is about: the node, edge or scenario its problem must name. */
const expectedTarget: Record<DiagnosticCode, DiagnosticTarget> = {
  BP001: { kind: 'document' },
  BP002: { kind: 'document' },
  BP003: { kind: 'document' },
  BP004: { kind: 'node', id: 's1' },
  BP005: { kind: 'node', id: 's1' },
  BP006: { kind: 'node', id: 's1' },
  BP007: { kind: 'edge', id: 'e2' },
  BP008: { kind: 'document' },
  BP009: { kind: 'document' },
  BP010: { kind: 'node', id: 's1' },
  BP011: { kind: 'node', id: 's1' },
  BP012: { kind: 'node', id: 'd1' },
  BP013: { kind: 'node', id: 's1' },
  BP014: { kind: 'node', id: 's1' },
  BP015: { kind: 'node', id: 's1' },
  BP016: { kind: 'node', id: 's2' },
  BP017: { kind: 'node', id: 's1' },
  BP018: { kind: 'node', id: 's1' },
  BP019: { kind: 'node', id: 'j1' },
  BP020: { kind: 'edge', id: 'e3' },
  BP021: { kind: 'node', id: 'j1' },
  BP022: { kind: 'node', id: 'p1' },
  BP023: { kind: 'scenario', id: 'better-7' },
  BP024: { kind: 'node', id: 's1' },
  BP025: { kind: 'node', id: 's1' },
  BP026: { kind: 'node', id: 's1' },
  BP027: { kind: 'node', id: 's1' },
  BP028: { kind: 'node', id: 'd899' },
  BP029: { kind: 'document' },
  BP030: { kind: 'scenario', id: 'budget' },
  BP031: { kind: 'scenario', id: 'both' },
};

/** Words each message must contain, beyond the name of its target. */
const expectedWords: Partial<Record<DiagnosticCode, RegExp>> = {
  BP001: /line 7/,
  BP002: /"bpmn\.diagram"/,
  BP003: /made by a newer version of Failpoint/,
  BP004: /"lable".*did you mean "label"/,
  BP005: /"front-stage"/,
  BP007: /"finish"/,
  BP008: /"start2"/,
  BP013: /"baseRate"/,
  BP014: /evaluate/,
  BP021: /3/,
  BP022: /"c"/,
  BP023: /"s7"/,
  BP024: /"k".*join/,
  BP025: /mode 9/,
  BP026: /1010 successes/,
  BP027: /"reliability" twice \(line 16, column 7 and line 17, column 7\)/,
  BP028: /900 nodes/,
  BP029: /customers per year of the economics is -10000; it cannot be negative/,
  BP030: /"train-staff"/,
  BP031: /"check-order" and "train-staff".*reliability of node "s1"/,
};

function idOf(target: DiagnosticTarget): string | null {
  if (target.kind === 'node' || target.kind === 'edge' || target.kind === 'scenario') {
    return target.id;
  }
  return target.kind === 'parameter' ? target.name : null;
}

describe('the folder of broken blueprints', () => {
  it('has exactly one file per diagnostic code, named after it', () => {
    const files = readdirSync(folder).sort();
    expect(files).toEqual(codes.map(fixtureName).sort());
  });

  it.each(codes)('%s: its broken file is refused with that code, naming the culprit', (code) => {
    const result = parseBlueprint(readFileSync(folder + fixtureName(code), 'utf8'));
    expect(result.ok, diagnosticName(code)).toBe(false);
    if (result.ok) return;
    const matching = result.diagnostics.filter((d) => d.code === code);
    expect(matching.length, JSON.stringify(result.diagnostics, null, 2)).toBeGreaterThan(0);

    const target = expectedTarget[code];
    const aimed = matching.find((d) => JSON.stringify(d.target) === JSON.stringify(target));
    expect(aimed, JSON.stringify(matching, null, 2)).toBeDefined();
    const id = idOf(target);
    if (id !== null) expect(aimed!.message).toContain(`"${id}"`);
    const words = expectedWords[code];
    if (words) expect(aimed!.message).toMatch(words);

    // Messages are sentences for a designer.
    for (const d of result.diagnostics) {
      expect(d.message).toMatch(/^[A-Z].*[.?]$/s);
      expect(d.message).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });

  it('reports the file-level codes alone: nothing more is checked once the envelope fails', () => {
    for (const code of ['BP001', 'BP002', 'BP003'] as const) {
      const result = parseBlueprint(readFileSync(folder + fixtureName(code), 'utf8'));
      expect(!result.ok && result.diagnostics.map((d) => d.code)).toEqual([code]);
    }
  });

  it('gives the place in the file of problems found in a value', () => {
    const paths: [DiagnosticCode, string][] = [
      ['BP004', 'nodes[1].lable'],
      ['BP005', 'nodes[1].lane'],
      ['BP006', 'nodes[2].id'],
      ['BP011', 'nodes[1].reliability'],
      ['BP013', 'nodes[1].reliability'],
      ['BP023', 'scenarios[0].changes[0]'],
      ['BP024', 'nodes[1].k'],
      ['BP025', 'nodes[1].duration'],
      ['BP026', 'nodes[1].reliability'],
      ['BP027', 'nodes[1].reliability'],
      ['BP012', 'nodes[1]'],
      ['BP020', 'edges[2]'],
      ['BP029', 'economics.customersPerYear'],
      ['BP030', 'scenarios[0].options[1]'],
      ['BP031', 'scenarios[0].options'],
    ];
    for (const [code, path] of paths) {
      const result = parseBlueprint(readFileSync(folder + fixtureName(code), 'utf8'));
      expect(!result.ok && result.diagnostics.find((d) => d.code === code)?.path, code).toBe(path);
    }
  });
});
