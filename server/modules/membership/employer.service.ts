import { sql, type Selectable } from 'kysely';
import { parseCreditCode } from '../../../lib/validators/credit-code.js';
import type { Db, Tx } from '../../platform/db.js';
import { audit, type Actor } from '../../platform/audit.js';
import { fieldError, fieldErrors, notFound } from '../../platform/errors.js';
import { orgInScopeOrThrow, ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { assertCode, coveringUnionKinds, isUniqueViolation, namedFieldError } from './common.js';
import type { EmployerTable } from './tables.js';

export type EmployerRow = Selectable<EmployerTable>;

export interface EmployerInput {
  orgId: number;
  name: string;
  creditCode?: string | null;
  ownership: string;
  industry: string;
  townshipCode?: string | null;
  address?: string | null;
  employeeCount?: number;
  womenCount?: number;
  migrantCount?: number;
  dispatchedCount?: number;
  platformCount?: number;
  hasUnion?: boolean;
  coveringUnionId?: number | null;
}

/** 单独建会 (its own union), 联合建会 (a 联合基层工会 covers it), 已建会 without the union on record, 未建会. */
export type UnionStatus = 'single' | 'joint' | 'other' | 'none';
export const unionStatusLabels: Record<UnionStatus, string> = { single: '单独建会', joint: '联合建会', other: '已建会（未关联工会）', none: '未建会' };

export function unionStatusOf(hasUnion: boolean, coveringUnionKind: string | null | undefined): UnionStatus {
  if (coveringUnionKind === 'joint_grassroots') return 'joint';
  if (coveringUnionKind) return 'single';
  return hasUnion ? 'other' : 'none';
}

const countFields = [
  ['womenCount', 'women_count'],
  ['migrantCount', 'migrant_count'],
  ['dispatchedCount', 'dispatched_count'],
  ['platformCount', 'platform_count'],
] as const;

// the same code registered by someone else a moment ago: the unique index answers
function duplicateCode(err: unknown): never {
  if (isUniqueViolation(err, 'employer_credit_code_key')) throw fieldError('creditCode', '已登记，请勿重复录入');
  throw err;
}

/** An employer the caller may see: the union that keeps it lies in the scope. */
export async function employerInScopeOrThrow(db: Db | Tx, id: number, scope: ScopePaths): Promise<EmployerRow> {
  const row = await db.selectFrom('employer').selectAll().where('id', '=', id).where(ownedInScope('org_id', scope)).executeTakeFirst();
  if (!row) throw notFound('用人单位');
  return row;
}

/** The values to store, after every rule that needs the database; throws the first field error. */
async function employerValues(tx: Tx, scope: ScopePaths, input: EmployerInput, before: EmployerRow | null) {
  // a value left as it was is not checked again (a code disabled since, a union moved away)
  const changed = <K extends keyof EmployerRow>(column: K, value: EmployerRow[K]) => !before || before[column] !== value;
  if (changed('org_id', input.orgId)) {
    const org = await orgInScopeOrThrow(tx, input.orgId, scope, '所属组织');
    if (org.kind === 'group') throw fieldError('orgId', '工会小组不能管理用人单位，请选择工会');
  }

  let creditCode: string | null = null;
  if (input.creditCode != null && input.creditCode.trim() !== '') {
    const parsed = parseCreditCode(input.creditCode);
    if (!parsed.ok) throw namedFieldError('creditCode', parsed.message);
    creditCode = parsed.value;
    let dup = tx.selectFrom('employer as e').innerJoin('org as o', 'o.id', 'e.org_id')
      .select(['e.id', 'e.name', 'o.name as org_name', ownedInScope('e.org_id', scope).as('mine')])
      .where('e.credit_code', '=', creditCode);
    if (before) dup = dup.where('e.id', '!=', before.id);
    const taken = await dup.executeTakeFirst();
    // another union's employer is named only to those who may see it
    if (taken) throw fieldError('creditCode', taken.mine ? `已登记为用人单位“${taken.name}”（${taken.org_name}）` : '已由其他工会登记，请联系上级工会核实');
  }

  if (changed('ownership', input.ownership)) await assertCode(tx, 'ownership', input.ownership, 'ownership');
  if (changed('industry', input.industry)) await assertCode(tx, 'industry', input.industry, 'industry');

  const employees = input.employeeCount ?? 0;
  const over: Record<string, string> = {};
  for (const [field] of countFields) {
    if ((input[field] ?? 0) > employees) over[field] = `不能超过职工人数（${employees}）`;
  }
  if (Object.keys(over).length) throw fieldErrors(over);

  let coveringUnionId: number | null = input.coveringUnionId ?? null;
  if (coveringUnionId !== null && changed('covering_union_id', coveringUnionId)) {
    const union = await orgInScopeOrThrow(tx, coveringUnionId, scope, '覆盖工会');
    if (!(coveringUnionKinds as readonly string[]).includes(union.kind)) throw fieldError('coveringUnionId', '应为基层工会或联合基层工会');
    coveringUnionId = union.id;
  }
  if (coveringUnionId !== null && input.hasUnion === false) throw fieldError('hasUnion', '已有覆盖工会的单位应为已建会');

  return {
    org_id: input.orgId,
    name: input.name,
    credit_code: creditCode,
    ownership: input.ownership,
    industry: input.industry,
    township_code: input.townshipCode ?? null,
    address: input.address ?? null,
    employee_count: employees,
    women_count: input.womenCount ?? 0,
    migrant_count: input.migrantCount ?? 0,
    dispatched_count: input.dispatchedCount ?? 0,
    platform_count: input.platformCount ?? 0,
    has_union: coveringUnionId !== null || (input.hasUnion ?? false),
    covering_union_id: coveringUnionId,
  };
}

export async function createEmployer(db: Db, actor: Actor, scope: ScopePaths, input: EmployerInput) {
  return db.transaction().execute(async (tx) => {
    const values = await employerValues(tx, scope, input, null);
    const row = await tx.insertInto('employer').values(values).returningAll().executeTakeFirstOrThrow().catch(duplicateCode);
    await audit(tx, actor, { action: 'create', entity: 'employer', entityId: row.id, orgId: row.org_id, summary: `新建用人单位 ${row.name}`, after: row });
    return row;
  });
}

export async function updateEmployer(db: Db, actor: Actor, scope: ScopePaths, id: number, patch: Partial<EmployerInput>) {
  return db.transaction().execute(async (tx) => {
    const before = await employerInScopeOrThrow(tx, id, scope);
    // the rules hold for the record as it will be, not only for the fields sent
    const merged: EmployerInput = {
      orgId: before.org_id, name: before.name, creditCode: before.credit_code, ownership: before.ownership, industry: before.industry,
      townshipCode: before.township_code, address: before.address, employeeCount: before.employee_count, womenCount: before.women_count,
      migrantCount: before.migrant_count, dispatchedCount: before.dispatched_count, platformCount: before.platform_count,
      hasUnion: before.has_union, coveringUnionId: before.covering_union_id,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    // removing the covering union without saying otherwise leaves the employer without a union
    if (patch.coveringUnionId === null && patch.hasUnion === undefined) merged.hasUnion = false;
    const values = await employerValues(tx, scope, merged, before);
    const after = await tx.updateTable('employer').set({ ...values, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow().catch(duplicateCode);
    await audit(tx, actor, { action: 'update', entity: 'employer', entityId: id, orgId: after.org_id, summary: `修改用人单位 ${after.name}`, before, after });
    return after;
  });
}

export async function employerDetail(db: Db, scope: ScopePaths, id: number) {
  const row = await db.selectFrom('employer as e')
    .innerJoin('org as o', 'o.id', 'e.org_id')
    .leftJoin('org as cu', 'cu.id', 'e.covering_union_id')
    .selectAll('e')
    .select([
      'o.name as org_name', 'cu.name as covering_union_name', 'cu.kind as covering_union_kind',
      sql<number>`(select count(*)::int from member m where m.employer_id = e.id and m.status = 'active')`.as('member_count'),
      sql<number>`(select count(*)::int from member m where m.employer_id = e.id and m.status = 'active' and m.sex = 'F')`.as('women_member_count'),
    ])
    .where('e.id', '=', id).where(ownedInScope('e.org_id', scope))
    .executeTakeFirst();
  if (!row) throw notFound('用人单位');
  return employerView(row);
}

/** The API's shape of an employer row (list, detail, export). */
export function employerView(r: Record<string, unknown>) {
  const hasUnion = Boolean(r.has_union) || r.covering_union_id != null;
  const status = unionStatusOf(hasUnion, r.covering_union_kind as string | null);
  return {
    id: r.id as number,
    orgId: r.org_id as number,
    orgName: r.org_name as string,
    name: r.name as string,
    creditCode: r.credit_code as string | null,
    ownership: r.ownership as string,
    industry: r.industry as string,
    townshipCode: r.township_code as string | null,
    address: r.address as string | null,
    employeeCount: r.employee_count as number,
    womenCount: r.women_count as number,
    migrantCount: r.migrant_count as number,
    dispatchedCount: r.dispatched_count as number,
    platformCount: r.platform_count as number,
    hasUnion,
    unionStatus: status,
    coveringUnion: r.covering_union_id == null ? null : { id: r.covering_union_id as number, name: r.covering_union_name as string, kind: r.covering_union_kind as string },
    memberCount: (r.member_count as number | undefined) ?? 0,
    ...(r.women_member_count !== undefined ? { womenMemberCount: r.women_member_count as number } : {}),
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}
export type EmployerView = ReturnType<typeof employerView>;
