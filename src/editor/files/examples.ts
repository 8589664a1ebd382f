/**
 * The example blueprints shipped in `examples/`, bundled with the app. They are small, so they
 * are bundled as text and parsed (and validated) only when one is opened.
 */
import type { Language } from '../i18n';

const sources = import.meta.glob<string>('../../../examples/*.blueprint.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface ExampleEntry {
  /** File name without the directory, e.g. `courier.zh.blueprint.json`. */
  file: string;
  /** The blueprint's title, or the file name when it has none. */
  title: string;
  /** The language the example is written in: `*.zh.blueprint.json` is Chinese. */
  language: Language;
  text: string;
}

function titleOf(text: string, file: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && 'title' in value && typeof value.title === 'string') {
      return value.title;
    }
  } catch {
    // A broken example still appears; opening it shows its problems.
  }
  return file;
}

/** Every example, in file-name order. */
export const examples: readonly ExampleEntry[] = Object.entries(sources)
  .map(([path, text]) => {
    const file = path.slice(path.lastIndexOf('/') + 1);
    const language: Language = /\.zh\.blueprint\.json$/.test(file) ? 'zh' : 'en';
    return { file, title: titleOf(text, file), language, text };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

/** Examples in the interface language first, then the others. */
export function examplesFor(language: Language): ExampleEntry[] {
  return [
    ...examples.filter((example) => example.language === language),
    ...examples.filter((example) => example.language !== language),
  ];
}

/** The courier example of the reference case, in the given language when it exists. */
export function courierExample(language: Language): ExampleEntry | undefined {
  const wanted = language === 'zh' ? 'courier.zh.blueprint.json' : 'courier.blueprint.json';
  return (
    examples.find((example) => example.file === wanted) ??
    examples.find((example) => example.file === 'courier.blueprint.json')
  );
}
