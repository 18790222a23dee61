import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizePhone, parseMobile } from './phone.js';

describe('normalizePhone', () => {
  it('strips country prefixes, spaces, dashes, parentheses and full-width digits', () => {
    for (const raw of [
      '+86 138 1234 5678',
      '１３８１２３４５６７８',
      '0086-13812345678',
      '8613812345678',
      '(+86)138-1234-5678',
      '（＋８６）１３８　１２３４　５６７８',
      ' 138-1234-5678 ',
    ]) {
      expect(normalizePhone(raw)).toBe('13812345678');
    }
  });

  it('keeps a leading 86 that is not a country prefix', () => {
    // 86 followed by something other than a mobile number stays as-is
    expect(normalizePhone('86-0531-1234567')).toBe('8605311234567');
  });
});

describe('parseMobile', () => {
  it('accepts normalized mobiles', () => {
    expect(parseMobile('+86 138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
  });

  it('rejects bad formats', () => {
    for (const raw of ['12345678901', '1381234567', '138123456789', '23812345678', '1381234567a', '0531-12345678']) {
      expect(parseMobile(raw)).toEqual({ ok: false, code: 'bad_format', message: '手机号码格式不正确，应为11位，以1开头' });
    }
  });

  it('empty', () => {
    expect(parseMobile('')).toMatchObject({ ok: false, code: 'empty' });
    expect(parseMobile(' - ')).toMatchObject({ ok: false, code: 'empty' });
    expect(parseMobile(undefined)).toMatchObject({ ok: false, code: 'empty' });
  });

  it('accepts any 1[3-9]\\d{9}, with or without +86', () => {
    const mobileArb = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
      .map(([second, rest]) => `1${second}${rest.join('')}`);
    fc.assert(
      fc.property(mobileArb, fc.constantFrom('', '+86', '0086', '86', '+86 '), (m, prefix) => {
        expect(parseMobile(prefix + m)).toEqual({ ok: true, value: m });
      }),
    );
  });

  it('rejects 11-digit numbers whose second digit is 0-2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 999_999_999 }), (second, rest) => {
        expect(parseMobile(`1${second}${String(rest).padStart(9, '0')}`).ok).toBe(false);
      }),
    );
  });
});
