import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import { audit, type Actor } from '../../platform/audit.js';
import { conflict, fieldError, notFound, AppError } from '../../platform/errors.js';
import { orgInScopeOrThrow, ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { normalizeRoles, roleRank, seatRoles } from './committee-roles.js';
import type { CommitteeMemberTable, CommitteeRole, CommitteeTermTable } from './tables.js';

export type TermRow = Selectable<CommitteeTermTable>;
export type MemberRow = Selectable<CommitteeMemberTable>;

/** Organizations that have a committee of their own elected by a congress (委员会). */
export const federationKinds = ['province_federation', 'city_federation', 'county_federation', 'township', 'industry'] as const;

export interface TermInput {
  orgId?: number;
  name: string;
  termNo?: number | null;
  startDate: string;
  endDate?: string | null;
  remark?: string | null;
}

export interface MemberInput {
  name: string;
  sex?: 'M' | 'F' | null;
  unit?: string | null;
  position?: string | null;
  memberId?: number | null;
  roles?: CommitteeRole[];
  electedMeeting?: string | null;
  electedOn?: string | null;
  sortOrder?: number;
}

export interface LeaveInput {
  leftOn: string;
  reason: string;
}

export interface ReplaceInput {
  leavingMemberId: number;
  reason: string;
  /** the meeting that approved the replacement, e.g. 九届二次全委(扩大)会议 */
  meeting: string;
  /** the meeting's date: the new member's election date */
  date: string;
  /** when the leaving member left; the meeting's date when absent */
  leftOn?: string;
  newMember: MemberInput;
}

// ---------------------------------------------------------------- loading through the scope

export async function termInScopeOrThrow(db: Db | Tx, id: number, scope: ScopePaths): Promise<TermRow & { org_name: string }> {
  const term = await db.selectFrom('committee_term as t').innerJoin('org as o', 'o.id', 't.org_id')
    .selectAll('t').select('o.name as org_name')
    .where('t.id', '=', id).where(ownedInScope('t.org_id', scope))
    .executeTakeFirst();
  if (!term) throw notFound('届次');
  return term;
}

export async function memberInScopeOrThrow(db: Db | Tx, id: number, scope: ScopePaths): Promise<MemberRow & { org_id: number; term_name: string; term_start: string }> {
  const member = await db.selectFrom('committee_member as m').innerJoin('committee_term as t', 't.id', 'm.term_id')
    .selectAll('m').select(['t.org_id', 't.name as term_name', 't.start_date as term_start'])
    .where('m.id', '=', id).where(ownedInScope('t.org_id', scope))
    .executeTakeFirst();
  if (!member) throw notFound('委员');
  return member;
}

// ---------------------------------------------------------------- terms

export async function createTerm(db: Db, actor: Actor, scope: ScopePaths, input: TermInput) {
  return db.transaction().execute(async (tx) => {
    const orgId = input.orgId ?? defaultOrgId(scope);
    const org = await orgInScopeOrThrow(tx, orgId, scope);
    if (!(federationKinds as readonly string[]).includes(org.kind)) throw fieldError('orgId', '只有总工会、乡镇(街道)工会和产业工会设委员会届次');
    checkTermDates(input.startDate, input.endDate ?? null);
    const term = await tx.insertInto('committee_term').values({
      org_id: org.id,
      name: input.name,
      term_no: input.termNo ?? null,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      remark: input.remark ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'committee_term', entityId: term.id, orgId: org.id, summary: `新建${org.name}${term.name}委员会届次`, after: term });
    return term;
  }).catch(translateConstraint);
}

export async function updateTerm(db: Db, actor: Actor, scope: ScopePaths, id: number, input: Partial<Omit<TermInput, 'orgId'>>) {
  return db.transaction().execute(async (tx) => {
    const { org_name: orgName, ...before } = await termInScopeOrThrow(tx, id, scope);
    const startDate = input.startDate ?? before.start_date;
    const endDate = input.endDate !== undefined ? input.endDate : before.end_date;
    checkTermDates(startDate, endDate);
    if (input.startDate && input.startDate > before.start_date) {
      const early = await tx.selectFrom('committee_member').select('name')
        .where('term_id', '=', id).where('elected_on', '<', input.startDate).executeTakeFirst();
      if (early) throw fieldError('startDate', `不能晚于委员${early.name}的当选日期`);
    }
    const after = await tx.updateTable('committee_term').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.termNo !== undefined ? { term_no: input.termNo } : {}),
      ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      ...(input.remark !== undefined ? { remark: input.remark } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'update', entity: 'committee_term', entityId: id, orgId: before.org_id, summary: `修改${orgName}${after.name}委员会届次`, before, after });
    return after;
  }).catch(translateConstraint);
}

