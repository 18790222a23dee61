import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeTableList } from '../../../lib/code-tables.js';
import { makeIdNumber } from '../../../lib/validators/id-number.js';
import { decideMember, memberData, resolveMemberRefs, validateMemberRow, type ExistingMember, type MemberRefs, type RowContext } from './member-row.js';
import { buildVocabulary } from './vocabulary.js';
import { orgNameKey, type CellValue } from './cell-values.js';

const vocab = buildVocabulary(codeTableList().map((t) => ({ code: t.code, items: t.items.map((i) => ({ ...i, enabled: true })) })));
const fields = ['name', 'idNumber', 'sex', 'birthDate', 'phone', 'ethnicity', 'education', 'politicalStatus', 'employer', 'union', 'category', 'joinDate'];
const ctx: RowContext = {
  today: '2025-06-30', vocab,
  mapping: Object.fromEntries(fields.map((f, i) => [f, i + 1])),
  headerText: { idNumber: '公民身份号码', sex: '性别', union: '所属工会', employer: '工作单位', birthDate: '出生年月', joinDate: '入会时间', category: '用工形式' },
};
const id = makeIdNumber('370523', '1990-01-01', 123); // 男
const row = (over: Partial<Record<string, CellValue>> = {}): CellValue[] => fields.map((f) => (f in over ? over[f]! : ({ name: '张三', idNumber: id } as Record<string, CellValue>)[f] ?? null));
const target = { id: 2, name: '甲镇总工会', kind: 'township' };
const refs: MemberRefs = {
  target,
  unions: new Map([[orgNameKey('甲镇某机械有限公司工会'), [{ id: 4, name: '甲镇某机械有限公司工会', kind: 'grassroots' }]], [orgNameKey('甲镇总工会'), [{ id: 2, name: '甲镇总工会', kind: 'township' }]]]),
  employers: new Map([[orgNameKey('山东某某（集团）有限公司'), [7]], [orgNameKey('同名公司'), [8, 9]]]),
};
const existing = (over: Partial<ExistingMember> = {}): ExistingMember => ({
  id: 11, orgId: 4, unionName: '甲镇某机械有限公司工会', inside: true, status: 'active', name: '张三', sex: 'M', birthDate: '1990-01-01', phoneHash: null,
  ethnicity: null, education: null, politicalStatus: null, employerId: null, category: 'regular', joinDate: null, ...over,
});
const decide = (cells: CellValue[], ex?: ExistingMember, phoneHash: string | null = null) => {
  const d = validateMemberRow(9, cells, ctx);
  resolveMemberRefs(d, refs, ctx);
  return { draft: d, decision: decideMember(d, ex, phoneHash, ctx, target) };
};

describe('validateMemberRow', () => {
  it('names the column by its header and the reason', () => {
    const bad = validateMemberRow(9, row({ sex: '女', birthDate: '1991-01', category: '临时工', joinDate: '1989-05-01' }), ctx);
    expect(bad.errors).toEqual([
      '性别：与身份证号不符', '出生年月：与身份证号不符', '用工形式：无法识别“临时工”，应为一般职工、农民工、劳务派遣工或新就业形态劳动者', '入会时间：早于出生日期',
    ]);
    expect(validateMemberRow(9, row({ name: '', idNumber: '' }), ctx).errors).toEqual(['姓名：不能为空', '公民身份号码：不能为空']);
    expect(validateMemberRow(9, row({ name: '张三2' }), ctx).errors).toEqual(['姓名：不应含有数字']);
  });

  it('accepts a birth month that agrees with the ID, and notes a join month', () => {
    const d = validateMemberRow(9, row({ birthDate: '1990.01', joinDate: '2019年3月' }), ctx);
    expect(d.errors).toEqual([]);
    expect(d.joinDate).toBe('2019-03-01');
    expect(d.notes).toEqual(['入会时间：只有年月，按当月1日记录']);
  });

  it('never lets a row through whose sex column disagrees with the ID', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999 }), fc.constantFrom('男', '女', 'M', 'F', '男性', '女性'), (seq, sex) => {
      const n = makeIdNumber('370523', '1985-05-05', seq);
      const d = validateMemberRow(1, row({ idNumber: n, sex }), ctx);
      const male = seq % 2 === 1;
      const saysMale = ['男', 'M', '男性'].includes(sex);
      expect(d.errors.includes('性别：与身份证号不符')).toBe(male !== saysMale);
    }));
  });
});

