import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  maskBankAccount,
  maskIdFromLast4,
  maskIdLast4,
  maskIdNumber,
  maskName,
  maskPhone,
  maskPhoneFromLast4,
} from './masking.js';

describe('maskName', () => {
  it('keeps first and last characters', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('李');
    expect(maskName('')).toBe('');
    expect(maskName(null)).toBe('');
    expect(maskName('Alice')).toBe('A***e');
    // a CJK Ext. B character is one code point but two UTF-16 units
    expect(maskName('𠀋三明')).toBe('𠀋*明');
  });
});

describe('maskIdNumber', () => {
  it('keeps first 4 and last 4', () => {
    expect(maskIdNumber('37052319900101123X')).toBe('3705**********123X');
    expect(maskIdNumber('370523900101123')).toBe('3705*******1123');
    expect(maskIdNumber('123456789')).toBe('1234*6789');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber(undefined)).toBe('');
  });

  it('positions 4..13 are always stars and the length is preserved', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 18, maxLength: 18 }), (id) => {
        const m = maskIdNumber(id);
        expect(m).toHaveLength(id.length);
        expect(m.slice(4, 14)).toBe('**********');
        expect(m.slice(0, 4)).toBe(id.slice(0, 4));
        expect(m.slice(14)).toBe(id.slice(14));
      }),
    );
  });

  it('never reveals more than 8 chars of any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X'), maxLength: 30 }), (s) => {
        const m = maskIdNumber(s);
        expect(m).toHaveLength(s.length);
        expect(m.replace(/\*/g, '').length).toBeLessThanOrEqual(Math.max(0, Math.min(8, s.length - 1)));
      }),
    );
  });
});

describe('last-4 masks', () => {
  it('maskIdLast4 pads to 18 chars', () => {
    expect(maskIdLast4('123X')).toBe('**************123X');
    expect(maskIdLast4('123X')).toHaveLength(18);
    expect(maskIdLast4('')).toBe('');
  });
  it('maskIdFromLast4 shows the region prefix when given', () => {
    expect(maskIdFromLast4('123X', '3705')).toBe('3705**********123X');
    expect(maskIdFromLast4('123X')).toBe('**************123X');
    expect(maskIdFromLast4('123X', '370523')).toBe('3705**********123X');
  });
  it('maskPhoneFromLast4', () => {
    expect(maskPhoneFromLast4('5678')).toBe('*******5678');
  });
});

describe('maskPhone / maskBankAccount', () => {
  it('maskPhone keeps 3 + 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone(null)).toBe('');
  });
  it('maskBankAccount keeps 4 + 4', () => {
    expect(maskBankAccount('6222021234567890123')).toBe('6222***********0123');
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('6222***********0123');
  });
});
