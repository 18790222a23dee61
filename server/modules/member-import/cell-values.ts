import { removeWhitespace, toHalfWidth } from '../../../lib/validators/fullwidth.js';
import { isRealDate, parseIdNumber, type IdErrorCode } from '../../../lib/validators/id-number.js';
import { parseMobile } from '../../../lib/validators/phone.js';
import { parseCreditCode, type CreditCodeErrorCode } from '../../../lib/validators/credit-code.js';

/**
 * One cell as the import sees it, whatever exceljs made of it: text, a number (an ID number
 * typed into a general cell, an Excel date serial in a cell without a date format), a Date
 * (a cell with a date format), a boolean, or nothing.
 */
export type CellValue = string | number | boolean | Date | null;

/** exceljs value → CellValue: formulas give their result, rich text its plain text, errors their code. */
export function fromExcel(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('result' in o) return fromExcel(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text; // hyperlink
    if (typeof o.error === 'string') return o.error;
  }
  return null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoOfUtc = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The cell as a person reads it in Excel (a date as 2019-03-05). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) >= 1e15 ? v.toExponential(5).toUpperCase() : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.getUTCHours() || v.getUTCMinutes() ? `${isoOfUtc(v)} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` : isoOfUtc(v);
}

export const isBlank = (v: CellValue) => v === null || (typeof v === 'string' && removeWhitespace(v) === '');

