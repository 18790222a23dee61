import { sql } from 'kysely';
import { codeLabel } from '../../../lib/code-tables.js';
import type { Db } from '../../platform/db.js';
import { isWithin, orgInScopeOrThrow, type ScopePaths } from '../../platform/scope.js';
import { ticketQuery, ticketVisible, timeWindow } from './appeal.service.js';
import { satisfactionLabels } from './flow.js';
import { legalFiguresOf } from './transfer-targets.js';

export interface FiguresFilter {
  orgId?: number;
  from?: string;
  to?: string;
  topEmployers?: number;
}

/** Tickets of the period, visible to the caller, in the chosen subtree. */
async function baseQuery(db: Db, scope: ScopePaths, f: FiguresFilter) {
  let q = ticketQuery(db, await timeWindow(db)).where(ticketVisible(scope));
  if (f.orgId != null) {
    const org = await orgInScopeOrThrow(db, f.orgId, scope);
    q = q.where(ticketVisible([org.path]));
  }
  if (f.from) q = q.where('a.accepted_on', '>=', f.from);
  if (f.to) q = q.where('a.accepted_on', '<=', f.to);
  return q;
}

/**
 * 统计: tickets by type, subject, tier, township and employer; on-time rate (closed within the
 * limit); satisfaction of the visited; legal aid recovered and mediation success (legal module).
 */
export async function appealFigures(db: Db, scope: ScopePaths, f: FiguresFilter, legalScope: ScopePaths) {
  const base = await baseQuery(db, scope, f);
  const subtree = f.orgId != null ? (await orgInScopeOrThrow(db, f.orgId, scope)).path : null;
  const { today } = await timeWindow(db);
  const x = db.selectFrom(base.as('x'));
  const countBy = async (column: 'type' | 'subject' | 'tier' | 'township_name' | 'employer_name', limit?: number) => {
    let q = x.select([sql.ref<string | null>(`x.${column}`).as('key'), sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(x.workers_affected), 0)::int`.as('workers')])
      .groupBy(`x.${column}`).orderBy(sql`count(*)`, 'desc').orderBy(sql.ref(`x.${column}`));
    if (column === 'employer_name') q = q.where('x.employer_name', 'is not', null);
    if (limit) q = q.limit(limit);
    return q.execute();
  };
  const [byType, bySubject, byTier, byTownship, byEmployer] = await Promise.all([
    countBy('type'), countBy('subject'), countBy('tier'), countBy('township_name'), countBy('employer_name', f.topEmployers ?? 10),
  ]);
  const totals = await x.select([
    sql<number>`count(*)::int`.as('total'),
    sql<number>`count(*) filter (where x.status = 'closed')::int`.as('closed'),
    sql<number>`count(*) filter (where x.status = 'closed' and x.closed_on <= x.due_on)::int`.as('closedOnTime'),
    sql<number>`count(*) filter (where x.status = 'transferred')::int`.as('transferred'),
    sql<number>`count(*) filter (where x.status not in ('closed', 'transferred'))::int`.as('open'),
    sql<number>`count(*) filter (where x.status not in ('closed', 'transferred') and x.due_on < ${today})::int`.as('overdue'),
    sql<number>`coalesce(sum(x.workers_affected), 0)::int`.as('workers'),
    sql<number>`coalesce(sum(x.amount_fen) filter (where x.subject = 'wage_arrears'), 0)::bigint`.as('arrearsFen'),
  ]).executeTakeFirstOrThrow();
  const sat = await x.select(['x.satisfaction', sql<number>`count(*)::int`.as('count')]).where('x.satisfaction', 'is not', null).groupBy('x.satisfaction').execute();
  const rated = sat.reduce((n, r) => n + r.count, 0);
  const satisfied = sat.filter((r) => r.satisfaction === 'satisfied' || r.satisfaction === 'basically').reduce((n, r) => n + r.count, 0);
  const label = (table: string) => (rows: { key: string | null; count: number; workers: number }[]) =>
    rows.map((r) => ({ key: r.key ?? '', label: table ? codeLabel(table, r.key) : (r.key ?? '县本级'), count: r.count, workers: r.workers }));
  return {
    period: { from: f.from ?? null, to: f.to ?? null },
    totals: { ...totals, arrearsFen: Number(totals.arrearsFen) },
    onTimeRate: totals.closed ? totals.closedOnTime / totals.closed : null,
    satisfaction: {
      rated,
      rate: rated ? satisfied / rated : null,
      items: (Object.keys(satisfactionLabels) as (keyof typeof satisfactionLabels)[]).map((k) => ({ key: k, label: satisfactionLabels[k], count: sat.find((r) => r.satisfaction === k)?.count ?? 0 })),
    },
    byType: label('appeal_type')(byType),
    bySubject: label('appeal_subject')(bySubject),
    byTier: label('difficulty_tier')(byTier),
    byTownship: label('')(byTownship),
    byEmployer: label('')(byEmployer),
    // the legal module's figures for the same subtree, where the caller may read legal cases
    legal: await legalFiguresOf(db, subtree ? (legalScope.some((p) => isWithin(subtree, p)) ? [subtree] : []) : legalScope, f),
  };
}
export type AppealFigures = Awaited<ReturnType<typeof appealFigures>>;