function defaultOrgId(scope: ScopePaths): number {
  // without an organization: the caller's own federation, when the scope is one subtree
  if (scope.length !== 1) throw fieldError('orgId', '请选择组织');
  return Number(scope[0].split('.').pop());
}

function checkTermDates(startDate: string, endDate: string | null) {
  if (endDate && endDate <= startDate) throw fieldError('endDate', '应晚于开始日期');
}

// ---------------------------------------------------------------- members

export async function addMember(db: Db, actor: Actor, scope: ScopePaths, termId: number, input: MemberInput) {
  return db.transaction().execute(async (tx) => {
    const term = await termInScopeOrThrow(tx, termId, scope);
    const member = await insertMember(tx, scope, term, input, input.roles ?? ['committee']);
    await audit(tx, actor, {
      action: 'create', entity: 'committee_member', entityId: member.id, orgId: term.org_id,
      summary: `${term.org_name}${term.name}委员会增加委员 ${member.name}`, after: member,
    });
    return member;
  }).catch(translateConstraint);
}

async function insertMember(tx: Tx, scope: ScopePaths, term: TermRow, input: MemberInput, roles: CommitteeRole[]) {
  const normalized = normalizeRoles(roles);
  if (!normalized.ok) throw fieldError('roles', normalized.message);
  if (input.electedOn && input.electedOn < term.start_date) throw fieldError('electedOn', '不能早于本届开始日期');
  const sex = await checkMemberLink(tx, scope, input.memberId ?? null, input.name, input.sex ?? null);
  return tx.insertInto('committee_member').values({
    term_id: term.id,
    name: input.name,
    sex,
    unit: input.unit ?? '',
    position: input.position ?? null,
    member_id: input.memberId ?? null,
    roles: normalized.roles,
    elected_meeting: input.electedMeeting ?? null,
    elected_on: input.electedOn ?? null,
    sort_order: input.sortOrder ?? 0,
  }).returningAll().executeTakeFirstOrThrow();
}

/**
 * A committee member may be linked to their 会员 record: it must be one the caller may see,
 * and the same person by name. Returns the sex to store (the record's, when none was given).
 */
async function checkMemberLink(tx: Tx, scope: ScopePaths, memberId: number | null, name: string, sex: 'M' | 'F' | null) {
  if (!memberId) return sex;
  // TODO(membership): call the membership module's service once it offers "member in scope"
  const m = await tx.selectFrom('member').select(['id', 'name', 'sex'])
    .where('id', '=', memberId).where(ownedInScope('member.org_id', scope)).executeTakeFirst();
  if (!m) throw fieldError('memberId', '会员不存在或不在您的管辖范围内');
  if (m.name !== name) throw fieldError('memberId', '所选会员的姓名与委员姓名不一致');
  if (sex && sex !== m.sex) throw fieldError('sex', '与所选会员的性别不一致');
  return m.sex;
}

export async function updateMember(db: Db, actor: Actor, scope: ScopePaths, id: number, input: Partial<MemberInput>) {
  return db.transaction().execute(async (tx) => {
    const { org_id: orgId, term_name: termName, term_start: termStart, ...before } = await memberInScopeOrThrow(tx, id, scope);
    let roles: CommitteeRole[] | undefined;
    if (input.roles !== undefined) {
      const normalized = normalizeRoles(input.roles);
      if (!normalized.ok) throw fieldError('roles', normalized.message);
      roles = normalized.roles;
    }
    if (input.electedOn && input.electedOn < termStart) throw fieldError('electedOn', '不能早于本届开始日期');
    const name = input.name ?? before.name;
    const memberId = input.memberId !== undefined ? input.memberId : before.member_id;
    const sex = input.sex !== undefined ? input.sex : before.sex;
    const linkedSex = (input.memberId !== undefined || input.name !== undefined || input.sex !== undefined)
      ? await checkMemberLink(tx, scope, memberId, name, sex) : sex;
    const after = await tx.updateTable('committee_member').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(linkedSex !== before.sex ? { sex: linkedSex } : {}),
      ...(input.unit !== undefined ? { unit: input.unit ?? '' } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.memberId !== undefined ? { member_id: input.memberId } : {}),
      ...(roles !== undefined ? { roles } : {}),
      ...(input.electedMeeting !== undefined ? { elected_meeting: input.electedMeeting } : {}),
      ...(input.electedOn !== undefined ? { elected_on: input.electedOn } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'update', entity: 'committee_member', entityId: id, orgId, summary: `修改${termName}委员 ${after.name}`, before, after });
    return after;
  }).catch(translateConstraint);
}

