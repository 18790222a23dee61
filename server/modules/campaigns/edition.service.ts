import { sql, type Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import { audit, type Actor } from '../../platform/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import { orgInScopeOrThrow, pathInScope, type ScopePaths } from '../../platform/scope.js';
import { isValidCode } from '../../../lib/code-tables.js';
import { ruleSchema, parseRule, type CampaignRule } from './rule.js';
import type { CampaignEditionTable, EditionStatus } from './tables.js';

export type EditionRow = Selectable<CampaignEditionTable>;

export const editionStatusLabels: Record<EditionStatus, string> = {
  draft: '筹备', listing: '名单', approved: '已审批', distributing: '发放中', closed: '已结束',
};

export interface EditionInput {
  orgId?: number;
  kind: string;
  year: number;
  name: string;
  budgetFen: number;
  fundSource: string;
  rule?: unknown;
  standardFen: number;
  goods?: string | null;
  startDate: string;
  endDate?: string | null;
  remark?: string | null;
}

/**
 * An edition is seen by the unions that organize it (its org in the scope) and by the unions
 * beneath the organizer: a township takes part in the county's 送温暖 with its own people.
 */
export function editionVisible(orgIdColumn: string, scope: ScopePaths) {
  if (scope.length === 0) return sql<boolean>`false`;
  const ancestors = scope.map((p) => sql`eo.path @> ${p}::ltree`);
  return sql<boolean>`${sql.ref(orgIdColumn)} in (select eo.id from org eo where ${pathInScope('eo.path', scope)} or ${sql.join(ancestors, sql` or `)})`;
}

export async function editionVisibleOrThrow(db: Db | Tx, id: number, scope: ScopePaths, lock = false) {
  let q = db.selectFrom('campaign_edition as e').innerJoin('org as o', 'o.id', 'e.org_id')
    .selectAll('e').select(['o.name as org_name', 'o.path as org_path'])
    .where('e.id', '=', id).where(editionVisible('e.org_id', scope));
  if (lock) q = q.forUpdate('e');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('帮扶活动');
  return row;
}

/** The organizer's own actions (edit, approve, close): the edition's org lies in the scope. */
export async function editionOwnedOrThrow(db: Db | Tx, id: number, scope: ScopePaths, lock = false) {
  let q = db.selectFrom('campaign_edition as e').innerJoin('org as o', 'o.id', 'e.org_id')
    .selectAll('e').select(['o.name as org_name', 'o.path as org_path'])
    .where('e.id', '=', id).where(pathInScope('o.path', scope));
  if (lock) q = q.forUpdate('e');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('帮扶活动');
  return row;
}

function checkInput(input: Partial<EditionInput>): CampaignRule | undefined {
  if (input.kind !== undefined && !isValidCode('campaign_kind', input.kind)) throw fieldError('kind', '不是有效的活动类型');
  if (input.fundSource !== undefined && !isValidCode('campaign_fund_source', input.fundSource)) throw fieldError('fundSource', '不是有效的资金来源');
  if (input.startDate && input.endDate && input.endDate < input.startDate) throw fieldError('endDate', '不能早于开始日期');
  if (input.rule === undefined) return undefined;
  const parsed = ruleSchema.safeParse(input.rule);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError('rule', issue?.message ?? '规则无效');
  }
  return parsed.data;
}

export async function createEdition(db: Db, actor: Actor, scope: ScopePaths, input: EditionInput) {
  const rule = checkInput(input) ?? parseRule({});
  return db.transaction().execute(async (tx) => {
    const orgId = input.orgId ?? ownOrgOf(scope);
    const org = await orgInScopeOrThrow(tx, orgId, scope);
    if (!['county_federation', 'township', 'industry', 'city_federation', 'province_federation'].includes(org.kind)) {
      throw fieldError('orgId', '帮扶活动由县总工会或乡镇(街道)、产业工会组织');
    }
    const row = await tx.insertInto('campaign_edition').values({
      org_id: org.id, kind: input.kind, year: input.year, name: input.name,
      budget_fen: input.budgetFen, fund_source: input.fundSource, rule: JSON.stringify(rule),
      standard_fen: input.standardFen, goods: input.goods ?? null, start_date: input.startDate,
      end_date: input.endDate ?? null, remark: input.remark ?? null, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'campaign_edition', entityId: row.id, orgId: org.id, summary: `新建帮扶活动 ${row.name}`, after: row });
    return row;
  }).catch(translateCampaignConstraint);
}

