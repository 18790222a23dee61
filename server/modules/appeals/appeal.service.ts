import { sql } from 'kysely';
import { codeLabel } from '../../../lib/code-tables.js';
import { maskIdFromLast4, maskPhoneFromLast4 } from '../../../lib/masking.js';
import { parseIdNumber, parseMobile, removeWhitespace, toHalfWidth } from '../../../lib/validators/index.js';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { isWithin, orgInScopeOrThrow, ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { revealPersonalNumber } from '../../platform/reveal.js';
import { workingCalendar } from '../calendar/calendar.service.js';
import { assertCode } from '../membership/common.js';
import {
  satisfactionLabels, statusLabels, stepLabels, stepRules, ticketNo, timeStatusLabels,
  transferKindLabels, type StepAction, type TimeStatus,
} from './flow.js';
import { getAppealSettings, tierLimit, type AppealSettings } from './settings.js';
import { raiseWarnings, warningsOfTicket } from './warning.service.js';
import { openTransferTarget, transferTargetStatus, type TransferInput } from './transfer-targets.js';
import type { AppealStatus, AppealTable, Satisfaction, TransferKind } from './tables.js';
import type { Selectable } from 'kysely';

export type AppealRow = Selectable<AppealTable>;

/** Where the caller may read, handle (appeal:write) and assign/supervise (appeal:assign). */
export interface AppealScopes {
  read: ScopePaths;
  write: ScopePaths;
  assign: ScopePaths;
  memberRead: ScopePaths;
  employerRead: ScopePaths;
  /** to show the transferred case on the ticket page */
  legalRead: ScopePaths;
  hardshipRead: ScopePaths;
}

export interface IntakeInput {
  orgId: number;
  channel: string;
  type: string;
  subject: string;
  tier: string;
  workersAffected: number;
  amountFen?: number | null;
  employerId?: number | null;
  employerName?: string | null;
  memberId?: number | null;
  workerName?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  content: string;
}

export interface StepInput {
  comment?: string | null;
  orgId?: number;
  assigneeId?: number | null;
  reply?: string;
  satisfaction?: Satisfaction;
  deadline?: string;
  transfer?: TransferInput;
}

/** A ticket is seen by every level above the desk that took it and above the unit handling it. */
export function ticketVisible(paths: ScopePaths) {
  return sql<boolean>`(${ownedInScope('a.org_id', paths)} or coalesce(${ownedInScope('a.assigned_org_id', paths)}, false))`;
}

/** The level-2 organization (乡镇/产业工会) a ticket belongs to: its handling unit's, else its employer's, else the desk's. */
const townshipIdSql = sql<number | null>`(select t.id from org t where t.path = subpath(coalesce(ao.path, eo.path, o.path), 0, least(2, nlevel(coalesce(ao.path, eo.path, o.path)))))`;

/** 已超期 / 即将到期 / 正常 in SQL, so lists can filter and sort by it (see timeStatusOf). */
export function timeStatusSql(w: { today: string; soonUntil: string }) {
  return sql<string>`case when a.status in ('closed', 'transferred') then 'done'
    when a.due_on < ${w.today} or (a.acknowledged_at is null and a.ack_due_on < ${w.today}) then 'overdue'
    when a.due_on <= ${w.soonUntil} then 'due_soon' else 'normal' end`;
}

export function ticketQuery(db: Db | Tx, w: { today: string; soonUntil: string }) {
  return db.selectFrom('appeal as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .leftJoin('org as ao', 'ao.id', 'a.assigned_org_id')
    .leftJoin('app_user as au', 'au.id', 'a.assignee_id')
    .leftJoin('app_user as sv', 'sv.id', 'a.supervised_by')
    .leftJoin('employer as e', 'e.id', 'a.employer_id')
    .leftJoin('org as eo', 'eo.id', 'e.org_id')
    .select([
      'a.id', 'a.ticket_no', 'a.org_id', 'a.channel', 'a.type', 'a.subject', 'a.tier', 'a.status', 'a.workers_affected', 'a.amount_fen',
      'a.employer_id', 'a.employer_name', 'a.member_id', 'a.worker_name', 'a.phone_last4', 'a.id_number_last4', 'a.content',
      'a.accepted_on', 'a.accepted_at', 'a.ack_due_on', 'a.due_on', 'a.acknowledged_at', 'a.assigned_org_id', 'a.assignee_id', 'a.assigned_at',
      'a.reply', 'a.replied_at', 'a.satisfaction', 'a.visit_note', 'a.visited_at', 'a.closed_on', 'a.closed_at',
      'a.transfer_kind', 'a.transfer_id', 'a.transferred_at', 'a.supervision_note', 'a.supervision_deadline', 'a.supervised_at',
      'o.name as org_name', 'o.path as org_path', 'ao.name as assigned_org_name', 'ao.path as assigned_org_path',
      'au.display_name as assignee_name', 'sv.display_name as supervised_by_name',
      townshipIdSql.as('township_id'),
      timeStatusSql(w).as('time_status'),
      sql<string | null>`(select t.name from org t where t.path = subpath(coalesce(ao.path, eo.path, o.path), 0, least(2, nlevel(coalesce(ao.path, eo.path, o.path)))))`.as('township_name'),
      sql<boolean>`exists (select 1 from appeal_warning_ticket wt join appeal_warning w on w.id = wt.warning_id where wt.appeal_id = a.id and w.acknowledged_at is null)`.as('warning_open'),
    ]);
}

/** today and the end of the 即将到期 window, for time statuses and the list filters. */
export async function timeWindow(db: Db | Tx, settings?: AppealSettings) {
  const s = settings ?? await getAppealSettings(db);
  const today = clock.today();
  const soonUntil = (await workingCalendar(db)).addWorkingDays(today, s.warnDays);
  return { today, soonUntil };
}

const yuan = (fen: number | null) => (fen == null ? null : (fen / 100).toFixed(2));

/** The list's and the export's shape of a ticket: the worker's numbers masked. */
export function ticketItem(r: Record<string, unknown>) {
  const status = r.status as AppealStatus;
  const timeStatus = r.time_status as TimeStatus;
  return {
    id: r.id as number,
    ticketNo: r.ticket_no as string,
    orgId: r.org_id as number,
    orgName: r.org_name as string,
    channel: r.channel as string,
    channelLabel: codeLabel('appeal_channel', r.channel as string),
    type: r.type as string,
    typeLabel: codeLabel('appeal_type', r.type as string),
    subject: r.subject as string,
    subjectLabel: codeLabel('appeal_subject', r.subject as string),
    tier: r.tier as string,
    tierLabel: codeLabel('difficulty_tier', r.tier as string),
    status,
    statusLabel: statusLabels[status],
    workersAffected: r.workers_affected as number,
    amountFen: (r.amount_fen as number | null) ?? null,
    amountYuan: yuan((r.amount_fen as number | null) ?? null),
    employerId: (r.employer_id as number | null) ?? null,
    employerName: (r.employer_name as string | null) ?? null,
    memberId: (r.member_id as number | null) ?? null,
    workerName: r.worker_name as string,
    phone: r.phone_last4 ? maskPhoneFromLast4(r.phone_last4 as string) : null,
    idNumber: r.id_number_last4 ? maskIdFromLast4(r.id_number_last4 as string) : null,
    acceptedOn: r.accepted_on as string,
    ackDueOn: r.ack_due_on as string,
    dueOn: r.due_on as string,
    timeStatus,
    timeStatusLabel: timeStatusLabels[timeStatus],
    assignedOrgId: (r.assigned_org_id as number | null) ?? null,
    assignedOrgName: (r.assigned_org_name as string | null) ?? null,
    assigneeName: (r.assignee_name as string | null) ?? null,
    townshipName: (r.township_name as string | null) ?? null,
    satisfaction: (r.satisfaction as Satisfaction | null) ?? null,
    satisfactionLabel: r.satisfaction ? satisfactionLabels[r.satisfaction as Satisfaction] : null,
    closedOn: (r.closed_on as string | null) ?? null,
    transferKind: (r.transfer_kind as TransferKind | null) ?? null,
    transferKindLabel: r.transfer_kind ? transferKindLabels[r.transfer_kind as TransferKind] : null,
    transferId: (r.transfer_id as number | null) ?? null,
    supervision: r.supervised_at ? {
      note: r.supervision_note as string, deadline: r.supervision_deadline as string | null,
      at: r.supervised_at as Date, by: (r.supervised_by_name as string | null) ?? null,
    } : null,
    warningOpen: r.warning_open === true,
    content: r.content as string,
  };
}
export type TicketItem = ReturnType<typeof ticketItem>;

// ---------------------------------------------------------------- intake

/** A mobile, or a landline with its area code (0546-1234567): a 12351 caller may use either. */
export function parsePhone(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const mobile = parseMobile(raw);
  if (mobile.ok) return mobile;
  const s = removeWhitespace(toHalfWidth(raw)).replace(/[-‐‑‒–—―()（）]/g, '');
  if (/^0\d{9,11}$/.test(s)) return { ok: true, value: s };
  return { ok: false, message: s === '' ? '请填写联系电话' : '应为11位手机号码或带区号的固定电话' };
}

function sealed(crypto: FieldCrypto, kind: 'phone' | 'id_number', value: string) {
  return { enc: crypto.encrypt(value), hash: crypto.blindIndex(kind, value), last4: value.slice(-4) };
}

/**
 * 受理: one ticket with its number, its time limits (fixed now, from the working-day calendar)
 * and its first timeline step; any early warning it raises is written in the same transaction.
 */
export async function acceptTicket(db: Db, crypto: FieldCrypto, actor: Actor, scopes: AppealScopes, input: IntakeInput): Promise<number> {
  const settings = await getAppealSettings(db);
  const calendar = await workingCalendar(db);
  return db.transaction().execute(async (tx) => {
    const org = await orgInScopeOrThrow(tx, input.orgId, scopes.write, '受理单位');
    await assertCode(tx, 'appeal_channel', input.channel, 'channel');
    await assertCode(tx, 'appeal_type', input.type, 'type');
    await assertCode(tx, 'appeal_subject', input.subject, 'subject');
    await assertCode(tx, 'difficulty_tier', input.tier, 'tier');

    // the worker: a member found by search, or a person known by name and phone only
    let worker: { member_id: number | null; worker_name: string; phone: ReturnType<typeof sealed> | null; id: ReturnType<typeof sealed> | null };
    const phoneRaw = input.phone?.trim() ? input.phone : null;
    let phone: ReturnType<typeof sealed> | null = null;
    if (phoneRaw) {
      const parsed = parsePhone(phoneRaw);
      if (!parsed.ok) throw fieldError('phone', parsed.message);
      phone = sealed(crypto, 'phone', parsed.value);
    }
    if (input.memberId != null) {
      const m = await tx.selectFrom('member').select(['id', 'name', 'phone_enc', 'phone_hash', 'phone_last4', 'id_number_enc', 'id_number_hash', 'id_number_last4'])
        .where('id', '=', input.memberId).where(ownedInScope('org_id', scopes.memberRead)).executeTakeFirst();
      if (!m) throw fieldError('memberId', '会员不存在或不在您的管辖范围内');
      worker = {
        member_id: m.id, worker_name: m.name,
        phone: phone ?? (m.phone_enc && m.phone_hash && m.phone_last4 ? { enc: m.phone_enc, hash: m.phone_hash, last4: m.phone_last4 } : null),
        id: { enc: m.id_number_enc, hash: m.id_number_hash, last4: m.id_number_last4 },
      };
    } else {
      const name = input.workerName?.trim();
      if (!name) throw fieldError('workerName', '请填写职工姓名，或选择会员');
      let id: ReturnType<typeof sealed> | null = null;
      if (input.idNumber?.trim()) {
        const parsed = parseIdNumber(input.idNumber, { today: clock.today() });
        if (!parsed.ok) throw fieldError('idNumber', parsed.message);
        id = sealed(crypto, 'id_number', parsed.value);
      }
      worker = { member_id: null, worker_name: name, phone, id };
    }
    if (input.channel === 'phone' && !worker.phone) throw fieldError('phone', '电话受理须登记来电号码');

    let employer: { id: number | null; name: string | null } = { id: null, name: input.employerName?.trim() || null };
    if (input.employerId != null) {
      const e = await tx.selectFrom('employer').select(['id', 'name']).where('id', '=', input.employerId)
        .where(ownedInScope('org_id', scopes.employerRead)).executeTakeFirst();
      if (!e) throw fieldError('employerId', '用人单位不存在或不在您的管辖范围内');
      employer = { id: e.id, name: e.name };
    }
    if (input.subject === 'wage_arrears' && !employer.name) throw fieldError('employerName', '欠薪诉求须登记用人单位');

    const today = clock.today();
    const year = Number(today.slice(0, 4));
    const { last } = await tx.insertInto('appeal_number').values({ year, last: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`appeal_number.last + 1` }))
      .returning('last').executeTakeFirstOrThrow();

    const row = await tx.insertInto('appeal').values({
      ticket_no: ticketNo(year, last),
      org_id: org.id,
      channel: input.channel,
      type: input.type,
      subject: input.subject,
      tier: input.tier,
      workers_affected: input.workersAffected,
      amount_fen: input.amountFen ?? null,
      employer_id: employer.id,
      employer_name: employer.name,
      member_id: worker.member_id,
      worker_name: worker.worker_name,
      phone_enc: worker.phone?.enc ?? null, phone_hash: worker.phone?.hash ?? null, phone_last4: worker.phone?.last4 ?? null,
      id_number_enc: worker.id?.enc ?? null, id_number_hash: worker.id?.hash ?? null, id_number_last4: worker.id?.last4 ?? null,
      content: input.content,
      accepted_on: today,
      accepted_by: actor.id,
      ack_due_on: calendar.addWorkingDays(today, settings.ackDays),
      due_on: calendar.addWorkingDays(today, tierLimit(settings, input.tier)),
    }).returningAll().executeTakeFirstOrThrow();

    await tx.insertInto('appeal_step').values({
      appeal_id: row.id, step: 'accept', from_status: null, to_status: 'accepted', actor_id: actor.id, actor_name: actor.name,
      comment: `${codeLabel('appeal_channel', input.channel)}受理：${codeLabel('appeal_type', input.type)}·${codeLabel('appeal_subject', input.subject)}`,
    }).execute();
    await audit(tx, actor, {
      action: 'appeal_accept', entity: 'appeal', entityId: row.id, orgId: org.id,
      summary: `受理职工诉求 ${row.ticket_no}（${worker.worker_name}，${codeLabel('appeal_subject', input.subject)}）`, after: auditView(row),
    });
    await raiseWarnings(tx, actor, settings, row, today);
    return row.id;
  });
}

/** What the audit log keeps of a ticket: no ciphertexts, no hashes. */
const auditView = (a: AppealRow) => ({
  id: a.id, ticket_no: a.ticket_no, org_id: a.org_id, channel: a.channel, type: a.type, subject: a.subject, tier: a.tier, status: a.status,
  workers_affected: a.workers_affected, amount_fen: a.amount_fen, employer_id: a.employer_id, employer_name: a.employer_name,
  member_id: a.member_id, worker_name: a.worker_name, phone_last4: a.phone_last4, id_number_last4: a.id_number_last4,
  accepted_on: a.accepted_on, ack_due_on: a.ack_due_on, due_on: a.due_on, assigned_org_id: a.assigned_org_id, assignee_id: a.assignee_id,
  satisfaction: a.satisfaction, closed_on: a.closed_on, transfer_kind: a.transfer_kind, transfer_id: a.transfer_id,
  supervision_deadline: a.supervision_deadline,
});

// ---------------------------------------------------------------- reading

async function loadVisible(db: Db | Tx, scope: ScopePaths, id: number) {
  const row = await ticketQuery(db, await timeWindow(db)).where('a.id', '=', id).where(ticketVisible(scope)).executeTakeFirst();
  if (!row) throw notFound('诉求');
  return row;
}

type Loaded = Awaited<ReturnType<typeof loadVisible>>;

const covers = (paths: ScopePaths, path: string | null | undefined) => !!path && paths.some((p) => isWithin(path, p));

/** Which steps the caller may take on this ticket now: the page shows these buttons only. */
export function allowedActions(t: Loaded, scopes: AppealScopes): StepAction[] {
  const handling = t.assigned_org_path ?? t.org_path;
  const may: Record<StepAction, boolean> = {
    assign: covers(scopes.assign, t.org_path),
    // 退回 goes back up: by the unit handling it, not by the desk that assigned it
    reassign: covers(scopes.assign, t.org_path) || covers(scopes.assign, t.assigned_org_path),
    return: covers(scopes.write, t.assigned_org_path) && !covers(scopes.write, t.org_path),
    progress: covers(scopes.write, handling),
    reply: covers(scopes.write, handling),
    visit: covers(scopes.write, t.org_path) || covers(scopes.write, handling),
    close: covers(scopes.write, t.org_path) || covers(scopes.write, handling),
    transfer: covers(scopes.write, handling),
    // a higher level than the unit handling it
    supervise: scopes.assign.some((p) => isWithin(handling, p) && handling !== p),
  };
  return (Object.keys(stepRules) as StepAction[]).filter((a) => may[a] && (stepRules[a].from as readonly string[]).includes(t.status));
}

export async function ticketDetail(db: Db, scopes: AppealScopes, id: number) {
  const t = await loadVisible(db, scopes.read, id);
  const steps = await db.selectFrom('appeal_step').select(['id', 'step', 'from_status', 'to_status', 'actor_name', 'at', 'comment', 'data'])
    .where('appeal_id', '=', id).orderBy('at').orderBy('id').execute();
  return {
    ...ticketItem(t),
    reply: t.reply,
    repliedAt: t.replied_at,
    visitNote: t.visit_note,
    visitedAt: t.visited_at,
    acceptedAt: t.accepted_at,
    acknowledgedAt: t.acknowledged_at,
    assignedAt: t.assigned_at,
    closedAt: t.closed_at,
    transferredAt: t.transferred_at,
    timeline: steps.map((s) => ({
      id: s.id, step: s.step, label: stepLabels[s.step], fromStatus: s.from_status, toStatus: s.to_status,
      statusLabel: statusLabels[s.to_status], actor: s.actor_name, at: s.at, comment: s.comment, data: s.data,
    })),
    warnings: await warningsOfTicket(db, id),
    transferTarget: t.transfer_kind && t.transfer_id
      ? await transferTargetStatus(db, t.transfer_kind, t.transfer_id, id, { legal: scopes.legalRead, hardship: scopes.hardshipRead }) : null,
    actions: allowedActions(t, scopes),
  };
}
export type TicketDetail = Awaited<ReturnType<typeof ticketDetail>>;

/** A full phone or ID number of the worker, for calling back: audited (SPEC §5). */
export async function revealTicketNumber(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, id: number, field: 'phone' | 'id_number') {
  await loadVisible(db, scope, id);
  const row = await db.selectFrom('appeal').select(['id', 'org_id', 'worker_name', 'phone_enc', 'id_number_enc', 'ticket_no']).where('id', '=', id).executeTakeFirstOrThrow();
  return revealPersonalNumber(db, crypto, actor, {
    entity: 'appeal', entityId: row.id, orgId: row.org_id, field,
    sealed: field === 'phone' ? row.phone_enc : row.id_number_enc, label: `诉求 ${row.ticket_no} 的职工 ${row.worker_name}`,
  });
}

// ---------------------------------------------------------------- the steps

/**
 * One step of the flow: loaded through the caller's scope (404 outside it), checked against the
 * caller's role on this ticket (403) and its status (409), then ONE conditional UPDATE on the
 * status the caller saw — a second or concurrent close finds no row and answers 409 — with the
 * timeline row and the audit row in the same transaction.
 */
export async function takeStep(db: Db, crypto: FieldCrypto, actor: Actor, scopes: AppealScopes, id: number, action: StepAction, input: StepInput): Promise<void> {
  const rule = stepRules[action];
  const comment = input.comment?.trim() || null;
  if (action === 'return' && !comment) throw fieldError('comment', '请填写退回原因');
  if (action === 'progress' && !comment) throw fieldError('comment', '请填写办理情况');
  if (action === 'supervise' && !comment) throw fieldError('comment', '请填写督办意见');
  const today = clock.today();
  if (action === 'supervise' && input.deadline && input.deadline < today) throw fieldError('deadline', '不能早于今天');

  await db.transaction().execute(async (tx) => {
    const t = await loadVisible(tx, scopes.read, id);
    if (!(rule.from as readonly string[]).includes(t.status)) {
      throw conflict(`该诉求${statusLabels[t.status]}，不能${rule.label}`);
    }
    if (!allowedActions(t, scopes).includes(action)) throw forbidden(`您不能对该诉求执行“${rule.label}”`);

    const set: Partial<Record<keyof AppealTable, unknown>> = { updated_at: new Date() };
    let data: Record<string, unknown> | null = null;
    let stepComment = comment;
    const now = new Date();
    const acknowledge = () => { set.acknowledged_at = sql`coalesce(acknowledged_at, now())`; };

    switch (action) {
      case 'assign':
      case 'reassign': {
        if (input.orgId == null) throw fieldError('orgId', '请选择承办单位');
        const target = await orgInScopeOrThrow(tx, input.orgId, scopes.assign, '承办单位');
        if (action === 'reassign' && target.id === t.assigned_org_id && (input.assigneeId ?? null) === t.assignee_id) {
          throw fieldError('orgId', '与当前承办单位相同');
        }
        let assigneeName: string | null = null;
        if (input.assigneeId != null) {
          const u = await tx.selectFrom('app_user as u').innerJoin('org as uo', 'uo.id', 'u.org_id').select(['u.id', 'u.display_name'])
            .where('u.id', '=', input.assigneeId).where('u.status', '=', 'active')
            .where(sql<boolean>`uo.path <@ ${target.path}::ltree`).executeTakeFirst();
          if (!u) throw fieldError('assigneeId', '承办人应为承办单位的在用账号');
          assigneeName = u.display_name;
        }
        Object.assign(set, { assigned_org_id: target.id, assignee_id: input.assigneeId ?? null, assigned_by: actor.id, assigned_at: now });
        acknowledge();
        data = { orgId: target.id, orgName: target.name, assigneeId: input.assigneeId ?? null, assigneeName };
        stepComment = [`${rule.label}至 ${target.name}${assigneeName ? `（${assigneeName}）` : ''}`, comment].filter(Boolean).join('：');
        break;
      }
      case 'return':
        // the unit that returned it keeps seeing it (as 已退回) until it is assigned again
        Object.assign(set, { assignee_id: null });
        data = { fromOrgId: t.assigned_org_id, fromOrgName: t.assigned_org_name };
        break;
      case 'progress':
        acknowledge();
        break;
      case 'reply': {
        const reply = input.reply?.trim();
        if (!reply) throw fieldError('reply', '请填写答复内容');
        Object.assign(set, { reply, replied_at: now });
        acknowledge();
        stepComment = reply;
        break;
      }
      case 'visit':
        if (!input.satisfaction) throw fieldError('satisfaction', '请选择满意度');
        Object.assign(set, { satisfaction: input.satisfaction, visit_note: comment, visited_at: now });
        data = { satisfaction: input.satisfaction };
        stepComment = [`满意度：${satisfactionLabels[input.satisfaction]}`, comment].filter(Boolean).join('；');
        break;
      case 'close':
        Object.assign(set, { closed_on: today, closed_at: now });
        break;
      case 'supervise':
        if (!input.deadline) throw fieldError('deadline', '请填写督办期限');
        Object.assign(set, { supervision_note: comment, supervision_deadline: input.deadline, supervised_at: now, supervised_by: actor.id });
        data = { deadline: input.deadline };
        stepComment = `${comment}（期限 ${input.deadline}）`;
        break;
      case 'transfer': {
        if (!input.transfer) throw fieldError('kind', '请选择转办类型');
        const full = await tx.selectFrom('appeal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const target = await openTransferTarget(tx, actor, full, input.transfer, { crypto, handlingOrgId: t.assigned_org_id ?? t.org_id, memberRead: scopes.memberRead }, comment);
        Object.assign(set, { transfer_kind: input.transfer.kind, transfer_id: target.id, transferred_at: now });
        acknowledge();
        data = { kind: input.transfer.kind, targetId: target.id, targetNo: target.no ?? null };
        stepComment = [`转${transferKindLabels[input.transfer.kind]}${target.no ? ` ${target.no}` : ''}`, comment].filter(Boolean).join('：');
        break;
      }
    }
    const to = rule.to ?? t.status;
    set.status = to;

    const before = await tx.selectFrom('appeal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const after = await tx.updateTable('appeal').set(set as never)
      .where('id', '=', id).where('status', '=', t.status)
      .returningAll().executeTakeFirst();
    if (!after) throw conflict(`该诉求已被他人处理，不能再${rule.label}，请刷新后查看`);

    await tx.insertInto('appeal_step').values({
      appeal_id: id, step: action, from_status: t.status, to_status: to, actor_id: actor.id, actor_name: actor.name,
      comment: stepComment, data: data ? JSON.stringify(data) : null,
    }).execute();
    await audit(tx, actor, {
      action: `appeal_${action}`, entity: 'appeal', entityId: id, orgId: t.org_id,
      summary: `${rule.label}职工诉求 ${t.ticket_no}${stepComment ? `：${stepComment.slice(0, 100)}` : ''}`,
      before: auditView(before), after: auditView(after),
    });
  });
}
