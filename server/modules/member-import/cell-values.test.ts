import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeIdNumber } from '../../../lib/validators/id-number.js';
import {
  cellText, fromExcel, idFromCell, maskPersonalNumbers, normalizePersonName, orgNameKey, parseCount, parseDateCell, parsePhoneCell, parseSex, parseYesNo,
} from './cell-values.js';

const TODAY = '2025-06-30';
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const isoArb = fc.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const idArb = fc.tuple(isoArb, fc.integer({ min: 0, max: 999 })).map(([b, s]) => makeIdNumber('370523', b, s));

describe('idFromCell', () => {
  it('reads an ID however it was typed: full-width, spaces, lower-case x', () => {
    fc.assert(fc.property(idArb, fc.boolean(), fc.boolean(), (id, wide, spaced) => {
      let typed = id.toLowerCase();
      if (spaced) typed = ` ${typed.slice(0, 6)} ${typed.slice(6, 14)}\u3000${typed.slice(14)} `;
      if (wide) typed = fullWidth(typed);
      const r = idFromCell(typed, TODAY);
      expect(r).toMatchObject({ ok: true, value: id });
    }));
  });

  it('an 18-digit ID stored as a number has lost digits: scientific notation, never a wrong number', () => {
    fc.assert(fc.property(idArb.filter((id) => !id.endsWith('X')), (id) => {
      expect(idFromCell(Number(id), TODAY)).toMatchObject({ ok: false, code: 'scientific_notation' });
    }));
    expect(idFromCell('3.70523E+17', TODAY)).toMatchObject({ ok: false, reason: expect.stringContaining('科学计数法') });
    expect(idFromCell(3.705231990010112e17, TODAY)).toMatchObject({ ok: false, code: 'scientific_notation' });
  });

  it('upgrades a 15-digit ID, given as text or as a number', () => {
    expect(idFromCell(370523850312121, TODAY)).toMatchObject({ ok: true, upgradedFrom15: true, birthDate: '1985-03-12', sex: 'M' });
    expect(idFromCell('370523850312121', TODAY)).toMatchObject({ ok: true, value: expect.stringMatching(/^37052319850312121[\dX]$/) });
  });

  it('gives short reasons for the column prefix, hinting at lost digits', () => {
    const id = makeIdNumber('370523', '1990-01-01', 123);
    const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(idFromCell(bad, TODAY)).toEqual({ ok: false, code: 'bad_check_digit', reason: '校验位错误' });
    expect(idFromCell('370523199001011000', TODAY)).toMatchObject({ ok: false, reason: expect.stringContaining('末三位为000') });
    expect(idFromCell(null, TODAY)).toMatchObject({ ok: false, code: 'empty', reason: '不能为空' });
    expect(idFromCell('  ', TODAY)).toMatchObject({ ok: false, code: 'empty' });
    expect(idFromCell(new Date(), TODAY)).toMatchObject({ ok: false, code: 'bad_chars' });
  });
});

