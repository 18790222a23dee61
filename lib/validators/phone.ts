/** Mainland China mobile numbers (11 digits, 1[3-9]xxxxxxxxx). */
import { removeWhitespace, toHalfWidth } from './fullwidth.js';

export type MobileErrorCode = 'empty' | 'bad_format';

export type MobileParseResult =
  | { ok: true; value: string }
  | { ok: false; code: MobileErrorCode; message: string };

export const mobileErrorMessages: Readonly<Record<MobileErrorCode, string>> = {
  empty: '手机号码不能为空',
  bad_format: '手机号码格式不正确，应为11位，以1开头',
};

/**
 * Full-width → half-width, drop whitespace, dashes and parentheses, then strip a
 * country prefix (+86 / 0086 / 86) when what follows is an 11-digit number starting with 1.
 */
export function normalizePhone(raw: string): string {
  const s = removeWhitespace(toHalfWidth(raw)).replace(/[-‐‑‒–—―()（）]/g, '');
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(s);
  return m ? m[1] : s;
}

export function parseMobile(raw: string | null | undefined): MobileParseResult {
  if (raw === null || raw === undefined) return fail('empty');
  const value = normalizePhone(raw);
  if (value === '') return fail('empty');
  if (!/^1[3-9]\d{9}$/.test(value)) return fail('bad_format');
  return { ok: true, value };
}

function fail(code: MobileErrorCode): MobileParseResult {
  return { ok: false, code, message: mobileErrorMessages[code] };
}
