import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ageOn,
  idCheckDigit,
  idErrorMessages,
  makeIdNumber,
  normalizeIdNumber,
  parseIdNumber,
  upgradeIdNumber15,
} from './id-number.js';

const TODAY = '2025-06-30';
const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
];

const regionArb = fc
  .tuple(fc.constantFrom(...PROVINCES), fc.integer({ min: 0, max: 9999 }))
  .map(([p, n]) => p + String(n).padStart(4, '0'));
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const birthArb = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map(isoDate);
const seqArb = fc.integer({ min: 0, max: 999 });
const validIdArb = fc
  .tuple(regionArb, birthArb('1900-01-01', TODAY), seqArb)
  .map(([r, b, s]) => makeIdNumber(r, b, s));

/** Build an 18-char number with a correct check digit but arbitrary (maybe invalid) body. */
const withCheck = (first17: string) => first17 + idCheckDigit(first17);

describe('idCheckDigit', () => {
  it('matches a hand-computed example', () => {
    // 3·7+7·9+0·10+5·5+2·8+3·4+1·2+9·1+9·6+0·3+0·7+1·9+0·10+1·5+1·8+2·4+3·2 = 238; 238 mod 11 = 7 → '5'
    expect(idCheckDigit('37052319900101123')).toBe('5');
  });
  it('maps remainder 2 to X', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
  });
  it('agrees with an independent ISO 7064 MOD 11-2 formula', () => {
    // weight_i = 2^(17-i) mod 11; check value = (12 - S mod 11) mod 11, 10 written as X
    const reference = (first17: string) => {
      let s = 0;
      for (let i = 0; i < 17; i++) s += Number(first17[i]) * (2 ** (17 - i) % 11);
      const v = (12 - (s % 11)) % 11;
      return v === 10 ? 'X' : String(v);
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 }), (f) => {
        expect(idCheckDigit(f)).toBe(reference(f));
      }),
    );
    // one literal per possible check character, all of which must parse
    const literals = [
      '370523199001010080', '370523199001010021', '370523199001010072', '370523199001010013',
      '370523199001010064', '370523199001010005', '370523199001010056', '370523199001010187',
      '370523199001010048', '370523199001010099', '37052319900101003X',
    ];
    for (const id of literals) {
      expect(reference(id.slice(0, 17))).toBe(id[17]);
      expect(parseIdNumber(id, { today: TODAY }).ok).toBe(true);
    }
  });

  it('rejects malformed input', () => {
    expect(() => idCheckDigit('1234')).toThrow();
    expect(() => idCheckDigit('1101051949123100X')).toThrow();
  });
});

describe('parseIdNumber: known examples', () => {
  it('accepts literal valid numbers', () => {
    expect(parseIdNumber('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
      upgradedFrom15: false,
    });
    expect(parseIdNumber('370523199001011235', { today: TODAY })).toEqual({
      ok: true,
      value: '370523199001011235',
      birthDate: '1990-01-01',
      sex: 'M',
      regionCode: '370523',
      upgradedFrom15: false,
    });
  });

  it('accepts numbers built with idCheckDigit', () => {
    const id = withCheck('44030420000229456');
    const r = parseIdNumber(id, { today: TODAY });
    expect(r).toMatchObject({ ok: true, birthDate: '2000-02-29', sex: 'F' }); // 17th digit 6 is even
  });

  it('440524188001010014 has a correct check digit but a birth year before 1900', () => {
    expect(idCheckDigit('44052418800101001')).toBe('4');
    expect(parseIdNumber('440524188001010014', { today: TODAY })).toMatchObject({
      ok: false,
      code: 'bad_birth_date',
    });
  });

  it('rejects a wrong check digit', () => {
    expect(parseIdNumber('37052319900101123X', { today: TODAY })).toEqual({
      ok: false,
      code: 'bad_check_digit',
      message: '身份证号校验位错误',
    });
  });
});

