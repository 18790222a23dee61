import { sql, type Selectable } from 'kysely';
import { codeLabel } from '../../../lib/code-tables.js';
import { maskPhoneFromLast4 } from '../../../lib/masking.js';
import { parseMobile } from '../../../lib/validators/phone.js';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import { orgInScopeOrThrow, ownedInScope, pathInScope, type ScopePaths } from '../../platform/scope.js';
import { revealPersonalNumber } from '../../platform/reveal.js';
import { householdOf, visitPhotos } from './household.js';
import { quarterOf } from './rules.js';
import type { HelperKind, PairOutcome, PairingRoundTable, PairingTable, VisitKind } from './tables.js';

export type RoundRow = Selectable<PairingRoundTable>;
export type PairRow = Selectable<PairingTable>;

// ---------------------------------------------------------------- rounds

export interface RoundInput {
  orgId?: number;
  name: string;
  startDate: string;
  endDate?: string | null;
  isCurrent?: boolean;
  remark?: string | null;
}

/**
 * Rounds a caller may use: those organized by an organization in the caller's subtrees, and
 * those organized above them (a township cadre pairs households in the county's 第三轮).
 */
export function roundVisible(orgPathColumn: string, scope: ScopePaths) {
  if (scope.length === 0) return sql<boolean>`false`;
  const above = scope.map((p) => sql`${sql.ref(orgPathColumn)} @> ${p}::ltree`);
  return sql<boolean>`(${pathInScope(orgPathColumn, scope)} or ${sql.join(above, sql` or `)})`;
}

export async function listRounds(db: Db, scope: ScopePaths) {
  const rows = await db.selectFrom('pairing_round as r').innerJoin('org as o', 'o.id', 'r.org_id')
    .selectAll('r').select(['o.name as org_name',
      sql<number>`(select count(*)::int from pairing p where p.round_id = r.id and p.status = 'active' and ${ownedInScope('p.org_id', scope)})`.as('active_pairs'),
      sql<number>`(select count(*)::int from pairing p where p.round_id = r.id and ${ownedInScope('p.org_id', scope)})`.as('all_pairs'),
    ])
    .where(roundVisible('o.path', scope))
    .orderBy('r.is_current', 'desc').orderBy('r.start_date', 'desc').orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, orgId: r.org_id, orgName: r.org_name, name: r.name, startDate: r.start_date, endDate: r.end_date,
    isCurrent: r.is_current, remark: r.remark, activePairs: r.active_pairs, allPairs: r.all_pairs,
  }));
}

async function visibleRoundOrThrow(db: Db | Tx, scope: ScopePaths, roundId: number, field = 'roundId') {
  const round = await db.selectFrom('pairing_round as r').innerJoin('org as o', 'o.id', 'r.org_id')
    .selectAll('r').select(['o.path as org_path', 'o.name as org_name'])
    .where('r.id', '=', roundId).where(roundVisible('o.path', scope)).executeTakeFirst();
  if (!round) throw fieldError(field, '结对轮次不存在或不在您的管辖范围内');
  return round;
}

/** A round is changed by those who organize it: its organization must be in the write scope. */
async function ownRoundOrThrow(db: Db | Tx, scope: ScopePaths, roundId: number) {
  const round = await db.selectFrom('pairing_round').selectAll().where('id', '=', roundId)
    .where(ownedInScope('pairing_round.org_id', scope)).executeTakeFirst();
  if (!round) throw notFound('结对轮次');
  return round;
}

function checkRoundDates(start: string, end: string | null | undefined) {
  if (end && end <= start) throw fieldError('endDate', '应晚于开始日期');
}