/** Plain text for a text field: half-width ASCII, spaces collapsed. */
export function cleanText(v: CellValue): string {
  return toHalfWidth(cellText(v)).replace(/[\s\u200B-\u200D\u2060]+/g, ' ').trim();
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * A person's name as staff type it: '张' + U+3000 + '三' (padded to align with three-character names)
 * becomes '张三'; the dot in a minority name ('阿依古丽.买买提') becomes '·'.
 */
export function normalizePersonName(v: CellValue): string {
  const s = cleanText(v);
  if (!CJK.test(s)) return s;
  return s.replace(/\s+/g, '').replace(/[.•・‧∙·。]/g, '·');
}

/**
 * The key two organization names are compared by: full- and half-width brackets, 〔〕 and 【】
 * alike, spaces gone, Latin letters in lower case. '山东某某（广饶）有限公司' and
 * '山东某某 (广饶) 有限公司' are the same employer.
 */
export function orgNameKey(name: string): string {
  return toHalfWidth(name)
    .replace(/[〔【［[｛{]/g, '(')
    .replace(/[〕】］\]｝}]/g, ')')
    .replace(/[\s\u200B-\u200D\u2060]/g, '')
    .toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// ID numbers

export type IdCell =
  | { ok: true; value: string; sex: 'M' | 'F'; birthDate: string; upgradedFrom15: boolean }
  | { ok: false; code: IdErrorCode; reason: string };

const idReasons: Record<IdErrorCode, string> = {
  empty: '不能为空',
  scientific_notation: '已被 Excel 转为科学计数法，末尾数字丢失，请将该列设为文本后重新填写',
  bad_length: '应为18位（或旧版15位）',
  bad_chars: '只能由数字组成，最后一位可以是X',
  bad_region: '前6位行政区划代码无效',
  bad_birth_date: '其中的出生日期无效',
  bad_check_digit: '校验位错误',
};

/**
 * An ID number from a cell: text (full-width digits, spaces, lower-case x, 15 digits) or a
 * number. A number beyond 2^53, or text like '3.70523E+17', has lost its last digits to
 * Excel. The reason never repeats the number.
 */
export function idFromCell(v: CellValue, today: string): IdCell {
  if (v instanceof Date || typeof v === 'boolean') return { ok: false, code: 'bad_chars', reason: idReasons.bad_chars };
  if (typeof v === 'number' && !Number.isInteger(v)) {
    return { ok: false, code: Math.abs(v) >= 1e10 ? 'scientific_notation' : 'bad_chars', reason: Math.abs(v) >= 1e10 ? idReasons.scientific_notation : idReasons.bad_chars };
  }
  const r = parseIdNumber(typeof v === 'string' && isBlank(v) ? null : v, { today });
  if (r.ok) return { ok: true, value: r.value, sex: r.sex, birthDate: r.birthDate, upgradedFrom15: r.upgradedFrom15 };
  let reason = idReasons[r.code];
  // an 18-digit number shown by Excel keeps 15 significant digits: the last three become 000
  if (r.code === 'bad_check_digit' && typeof v === 'string' && /000$/.test(removeWhitespace(toHalfWidth(v)))) {
    reason += '（末三位为000，可能曾被 Excel 转为数字而丢失末尾数字）';
  }
  return { ok: false, code: r.code, reason };
}

/** Masks what looks like an ID number or a mobile number anywhere in a cell, for reports and previews. */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(/(\d{4})(\d{7,10})(\d{3}[\dXx])/g, (_m, a: string, mid: string, b: string) => a + '*'.repeat(mid.length) + b)
    .replace(/(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, '$1****$3')
    .replace(/\b(\d)\.(\d{2,})E\+?(1[4-9])\b/gi, (_m, a: string, b: string, e: string) => `${a}.${'*'.repeat(b.length)}E+${e}`);
}

// ---------------------------------------------------------------------------------------------
// Dates

export type DateCell =
  | { ok: true; date: string; monthOnly: false }
  | { ok: true; date: string; monthOnly: true } // 'YYYY-MM', from '2019.03', '2019年3月'
  | { ok: false; reason: string };

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
/** 1901-01-01 … 2099-12-31 as Excel serials: outside this a number is not a date we accept */
const SERIAL_MIN = 367;
const SERIAL_MAX = 73050;

function fromSerial(serial: number): string {
  return isoOfUtc(new Date(EXCEL_EPOCH + Math.floor(serial + 1e-9) * DAY));
}

function ymd(y: number, m: number, d: number): DateCell {
  const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (!isRealDate(iso)) return { ok: false, reason: '日期不存在' };
  return { ok: true, date: iso, monthOnly: false };
}

function ym(y: number, m: number): DateCell {
  if (m < 1 || m > 12) return { ok: false, reason: '月份应为1到12' };
  return { ok: true, date: `${pad(y, 4)}-${pad(m)}`, monthOnly: true };
}

const formats = '请写作 2019-03-05、2019/3/5、2019.3.5、2019年3月5日 或 20190305';

/**
 * A date from a cell, in the forms staff use: a Date cell, an Excel serial (a date cell
 * whose format was lost), '2019.3.5', '2019-03-05', '2019/3/5', '2019年3月5日', '20190305',
 * and year-month alone ('2019.03', '2019年3月'). Null for an empty cell.
 */
export function parseDateCell(v: CellValue, opts: { today: string }): DateCell | null {
  if (isBlank(v)) return null;
  let result: DateCell;
  if (v instanceof Date) result = { ok: true, date: isoOfUtc(new Date(v.getTime() + 500)), monthOnly: false };
  else if (typeof v === 'boolean') result = { ok: false, reason: `无法识别为日期，${formats}` };
  else if (typeof v === 'number') result = dateFromNumber(v);
  else result = dateFromText(v as string);
  if (!result.ok) return result;
  const y = Number(result.date.slice(0, 4));
  if (y < 1900) return { ok: false, reason: '日期早于1900年' };
  if (result.date > opts.today.slice(0, result.date.length)) return { ok: false, reason: '不能晚于今天' };
  return result;
}

function dateFromNumber(n: number): DateCell {
  if (Number.isInteger(n)) {
    if (n >= 19000101 && n <= 29991231) return ymd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
    if (n >= 190001 && n <= 299912) return ym(Math.floor(n / 100), n % 100);
    // 1900–2099 is a year far more often than a serial of 1905–1910
    if (n >= 1900 && n <= 2099) return { ok: false, reason: '只有年份，请写明月、日' };
    if (n >= SERIAL_MIN && n <= SERIAL_MAX) return { ok: true, date: fromSerial(n), monthOnly: false };
    return { ok: false, reason: `无法识别为日期，${formats}` };
  }
  const m = /^(\d{4})\.(\d+)$/.exec(String(n));
  if (m && Number(m[1]) >= 1900 && Number(m[1]) <= 2099) {
    // 2019.03 typed into a number cell; 2019.10 is stored as 2019.1, the same as January
    if (m[2].length === 1 && m[2] === '1') return { ok: false, reason: `“${n}”无法确定是1月还是10月，请将该列设为文本，或写作 ${m[1]}-01 / ${m[1]}-10` };
    return ym(Number(m[1]), m[2].length === 1 ? Number(m[2]) : Number(m[2].slice(0, 2)));
  }
  if (n >= SERIAL_MIN && n <= SERIAL_MAX + 1) return { ok: true, date: fromSerial(n), monthOnly: false }; // a serial with a time of day
  return { ok: false, reason: `无法识别为日期，${formats}` };
}

function dateFromText(text: string): DateCell {
  let s = toHalfWidth(text).trim().replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  s = removeWhitespace(s);
  let m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})[日号]?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-./年](\d{1,2})月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]));
  if (/^\d{5}$/.test(s) && Number(s) >= SERIAL_MIN && Number(s) <= SERIAL_MAX) return { ok: true, date: fromSerial(Number(s)), monthOnly: false };
  return { ok: false, reason: `无法识别“${text.trim().slice(0, 20)}”，${formats}` };
}