describe('parseDateCell', () => {
  it('reads every form staff write as the same date', () => {
    fc.assert(fc.property(isoArb, (iso) => {
      const [y, m, d] = iso.split('-').map(Number);
      const serial = (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
      // a serial up to 2099 (a date before 1905-10) reads as a year
      for (const v of [iso, `${y}.${m}.${d}`, `${y}/${m}/${d}`, `${y}年${m}月${d}日`, iso.replace(/-/g, ''), ...(serial > 2099 ? [serial] : []),
        Number(iso.replace(/-/g, '')), new Date(`${iso}T00:00:00Z`), `${iso} 00:00:00`, fullWidth(iso)]) {
        expect(parseDateCell(v, { today: TODAY }), String(v)).toEqual({ ok: true, date: iso, monthOnly: false });
      }
    }));
  });

  it('reads year and month alone', () => {
    for (const v of ['2019.03', '2019年3月', '2019-3', '201903', 2019.03, 201903]) {
      expect(parseDateCell(v, { today: TODAY }), String(v)).toEqual({ ok: true, date: '2019-03', monthOnly: true });
    }
    expect(parseDateCell(2019.12, { today: TODAY })).toEqual({ ok: true, date: '2019-12', monthOnly: true });
  });

  it('refuses what cannot be a date, saying why', () => {
    expect(parseDateCell('2019-02-30', { today: TODAY })).toEqual({ ok: false, reason: '日期不存在' });
    expect(parseDateCell('2025-07-01', { today: TODAY })).toEqual({ ok: false, reason: '不能晚于今天' });
    expect(parseDateCell(2019.1, { today: TODAY })).toMatchObject({ ok: false, reason: expect.stringContaining('1月还是10月') });
    expect(parseDateCell('去年', { today: TODAY })).toMatchObject({ ok: false, reason: expect.stringContaining('无法识别') });
    expect(parseDateCell(2019, { today: TODAY })).toMatchObject({ ok: false, reason: expect.stringContaining('只有年份') });
    expect(parseDateCell('1899-12-31', { today: TODAY })).toMatchObject({ ok: false });
    expect(parseDateCell(null, { today: TODAY })).toBeNull();
    expect(parseDateCell(' ', { today: TODAY })).toBeNull();
  });
});

describe('names', () => {
  it('an employer name is the same whatever its brackets and spaces', () => {
    const base = fc.string({ unit: fc.constantFrom(...'山东甲镇机械集团有限公司ABC'), minLength: 1, maxLength: 8 });
    fc.assert(fc.property(base, base, base, (a, b, c) => {
      const half = `${a}(${b})${c}`;
      expect(orgNameKey(`${a}（${b}）${c}`)).toBe(orgNameKey(half));
      expect(orgNameKey(` ${a} (${b}) ${c}`)).toBe(orgNameKey(half));
      expect(orgNameKey(`${a}【${b}】${c}`)).toBe(orgNameKey(half));
    }));
  });

  it('a person name loses alignment spaces and gets the middle dot', () => {
    expect(normalizePersonName('张　三')).toBe('张三');
    expect(normalizePersonName(' 李 四 ')).toBe('李四');
    expect(normalizePersonName('阿依古丽.买买提')).toBe('阿依古丽·买买提');
    expect(normalizePersonName('阿依古丽•买买提')).toBe('阿依古丽·买买提');
    expect(normalizePersonName('John  Smith')).toBe('John Smith');
  });
});

describe('cells', () => {
  it('takes formula results, rich text and hyperlink text', () => {
    expect(fromExcel({ formula: 'A1', result: 5 })).toBe(5);
    expect(fromExcel({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(fromExcel({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(fromExcel({ error: '#N/A' })).toBe('#N/A');
    expect(fromExcel(undefined)).toBeNull();
  });

  it('shows a cell as Excel does', () => {
    expect(cellText(new Date('2019-03-05T00:00:00Z'))).toBe('2019-03-05');
    expect(cellText(370523199001011200)).toBe('3.70523E+17');
    expect(cellText(42)).toBe('42');
    expect(cellText('  a ')).toBe('a');
  });

  it('masks every ID and mobile number in a text', () => {
    fc.assert(fc.property(idArb, fc.string({ maxLength: 5 }), (id, around) => {
      const masked = maskPersonalNumbers(`${around}${id}${around}`);
      expect(masked).not.toContain(id);
      expect(masked).toContain(id.slice(-4));
    }));
    expect(maskPersonalNumbers('电话13812345678')).toBe('电话138****5678');
    expect(maskPersonalNumbers('3.70523E+17')).toBe('3.*****E+17');
    expect(maskPersonalNumbers('2019-03-05')).toBe('2019-03-05');
  });

  it('reads counts, yes/no, sex and phones', () => {
    expect(parseCount('120人')).toEqual({ ok: true, value: 120 });
    expect(parseCount('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseCount(-1)).toMatchObject({ ok: false });
    expect(parseCount(1.5)).toMatchObject({ ok: false });
    expect(parseCount('')).toBeNull();
    expect(parseYesNo('是')).toEqual({ ok: true, value: true });
    expect(parseYesNo('未建会')).toEqual({ ok: true, value: false });
    expect(parseYesNo('也许')).toMatchObject({ ok: false, reason: '应为“是”或“否”' });
    expect(parseSex('女性')).toEqual({ ok: true, value: 'F' });
    expect(parseSex('Ｍ')).toEqual({ ok: true, value: 'M' });
    expect(parseSex('未知')).toMatchObject({ ok: false });
    expect(parsePhoneCell(13812345678)).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhoneCell('+86 138-1234-5678')).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhoneCell('0546-1234567')).toMatchObject({ ok: false });
  });
});
