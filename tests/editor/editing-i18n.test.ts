/**
 * The editing catalogue: both languages carry every key with the same placeholders, and every
 * key the editing code asks for exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actions } from '../../src/editor/actions/registry';
import { LANE_LINES } from '../../src/document/geometry';
import { editing } from '../../src/editor/i18n/messages/editing';
import { DISTRIBUTION_KINDS } from '../../src/sim/document';
import { LANES, NODE_TYPES } from '../../src/sim/model';

const OWN_FOLDERS = ['store', 'canvas', 'inspector', 'palette', 'actions'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

const en: Record<string, string> = editing.en;
const zh: Record<string, string> = editing.zh;

describe('the editing catalogue', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('is really translated: Chinese text in every message with words', () => {
    for (const [key, text] of Object.entries(zh)) {
      if (/[A-Za-z]{3,}/.test(en[key].replace(/\{\w+\}/g, ''))) {
        expect(text, key).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(zh['lane.customer']).toBe('顾客');
    expect(zh['laneLine.visibility']).toBe('可视分界线');
    expect(zh['inspector.reliability']).toBe('可靠性');
  });

  it('holds every key the editing code uses', () => {
    const root = join(__dirname, '../../src/editor');
    const used = new Set<string>();
    for (const folder of OWN_FOLDERS) {
      for (const file of sourceFiles(join(root, folder))) {
        for (const match of readFileSync(file, 'utf8').matchAll(/'editing\.([A-Za-z0-9_.]+)'/g)) {
          used.add(match[1]);
        }
      }
    }
    expect(used.size).toBeGreaterThan(100);
    for (const key of used) expect(en, key).toHaveProperty([key]);
  });

  it('holds every key built at run time', () => {
    const built = [
      ...actions.map((a) => a.labelKey.slice('editing.'.length)),
      ...['none', ...DISTRIBUTION_KINDS].map((k) => `dist.${k}`),
      ...['value', 'min', 'max', 'mode', 'mean', 'sd', 'mu', 'sigma'].map((p) => `dist.param.${p}`),
      ...LANES.map((lane) => `lane.${lane}`),
      ...LANE_LINES.map((line) => `laneLine.${line.name}`),
      ...NODE_TYPES.map((type) => `nodeType.${type}`),
      'whatIf.defaultName',
    ];
    for (const key of built) expect(en, key).toHaveProperty([key]);
  });
});
