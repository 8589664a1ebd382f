import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS } from '../../src/sim/diagnostics';
import { formatMessage, messages, translator } from '../../src/editor/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(messages.en) as (keyof typeof messages.en)[]) {
      expect({ key, vars: placeholders(messages.zh[key]) }).toEqual({
        key,
        vars: placeholders(messages.en[key]),
      });
    }
  });

  it('have no empty messages', () => {
    for (const language of ['en', 'zh'] as const) {
      const empty = Object.entries(messages[language]).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it('translate the interface into Chinese, not copy the English', () => {
    const same = Object.keys(messages.en).filter(
      (key) =>
        messages.en[key as keyof typeof messages.en] ===
          messages.zh[key as keyof typeof messages.zh] &&
        // Names that read the same in both languages.
        !['shell.appTitle', 'shell.english', 'shell.chinese'].includes(key) &&
        !/^\{?\w*\}?$|^R = \{value\}$/.test(messages.en[key as keyof typeof messages.en]),
    );
    expect(same).toEqual([]);
  });

  it('name every diagnostic code in both languages', () => {
    for (const code of Object.keys(DIAGNOSTICS)) {
      expect(messages.en).toHaveProperty(`problems.${code}`);
      expect(messages.zh).toHaveProperty(`problems.${code}`);
    }
  });

  it('prefix every key with the area it comes from', () => {
    const areas = new Set(Object.keys(messages.en).map((key) => key.split('.')[0]));
    expect([...areas].sort()).toEqual(
      [
        'bpmn',
        'economics',
        'editing',
        'explorer',
        'files',
        'library',
        'links',
        'money',
        'present',
        'problems',
        'report',
        'results',
        'scenarios',
        'shell',
        'simulation',
        'teaching',
      ].sort(),
    );
  });
});

describe('translator', () => {
  it('fills placeholders in the chosen language', () => {
    expect(translator('en')('scenarios.defaultName', { n: 3 })).toBe('Scenario 3');
    expect(translator('zh')('scenarios.defaultName', { n: 3 })).toBe('方案 3');
    expect(translator('zh')('results.reliability')).toBe('总体可靠性');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(formatMessage('no vars')).toBe('no vars');
  });
});