export async function updateEdition(db: Db, actor: Actor, scope: ScopePaths, id: number, input: Partial<Omit<EditionInput, 'orgId'>>) {
  const rule = checkInput(input);
  return db.transaction().execute(async (tx) => {
    const { org_name: _n, org_path: _p, ...before } = await editionOwnedOrThrow(tx, id, scope, true);
    if (before.status === 'closed') throw conflict('活动已结束，不能再修改');
    const start = input.startDate ?? before.start_date;
    const end = input.endDate !== undefined ? input.endDate : before.end_date;
    if (end && end < start) throw fieldError('endDate', '不能早于开始日期');
    const after = await tx.updateTable('campaign_edition').set({
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.year !== undefined ? { year: input.year } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.budgetFen !== undefined ? { budget_fen: input.budgetFen } : {}),
      ...(input.fundSource !== undefined ? { fund_source: input.fundSource } : {}),
      ...(rule ? { rule: JSON.stringify(rule) } : {}),
      ...(input.standardFen !== undefined ? { standard_fen: input.standardFen } : {}),
      ...(input.goods !== undefined ? { goods: input.goods } : {}),
      ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      ...(input.remark !== undefined ? { remark: input.remark } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'update', entity: 'campaign_edition', entityId: id, orgId: before.org_id, summary: `修改帮扶活动 ${after.name}`, before, after });
    return after;
  }).catch(translateCampaignConstraint);
}

/** 已结束: no more nominations or payments; what was not paid stays on record as not paid. */
export async function closeEdition(db: Db, actor: Actor, scope: ScopePaths, id: number) {
  return db.transaction().execute(async (tx) => {
    const e = await editionOwnedOrThrow(tx, id, scope, true);
    if (e.status === 'closed') throw conflict('活动已经结束');
    await tx.updateTable('campaign_edition').set({ status: 'closed', updated_at: new Date() }).where('id', '=', id).execute();
    await audit(tx, actor, { action: 'close', entity: 'campaign_edition', entityId: id, orgId: e.org_id, summary: `结束帮扶活动 ${e.name}`, before: { status: e.status }, after: { status: 'closed' } });
    return { id, status: 'closed' as const };
  });
}

/** Moves an edition forward (never back) when its recipients reach a later stage. */
export async function advanceEdition(tx: Tx, id: number, to: EditionStatus) {
  const order: EditionStatus[] = ['draft', 'listing', 'approved', 'distributing', 'closed'];
  const earlier = order.slice(0, order.indexOf(to));
  await tx.updateTable('campaign_edition').set({ status: to, updated_at: new Date() })
    .where('id', '=', id).where('status', 'in', earlier).execute();
}

