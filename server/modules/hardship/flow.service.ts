import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import type { AccessContext } from '../../platform/access.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { addDays } from '../../../lib/working-days.js';
import { workingCalendar } from '../calendar/calendar.service.js';
import { addStep, archiveInScopeOrThrow, saveFiguresOf, type ArchiveFieldsInput, type ArchiveRow } from './hardship.service.js';
import { flowActions, statusLabels, type FlowActionName } from './hardship.flow.js';
import type { HardshipStatus } from './tables.js';

/** Working days of a 公示 (SPEC §3.5). */
export const NOTICE_WORKING_DAYS = 5;

export interface TransitionInput {
  comment?: string | null;
  /** return, reject, exit */
  reason?: string | null;
  /** visit */
  visit?: { visitDate: string; visitors: string; findings: string; conclusion: 'confirmed' | 'discrepancy' };
  /** yearly_review: the updated figures */
  figures?: ArchiveFieldsInput;
}

/** The 公示 period that opens today: it ends on the 5th working day after today (the calendar's convention). */
export async function noticePeriod(db: Db | Tx, start = clock.today()) {
  const end = (await workingCalendar(db)).addWorkingDays(start, NOTICE_WORKING_DAYS);
  return { start, end };
}

/** Approval waits until the 公示 is over: today is after its last day. */
export function noticeOver(a: Pick<ArchiveRow, 'notice_end'>, today = clock.today()) {
  return a.notice_end !== null && today > a.notice_end;
}

/** Which actions the caller may take on this archive now (the archive page's buttons). */
export function availableActions(access: AccessContext, archive: Pick<ArchiveRow, 'status' | 'org_id'>, orgPath: string): FlowActionName[] {
  return (Object.keys(flowActions) as FlowActionName[]).filter((name) => {
    const rule = flowActions[name];
    if (!(rule.from as readonly HardshipStatus[]).includes(archive.status)) return false;
    // 退回/驳回 during the 公示 are the county's (it decides after the objections)
    const permission = (name === 'return' || name === 'reject') && archive.status === 'notice' ? 'hardship:approve' : rule.permission;
    return access.scope(permission).some((p) => orgPath === p || orgPath.startsWith(p + '.'));
  });
}

/**
 * One step of the flow, in one transaction: the archive is loaded through the scope of the
 * action's permission (404 outside it), its status is checked (409 with the current status),
 * the change is a conditional UPDATE on the expected status (a concurrent second attempt
 * changes no row: 409), then the timeline row and the audit row.
 */