export async function markLeft(db: Db, actor: Actor, scope: ScopePaths, id: number, input: LeaveInput) {
  return db.transaction().execute(async (tx) => {
    const { org_id: orgId, term_name: termName, term_start: termStart, ...before } = await memberInScopeOrThrow(tx, id, scope);
    const after = await leave(tx, before, termStart, input.leftOn, input.reason, 'leftOn');
    await audit(tx, actor, {
      action: 'leave', entity: 'committee_member', entityId: id, orgId,
      summary: `${termName}委员 ${before.name} 于 ${input.leftOn} 离任（${input.reason}）`, before, after,
    });
    return after;
  }).catch(translateConstraint);
}

async function leave(tx: Tx, member: MemberRow, termStart: string, leftOn: string, reason: string, dateField: string) {
  if (member.status !== 'serving') throw conflict(`委员 ${member.name} 已于 ${member.left_on} 离任`);
  if (leftOn < termStart) throw fieldError(dateField, '不能早于本届开始日期');
  if (member.elected_on && leftOn < member.elected_on) throw fieldError(dateField, '不能早于该委员的当选日期');
  // only while still serving: a leave recorded meanwhile by someone else is not overwritten
  const after = await tx.updateTable('committee_member')
    .set({ status: 'left', left_on: leftOn, left_reason: reason, updated_at: new Date() })
    .where('id', '=', member.id).where('status', '=', 'serving').returningAll().executeTakeFirst();
  if (!after) throw conflict(`委员 ${member.name} 已离任`);
  return after;
}

/**
 * 替补: the leaving member leaves (or has left) and a new member takes the seat, approved by a
 * meeting. One transaction: the leave, the new member, the replacement row, the audit row.
 * The new member takes the seat (委员 and/or 经审委员), not the leaving member's offices, unless
 * roles are given.
 */
