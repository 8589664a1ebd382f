import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  getLanguage,
  languageLoaded,
  loadLanguage,
  messages,
  setLanguage,
  translator,
} from '../../src/editor/i18n';
import { chooseFirstLanguage } from '../../src/editor/i18n/firstLanguage';
import { messagesByLanguage } from '../../vite.config';
import {
  diagnostic,
  diagnosticLanguageLoaded,
  diagnosticSentence,
} from '../../src/sim/diagnostics';

const AREA_FILES = readdirSync('src/editor/i18n/messages')
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();

/** Runs the build's message plugin as the bundler would, for one module id. */
async function buildTable(id: string): Promise<string> {
  const plugin = messagesByLanguage();
  const context = {
    addWatchFile: () => undefined,
    error: (message: string): never => {
      throw new Error(message);
    },
  };
  const resolveId = plugin.resolveId as unknown as (id: string) => string | undefined;
  const load = plugin.load as unknown as (
    this: typeof context,
    id: string,
  ) => Promise<string | undefined>;
  const resolved = resolveId(id);
  if (resolved === undefined) throw new Error(`${id} was not resolved`);
  const code = await load.call(context, resolved);
  if (code === undefined) throw new Error(`${id} was not loaded`);
  return code;
}

function parseTable(code: string): Record<string, string> {
  const json = /^export default (.*);$/s.exec(code)?.[1];
  if (json === undefined) throw new Error(`not a table module: ${code.slice(0, 80)}`);
  const nested = JSON.parse(json) as Record<string, Record<string, string>>;
  const table: Record<string, string> = {};
  for (const [area, texts] of Object.entries(nested)) {
    for (const [key, text] of Object.entries(texts)) table[`${area}.${key}`] = text;
  }
  return table;
}

describe('interface messages by language', () => {
  it('build one table per language from every area file, in that language only', async () => {
    const en = parseTable(await buildTable('virtual:failpoint-messages/en'));
    const zh = parseTable(await buildTable('virtual:failpoint-messages/zh'));
    const areasOf = (table: Record<string, string>) =>
      [...new Set(Object.keys(table).map((key) => key.split('.')[0]))].sort();
    expect(areasOf(en)).toEqual(AREA_FILES);
    expect(areasOf(zh)).toEqual(AREA_FILES);
    expect(en['results.reliability']).toBe(messages.en['results.reliability']);
    expect(zh['results.reliability']).toBe('总体可靠性');
    // The English table carries no Chinese text but the language control's own name for Chinese,
    // so the first view in English does not either.
    const chinese = Object.entries(en).filter(([, text]) => /[\u4e00-\u9fff]/.test(text));
    expect(chinese).toEqual([['shell.chinese', '中文']]);
  });

  it('refuse a language there are no messages in, naming it', async () => {
    await expect(buildTable('virtual:failpoint-messages/fr')).rejects.toThrow(
      'There are no interface messages in "fr" (only en, zh).',
    );
  });

  it('give the app the same text as the area files', () => {
    expect(translator('zh')('scenarios.defaultName', { n: 3 })).toBe('方案 3');
    expect(translator('en')('scenarios.defaultName', { n: 3 })).toBe('Scenario 3');
  });

  it('switch at once, in the same call, to a language already loaded', async () => {
    expect(languageLoaded('zh')).toBe(true);
    await loadLanguage('zh');
    const before = getLanguage();
    try {
      void setLanguage('zh');
      expect(getLanguage()).toBe('zh');
      void setLanguage('en');
      expect(getLanguage()).toBe('en');
    } finally {
      await setLanguage(before);
    }
  });

  it('bring the engine’s problem sentences in the language with the interface', () => {
    expect(diagnosticLanguageLoaded('zh')).toBe(true);
    const problem = diagnostic('no-start', {});
    expect(diagnosticSentence(problem, 'zh')).toMatch(/[\u4e00-\u9fff]/);
    expect(diagnosticSentence(problem, 'en')).toBe(problem.message);
  });
});

describe('the first language', () => {
  it('is the one chosen last, else the first preferred one Failpoint speaks, else English', () => {
    expect(chooseFirstLanguage('zh', ['en-GB'])).toBe('zh');
    expect(chooseFirstLanguage(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh');
    expect(chooseFirstLanguage('de', ['fr-FR', 'en-US'])).toBe('en');
    expect(chooseFirstLanguage(undefined, ['fr'])).toBe('en');
  });

  it("is fetched by the built page before the app's scripts run, for the language it will show", async () => {
    const plugin = messagesByLanguage();
    const configResolved = plugin.configResolved as unknown as (config: { base: string }) => void;
    configResolved({ base: '/app/' });
    const hook = plugin.transformIndexHtml as unknown as {
      handler: (
        html: string,
        context: { bundle?: Record<string, unknown> },
      ) => Promise<{ tag: string; children: string; injectTo: string }[] | undefined>;
    };
    const chunk = (fileName: string, facadeModuleId: string | null) => ({
      type: 'chunk',
      fileName,
      facadeModuleId,
    });
    const bundle = {
      'assets/en-1.js': chunk('assets/en-1.js', '\0virtual:failpoint-messages/en'),
      'assets/zh-2.js': chunk('assets/zh-2.js', '\0virtual:failpoint-messages/zh'),
      'assets/index-3.js': chunk('assets/index-3.js', '/src/editor/main.tsx'),
    };
    // The development server has no bundle and adds nothing.
    expect(await hook.handler('', {})).toBeUndefined();
    const tags = await hook.handler('', { bundle });
    expect(tags).toHaveLength(1);
    const [tag] = tags ?? [];
    expect(tag.injectTo).toBe('head-prepend');

    const preloaded = (stored: string | null, languages: string[]) => {
      const links: { rel?: string; href?: string }[] = [];
      const page = {
        localStorage: { getItem: () => stored },
        navigator: { languages },
        document: {
          createElement: () => ({}),
          head: { appendChild: (link: { rel?: string; href?: string }) => links.push(link) },
        },
      };
      new Function('localStorage', 'navigator', 'document', tag.children)(
        page.localStorage,
        page.navigator,
        page.document,
      );
      return links;
    };
    expect(preloaded(null, ['en-GB'])).toEqual([
      { rel: 'modulepreload', href: '/app/assets/en-1.js' },
    ]);
    expect(preloaded(null, ['zh-CN'])).toEqual([
      { rel: 'modulepreload', href: '/app/assets/zh-2.js' },
    ]);
    expect(preloaded('en', ['zh-CN'])).toEqual([
      { rel: 'modulepreload', href: '/app/assets/en-1.js' },
    ]);
  });
});