/** Totals against the budget: counts and amounts per status, and per responsible union under the organizer. */
export async function editionTotals(db: Db | Tx, editionId: number, scope: ScopePaths, budgetFen: number, orgPath: string) {
  const depth = orgPath.split('.').length;
  const base = db.selectFrom('campaign_recipient as r').innerJoin('org as o', 'o.id', 'r.org_id')
    .where('r.edition_id', '=', editionId).where('r.status', '<>', 'cancelled').where(pathInScope('o.path', scope));
  const all = await base.select([
    sql<number>`count(*)::int`.as('recipients'),
    sql<number>`coalesce(sum(r.amount_fen), 0)::bigint`.as('listed_fen'),
    sql<number>`(count(*) filter (where r.status in ('approved', 'distributed')))::int`.as('approved'),
    sql<number>`coalesce(sum(r.amount_fen) filter (where r.status in ('approved', 'distributed')), 0)::bigint`.as('approved_fen'),
    sql<number>`(count(*) filter (where r.status = 'distributed'))::int`.as('distributed'),
    sql<number>`coalesce(sum(r.amount_fen) filter (where r.status = 'distributed'), 0)::bigint`.as('distributed_fen'),
  ]).executeTakeFirstOrThrow();
  // the level just below the organizer: the townships of a county campaign
  const byOrg = await base
    .innerJoin('org as t', (j) => j.on(sql<boolean>`t.path = subpath(o.path, 0, least(nlevel(o.path), ${depth + 1}))`))
    .select([
      't.id as org_id', 't.name as org_name',
      sql<number>`count(*)::int`.as('recipients'),
      sql<number>`coalesce(sum(r.amount_fen), 0)::bigint`.as('listed_fen'),
      sql<number>`(count(*) filter (where r.status in ('approved', 'distributed')))::int`.as('approved'),
      sql<number>`coalesce(sum(r.amount_fen) filter (where r.status in ('approved', 'distributed')), 0)::bigint`.as('approved_fen'),
      sql<number>`(count(*) filter (where r.status = 'distributed'))::int`.as('distributed'),
      sql<number>`coalesce(sum(r.amount_fen) filter (where r.status = 'distributed'), 0)::bigint`.as('distributed_fen'),
    ])
    .groupBy(['t.id', 't.name']).orderBy('t.name').execute();
  const n = (v: unknown) => Number(v);
  return {
    budgetFen,
    recipients: all.recipients, listedFen: n(all.listed_fen),
    approved: all.approved, approvedFen: n(all.approved_fen),
    distributed: all.distributed, distributedFen: n(all.distributed_fen),
    remainingFen: budgetFen - n(all.approved_fen),
    byOrg: byOrg.map((r) => ({
      orgId: r.org_id, orgName: r.org_name, recipients: r.recipients, listedFen: n(r.listed_fen),
      approved: r.approved, approvedFen: n(r.approved_fen), distributed: r.distributed, distributedFen: n(r.distributed_fen),
    })),
  };
}

export async function editionDetail(db: Db, scope: ScopePaths, id: number, opts: { canManage: boolean }) {
  const e = await editionVisibleOrThrow(db, id, scope);
  const totals = await editionTotals(db, id, scope, Number(e.budget_fen), e.org_path);
  const timeline = await db.selectFrom('audit_log').select(['at', 'actor_name', 'action', 'summary'])
    .where('entity', '=', 'campaign_edition').where('entity_id', '=', String(id)).orderBy('at').orderBy('id').limit(200).execute();
  return {
    id: e.id, orgId: e.org_id, orgName: e.org_name, kind: e.kind, year: e.year, name: e.name,
    budgetFen: Number(e.budget_fen), fundSource: e.fund_source, rule: parseRule(e.rule), standardFen: Number(e.standard_fen),
    goods: e.goods, startDate: e.start_date, endDate: e.end_date, status: e.status, remark: e.remark,
    canManage: opts.canManage,
    totals,
    timeline: timeline.map((t) => ({ at: t.at, actor: t.actor_name, action: t.action, summary: t.summary })),
  };
}

function ownOrgOf(scope: ScopePaths): number {
  if (scope.length !== 1) throw fieldError('orgId', '请选择组织');
  return Number(scope[0].split('.').pop());
}

const constraintMessages: Record<string, [string | null, string]> = {
  campaign_edition_org_name_key: ['name', '本组织已有同名的帮扶活动'],
  campaign_recipient_once: [null, '该职工已在本期活动名单中，同一期活动每人只能享受一次'],
  campaign_distribution_recipient_key: [null, '该对象已登记发放，不能重复发放'],
  campaign_edition_dates: ['endDate', '结束日期不能早于开始日期'],
};

/** A refused unique/check constraint becomes a 409 naming the rule. */
export function translateCampaignConstraint(err: unknown): never {
  if (err instanceof AppError) throw err;
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e.code === '23505' || e.code === '23514') {
    const name = e.constraint ?? /constraint "([^"]+)"|index "([^"]+)"/.exec(e.message ?? '')?.slice(1).find(Boolean);
    const known = name ? constraintMessages[name] : undefined;
    if (known) {
      const [field, message] = known;
      throw conflict(message, field ? { [field]: message } : undefined);
    }
  }
  throw err;
}
