import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../lib/validators/id-number.js';
import { classifySearch } from './member-search.js';

describe('member search box', () => {
  const id = makeIdNumber('370523', '1990-01-01', 123);

  it('a full ID number (18, 15-digit legacy, lower-case x, full-width) is an exact blind-index search', () => {
    expect(classifySearch(id)).toEqual({ kind: 'id_number', value: id });
    expect(classifySearch('370523900101123')).toEqual({ kind: 'id_number', value: '370523199001011235' });
    const withX = makeIdNumber('110105', '1949-12-31', 2);
    expect(withX.endsWith('X')).toBe(true);
    expect(classifySearch(withX.toLowerCase())).toEqual({ kind: 'id_number', value: withX });
    expect(classifySearch(' ３７０５２３１９９００１０１１２３５ ')).toEqual({ kind: 'id_number', value: id });
  });

  it('a full mobile number is an exact blind-index search', () => {
    expect(classifySearch('138 1234 5678')).toEqual({ kind: 'phone', value: '13812345678' });
    expect(classifySearch('+8613812345678')).toEqual({ kind: 'phone', value: '13812345678' });
  });

  it('four characters of digits (the last may be X) are the last 4 of an ID or phone', () => {
    expect(classifySearch('1235')).toEqual({ kind: 'last4', value: '1235' });
    expect(classifySearch('002x')).toEqual({ kind: 'last4', value: '002X' });
  });

  it('letters are pinyin initials, Chinese text a name', () => {
    expect(classifySearch('ZSM')).toEqual({ kind: 'initials', value: 'zsm' });
    expect(classifySearch('张三')).toEqual({ kind: 'name', value: '张三' });
  });

  it('a number that fails its check is not treated as an ID number', () => {
    expect(classifySearch(id.slice(0, 17) + (id[17] === '0' ? '1' : '0')).kind).toBe('name');
  });
});
