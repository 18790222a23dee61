import { describe, expect, it } from 'vitest';
import { codeTableList } from '../../../lib/code-tables.js';
import { buildVocabulary, lookupCode, townshipsOf } from './vocabulary.js';

const builtin = codeTableList().map((t) => ({ code: t.code, items: t.items.map((i) => ({ ...i, enabled: true })) }));

describe('vocabulary', () => {
  const vocab = buildVocabulary(builtin);
  it('reads labels and the everyday words for them', () => {
    expect(lookupCode(vocab, 'ethnicity', '汉族')).toBe('01');
    expect(lookupCode(vocab, 'ethnicity', '汉')).toBe('01');
    expect(lookupCode(vocab, 'ethnicity', '维吾尔')).toBe('05');
    expect(lookupCode(vocab, 'education', '本科')).toBe('bachelor');
    expect(lookupCode(vocab, 'education', '中专/技校')).toBe('secondary_vocational');
    expect(lookupCode(vocab, 'political_status', '党员')).toBe('cpc_member');
    expect(lookupCode(vocab, 'political_status', '团员')).toBe('cyl_member');
    expect(lookupCode(vocab, 'worker_category', '派遣工')).toBe('dispatched');
    expect(lookupCode(vocab, 'ownership', '民营企业')).toBe('private');
    expect(lookupCode(vocab, 'ownership', '事业单位')).toBe('public_institution');
    expect(lookupCode(vocab, 'education', '博士后')).toBeNull();
  });

  it('reads an industry as its letter, its label, or both', () => {
    for (const v of ['C', 'c', '制造业', 'C 制造业', 'C-制造业', 'C制造业', 'Ｃ']) expect(lookupCode(vocab, 'industry', v), v).toBe('C');
    expect(lookupCode(vocab, 'industry', '农林牧渔业')).toBe('A');
    expect(lookupCode(vocab, 'industry', 'A 制造业')).toBeNull();
  });

  it('follows the code tables as edited: relabelled, disabled and local items', () => {
    const edited = builtin.map((t) => t.code !== 'education' ? t : {
      ...t,
      items: [...t.items.map((i) => (i.code === 'primary' ? { ...i, enabled: false } : i.code === 'college' ? { ...i, label: '专科（大专）' } : i)),
        { code: 'technician', label: '技师学院', enabled: true }],
    });
    const v = buildVocabulary(edited);
    expect(lookupCode(v, 'education', '小学')).toBeNull();
    expect(lookupCode(v, 'education', '专科（大专）')).toBe('college');
    expect(lookupCode(v, 'education', '大专')).toBe('college');
    expect(lookupCode(v, 'education', '技师学院')).toBe('technician');
  });

  it('knows the townships of a county', () => {
    const towns = townshipsOf('370523');
    expect(towns.get('大王镇')).toBe('370523101');
    expect(towns.get('370523101')).toBe('370523101');
    expect(townshipsOf('999999').size).toBe(0);
  });
});