export async function transition(
  db: Db, crypto: FieldCrypto, access: AccessContext, actor: Actor, id: number, action: FlowActionName, input: TransitionInput,
): Promise<void> {
  const rule = flowActions[action];
  const reason = (input.reason ?? input.comment ?? '').trim();
  if (rule.needsComment && !reason) {
    throw fieldError('reason', action === 'return' ? '退回时须填写退回理由' : action === 'reject' ? '驳回时须填写书面理由' : '请填写理由');
  }
  await db.transaction().execute(async (tx) => {
    const permission = (action === 'return' || action === 'reject')
      ? await permissionToDecide(tx, id)
      : rule.permission;
    const a = await archiveInScopeOrThrow(tx, id, access.require(permission));
    if (!(rule.from as readonly HardshipStatus[]).includes(a.status)) {
      throw conflict(`该档案当前为“${statusLabels[a.status]}”，不能${rule.label}`);
    }
    const today = clock.today();
    const set: Record<string, unknown> = { status: rule.to, updated_at: new Date() };
    let comment: string | null = input.comment ?? null;
    if (action === 'submit') {
      set.applied_by = actor.id;
      set.applied_at = clock.now();
    } else if (action === 'visit') {
      if (!input.visit) throw fieldError('visitDate', '请填写入户核查记录');
      if (input.visit.visitDate > today) throw fieldError('visitDate', '核查日期不能晚于今天');
    } else if (action === 'notice') {
      const period = await noticePeriod(tx, today);
      set.notice_start = period.start;
      set.notice_end = period.end;
      comment = `公示期 ${period.start} 至 ${period.end}（${NOTICE_WORKING_DAYS}个工作日）${comment ? `；${comment}` : ''}`;
    } else if (action === 'approve') {
      if (!noticeOver(a, today)) throw conflict(`公示期至 ${a.notice_end} 结束，公示期满后方可审批`);
      const open = await tx.selectFrom('hardship_objection').select(sql<number>`count(*)::int`.as('n'))
        .where('archive_id', '=', id).where('handled_at', 'is', null).executeTakeFirstOrThrow();
      if (open.n > 0) throw conflict(`公示期间收到的 ${open.n} 条异议尚未处理，处理后方可审批`);
      const seq = await sql<{ n: number }>`select nextval('hardship_archive_no_seq')::int as n`.execute(tx);
      set.archive_no = `KN${today.slice(0, 4)}-${String(seq.rows[0]!.n).padStart(5, '0')}`;
      set.approved_by = actor.id;
      set.approved_at = clock.now();
      set.archived_on = today;
      set.last_reviewed_on = today;
      set.next_review_due = nextYear(today);
    } else if (action === 'yearly_review') {
      if (input.figures) await saveFiguresOf(tx, crypto, a, input.figures);
      set.last_reviewed_on = today;
      set.next_review_due = nextYear(today);
    } else if (action === 'return' || action === 'reject' || action === 'exit' || action === 'resolve') {
      comment = reason || null;
      if (action !== 'return') {
        set.closed_on = today;
        set.closed_reason = reason || null;
      }
    }
    const updated = await tx.updateTable('hardship_archive').set(set)
      .where('id', '=', id).where('status', '=', a.status)
      .returning(['status', 'level', 'archive_no']).executeTakeFirst();
    // another request moved the archive between our read and this write
    if (!updated) throw conflict('该档案刚被其他人处理，请刷新后重试');
    if (action === 'visit' && input.visit) {
      await tx.insertInto('hardship_visit').values({
        archive_id: id, visit_date: input.visit.visitDate, visitors: input.visit.visitors, findings: input.visit.findings,
        conclusion: input.visit.conclusion, created_by: actor.id,
      }).execute();
      comment = `${input.visit.visitDate} ${input.visit.visitors}：${input.visit.conclusion === 'confirmed' ? '情况属实' : '情况不符'}${comment ? `；${comment}` : ''}`;
    }
    if (action === 'approve') comment = `档案编号 ${String(set.archive_no)}${comment ? `；${comment}` : ''}`;
    if (action === 'yearly_review') comment = `复核后类别：${updated.level}${comment ? `；${comment}` : ''}`.replace(/：(deep|relative|accidental|none)/, (_, l: string) => `：${levelNames[l]}`);
    await addStep(tx, actor, id, action, a.status, rule.to, comment);
    await audit(tx, actor, {
      action: `hardship_${action}`, entity: 'hardship_archive', entityId: id, orgId: a.org_id,
      summary: `困难职工档案 #${id}：${rule.label}`, before: { status: a.status }, after: { status: rule.to, comment },
    });
  });
}

const levelNames: Record<string, string> = { deep: '深度困难', relative: '相对困难', accidental: '意外致困', none: '不符合' };

function nextYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 Feb → 28 Feb of the next year
  const candidate = `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return m === 2 && d === 29 ? addDays(`${y + 1}-03-01`, -1) : candidate;
}

/** 退回/驳回: the township's while the application is with it, the county's during the 公示. */
async function permissionToDecide(tx: Tx, id: number) {
  const row = await tx.selectFrom('hardship_archive').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status === 'notice' ? 'hardship:approve' as const : 'hardship:review' as const;
}

/** Handles one 公示 objection (township or county): a note is required. */
export async function handleObjection(db: Db, actor: Actor, scope: readonly string[], objectionId: number, note: string) {
  await db.transaction().execute(async (tx) => {
    const ob = await tx.selectFrom('hardship_objection').selectAll().where('id', '=', objectionId).executeTakeFirst();
    if (!ob) throw notFound('公示异议');
    const a = await archiveInScopeOrThrow(tx, ob.archive_id, scope);
    const done = await tx.updateTable('hardship_objection').set({ handled_by: actor.id, handled_at: clock.now(), handling_note: note })
      .where('id', '=', objectionId).where('handled_at', 'is', null).returning('id').executeTakeFirst();
    if (!done) throw conflict('该异议已处理');
    await addStep(tx, actor, a.id, 'objection', a.status, a.status, note);
    await audit(tx, actor, {
      action: 'hardship_objection_handle', entity: 'hardship_objection', entityId: objectionId, orgId: a.org_id,
      summary: `处理困难职工档案 #${a.id} 的公示异议`, after: { note },
    });
  });
}
