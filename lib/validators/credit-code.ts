/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * Layout (18 chars):
 *   [0]     registration authority (登记管理部门)
 *   [1]     organization type within that authority (机构类别)
 *   [2..7]  administrative region code (登记管理机关行政区划码)
 *   [8..16] organization code (主体标识码, GB 11714, incl. its own check char)
 *   [17]    check char over the first 17 (MOD 31)
 */
import { removeWhitespace, toHalfWidth } from './fullwidth.js';

/** 31 chars: digits plus upper-case letters without I, O, Z, S, V. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registration authorities (first char). */
export const creditCodeAuthorities: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '工商/市场监管',
  A: '中央军委改革和编制办公室',
  N: '农业',
  Y: '其他',
};

export type CreditCodeErrorCode = 'empty' | 'bad_length' | 'bad_chars' | 'bad_check_char';

export type CreditCodeParseResult =
  | { ok: true; value: string; regionCode: string; registrationAuthority: string; orgType: string }
  | { ok: false; code: CreditCodeErrorCode; message: string };

export const creditCodeErrorMessages: Readonly<Record<CreditCodeErrorCode, string>> = {
  empty: '统一社会信用代码不能为空',
  bad_length: '统一社会信用代码应为18位',
  bad_chars: '统一社会信用代码含有非法字符（不使用字母I、O、Z、S、V）',
  bad_check_char: '统一社会信用代码校验位错误',
};

/** Trim, remove whitespace, full-width → half-width, upper-case. */
export function normalizeCreditCode(raw: string): string {
  return removeWhitespace(toHalfWidth(raw)).toUpperCase();
}

/** Check char for the first 17 chars. Throws on malformed input (programming error). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('creditCodeCheckChar: expected 17 chars');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error('creditCodeCheckChar: char outside the charset');
    sum += v * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

function fail(code: CreditCodeErrorCode): CreditCodeParseResult {
  return { ok: false, code, message: creditCodeErrorMessages[code] };
}

function inCharset(s: string): boolean {
  for (const ch of s) if (!CREDIT_CODE_CHARSET.includes(ch)) return false;
  return true;
}

export function parseCreditCode(raw: string | null | undefined): CreditCodeParseResult {
  if (raw === null || raw === undefined) return fail('empty');
  const value = normalizeCreditCode(raw);
  if (value === '') return fail('empty');
  if (value.length !== 18) return fail('bad_length');
  if (!inCharset(value)) return fail('bad_chars');
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return fail('bad_check_char');
  return {
    ok: true,
    value,
    regionCode: value.slice(2, 8),
    registrationAuthority: value[0],
    orgType: value[1],
  };
}

/** Build a valid code (demo seed, tests). Throws on malformed arguments. */
export function makeCreditCode(
  regionCode: string,
  body9: string,
  authority = '9',
  orgType = '1',
): string {
  if (!/^\d{6}$/.test(regionCode)) throw new Error('makeCreditCode: regionCode must be 6 digits');
  if (body9.length !== 9 || !inCharset(body9)) {
    throw new Error('makeCreditCode: body9 must be 9 chars from the charset');
  }
  if (authority.length !== 1 || orgType.length !== 1 || !inCharset(authority + orgType)) {
    throw new Error('makeCreditCode: authority and orgType must be single charset chars');
  }
  const first17 = authority + orgType + regionCode + body9;
  return first17 + creditCodeCheckChar(first17);
}
