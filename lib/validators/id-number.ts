/**
 * 居民身份证号 (resident identity card number), GB 11643-1999.
 *
 * Layout of the 18-character form:
 *   [0..5]  administrative region code (行政区划代码)
 *   [6..13] birth date YYYYMMDD
 *   [14..16] sequence code; the 17th digit (index 16) is odd for men, even for women
 *   [17]    check character, ISO 7064 MOD 11-2 ('0'-'9' or 'X')
 * The legacy 15-digit form omits the century ("19") and the check character.
 */
import { removeWhitespace, toHalfWidth } from './fullwidth.js';

export type IdErrorCode =
  | 'empty'
  | 'scientific_notation'
  | 'bad_length'
  | 'bad_chars'
  | 'bad_region'
  | 'bad_birth_date'
  | 'bad_check_digit';

export type IdParseResult =
  | {
      ok: true;
      value: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'M' | 'F';
      /** 6 digits */
      regionCode: string;
      upgradedFrom15: boolean;
    }
  | { ok: false; code: IdErrorCode; message: string };

/** Chinese messages per error code. Never include the number itself (PII in logs / toasts). */
export const idErrorMessages: Readonly<Record<IdErrorCode, string>> = {
  empty: '身份证号不能为空',
  scientific_notation: '身份证号已被 Excel 转为科学计数法，末尾数字丢失，请将该列设为文本后重新填写',
  bad_length: '身份证号应为18位（或旧版15位）',
  bad_chars: '身份证号只能由数字组成，最后一位可以是X',
  bad_region: '身份证号前6位行政区划代码无效',
  bad_birth_date: '身份证号中的出生日期无效',
  bad_check_digit: '身份证号校验位错误',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes (GB/T 2260): 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71 台湾, 81 香港, 82 澳门. */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export const MIN_BIRTH_DATE = '1900-01-01';

/** True when the first two digits are a valid province-level code. */
export function isValidProvinceCode(code2: string): boolean {
  return PROVINCE_CODES.has(code2);
}

/** Trim, drop all whitespace, full-width → half-width, lower-case x → X. Numbers (Excel cells) become String(n). */
export function normalizeIdNumber(raw: string | number): string {
  if (typeof raw === 'number') return String(raw);
  return removeWhitespace(toHalfWidth(raw)).toUpperCase();
}

/** Check character for the first 17 digits. Throws on malformed input (programming error). */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckDigit: expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Legacy 15-digit number → 18 digits: insert "19" before the 2-digit year and append the check digit. */
export function upgradeIdNumber15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new Error('upgradeIdNumber15: expected 15 digits');
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return first17 + idCheckDigit(first17);
}

/** True for a real calendar date given as 'YYYYMMDD' or 'YYYY-MM-DD'. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this month (UTC avoids DST quirks).
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= lastDay;
}

/** Today's business date as YYYY-MM-DD: a Shanghai date, whatever the machine's time zone. */
export function todayIso(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function fail(code: IdErrorCode): IdParseResult {
  return { ok: false, code, message: idErrorMessages[code] };
}

/**
 * Normalize and validate an ID number. 15-digit numbers are upgraded to 18.
 * `opts.today` (YYYY-MM-DD) bounds the birth date; defaults to the local date.
 */
export function parseIdNumber(
  raw: string | number | null | undefined,
  opts: { today?: string } = {},
): IdParseResult {
  if (raw === null || raw === undefined) return fail('empty');
  // An 18-digit number read from an Excel numeric cell cannot be exact in a double.
  if (typeof raw === 'number' && Number.isFinite(raw) && Math.abs(raw) > Number.MAX_SAFE_INTEGER) {
    return fail('scientific_notation');
  }
  let value = normalizeIdNumber(raw);
  if (value === '') return fail('empty');
  // "3.70523E+17" as typed/exported text: the trailing digits are already gone.
  if (/^\d+(\.\d+)?E\+?\d+$/.test(value.toUpperCase())) return fail('scientific_notation');

  let upgradedFrom15 = false;
  if (value.length === 15) {
    if (!/^\d{15}$/.test(value)) return fail('bad_chars');
    value = upgradeIdNumber15(value);
    upgradedFrom15 = true;
  } else if (value.length === 18) {
    if (!/^\d{17}[\dX]$/.test(value)) return fail('bad_chars');
  } else {
    return fail('bad_length');
  }

  const regionCode = value.slice(0, 6);
  if (!isValidProvinceCode(regionCode.slice(0, 2))) return fail('bad_region');

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const today = opts.today ?? todayIso();
  // ISO dates compare correctly as strings.
  if (!isRealDate(birthDate) || birthDate < MIN_BIRTH_DATE || birthDate > today) {
    return fail('bad_birth_date');
  }

  if (idCheckDigit(value.slice(0, 17)) !== value[17]) return fail('bad_check_digit');

  const sex = (value.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return { ok: true, value, birthDate, sex, regionCode, upgradedFrom15 };
}

/** Full years of age on date `on` (both YYYY-MM-DD). A 29 Feb birthday counts from 1 Mar in common years. */
export function ageOn(birthDate: string, on: string): number {
  const by = Number(birthDate.slice(0, 4));
  const oy = Number(on.slice(0, 4));
  const beforeBirthday = on.slice(5, 10) < birthDate.slice(5, 10);
  return oy - by - (beforeBirthday ? 1 : 0);
}

/** Build a valid 18-digit number (demo seed, tests). Throws on malformed arguments. */
export function makeIdNumber(regionCode: string, birthDate: string, seq3: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new Error('makeIdNumber: regionCode must be 6 digits');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || !isRealDate(birthDate)) {
    throw new Error('makeIdNumber: birthDate must be a real YYYY-MM-DD date');
  }
  if (!Number.isInteger(seq3) || seq3 < 0 || seq3 > 999) {
    throw new Error('makeIdNumber: seq3 must be an integer 0..999');
  }
  const first17 = regionCode + birthDate.replace(/-/g, '') + String(seq3).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}
