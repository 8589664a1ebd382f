import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { chooseFirstLanguage, LANGUAGE_STORAGE_KEY } from './src/editor/i18n/firstLanguage.ts';

const MESSAGES_DIR = resolve(import.meta.dirname, 'src/editor/i18n/messages');
const MESSAGES_ID = 'virtual:failpoint-messages/';
const LANGUAGES = ['en', 'zh'];

/**
 * `virtual:failpoint-messages/<language>`: every interface message of one language as an
 * `area → key → text` table, made from the area files of src/editor/i18n/messages (each exports
 * `const <area> = { en: {...}, zh: {...} }`). The app imports only the table of the language it
 * shows, so the other language's text is not part of the first view.
 */
export function messagesByLanguage(): Plugin {
  let base = '/';
  return {
    name: 'failpoint-messages',
    configResolved(config) {
      base = config.base;
    },
    // The built page asks for its language's table while the app's scripts download, instead of
    // once they have all run: a script at the top of the page picks the language as the app will
    // (the same function) and adds a module preload for that table.
    transformIndexHtml: {
      order: 'post',
      async handler(_html, context) {
        if (!context.bundle) return undefined;
        const tables: Record<string, string> = {};
        for (const chunk of Object.values(context.bundle)) {
          const facade = chunk.type === 'chunk' ? chunk.facadeModuleId : null;
          if (facade?.startsWith(`\0${MESSAGES_ID}`)) {
            tables[facade.slice(MESSAGES_ID.length + 1)] = base + chunk.fileName;
          }
        }
        if (Object.keys(tables).length === 0) return undefined;
        const script = `(function () {
  var stored = null;
  try { stored = localStorage.getItem(${JSON.stringify(LANGUAGE_STORAGE_KEY)}); } catch (e) {}
  var language = (${chooseFirstLanguage.toString()})(stored, navigator.languages || [navigator.language || 'en']);
  var link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = ${JSON.stringify(tables)}[language];
  document.head.appendChild(link);
})();`;
        // First in the page: a script after the style sheet would wait for it to load.
        const { code } = await transform(script, { minify: true });
        return [{ tag: 'script', children: code.trim(), injectTo: 'head-prepend' }];
      },
    },
    resolveId(id) {
      return id.startsWith(MESSAGES_ID) ? `\0${id}` : undefined;
    },
    async load(id) {
      if (!id.startsWith(`\0${MESSAGES_ID}`)) return undefined;
      const language = id.slice(MESSAGES_ID.length + 1);
      if (!LANGUAGES.includes(language)) {
        this.error(
          `There are no interface messages in "${language}" (only ${LANGUAGES.join(', ')}).`,
        );
      }
      // Nested by area (`{ results: { reliability: … } }`): the app flattens it on arrival, and
      // the file does not repeat each area's name before each of its keys.
      const table: Record<string, Record<string, string>> = {};
      for (const file of readdirSync(MESSAGES_DIR)
        .filter((name) => name.endsWith('.ts'))
        .sort()) {
        const path = join(MESSAGES_DIR, file);
        this.addWatchFile(path);
        const area = basename(file, '.ts');
        const { code } = await transform(readFileSync(path, 'utf8'), {
          loader: 'ts',
          format: 'esm',
        });
        // The area files are plain data, so they are evaluated here as they are.
        const module = (await import(
          `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
        )) as Record<string, Record<string, Record<string, string>> | undefined>;
        const messages = module[area]?.[language];
        if (!messages) {
          this.error(`${path} has no "${language}" messages in an export named "${area}".`);
        }
        table[area] = messages;
      }
      return `export default ${JSON.stringify(table)};`;
    },
  };
}

export default defineConfig({
  plugins: [react(), messagesByLanguage()],
  worker: { format: 'es' },
  // dist/ also holds the bundled command line (scripts/build-cli.mjs); the app gets its own
  // folder so building one never deletes the other.
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, outDir: 'dist/app' },
});
