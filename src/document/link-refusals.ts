/**
 * The coded refusals of a blueprint link (SPEC §10) and their sentences in English and Chinese.
 * Apart from `link.ts` (which makes and reads links, with DEFLATE) so that a dialog or banner
 * naming a refusal does not bring the compression code with it.
 */
import type { DiagnosticLanguage } from '../sim/diagnostics';

/** The stable codes of a link that cannot be read or made, each with its name. */
export const LINK_REFUSALS = {
  LK001: 'no-blueprint-in-link',
  LK002: 'bad-base64url',
  LK003: 'not-deflate',
  LK004: 'not-utf8',
  LK005: 'blueprint-too-large',
  LK006: 'bad-link-part',
  LK007: 'link-scenario-missing',
  LK008: 'too-long-for-link',
} as const;

export type LinkRefusalCode = keyof typeof LINK_REFUSALS;

/** The values each refusal's sentence names. */
export interface LinkRefusalParams {
  LK001: Record<string, never>;
  /** `character` is the first character outside the alphabet, `position` its place (from 1); a
   * length no base64url text can have has neither. */
  LK002: { character?: string; position?: number };
  LK003: Record<string, never>;
  /** `offset`: the first byte (from 0) of the decompressed data that is not UTF-8. */
  LK004: { offset: number };
  /** `limit`: the most a link's blueprint may inflate to, in bytes. */
  LK005: { limit: number };
  /** `part`: the `name=value` part of the link whose value is not valid percent-encoding. */
  LK006: { part: string };
  /** `scenario`: the id the link names; `known`: the blueprint's scenario ids. */
  LK007: { scenario: string; known: readonly string[] };
  /** `length` of the link and the `limit`, in characters. */
  LK008: { length: number; limit: number };
}

/** Why a link was not read or not made: a code and the values its sentence names. */
export type LinkRefusal = {
  [C in LinkRefusalCode]: { ok: false; code: C; params: LinkRefusalParams[C] };
}[LinkRefusalCode];

/** A value from the link or the blueprint, shortened so that a sentence stays readable. */
function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

type LinkSentences = { [C in LinkRefusalCode]: (params: LinkRefusalParams[C]) => string };

const THOUSANDS = (n: number) => n.toLocaleString('en-US');
const MEBIBYTES = (bytes: number) => `${bytes / (1024 * 1024)} MB`;

const SENTENCES: Readonly<Record<DiagnosticLanguage, LinkSentences>> = {
  en: {
    LK001: () =>
      'This link holds no blueprint: it has no "#bp=" part followed by the blueprint. Copy the whole link again.',
    LK002: ({ character, position }) =>
      character === undefined
        ? 'The blueprint in this link is cut short: its text has a length no base64url text can have. Copy the whole link again.'
        : `The blueprint in this link is damaged: character ${position} is "${short(character)}", which base64url does not use (it uses A–Z, a–z, 0–9, "-" and "_").`,
    LK003: () =>
      'The blueprint in this link is damaged or cut short: its data is not DEFLATE-compressed as a Failpoint link is. Copy the whole link again.',
    LK004: ({ offset }) =>
      `The blueprint in this link is not text: byte ${offset} of it is not UTF-8.`,
    LK005: ({ limit }) =>
      `The blueprint in this link would unpack to more than ${MEBIBYTES(limit)}, more than any blueprint a link can reasonably carry; it was not opened.`,
    LK006: ({ part }) => `The part "${short(part)}" of this link is not correctly percent-encoded.`,
    LK007: ({ scenario, known }) =>
      known.length === 0
        ? `The link opens scenario "${short(scenario)}", but its blueprint has no scenarios at all.`
        : `The link opens scenario "${short(scenario)}", but its blueprint has no such scenario; its scenarios are ${known.map((k) => `"${short(k)}"`).join(', ')}.`,
    LK008: ({ length, limit }) =>
      `This blueprint is too large for a link: the link would be ${THOUSANDS(length)} characters long, and many chat and mail tools cut links beyond ${THOUSANDS(limit)}. Share the blueprint file instead.`,
  },
  zh: {
    LK001: () => '此链接不含蓝图：没有“#bp=”及其后的蓝图部分。请重新复制完整的链接。',
    LK002: ({ character, position }) =>
      character === undefined
        ? '此链接中的蓝图不完整：其文本长度不可能是 base64url 文本的长度。请重新复制完整的链接。'
        : `此链接中的蓝图已损坏：第 ${position} 个字符是“${short(character)}”，不属于 base64url 字符（A–Z、a–z、0–9、“-”和“_”）。`,
    LK003: () =>
      '此链接中的蓝图已损坏或不完整：其数据不是 Failpoint 链接所用的 DEFLATE 压缩数据。请重新复制完整的链接。',
    LK004: ({ offset }) => `此链接中的蓝图不是文本：第 ${offset} 个字节不是 UTF-8 编码。`,
    LK005: ({ limit }) =>
      `此链接中的蓝图解压后将超过 ${MEBIBYTES(limit)}，远超链接可合理承载的蓝图大小，因此未打开。`,
    LK006: ({ part }) => `此链接的“${short(part)}”部分的百分号编码不正确。`,
    LK007: ({ scenario, known }) =>
      known.length === 0
        ? `此链接要打开方案“${short(scenario)}”，但其蓝图没有任何方案。`
        : `此链接要打开方案“${short(scenario)}”，但其蓝图没有该方案；已有的方案为 ${known.map((k) => `“${short(k)}”`).join('、')}。`,
    LK008: ({ length, limit }) =>
      `此蓝图太大，无法放入链接：链接将长达 ${length} 个字符，而许多聊天和邮件工具会截断超过 ${limit} 个字符的链接。请改为分享蓝图文件。`,
  },
};

/**
 * A link refusal's sentence in a language.
 *
 * @example
 * linkRefusalSentence({ ok: false, code: 'LK001', params: {} }, 'en')
 * // → 'This link holds no blueprint: it has no "#bp=" part followed by the blueprint. …'
 */
export function linkRefusalSentence(refusal: LinkRefusal, language: DiagnosticLanguage): string {
  const sentence = SENTENCES[language][refusal.code] as (params: LinkRefusal['params']) => string;
  return sentence(refusal.params);
}

/** `LK002 bad-base64url` */
export function linkRefusalName(code: LinkRefusalCode): string {
  return `${code} ${LINK_REFUSALS[code]}`;
}
