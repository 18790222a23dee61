import { sql } from 'kysely';
import { codeLabel } from '../../../lib/code-tables.js';
import { addDays } from '../../../lib/working-days.js';
import type { Db, Tx } from '../../platform/db.js';
import { audit, type Actor } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { ownedInScope, type ScopePaths } from '../../platform/scope.js';
import type { AppealSettings } from './settings.js';
import type { AppealTable } from './tables.js';
import type { Selectable } from 'kysely';

// 预警 (群体性事件预警, SPEC §3.2): raised inside the intake's transaction, so a group appeal
// is on the leadership's home page the moment the call is recorded. It stays until someone
// acknowledges it (who, when, note).

const fmtYuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;

/** One open warning per employer for repeated tickets: the employer's id, or its free-text name. */
export function employerKey(t: { employer_id: number | null; employer_name: string | null }): string | null {
  if (t.employer_id != null) return `id:${t.employer_id}`;
  const name = t.employer_name?.replace(/\s+/g, '');
  return name ? `name:${name}` : null;
}

/** The rules a new ticket meets; called by the intake inside its transaction. */
export async function raiseWarnings(tx: Tx, actor: Actor, s: AppealSettings, t: Selectable<AppealTable>, today: string): Promise<number[]> {
  const raised: number[] = [];
  const who = t.employer_name ?? t.worker_name;
  const rules: string[] = [];
  if (t.workers_affected >= s.groupWorkers) rules.push('workers');
  if (t.subject === 'wage_arrears' && t.amount_fen != null && t.amount_fen >= s.arrearsFen) rules.push('amount');
  if (rules.length) {
    const parts = [`${t.workers_affected}名职工`, codeLabel('appeal_subject', t.subject), t.amount_fen != null ? `涉及金额${fmtYuan(t.amount_fen)}` : null];
    const w = await tx.insertInto('appeal_warning').values({
      org_id: t.org_id, kind: 'ticket', rules,
      title: `${rules.includes('workers') ? '群体性诉求' : '大额欠薪'}：${who}`,
      detail: `${parts.filter(Boolean).join('，')}（${t.ticket_no}）`,
      employer_id: t.employer_id, workers_affected: t.workers_affected, amount_fen: t.amount_fen,
    }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('appeal_warning_ticket').values({ warning_id: w.id, appeal_id: t.id }).execute();
    raised.push(w.id);
  }

  const key = employerKey(t);
  if (key) {
    // tickets against the same employer accepted in the last `repeatDays` days, this one included
    const since = addDays(today, -(s.repeatDays - 1));
    let q = tx.selectFrom('appeal').select('id').where('accepted_on', '>=', since);
    q = t.employer_id != null ? q.where('employer_id', '=', t.employer_id)
      : q.where('employer_id', 'is', null).where(sql<string>`regexp_replace(employer_name, '\\s+', '', 'g')`, '=', key.slice(5));
    const ids = (await q.execute()).map((r) => r.id);
    if (ids.length >= s.repeatCount) {
      // the partial unique index keeps one open warning per employer, even for two intakes at once
      const inserted = await tx.insertInto('appeal_warning').values({
        org_id: t.org_id, kind: 'employer', rules: ['repeat'], employer_key: key, employer_id: t.employer_id,
        title: `同一单位多次被诉：${who}`, detail: `${s.repeatDays}天内${ids.length}件诉求`,
      }).onConflict((oc) => oc.column('employer_key').where('kind', '=', 'employer').where('acknowledged_at', 'is', null).doNothing())
        .returning('id').executeTakeFirst();
      const open = inserted ?? await tx.selectFrom('appeal_warning').select('id')
        .where('employer_key', '=', key).where('kind', '=', 'employer').where('acknowledged_at', 'is', null).executeTakeFirstOrThrow();
      if (!inserted) {
        await tx.updateTable('appeal_warning').set({ detail: `${s.repeatDays}天内${ids.length}件诉求` }).where('id', '=', open.id).execute();
      }
      await tx.insertInto('appeal_warning_ticket').values(ids.map((id) => ({ warning_id: open.id, appeal_id: id })))
        .onConflict((oc) => oc.columns(['warning_id', 'appeal_id']).doNothing()).execute();
      raised.push(open.id);
    }
  }
  for (const id of raised) {
    await audit(tx, actor, { action: 'appeal_warning_raise', entity: 'appeal_warning', entityId: id, orgId: t.org_id, summary: `诉求 ${t.ticket_no} 触发预警` });
  }
  return raised;
}

/**
 * A warning is seen where its desk is in scope, or where one of its tickets is (a township sees
 * the warnings of the tickets it handles).
 */
function warningVisible(paths: ScopePaths) {
  return sql<boolean>`(${ownedInScope('w.org_id', paths)} or exists (
    select 1 from appeal_warning_ticket vt join appeal va on va.id = vt.appeal_id
    where vt.warning_id = w.id and (${ownedInScope('va.org_id', paths)} or coalesce(${ownedInScope('va.assigned_org_id', paths)}, false))))`;
}

export function warningQuery(db: Db | Tx, scope: ScopePaths) {
  return db.selectFrom('appeal_warning as w')
    .leftJoin('app_user as ak', 'ak.id', 'w.acknowledged_by')
    .innerJoin('org as o', 'o.id', 'w.org_id')
    .select([
      'w.id', 'w.kind', 'w.rules', 'w.title', 'w.detail', 'w.workers_affected', 'w.amount_fen', 'w.raised_at',
      'w.acknowledged_at', 'w.ack_note', 'ak.display_name as acknowledged_by_name', 'o.name as org_name',
      sql<number>`(select count(*)::int from appeal_warning_ticket c where c.warning_id = w.id)`.as('ticket_count'),
    ])
    .where(warningVisible(scope));
}

const ruleLabels: Record<string, string> = { workers: '涉及人数达到预警线', amount: '欠薪金额达到预警线', repeat: '同一单位短期内多次被诉' };

export function warningItem(r: Record<string, unknown>) {
  const rules = r.rules as string[];
  return {
    id: r.id as number,
    kind: r.kind as 'ticket' | 'employer',
    rules,
    ruleLabels: rules.map((x) => ruleLabels[x] ?? x),
    title: r.title as string,
    detail: (r.detail as string | null) ?? null,
    orgName: r.org_name as string,
    workersAffected: (r.workers_affected as number | null) ?? null,
    amountFen: (r.amount_fen as number | null) ?? null,
    raisedAt: r.raised_at as Date,
    open: r.acknowledged_at == null,
    acknowledgedAt: (r.acknowledged_at as Date | null) ?? null,
    acknowledgedBy: (r.acknowledged_by_name as string | null) ?? null,
    ackNote: (r.ack_note as string | null) ?? null,
    ticketCount: r.ticket_count as number,
  };
}
export type WarningItem = ReturnType<typeof warningItem>;

/** The warning with its tickets (those the caller may see). */
export async function warningDetail(db: Db, scope: ScopePaths, id: number) {
  const row = await warningQuery(db, scope).where('w.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('预警');
  const tickets = await db.selectFrom('appeal_warning_ticket as wt').innerJoin('appeal as a', 'a.id', 'wt.appeal_id')
    .select(['a.id', 'a.ticket_no', 'a.worker_name', 'a.status', 'a.accepted_on', 'a.workers_affected', 'a.amount_fen'])
    .where('wt.warning_id', '=', id)
    .where(sql<boolean>`(${ownedInScope('a.org_id', scope)} or coalesce(${ownedInScope('a.assigned_org_id', scope)}, false))`)
    .orderBy('a.accepted_on').orderBy('a.id').execute();
  return { ...warningItem(row), tickets: tickets.map((t) => ({ id: t.id, ticketNo: t.ticket_no, workerName: t.worker_name, status: t.status, acceptedOn: t.accepted_on, workersAffected: t.workers_affected, amountFen: t.amount_fen })) };
}

/** The warnings on a ticket's page (the ticket is in scope already). */
export async function warningsOfTicket(db: Db, ticketId: number) {
  const rows = await db.selectFrom('appeal_warning as w').innerJoin('appeal_warning_ticket as wt', 'wt.warning_id', 'w.id')
    .leftJoin('app_user as ak', 'ak.id', 'w.acknowledged_by')
    .select(['w.id', 'w.title', 'w.detail', 'w.rules', 'w.raised_at', 'w.acknowledged_at', 'w.ack_note', 'ak.display_name as acknowledged_by_name'])
    .where('wt.appeal_id', '=', ticketId).orderBy('w.raised_at').execute();
  return rows.map((r) => ({
    id: r.id, title: r.title, detail: r.detail, ruleLabels: r.rules.map((x) => ruleLabels[x] ?? x), raisedAt: r.raised_at,
    open: r.acknowledged_at == null, acknowledgedAt: r.acknowledged_at, acknowledgedBy: r.acknowledged_by_name, ackNote: r.ack_note,
  }));
}

/** 确认预警: once; a second acknowledgement answers 409. */
export async function acknowledgeWarning(db: Db, actor: Actor, scope: ScopePaths, id: number, note: string | null) {
  await db.transaction().execute(async (tx) => {
    const w = await warningQuery(tx, scope).where('w.id', '=', id).executeTakeFirst();
    if (!w) throw notFound('预警');
    const after = await tx.updateTable('appeal_warning')
      .set({ acknowledged_at: new Date(), acknowledged_by: actor.id, ack_note: note })
      .where('id', '=', id).where('acknowledged_at', 'is', null)
      .returningAll().executeTakeFirst();
    if (!after) throw conflict('该预警已确认，不能重复确认');
    await audit(tx, actor, {
      action: 'appeal_warning_ack', entity: 'appeal_warning', entityId: id, orgId: after.org_id,
      summary: `确认预警：${w.title}${note ? `（${note}）` : ''}`, before: { acknowledged_at: null }, after: { acknowledged_at: after.acknowledged_at, ack_note: note },
    });
  });
}