// ---------------------------------------------------------------------------------------------
// Other kinds of cell

/** A head count: 120, '120', '120人', '1,200'. Null for an empty cell. */
export function parseCount(v: CellValue): { ok: true; value: number } | { ok: false; reason: string } | null {
  if (isBlank(v)) return null;
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= 0 && v <= 10_000_000 ? { ok: true, value: v } : { ok: false, reason: '应为不小于0的整数' };
  }
  const s = removeWhitespace(toHalfWidth(cellText(v))).replace(/,/g, '').replace(/[人名个]$/, '');
  if (/^\d{1,8}$/.test(s)) return { ok: true, value: Number(s) };
  return { ok: false, reason: '应为不小于0的整数' };
}

const YES = new Set(['是', '有', '已建', '已建会', '已建立', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', '无', '未建', '未建会', '未建立', '没有', 'n', 'no', 'false', '0', '×', '✗']);

export function parseYesNo(v: CellValue): { ok: true; value: boolean } | { ok: false; reason: string } | null {
  if (isBlank(v)) return null;
  if (typeof v === 'boolean') return { ok: true, value: v };
  const s = removeWhitespace(toHalfWidth(cellText(v))).toLowerCase();
  if (YES.has(s)) return { ok: true, value: true };
  if (NO.has(s)) return { ok: true, value: false };
  return { ok: false, reason: '应为“是”或“否”' };
}

/** 男/女 (also 男性, M, 1 — GB/T 2261.1 codes 1 and 2). */
export function parseSex(v: CellValue): { ok: true; value: 'M' | 'F' } | { ok: false; reason: string } | null {
  if (isBlank(v)) return null;
  const s = removeWhitespace(toHalfWidth(cellText(v))).toLowerCase();
  if (['男', '男性', 'm', '1'].includes(s)) return { ok: true, value: 'M' };
  if (['女', '女性', 'f', '2'].includes(s)) return { ok: true, value: 'F' };
  return { ok: false, reason: '应为“男”或“女”' };
}

export function parsePhoneCell(v: CellValue): { ok: true; value: string } | { ok: false; reason: string } | null {
  if (isBlank(v)) return null;
  const text = typeof v === 'number' && Number.isInteger(v) ? String(v) : cellText(v);
  const r = parseMobile(text);
  return r.ok ? { ok: true, value: r.value } : { ok: false, reason: '格式不正确，应为11位手机号码' };
}

const creditReasons: Record<CreditCodeErrorCode, string> = {
  empty: '不能为空',
  bad_length: '应为18位',
  bad_chars: '含有非法字符（不使用字母I、O、Z、S、V）',
  bad_check_char: '校验位错误',
};

export function parseCreditCodeCell(v: CellValue): { ok: true; value: string } | { ok: false; reason: string } | null {
  if (isBlank(v)) return null;
  const r = parseCreditCode(cellText(v));
  return r.ok ? { ok: true, value: r.value } : { ok: false, reason: creditReasons[r.code] };
}
