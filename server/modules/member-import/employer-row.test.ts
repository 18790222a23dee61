import { describe, expect, it } from 'vitest';
import { codeTableList } from '../../../lib/code-tables.js';
import { makeCreditCode } from '../../../lib/validators/credit-code.js';
import { decideEmployer, resolveEmployerRefs, validateEmployerRow, type EmployerRowContext, type ExistingEmployer } from './employer-row.js';
import { buildVocabulary, townshipsOf } from './vocabulary.js';
import { orgNameKey, type CellValue } from './cell-values.js';

const vocab = buildVocabulary(codeTableList().map((t) => ({ code: t.code, items: t.items.map((i) => ({ ...i, enabled: true })) })));
const fields = ['name', 'creditCode', 'ownership', 'industry', 'township', 'address', 'employeeCount', 'womenCount', 'migrantCount', 'dispatchedCount', 'platformCount', 'hasUnion', 'unionName'];
const ctx: EmployerRowContext = {
  today: '2025-06-30', vocab, townships: townshipsOf('370523'),
  mapping: Object.fromEntries(fields.map((f, i) => [f, i + 1])), headerText: { womenCount: '女职工', employeeCount: '职工人数' },
};
const code = makeCreditCode('370523', 'MA3C00001');
const row = (over: Record<string, CellValue> = {}): CellValue[] => fields.map((f) => (f in over ? over[f] : ({ name: '甲公司', ownership: '私营', industry: 'C' } as Record<string, CellValue>)[f] ?? null));
const unions = new Map([[orgNameKey('甲联合工会'), [{ id: 5, name: '甲联合工会', kind: 'joint_grassroots' }]], [orgNameKey('甲镇总工会'), [{ id: 2, name: '甲镇总工会', kind: 'township' }]]]);
const rec = (over: Partial<ExistingEmployer> = {}): ExistingEmployer => ({
  id: 9, inside: true, name: '甲公司', creditCode: null, ownership: 'private', industry: 'C', townshipCode: null, address: null, employeeCount: 100,
  womenCount: 10, migrantCount: 0, dispatchedCount: 0, platformCount: 0, hasUnion: false, coveringUnionId: null, ...over,
});
const decide = (cells: CellValue[], byCode?: ExistingEmployer, byName: ExistingEmployer[] = []) => {
  const d = validateEmployerRow(3, cells, ctx);
  resolveEmployerRefs(d, { targetOrgName: '甲镇总工会', unions }, ctx);
  return decideEmployer(d, { byCode, byName }, ctx);
};

describe('employer rows', () => {
  it('reads a full row', () => {
    const d = validateEmployerRow(3, row({ creditCode: code.toLowerCase(), township: '大王', employeeCount: '120人', hasUnion: '是', unionName: '甲联合工会' }), ctx);
    expect(d).toMatchObject({ errors: [], creditCode: code, ownership: 'private', industry: 'C', townshipCode: '370523101', counts: { employeeCount: 120 }, hasUnion: true });
  });

  it('new needs ownership and industry; counts never exceed the total', () => {
    expect(decide(row({ ownership: null }))).toMatchObject({ outcome: 'error', messages: ['经济类型：新登记的单位不能为空'] });
    expect(decide(row({ employeeCount: 10, womenCount: 20 }))).toMatchObject({ outcome: 'error', messages: ['女职工：不能超过职工人数（10）'] });
    expect(decide(row({ unionName: '甲联合工会' }))).toMatchObject({ outcome: 'new', data: { coveringUnionId: 5, hasUnion: true } });
  });

  it('matches by credit code first, then by name; another union\'s employer is not touched', () => {
    expect(decide(row({ creditCode: code }), rec({ creditCode: code }))).toMatchObject({ outcome: 'unchanged', target: { id: 9 } });
    expect(decide(row({ creditCode: code }), rec({ inside: false, creditCode: code }))).toMatchObject({
      outcome: 'error', messages: ['统一社会信用代码：已由其他工会登记，请联系上级工会核实'],
    });
    expect(decide(row({ creditCode: code }), undefined, [rec()])).toMatchObject({ outcome: 'update', messages: ['更新：统一社会信用代码'] });
    expect(decide(row({ creditCode: code }), undefined, [rec({ creditCode: makeCreditCode('370523', 'MA3C00002') })])).toMatchObject({ outcome: 'error' });
    expect(decide(row(), undefined, [rec(), rec({ id: 10 })])).toMatchObject({ outcome: 'error', messages: [expect.stringContaining('2家同名')] });
  });

  it('an update keeps the spelling on record and checks counts as they will stand', () => {
    const r = decide(row({ name: '甲公司 ', employeeCount: 5 }), undefined, [rec()]);
    expect(r).toMatchObject({ outcome: 'error', messages: ['女职工：不能超过职工人数（5）'] });
    const u = decide(row({ employeeCount: 200 }), undefined, [rec()]);
    expect(u).toMatchObject({ outcome: 'update', data: { name: null, employeeCount: 200, ownership: null } });
  });

  it('refuses a union that cannot cover an employer, and 否 beside a union', () => {
    expect(decide(row({ unionName: '甲镇总工会' }))).toMatchObject({ messages: ['工会名称：“甲镇总工会”不是基层工会或联合基层工会'] });
    expect(decide(row({ unionName: '甲联合工会', hasUnion: '否' }))).toMatchObject({ messages: ['是否建会：已有覆盖工会的单位应为已建会'] });
  });
});
