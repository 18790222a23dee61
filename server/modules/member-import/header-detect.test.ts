import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectHeader, mapHeaderRow, matchHeader, normalizeHeader } from './header-detect.js';
import { employerFields, memberFields } from './import-fields.js';

describe('normalizeHeader', () => {
  it('drops markers, notes in brackets, spaces, line breaks and full-width forms', () => {
    expect(normalizeHeader('＊身份证号码（18位）：')).toBe('身份证号码');
    expect(normalizeHeader('*姓名')).toBe('姓名');
    expect(normalizeHeader('公民身份\n号码')).toBe('公民身份号码');
    expect(normalizeHeader('所在乡镇(街道)')).toBe('所在乡镇');
    expect(normalizeHeader('手机号码【必填】')).toBe('手机号码');
  });
});

describe('matchHeader', () => {
  it('knows every synonym of every field', () => {
    for (const fields of [memberFields, employerFields]) {
      for (const f of fields) for (const s of f.synonyms) expect(matchHeader(s, fields)?.field, s).toBe(f.key);
    }
  });

  it('matches a short header that contains a synonym, the longest one', () => {
    expect(matchHeader('其中：女职工', employerFields)?.field).toBe('womenCount');
    expect(matchHeader('其中女职工人数', employerFields)?.field).toBe('womenCount');
    expect(matchHeader('全日制学历', memberFields)?.field).toBe('education');
    expect(matchHeader('基层工会名称', employerFields)?.field).toBe('unionName');
  });

  it('names nothing for a title, a note or 序号', () => {
    expect(matchHeader('甲镇某机械有限公司工会会员花名册（2024年度）', memberFields)).toBeNull();
    expect(matchHeader('序号', memberFields)).toBeNull();
    expect(matchHeader('No.', memberFields)).toBeNull();
    expect(matchHeader('备注', memberFields)).toBeNull();
  });
});

describe('mapHeaderRow', () => {
  it('gives each field one column: an exact name before a partial one, then the leftmost', () => {
    const { mapping, columns } = mapHeaderRow(['序号', '联系电话', '手机号码', '姓名', '姓名', '身份证号'], memberFields);
    expect(mapping).toEqual({ phone: 3, name: 4, idNumber: 6 });
    expect(columns[1]).toEqual({ column: 2, text: '联系电话', field: null });
    expect(columns[0].field).toBeNull();
  });
});

describe('detectHeader', () => {
  const header = ['序号', '姓名', '性别', '身份证号码', '工作单位', '入会时间'];
  it('finds the header under title rows, a blank row and a note', () => {
    const rows = [
      { rowNumber: 1, cells: Array(6).fill('甲镇总工会会员花名册') },
      { rowNumber: 2, cells: ['填报单位：甲镇总工会', '', '', '', '填报日期：2024年5月'] },
      { rowNumber: 4, cells: header },
      { rowNumber: 5, cells: ['1', '张三', '男', '370523199001011235', '某公司', '2019-03-05'] },
    ];
    const guess = detectHeader(rows, memberFields);
    expect(guess).toMatchObject({ headerRow: 4, missing: [] });
    expect(guess.mapping).toEqual({ name: 2, sex: 3, idNumber: 4, employer: 5, joinDate: 6 });
  });

  it('wherever the header row stands among title and data rows, it is found', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5 }), (above, below) => {
      const rows = [
        ...Array.from({ length: above }, (_, i) => ({ rowNumber: i + 1, cells: [`第${i + 1}行说明：本表由各单位填写`] })),
        { rowNumber: above + 1, cells: header },
        ...Array.from({ length: below }, (_, i) => ({ rowNumber: above + 2 + i, cells: [String(i + 1), '张三', '男', '370523199001011235', '某公司工会', '2019'] })),
      ];
      expect(detectHeader(rows, memberFields).headerRow).toBe(above + 1);
    }));
  });

  it('says which required columns are missing, and when no row looks like a header', () => {
    expect(detectHeader([{ rowNumber: 1, cells: ['姓名', '性别', '民族'] }], memberFields).missing).toEqual(['idNumber']);
    expect(detectHeader([{ rowNumber: 1, cells: ['a', 'b'] }], memberFields)).toMatchObject({ headerRow: null, missing: ['name', 'idNumber'], score: 0 });
  });
});