export async function createRound(db: Db, actor: Actor, scope: ScopePaths, input: RoundInput) {
  const orgId = input.orgId ?? ownOrgOf(scope);
  return db.transaction().execute(async (tx) => {
    const org = await orgInScopeOrThrow(tx, orgId, scope);
    checkRoundDates(input.startDate, input.endDate);
    if (input.isCurrent) await tx.updateTable('pairing_round').set({ is_current: false, updated_at: new Date() }).where('org_id', '=', orgId).where('is_current', '=', true).execute();
    const round = await tx.insertInto('pairing_round').values({
      org_id: orgId, name: input.name, start_date: input.startDate, end_date: input.endDate ?? null,
      is_current: input.isCurrent ?? false, remark: input.remark ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'pairing_round', entityId: round.id, orgId, summary: `${org.name}新建结对帮扶轮次：${round.name}`, after: round });
    return round;
  }).catch(translateConstraint);
}

export async function updateRound(db: Db, actor: Actor, scope: ScopePaths, id: number, input: Partial<RoundInput>) {
  return db.transaction().execute(async (tx) => {
    const before = await ownRoundOrThrow(tx, scope, id);
    const start = input.startDate ?? before.start_date;
    const end = input.endDate !== undefined ? input.endDate : before.end_date;
    checkRoundDates(start, end);
    if (input.isCurrent) await tx.updateTable('pairing_round').set({ is_current: false, updated_at: new Date() }).where('org_id', '=', before.org_id).where('is_current', '=', true).where('id', '<>', id).execute();
    const after = await tx.updateTable('pairing_round').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      ...(input.isCurrent !== undefined ? { is_current: input.isCurrent } : {}),
      ...(input.remark !== undefined ? { remark: input.remark } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'update', entity: 'pairing_round', entityId: id, orgId: before.org_id, summary: `修改结对帮扶轮次：${after.name}`, before, after });
    return after;
  }).catch(translateConstraint);
}

function ownOrgOf(scope: ScopePaths): number {
  if (scope.length !== 1) throw fieldError('orgId', '请选择组织');
  return Number(scope[0].split('.').pop());
}

// ---------------------------------------------------------------- pairs

export interface PairInput {
  roundId: number;
  archiveId: number;
  helperKind: HelperKind;
  helperUserId?: number | null;
  helperName?: string | null;
  helperPosition?: string | null;
  helperUnit?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  startDate: string;
  goals?: string | null;
}

export type PairUpdate = Partial<Pick<PairInput, 'helperName' | 'helperPosition' | 'helperUnit' | 'contactName' | 'contactPhone' | 'goals'>>;

export interface ResultInput {
  resultOutcome: PairOutcome;
  resultText?: string | null;
}

export interface EndInput {
  endedOn: string;
  endReason: string;
  resultOutcome?: PairOutcome;
  resultText?: string | null;
}

/** Loads a pair only through the scope: a pair of another township is 404, like a missing one. */
export async function pairInScopeOrThrow(db: Db | Tx, scope: ScopePaths, id: number) {
  const pair = await db.selectFrom('pairing').selectAll().where('id', '=', id)
    .where(ownedInScope('pairing.org_id', scope)).executeTakeFirst();
  if (!pair) throw notFound('结对');
  return pair;
}

function sealPhone(crypto: FieldCrypto, raw: string | null | undefined) {
  if (raw === undefined) return {};
  if (raw === null || raw.trim() === '') return { contact_phone_enc: null, contact_phone_hash: null, contact_phone_last4: null };
  const parsed = parseMobile(raw);
  if (!parsed.ok) throw fieldError('contactPhone', parsed.message);
  return {
    contact_phone_enc: crypto.encrypt(parsed.value),
    contact_phone_hash: crypto.blindIndex('phone', parsed.value),
    contact_phone_last4: parsed.value.slice(-4),
  };
}

/** A cadre with an account: an active user of the caller's subtrees or of the organizations above. */
async function helperUser(tx: Tx, scope: ScopePaths, userId: number) {
  const user = await tx.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'o.name as org_name'])
    .where('u.id', '=', userId).where('u.status', '=', 'active').where(roundVisible('o.path', scope)).executeTakeFirst();
  if (!user) throw fieldError('helperUserId', '账号不存在、已停用或不在您的管辖范围内');
  return user;
}