describe('resolveMemberRefs', () => {
  it('finds the union and the employer in the subtree, brackets aside', () => {
    const { draft } = decide(row({ union: '甲镇某机械有限公司工会', employer: '山东某某(集团)有限公司' }));
    expect(draft).toMatchObject({ orgId: 4, employerId: 7, errors: [] });
  });

  it('refuses an unknown union, one that is not a 基层工会, an unknown or ambiguous employer', () => {
    expect(decide(row({ union: '丙镇工会' })).draft.errors).toEqual(['所属工会：未找到“丙镇工会”，须为甲镇总工会或其下级工会']);
    expect(decide(row({ union: '甲镇总工会' })).draft.errors).toEqual(['所属工会：“甲镇总工会”不是基层工会或联合基层工会，请填写会员所在的基层工会']);
    expect(decide(row({ employer: '没有的公司' })).draft.errors).toEqual(['工作单位：未找到用人单位“没有的公司”，请先登记或导入用人单位']);
    expect(decide(row({ employer: '同名公司' })).draft.errors[0]).toContain('有2家');
  });
});

describe('decideMember', () => {
  it('new when nobody has the ID, into the named union or the target if it holds members', () => {
    const { decision, draft } = decide(row({ union: '甲镇某机械有限公司工会' }));
    expect(decision).toEqual({ outcome: 'new', messages: [], changes: [] });
    expect(memberData(draft, 'new', 2, 'zs')).toMatchObject({ orgId: 4, category: 'regular', sex: 'M', birthDate: '1990-01-01' });
    expect(decide(row()).decision).toMatchObject({ outcome: 'error', messages: ['所属工会：导入到“甲镇总工会”时须填写会员所在的基层工会'] });
  });

  it('unchanged when every filled cell agrees; empty cells keep what is on record', () => {
    expect(decide(row(), existing({ education: 'bachelor', phoneHash: 'aa' })).decision.outcome).toBe('unchanged');
    expect(decide(row({ education: '本科' }), existing({ education: 'bachelor' })).decision.outcome).toBe('unchanged');
  });

  it('update lists what changes', () => {
    const { decision, draft } = decide(row({ education: '本科', category: '农民工' }), existing({ education: 'college' }), 'bb');
    expect(decision).toEqual({ outcome: 'update', messages: ['更新：手机号码、学历、职工类别'], changes: ['手机号码', '学历', '职工类别'] });
    expect(memberData(draft, 'update', 2, null)).toMatchObject({ orgId: null, category: 'migrant', employerId: null });
  });

  it('a member of a union outside the subtree, or of another union inside it, is a transfer suggestion', () => {
    expect(decide(row(), existing({ inside: false, unionName: '乙镇某工会' })).decision).toEqual({
      outcome: 'transfer_suggested', messages: ['该职工已是其他工会会员，请办理会员关系接转'], changes: [],
    });
    expect(decide(row({ union: '甲镇某机械有限公司工会' }), existing({ orgId: 5, unionName: '甲镇某纺织有限公司工会' })).decision.messages[0])
      .toBe('该职工现为“甲镇某纺织有限公司工会”会员，变更所属工会请办理会员关系接转');
  });

  it('a member who left is not brought back by an import', () => {
    expect(decide(row(), existing({ status: 'withdrawn' })).decision).toMatchObject({ outcome: 'error', messages: [expect.stringContaining('“退会”')] });
  });

  it('errors come first, whatever is on record', () => {
    expect(decide(row({ sex: '女' }), existing()).decision).toMatchObject({ outcome: 'error', messages: ['性别：与身份证号不符'] });
  });
});