describe('parseIdNumber: normalization', () => {
  it('normalizes full-width digits, full-width spaces and lower-case x', () => {
    expect(normalizeIdNumber(' １１０１０５ １９４９１２３１\u3000００２ｘ ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002Ｘ')).toBe('11010519491231002X');
    const r = parseIdNumber('１１０１０５１９４９１２３１００２ｘ', { today: TODAY });
    expect(r).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('110105 1949 1231 002x', { today: TODAY })).toMatchObject({ ok: true });
  });

  it('returns String(n) for numbers', () => {
    expect(normalizeIdNumber(370523900101123)).toBe('370523900101123');
  });
});

describe('parseIdNumber: errors', () => {
  it('empty', () => {
    for (const v of [null, undefined, '', '   ', '\u3000']) {
      expect(parseIdNumber(v)).toMatchObject({ ok: false, code: 'empty' });
    }
  });

  it('detects scientific notation (string and unsafe number)', () => {
    for (const v of ['3.70523E+17', '3.70523e+17', '3.70523199001011E17', // eslint-disable-next-line no-loss-of-precision -- the precision loss is what is under test
      370523199001011235, 3.70523e17]) {
      const r = parseIdNumber(v, { today: TODAY });
      expect(r).toMatchObject({ ok: false, code: 'scientific_notation' });
      if (!r.ok) expect(r.message).toBe(idErrorMessages.scientific_notation);
    }
    expect(idErrorMessages.scientific_notation).toContain('科学计数法');
  });

  it('accepts a 15-digit number given as a (safe) number', () => {
    expect(parseIdNumber(370523900101123, { today: TODAY })).toMatchObject({
      ok: true,
      upgradedFrom15: true,
      birthDate: '1990-01-01',
    });
  });

  it('bad length and bad chars', () => {
    expect(parseIdNumber('1234567', { today: TODAY })).toMatchObject({ ok: false, code: 'bad_length' });
    expect(parseIdNumber('3705231990010112355', { today: TODAY })).toMatchObject({ ok: false, code: 'bad_length' });
    expect(parseIdNumber('3705231990010112A5', { today: TODAY })).toMatchObject({ ok: false, code: 'bad_chars' });
    expect(parseIdNumber('X70523199001011235', { today: TODAY })).toMatchObject({ ok: false, code: 'bad_chars' });
    expect(parseIdNumber('37052390010112X', { today: TODAY })).toMatchObject({ ok: false, code: 'bad_chars' });
  });

  it('bad region', () => {
    for (const p of ['00', '10', '16', '20', '38', '47', '55', '60', '66', '70', '72', '80', '83', '99']) {
      const r = parseIdNumber(withCheck(p + '052319900101123'), { today: TODAY });
      expect(r).toMatchObject({ ok: false, code: 'bad_region' });
    }
  });

  it('rejects impossible calendar dates', () => {
    for (const d of ['19900230', '19900431', '19901301', '19900001', '19900100', '19000229', '20230229']) {
      const r = parseIdNumber(withCheck('370523' + d + '123'), { today: TODAY });
      expect(r).toMatchObject({ ok: false, code: 'bad_birth_date' });
    }
    // leap days that exist
    expect(parseIdNumber(withCheck('37052320000229123'), { today: TODAY }).ok).toBe(true);
    expect(parseIdNumber(withCheck('37052319960229123'), { today: TODAY }).ok).toBe(true);
  });

  it('rejects birth dates before 1900 or after today', () => {
    expect(parseIdNumber(withCheck('37052318991231123'), { today: TODAY })).toMatchObject({ code: 'bad_birth_date' });
    expect(parseIdNumber(withCheck('37052319000101123'), { today: TODAY }).ok).toBe(true);
    expect(parseIdNumber(withCheck('37052320250630123'), { today: TODAY }).ok).toBe(true);
    expect(parseIdNumber(withCheck('37052320250701123'), { today: TODAY })).toMatchObject({ code: 'bad_birth_date' });
    // default "today" is the real current date: a far-future date must fail
    expect(parseIdNumber(withCheck('37052320991231123'))).toMatchObject({ code: 'bad_birth_date' });
  });

  it('error messages never contain the number', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 8, maxLength: 20 }), (s) => {
        const r = parseIdNumber(s, { today: TODAY });
        if (!r.ok) expect(r.message).not.toContain(s);
      }),
    );
  });
});