export async function createPair(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, input: PairInput) {
  const today = clock.today();
  if (input.startDate > today) throw fieldError('startDate', '不能晚于今天');
  return db.transaction().execute(async (tx) => {
    const round = await visibleRoundOrThrow(tx, scope, input.roundId);
    if (input.startDate < round.start_date) throw fieldError('startDate', `不能早于${round.name}的开始日期（${round.start_date}）`);
    if (round.end_date && input.startDate > round.end_date) throw fieldError('startDate', `不能晚于${round.name}的结束日期（${round.end_date}）`);
    // the household comes from the hardship module, through the caller's scope
    const household = await householdOf(tx, scope, input.archiveId);
    if (!household) throw fieldError('archiveId', '困难职工档案不存在或不在您的管辖范围内');
    if (household.status !== 'archived') {
      throw conflict(`只能为已建档的困难职工家庭结对：${household.workerName}的档案当前为“${household.statusLabel}”`, { archiveId: '只能选择已建档的困难职工家庭' });
    }
    const inRound = await tx.selectFrom('org').select('id').where('id', '=', household.orgId)
      .where(sql<boolean>`path <@ ${round.org_path}::ltree`).executeTakeFirst();
    if (!inRound) throw fieldError('roundId', `${household.workerName}家不在${round.org_name}${round.name}结对的范围内`);
    const existing = await tx.selectFrom('pairing').select(['helper_name']).where('round_id', '=', round.id)
      .where('archive_id', '=', household.id).where('status', '=', 'active').executeTakeFirst();
    if (existing) throw conflict(`${household.workerName}家在${round.name}已有结对（${existing.helper_name}），请先结束原结对`, { archiveId: '该家庭本轮已有结对' });

    let helperName = input.helperName?.trim() || null;
    if (input.helperKind === 'unit' && input.helperUserId) throw fieldError('helperUserId', '单位结对不关联个人账号');
    if (input.helperKind === 'cadre' && input.helperUserId) {
      const user = await helperUser(tx, scope, input.helperUserId);
      helperName ??= user.display_name;
    }
    if (!helperName) throw fieldError('helperName', input.helperKind === 'unit' ? '请填写结对单位名称' : '请填写结对干部姓名');

    const pair = await tx.insertInto('pairing').values({
      round_id: round.id,
      archive_id: household.id,
      member_id: household.memberId,
      org_id: household.orgId,
      helper_kind: input.helperKind,
      helper_user_id: input.helperKind === 'cadre' ? input.helperUserId ?? null : null,
      helper_name: helperName,
      helper_position: input.helperKind === 'cadre' ? input.helperPosition ?? null : null,
      helper_unit: input.helperUnit ?? null,
      contact_name: input.contactName ?? null,
      ...sealPhone(crypto, input.contactPhone),
      start_date: input.startDate,
      goals: input.goals ?? null,
      created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, {
      action: 'create', entity: 'pairing', entityId: pair.id, orgId: pair.org_id,
      summary: `${round.name}结对：${helperName} 结对帮扶 ${household.workerName}家`, after: pair,
    });
    return pair;
  }).catch(translateConstraint);
}

export async function updatePair(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, id: number, input: PairUpdate) {
  return db.transaction().execute(async (tx) => {
    const before = await pairInScopeOrThrow(tx, scope, id);
    if (input.helperName !== undefined && !input.helperName?.trim()) throw fieldError('helperName', '请填写');
    const after = await tx.updateTable('pairing').set({
      ...(input.helperName ? { helper_name: input.helperName.trim() } : {}),
      ...(input.helperPosition !== undefined && before.helper_kind === 'cadre' ? { helper_position: input.helperPosition } : {}),
      ...(input.helperUnit !== undefined ? { helper_unit: input.helperUnit } : {}),
      ...(input.contactName !== undefined ? { contact_name: input.contactName } : {}),
      ...sealPhone(crypto, input.contactPhone),
      ...(input.goals !== undefined ? { goals: input.goals } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'update', entity: 'pairing', entityId: id, orgId: before.org_id, summary: `修改结对信息（${after.helper_name}）`, before, after });
    return after;
  }).catch(translateConstraint);
}

export async function setResult(db: Db, actor: Actor, scope: ScopePaths, id: number, input: ResultInput) {
  return db.transaction().execute(async (tx) => {
    const before = await pairInScopeOrThrow(tx, scope, id);
    const after = await tx.updateTable('pairing').set({ result_outcome: input.resultOutcome, result_text: input.resultText ?? null, updated_at: new Date() })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, {
      action: 'result', entity: 'pairing', entityId: id, orgId: before.org_id,
      summary: `帮扶成效：${codeLabel('pairing_outcome', input.resultOutcome)}${input.resultText ? `（${input.resultText}）` : ''}`, before, after,
    });
    return after;
  }).catch(translateConstraint);
}

export async function endPair(db: Db, actor: Actor, scope: ScopePaths, id: number, input: EndInput) {
  return db.transaction().execute(async (tx) => {
    const before = await pairInScopeOrThrow(tx, scope, id);
    if (before.status !== 'active') throw conflict(`该结对已于${before.ended_on}结束`);
    if (input.endedOn > clock.today()) throw fieldError('endedOn', '不能晚于今天');
    if (input.endedOn < before.start_date) throw fieldError('endedOn', `不能早于结对开始日期（${before.start_date}）`);
    const last = await tx.selectFrom('pairing_visit').select(sql<string>`max(visit_date)`.as('last')).where('pairing_id', '=', id).executeTakeFirst();
    if (last?.last && input.endedOn < last.last) throw fieldError('endedOn', `不能早于最近一次走访（${last.last}）`);
    const after = await tx.updateTable('pairing').set({
      status: 'ended', ended_on: input.endedOn, end_reason: input.endReason,
      ...(input.resultOutcome ? { result_outcome: input.resultOutcome, result_text: input.resultText ?? before.result_text } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).where('status', '=', 'active').returningAll().executeTakeFirst();
    if (!after) throw conflict('该结对已结束');
    await audit(tx, actor, { action: 'end', entity: 'pairing', entityId: id, orgId: before.org_id, summary: `结束结对（${before.helper_name}）：${input.endReason}`, before, after });
    return after;
  }).catch(translateConstraint);
}

export async function revealContactPhone(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, id: number) {
  const pair = await pairInScopeOrThrow(db, scope, id);
  const phone = await revealPersonalNumber(db, crypto, actor, {
    entity: 'pairing', entityId: id, orgId: pair.org_id, field: 'phone', sealed: pair.contact_phone_enc, label: `结对联系人${pair.contact_name ?? pair.helper_name}`,
  });
  return { phone };
}

// ---------------------------------------------------------------- visits

export interface VisitInput {
  visitedOn: string;
  visitParty: string;
  visitKinds: VisitKind[];
  note?: string | null;
  amountFen?: number | null;
}

export async function addVisit(db: Db, actor: Actor, scope: ScopePaths, pairId: number, input: VisitInput) {
  if (input.visitedOn > clock.today()) throw fieldError('visitedOn', '不能晚于今天');
  return db.transaction().execute(async (tx) => {
    const pair = await pairInScopeOrThrow(tx, scope, pairId);
    if (pair.status !== 'active') throw conflict(`该结对已于${pair.ended_on}结束，不能再登记走访`);
    if (input.visitedOn < pair.start_date) throw fieldError('visitedOn', `不能早于结对开始日期（${pair.start_date}）`);
    const visit = await tx.insertInto('pairing_visit').values({
      pairing_id: pairId, visit_date: input.visitedOn, visitors: input.visitParty, kinds: [...new Set(input.visitKinds)],
      note: input.note ?? null, amount_fen: input.amountFen ?? null, recorded_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, {
      action: 'visit', entity: 'pairing', entityId: pairId, orgId: pair.org_id,
      summary: `${input.visitedOn} 走访（${visit.kinds.map((k) => codeLabel('pairing_visit_kind', k)).join('、')}）`, after: visit,
    });
    return visit;
  }).catch(translateConstraint);
}

/** A visit, through its pair's scope. */
export async function visitInScopeOrThrow(db: Db | Tx, scope: ScopePaths, visitId: number) {
  const visit = await db.selectFrom('pairing_visit as v').innerJoin('pairing as p', 'p.id', 'v.pairing_id')
    .selectAll('v').select(['p.org_id', 'p.status as pair_status'])
    .where('v.id', '=', visitId).where(ownedInScope('p.org_id', scope)).executeTakeFirst();
  if (!visit) throw notFound('走访记录');
  return visit;
}

// ---------------------------------------------------------------- reading

const outcomeLabel = (o: string | null) => (o ? codeLabel('pairing_outcome', o) : null);

export async function pairDetail(db: Db, scope: ScopePaths, id: number) {
  const p = await pairInScopeOrThrow(db, scope, id);
  const [round, org, member, household, visits, history] = await Promise.all([
    db.selectFrom('pairing_round').select(['id', 'name', 'start_date', 'end_date']).where('id', '=', p.round_id).executeTakeFirstOrThrow(),
    db.selectFrom('org as o').select(['o.id', 'o.name', townshipName('o.path').as('township_name')]).where('o.id', '=', p.org_id).executeTakeFirstOrThrow(),
    db.selectFrom('member').select(['id', 'name', 'sex']).where('id', '=', p.member_id).executeTakeFirstOrThrow(),
    householdOf(db, scope, p.archive_id),
    db.selectFrom('pairing_visit as v').leftJoin('app_user as u', 'u.id', 'v.recorded_by')
      .selectAll('v').select('u.display_name as recorded_by_name')
      .where('v.pairing_id', '=', id).orderBy('v.visit_date', 'desc').orderBy('v.id', 'desc').execute(),
    db.selectFrom('audit_log').select(['action', 'actor_name', 'at', 'summary'])
      .where('entity', '=', 'pairing').where('entity_id', '=', String(id)).orderBy('at').orderBy('id').execute(),
  ]);
  const photos = await visitPhotos(db, visits.map((v) => v.id));
  const quarter = quarterOf(clock.today());
  return {
    id: p.id,
    status: p.status,
    statusLabel: codeLabel('pairing_status', p.status),
    round: { id: round.id, name: round.name, startDate: round.start_date, endDate: round.end_date },
    household: {
      archiveId: p.archive_id,
      memberId: member.id,
      workerName: member.name,
      orgId: org.id,
      orgName: org.name,
      townshipName: org.township_name,
      level: household?.level ?? null,
      levelLabel: household?.levelLabel ?? null,
      archiveStatus: household?.status ?? null,
      archiveStatusLabel: household?.statusLabel ?? null,
    },
    helper: {
      kind: p.helper_kind,
      kindLabel: codeLabel('pairing_helper_kind', p.helper_kind),
      userId: p.helper_user_id,
      name: p.helper_name,
      position: p.helper_position,
      unit: p.helper_unit,
      contactName: p.contact_name,
      contactPhone: p.contact_phone_last4 ? maskPhoneFromLast4(p.contact_phone_last4) : null,
    },
    startDate: p.start_date,
    endedOn: p.ended_on,
    endReason: p.end_reason,
    goals: p.goals,
    result: { outcome: p.result_outcome, outcomeLabel: outcomeLabel(p.result_outcome), text: p.result_text },
    quarter: { label: quarter.label, start: quarter.start, end: quarter.end },
    visitedThisQuarter: visits.some((v) => v.visit_date >= quarter.start && v.visit_date <= quarter.end),
    visits: visits.map((v) => ({
      id: v.id, visitDate: v.visit_date, visitors: v.visitors, kinds: v.kinds,
      kindLabels: v.kinds.map((k) => codeLabel('pairing_visit_kind', k)), note: v.note, amountFen: v.amount_fen,
      recordedBy: v.recorded_by_name, createdAt: v.created_at, photos: photos.get(v.id) ?? [],
    })),
    timeline: history.map((h) => ({ action: h.action, actor: h.actor_name, at: h.at, comment: h.summary })),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

/** The township (乡镇/产业工会: the second level of the tree) an organization lies in. */
export function townshipName(pathColumn: string) {
  return sql<string | null>`(select tw.name from org tw where nlevel(${sql.ref(pathColumn)}) >= 2 and tw.path = subpath(${sql.ref(pathColumn)}, 0, 2))`;
}

/** Active users a pair may name as its cadre: of the caller's subtrees or the organizations above. */
export async function helperCandidates(db: Db, scope: ScopePaths, q: string | undefined) {
  let query = db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'o.name as org_name'])
    .where('u.status', '=', 'active').where(roundVisible('o.path', scope))
    // administrators (三员) are not cadres who visit households
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('user_role as ur').innerJoin('role as r', 'r.id', 'ur.role_id')
      .select('ur.user_id').whereRef('ur.user_id', '=', 'u.id').where('r.admin_duty', 'is not', null))));
  if (q) query = query.where((eb) => eb.or([eb('u.display_name', 'like', `%${q.replace(/[\\%_]/g, '\\$&')}%`), eb('u.username', 'like', `%${q.replace(/[\\%_]/g, '\\$&')}%`)]));
  const rows = await query.orderBy('u.display_name').limit(20).execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.display_name, orgName: r.org_name })) };
}

