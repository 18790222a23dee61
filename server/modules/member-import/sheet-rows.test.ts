import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyRow } from './sheet-rows.js';
import type { HeaderColumn } from './header-detect.js';

const header: HeaderColumn[] = ['序号', '姓名', '身份证号', '工作单位', '备注'].map((text, i) => ({ column: i + 1, text, field: null }));
const keys = [2, 3];

describe('classifyRow', () => {
  it('skips blank, totals, signature, repeated header and banner rows', () => {
    expect(classifyRow(['', ' ', '\u3000'], header, keys)).toBe('blank');
    expect(classifyRow(['合计', '', '', '共120人'], header, keys)).toBe('totals');
    expect(classifyRow(['总 计', '', '', '', '120'], header, keys)).toBe('totals');
    expect(classifyRow(['填表人：王小明', '填表人：王小明', '填表人：王小明', '', '审核人：李主席'], header, keys)).toBe('footer');
    expect(classifyRow(['', '', '', '日期：2024年5月20日'], header, keys)).toBe('footer');
    expect(classifyRow(['注：本表由各基层工会填报'], header, keys)).toBe('footer');
    expect(classifyRow(['序号', '姓名', '身份证号', '工作单位'], header, keys)).toBe('repeated_header');
    expect(classifyRow(['一、生产车间', '一、生产车间', '一、生产车间', '一、生产车间'], header, keys)).toBe('banner');
    expect(classifyRow(['二、管理人员'], header, keys)).toBe('banner');
  });

  it('never skips a row that holds an ID number, whatever else it says', () => {
    const id = fc.stringMatching(/^[1-9]\d{16}[\dX]$/);
    const words = fc.constantFrom('合计', '填表人：', '备注：调入', '日期：', '', '张三', '一、车间');
    fc.assert(fc.property(id, words, words, words, (n, a, b, c) => {
      expect(classifyRow([a, b, n, c], header, keys)).toBeNull();
    }));
  });

  it('keeps a row with a name but no ID: it is reported, not dropped', () => {
    expect(classifyRow(['1', '张三'], header, keys)).toBeNull();
    expect(classifyRow(['', '张三', '', '某公司'], header, keys)).toBeNull();
  });
});