describe('parseIdNumber: properties', () => {
  it('every makeIdNumber output parses with the same birth date, region and sex parity', () => {
    fc.assert(
      fc.property(regionArb, birthArb('1900-01-01', TODAY), seqArb, (region, birth, seq) => {
        const id = makeIdNumber(region, birth, seq);
        const r = parseIdNumber(id, { today: TODAY });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toBe(id);
        expect(r.birthDate).toBe(birth);
        expect(r.regionCode).toBe(region);
        expect(r.sex).toBe(seq % 2 === 1 ? 'M' : 'F');
        expect(r.upgradedFrom15).toBe(false);
      }),
    );
  });

  it('changing any single digit of the first 17 breaks the check', () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const digit = (Number(id[pos]) + delta) % 10;
        const mutated = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
        expect(mutated).not.toBe(id);
        // MOD 11-2 detects every single-digit substitution
        expect(idCheckDigit(mutated.slice(0, 17))).not.toBe(id[17]);
        expect(parseIdNumber(mutated, { today: TODAY }).ok).toBe(false);
      }),
    );
  });

  it('15 → 18 upgrade keeps the birth date and yields a valid number', () => {
    fc.assert(
      fc.property(regionArb, birthArb('1900-01-01', '1999-12-31'), seqArb, (region, birth, seq) => {
        const id15 = region + birth.slice(2).replace(/-/g, '') + String(seq).padStart(3, '0');
        const id18 = upgradeIdNumber15(id15);
        expect(id18).toBe(makeIdNumber(region, birth, seq));
        const r = parseIdNumber(id15, { today: TODAY });
        expect(r).toMatchObject({ ok: true, value: id18, birthDate: birth, upgradedFrom15: true });
        expect(parseIdNumber(id18, { today: TODAY })).toMatchObject({ ok: true, birthDate: birth, upgradedFrom15: false });
      }),
    );
  });

  it('lower-case x and full-width digits normalize to the same valid number', () => {
    const toFull = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(validIdArb, (id) => {
        expect(parseIdNumber(id.toLowerCase(), { today: TODAY })).toMatchObject({ ok: true, value: id });
        expect(parseIdNumber(toFull(id), { today: TODAY })).toMatchObject({ ok: true, value: id });
      }),
    );
  });
});

describe('upgradeIdNumber15', () => {
  it('inserts 19 and appends the check digit', () => {
    expect(upgradeIdNumber15('370523900101123')).toBe('370523199001011235');
    expect(() => upgradeIdNumber15('37052390010112')).toThrow();
  });
});

describe('makeIdNumber', () => {
  it('validates its arguments', () => {
    expect(() => makeIdNumber('37052', '1990-01-01', 1)).toThrow();
    expect(() => makeIdNumber('370523', '1990-02-30', 1)).toThrow();
    expect(() => makeIdNumber('370523', '1990-01-01', 1000)).toThrow();
    expect(() => makeIdNumber('370523', '1990-01-01', 1.5)).toThrow();
    expect(makeIdNumber('370523', '1990-01-01', 123)).toBe('370523199001011235');
  });
});

describe('ageOn', () => {
  it('counts completed years', () => {
    expect(ageOn('1990-06-15', '2025-06-14')).toBe(34);
    expect(ageOn('1990-06-15', '2025-06-15')).toBe(35);
    expect(ageOn('1990-06-15', '2025-12-31')).toBe(35);
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
    expect(ageOn('2025-01-01', '2025-01-01')).toBe(0);
  });
});