/**
 * For the member page ("everything one worker ever got"): the visits paid to the member's
 * household by its pairs, newest first, within the caller's scope.
 */
export async function visitsOfMember(db: Db, scope: ScopePaths, memberId: number) {
  const rows = await db.selectFrom('pairing_visit as v').innerJoin('pairing as p', 'p.id', 'v.pairing_id')
    .innerJoin('pairing_round as r', 'r.id', 'p.round_id')
    .select(['v.id', 'v.visit_date', 'v.kinds', 'v.amount_fen', 'v.visitors', 'p.id as pairing_id', 'p.helper_name', 'p.helper_kind', 'r.name as round_name'])
    .where('p.member_id', '=', memberId).where(ownedInScope('p.org_id', scope))
    .orderBy('v.visit_date', 'desc').orderBy('v.id', 'desc').execute();
  return rows.map((r) => ({
    visitId: r.id,
    pairingId: r.pairing_id,
    date: r.visit_date,
    round: r.round_name,
    helper: r.helper_name,
    helperKind: r.helper_kind,
    visitors: r.visitors,
    kinds: r.kinds.map((k) => codeLabel('pairing_visit_kind', k)),
    amountFen: r.amount_fen,
  }));
}

// ---------------------------------------------------------------- constraints → messages

const constraintMessages: Record<string, [field: string | null, message: string]> = {
  pairing_one_active: ['archiveId', '该家庭在本轮已有结对，请先结束原结对'],
  pairing_round_org_name_key: ['name', '该组织已有同名结对轮次'],
  pairing_round_one_current: ['isCurrent', '该组织已有当前轮次'],
  pairing_round_dates: ['endDate', '结束日期应晚于开始日期'],
};

/** A violated rule the database guards becomes a 409 that names it. */
export function translateConstraint(err: unknown): never {
  if (err instanceof AppError) throw err;
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e.code === '23505' || e.code === '23514') {
    const name = e.constraint ?? /constraint "([^"]+)"/.exec(e.message ?? '')?.[1];
    const known = name ? constraintMessages[name] : undefined;
    if (known) {
      const [field, message] = known;
      throw conflict(message, field ? { [field]: message } : undefined);
    }
  }
  throw err;
}