export async function replaceMember(db: Db, actor: Actor, scope: ScopePaths, termId: number, input: ReplaceInput) {
  return db.transaction().execute(async (tx) => {
    const term = await termInScopeOrThrow(tx, termId, scope);
    const leaving = await tx.selectFrom('committee_member').selectAll()
      .where('id', '=', input.leavingMemberId).where('term_id', '=', term.id).executeTakeFirst();
    if (!leaving) throw fieldError('leavingMemberId', `不是${term.name}委员会的委员`);
    const taken = await tx.selectFrom('committee_replacement as r').innerJoin('committee_member as n', 'n.id', 'r.new_member_id')
      .select(['n.name', 'r.meeting']).where('r.left_member_id', '=', leaving.id).executeTakeFirst();
    if (taken) throw conflict(`委员 ${leaving.name} 的席位已由 ${taken.name} 替补（${taken.meeting}）`);
    if (input.date < term.start_date) throw fieldError('date', '不能早于本届开始日期');

    const left = leaving.status === 'serving'
      ? await leave(tx, leaving, term.start_date, input.leftOn ?? input.date, input.reason, input.leftOn ? 'leftOn' : 'date')
      : leaving; // left earlier, its seat empty until now: the recorded leave stays as it was
    const newcomer = await insertMember(tx, scope, term, {
      ...input.newMember,
      electedMeeting: input.meeting,
      electedOn: input.date,
    }, input.newMember.roles ?? seatRoles(leaving.roles));
    const replacement = await tx.insertInto('committee_replacement').values({
      term_id: term.id,
      left_member_id: leaving.id,
      new_member_id: newcomer.id,
      meeting: input.meeting,
      approved_on: input.date,
      reason: input.reason,
      created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, {
      action: 'replace', entity: 'committee_member', entityId: leaving.id, orgId: term.org_id,
      summary: `${input.meeting}：${term.name}委员 ${leaving.name} 离任（${input.reason}），由 ${newcomer.name} 替补`,
      before: leaving, after: { left, newMember: newcomer, replacement },
    });
    return { replacement, left, newMember: newcomer };
  }).catch(translateConstraint);
}

// ---------------------------------------------------------------- reading

export interface RosterMember {
  id: number;
  name: string;
  sex: 'M' | 'F' | null;
  unit: string;
  position: string | null;
  memberId: number | null;
  roles: CommitteeRole[];
  standing: boolean;
  electedMeeting: string | null;
  electedOn: string | null;
  status: 'serving' | 'left';
  leftOn: string | null;
  leftReason: string | null;
  sortOrder: number;
  /** this member took the seat of … */
  replaces: { memberId: number; name: string; meeting: string; approvedOn: string; reason: string } | null;
  /** this member's seat was taken by … */
  replacedBy: { memberId: number; name: string; meeting: string; approvedOn: string; reason: string } | null;
}

export async function termDetail(db: Db, scope: ScopePaths, id: number) {
  const term = await termInScopeOrThrow(db, id, scope);
  const rows = await db.selectFrom('committee_member').selectAll().where('term_id', '=', id).execute();
  const replacements = await db.selectFrom('committee_replacement').selectAll().where('term_id', '=', id).orderBy('approved_on').orderBy('id').execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const link = (memberId: number, r: (typeof replacements)[number]) => ({
    memberId, name: byId.get(memberId)!.name, meeting: r.meeting, approvedOn: r.approved_on, reason: r.reason,
  });
  const members: RosterMember[] = rows.map((m) => {
    const took = replacements.find((r) => r.new_member_id === m.id);
    const lost = replacements.find((r) => r.left_member_id === m.id);
    return {
      id: m.id, name: m.name, sex: m.sex, unit: m.unit, position: m.position, memberId: m.member_id,
      roles: m.roles, standing: m.roles.includes('standing'),
      electedMeeting: m.elected_meeting, electedOn: m.elected_on,
      status: m.status, leftOn: m.left_on, leftReason: m.left_reason, sortOrder: m.sort_order,
      replaces: took ? link(took.left_member_id, took) : null,
      replacedBy: lost ? link(lost.new_member_id, lost) : null,
    };
  });
  // serving members in roster order (chair, vice chairs, standing, committee, audit), then
  // those who left, in the order they left
  members.sort((a, b) => {
    if (a.status !== b.status) return a.status === 'serving' ? -1 : 1;
    if (a.status === 'left') return (a.leftOn ?? '').localeCompare(b.leftOn ?? '') || a.id - b.id;
    return roleRank(a.roles) - roleRank(b.roles) || a.sortOrder - b.sortOrder || a.id - b.id;
  });
  const serving = members.filter((m) => m.status === 'serving');
  const { org_name: orgName, ...t } = term;
  return {
    id: t.id, orgId: t.org_id, orgName, name: t.name, termNo: t.term_no, startDate: t.start_date, endDate: t.end_date, remark: t.remark,
    counts: {
      serving: serving.length,
      committee: serving.filter((m) => m.roles.includes('committee')).length,
      standing: serving.filter((m) => m.standing).length,
      viceChairs: serving.filter((m) => m.roles.includes('vice_chair')).length,
      audit: serving.filter((m) => m.roles.includes('audit')).length,
      women: serving.filter((m) => m.sex === 'F').length,
      left: members.length - serving.length,
      replaced: replacements.length,
    },
    chair: serving.find((m) => m.roles.includes('chair'))?.name ?? null,
    members,
    replacements: replacements.map((r) => ({
      id: r.id, meeting: r.meeting, approvedOn: r.approved_on, reason: r.reason,
      leftMember: { id: r.left_member_id, name: byId.get(r.left_member_id)!.name },
      newMember: { id: r.new_member_id, name: byId.get(r.new_member_id)!.name },
    })),
  };
}

export async function memberDetail(db: Db, scope: ScopePaths, id: number) {
  const m = await memberInScopeOrThrow(db, id, scope);
  const detail = await termDetail(db, scope, m.term_id);
  return { ...detail.members.find((x) => x.id === id)!, termId: m.term_id, termName: m.term_name, orgId: m.org_id };
}

// ---------------------------------------------------------------- constraints → messages

const constraintMessages: Record<string, [field: string | null, message: string]> = {
  committee_member_person_key: ['name', '本届委员会已有同一单位的同名委员：同一人在一届委员会中只能任职一次'],
  committee_member_member_key: ['memberId', '该会员已是本届委员会委员：同一人在一届委员会中只能任职一次'],
  committee_member_one_chair: ['roles', '本届委员会已有在任主席'],
  committee_term_org_name_key: ['name', '该组织已有同名届次'],
  committee_term_org_no_key: ['termNo', '该组织已有该届次序号'],
  committee_replacement_left_key: ['leavingMemberId', '该委员的席位已有替补'],
  committee_replacement_left_fk: ['leavingMemberId', '替补只能针对已离任的委员'],
};

/** A violated rule the database guards becomes a 409 that names it, not the generic duplicate. */
function translateConstraint(err: unknown): never {
  if (err instanceof AppError) throw err;
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e.code === '23505' || e.code === '23503' || e.code === '23514') {
    const name = e.constraint ?? /constraint "([^"]+)"/.exec(e.message ?? '')?.[1];
    const known = name ? constraintMessages[name] : undefined;
    if (known) {
      const [field, message] = known;
      throw conflict(message, field ? { [field]: message } : undefined);
    }
  }
  throw err;
}
