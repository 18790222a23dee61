import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  makeCreditCode,
  normalizeCreditCode,
  parseCreditCode,
} from './credit-code.js';

const CHARS = [...CREDIT_CODE_CHARSET];
const charsArb = (n: number) => fc.array(fc.constantFrom(...CHARS), { minLength: n, maxLength: n }).map((a) => a.join(''));
const regionArb = fc.integer({ min: 0, max: 999999 }).map((n) => String(n).padStart(6, '0'));
const codeArb = fc
  .tuple(regionArb, charsArb(9), fc.constantFrom(...CHARS), fc.constantFrom(...CHARS))
  .map(([r, b, a, t]) => makeCreditCode(r, b, a, t));

describe('credit code charset', () => {
  it('has 31 chars without I O Z S V', () => {
    expect(CHARS).toHaveLength(31);
    expect(new Set(CHARS).size).toBe(31);
    for (const c of 'IOZSV') expect(CREDIT_CODE_CHARSET).not.toContain(c);
  });
});

describe('creditCodeCheckChar', () => {
  it('matches a hand-computed real-format code 91350100M000100Y43', () => {
    // values   9 1 3 5  0 1  0 0 M=21 0 0 0 1 0 0 Y=30 4
    // weights  1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    // sum = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31-28 = 3 → '3'
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
      regionCode: '350100',
      registrationAuthority: '9',
      orgType: '1',
    });
  });

  it('agrees with an independent formula (weight_i = 3^i mod 31)', () => {
    const reference = (first17: string) => {
      let s = 0;
      for (let i = 0; i < 17; i++) s += CREDIT_CODE_CHARSET.indexOf(first17[i]) * (3 ** i % 31);
      return CREDIT_CODE_CHARSET[(31 - (s % 31)) % 31];
    };
    fc.assert(
      fc.property(charsArb(17), (f) => {
        expect(creditCodeCheckChar(f)).toBe(reference(f));
      }),
    );
  });

  it('maps (31 - 0) mod 31 to "0"', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('rejects chars outside the charset', () => {
    expect(() => creditCodeCheckChar('91350100I000100Y4')).toThrow();
    expect(() => creditCodeCheckChar('9135')).toThrow();
  });
});

describe('parseCreditCode', () => {
  it('normalizes lower-case, spaces and full-width input', () => {
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(parseCreditCode('９１３５０１００ｍ０００１００ｙ４３')).toMatchObject({ ok: true, value: '91350100M000100Y43' });
    expect(parseCreditCode('9135 0100 M000 100Y 43\u3000')).toMatchObject({ ok: true, value: '91350100M000100Y43' });
  });

  it('reports errors with Chinese messages', () => {
    expect(parseCreditCode('')).toMatchObject({ ok: false, code: 'empty' });
    expect(parseCreditCode(null)).toMatchObject({ ok: false, code: 'empty' });
    expect(parseCreditCode('91350100M000100Y4')).toEqual({ ok: false, code: 'bad_length', message: '统一社会信用代码应为18位' });
    expect(parseCreditCode('91350100M000100I43')).toMatchObject({ ok: false, code: 'bad_chars' });
    expect(parseCreditCode('91350100M000100Y4-')).toMatchObject({ ok: false, code: 'bad_chars' });
    expect(parseCreditCode('91350100M000100Y44')).toEqual({ ok: false, code: 'bad_check_char', message: '统一社会信用代码校验位错误' });
  });

  it('every makeCreditCode output validates', () => {
    fc.assert(
      fc.property(regionArb, charsArb(9), fc.constantFrom(...CHARS), fc.constantFrom(...CHARS), (r, b, a, t) => {
        const code = makeCreditCode(r, b, a, t);
        expect(code).toHaveLength(18);
        expect(parseCreditCode(code)).toEqual({ ok: true, value: code, regionCode: r, registrationAuthority: a, orgType: t });
        expect(parseCreditCode(code.toLowerCase())).toMatchObject({ ok: true, value: code });
      }),
    );
  });

  it('any single-char substitution within the charset breaks the check', () => {
    fc.assert(
      fc.property(codeArb, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (code, pos, delta) => {
        const replacement = CHARS[(CHARS.indexOf(code[pos]) + delta) % 31];
        const mutated = code.slice(0, pos) + replacement + code.slice(pos + 1);
        expect(mutated).not.toBe(code);
        expect(parseCreditCode(mutated)).toMatchObject({ ok: false, code: 'bad_check_char' });
      }),
    );
  });

  it('makeCreditCode validates its arguments', () => {
    expect(() => makeCreditCode('35010', 'M000100Y4')).toThrow();
    expect(() => makeCreditCode('350100', 'M000100I4')).toThrow();
    expect(() => makeCreditCode('350100', 'M000100Y')).toThrow();
    expect(() => makeCreditCode('350100', 'M000100Y4', 'Z')).toThrow();
    expect(makeCreditCode('350100', 'M000100Y4')).toBe('91350100M000100Y43');
  });
});
