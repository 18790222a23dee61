import { describe, it, expect } from 'vitest';
import { codeLabel, codeTableList, codeTables, isValidCode, nonPublicOwnerships } from './code-tables.js';

const REQUIRED = [
  'org_kind', 'joint_kind', 'ownership', 'industry', 'sex', 'ethnicity', 'education', 'political_status',
  'worker_category', 'member_status', 'appeal_type', 'appeal_subject', 'difficulty_tier', 'appeal_channel',
  'hardship_level', 'hardship_cause', 'work_status', 'campaign_kind', 'mutual_aid_plan_kind', 'honor_level',
  'honor_kind', 'collective_contract_kind', 'user_status',
];

describe('code tables', () => {
  it('contains every required table, keyed by its own code', () => {
    for (const t of REQUIRED) expect(codeTables[t]?.code).toBe(t);
    for (const [key, t] of Object.entries(codeTables)) expect(t.code).toBe(key);
    expect(codeTableList().map((t) => t.code).sort()).toEqual(Object.keys(codeTables).sort());
  });

  it('every table has a name, items, unique codes and non-empty labels', () => {
    for (const t of codeTableList()) {
      expect(t.name.trim()).not.toBe('');
      expect(t.items.length).toBeGreaterThan(0);
      const codes = t.items.map((i) => i.code);
      expect(new Set(codes).size, t.code).toBe(codes.length);
      for (const i of t.items) {
        expect(i.code.trim(), t.code).not.toBe('');
        expect(i.label.trim(), `${t.code}.${i.code}`).not.toBe('');
      }
    }
  });

  it('ethnicity has 56 groups (01..56) plus 97 and 98', () => {
    const items = codeTables.ethnicity.items;
    expect(items).toHaveLength(58);
    expect(items.map((i) => i.code)).toEqual([
      ...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')),
      '97',
      '98',
    ]);
    expect(new Set(items.map((i) => i.label)).size).toBe(58);
    expect(codeLabel('ethnicity', '01')).toBe('汉族');
    expect(codeLabel('ethnicity', '05')).toBe('维吾尔族');
    expect(codeLabel('ethnicity', '56')).toBe('基诺族');
  });

  it('industry is GB/T 4754-2017 sections A..T', () => {
    expect(codeTables.industry.items.map((i) => i.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(codeLabel('industry', 'C')).toBe('制造业');
  });

  it('codeLabel falls back to the code, or "" for empty', () => {
    expect(codeLabel('org_kind', 'joint_grassroots')).toBe('联合基层工会');
    expect(codeLabel('sex', 'F')).toBe('女');
    expect(codeLabel('sex', 'X')).toBe('X');
    expect(codeLabel('no_such_table', 'abc')).toBe('abc');
    expect(codeLabel('sex', null)).toBe('');
    expect(codeLabel('sex', undefined)).toBe('');
    expect(codeLabel('sex', '')).toBe('');
  });

  it('isValidCode', () => {
    expect(isValidCode('appeal_channel', 'phone')).toBe(true);
    expect(isValidCode('appeal_channel', 'fax')).toBe(false);
    expect(isValidCode('no_such_table', 'phone')).toBe(false);
    expect(isValidCode('sex', 'toString')).toBe(false);
  });

  it('non-public ownerships are valid ownership codes', () => {
    for (const c of nonPublicOwnerships) expect(isValidCode('ownership', c)).toBe(true);
    expect([...nonPublicOwnerships]).toEqual(['private', 'foreign', 'hmt', 'individual']);
  });
});
