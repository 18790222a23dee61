import { describe, it, expect } from 'vitest';
import { fieldLabel, fieldLabels } from './zh-cn.js';

describe('fieldLabel', () => {
  it('maps known keys and falls back to the key', () => {
    expect(fieldLabel('idNumber')).toBe('身份证号');
    expect(fieldLabel('creditCode')).toBe('统一社会信用代码');
    expect(fieldLabel('pageSize')).toBe('每页条数');
    expect(fieldLabel('unknownField')).toBe('unknownField');
    expect(fieldLabel('constructor')).toBe('constructor');
  });
  it('every label is non-empty Chinese text', () => {
    for (const [k, v] of Object.entries(fieldLabels)) expect(v, k).toMatch(/[\u4e00-\u9fff]/);
  });
});
