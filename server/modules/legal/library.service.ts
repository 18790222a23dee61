import { sql } from 'kysely';
import { anonymize, fenToYuan, legalAidOutcomeLabels } from '../../../lib/legal.js';
import { codeLabel, isValidCode } from '../../../lib/code-tables.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import type { Db } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { orgInScopeOrThrow, ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { assertSubject, phoneColumns } from './common.js';
import { legalAidInScopeOrThrow, mediationInScopeOrThrow } from './cases.service.js';
import type { LegalCaseKind } from './tables.js';

const isUnique = (e: unknown) => (e as { code?: string })?.code === '23505';

// ---- 律师/志愿者库 -------------------------------------------------------------------

export interface ProviderInput {
  orgId: number;
  kind: 'lawyer' | 'volunteer';
  name: string;
  firm?: string | null;
  licenseNo?: string | null;
  phone?: string | null;
  specialties?: string[];
  active?: boolean;
  note?: string | null;
}

function providerColumns(crypto: FieldCrypto, input: Partial<ProviderInput>) {
  const out: Record<string, unknown> = {};
  if (input.kind !== undefined) out.kind = input.kind;
  if (input.name !== undefined) out.name = input.name;
  if (input.firm !== undefined) out.firm = input.firm;
  if (input.licenseNo !== undefined) out.license_no = input.licenseNo || null;
  if (input.phone !== undefined) {
    const p = phoneColumns(crypto, input.phone, 'phone');
    Object.assign(out, { phone_enc: p.enc, phone_hash: p.hash, phone_last4: p.last4 });
  }
  if (input.specialties !== undefined) out.specialties = input.specialties.map((s) => assertSubject(s, 'specialties'));
  if (input.active !== undefined) out.active = input.active;
  if (input.note !== undefined) out.note = input.note;
  return out;
}

export async function createProvider(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, input: ProviderInput) {
  await orgInScopeOrThrow(db, input.orgId, scope);
  if (input.kind === 'lawyer' && !input.licenseNo) throw fieldError('licenseNo', '律师须填写执业证号');
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await tx.insertInto('legal_provider').values({ org_id: input.orgId, ...providerColumns(crypto, input) } as never)
        .returning(['id', 'name', 'kind', 'org_id']).executeTakeFirstOrThrow();
      await audit(tx, actor, { action: 'create', entity: 'legal_provider', entityId: row.id, orgId: row.org_id, summary: `律师/志愿者库新增：${row.name}`, after: { ...input, phone: undefined } });
      return row;
    });
  } catch (e) {
    if (isUnique(e)) throw conflict('该执业证号已在律师库中', { licenseNo: '执业证号：已在律师库中' });
    throw e;
  }
}

export async function updateProvider(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, id: number, input: Partial<Omit<ProviderInput, 'orgId'>>) {
  try {
    return await db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('legal_provider').select(['id', 'org_id', 'name', 'kind', 'firm', 'license_no', 'specialties', 'active', 'note'])
        .where('id', '=', id).where(ownedInScope('org_id', scope)).executeTakeFirst();
      if (!before) throw notFound('律师/志愿者');
      const kind = input.kind ?? before.kind;
      const license = input.licenseNo !== undefined ? input.licenseNo : before.license_no;
      if (kind === 'lawyer' && !license) throw fieldError('licenseNo', '律师须填写执业证号');
      const row = await tx.updateTable('legal_provider').set({ ...providerColumns(crypto, input), updated_at: new Date() })
        .where('id', '=', id).returning(['id', 'name', 'kind', 'org_id', 'active']).executeTakeFirstOrThrow();
      await audit(tx, actor, { action: 'update', entity: 'legal_provider', entityId: id, orgId: row.org_id, summary: `修改律师/志愿者：${row.name}`, before, after: { ...input, phone: undefined } });
      return row;
    });
  } catch (e) {
    if (isUnique(e)) throw conflict('该执业证号已在律师库中', { licenseNo: '执业证号：已在律师库中' });
    throw e;
  }
}

// ---- 典型案例 --------------------------------------------------------------------------

/**
 * A typical-case draft from a concluded case: the facts, the handling and the result written
 * out, with the worker's and the employer's names replaced (张某, X公司). The editor reviews
 * and publishes it.
 */
export async function typicalFromCase(db: Db, actor: Actor, scope: ScopePaths, kind: LegalCaseKind, id: number) {
  let draft: { orgId: number; title: string; category: string; summary: string; body: string };
  if (kind === 'legal_aid') {
    const c = await legalAidInScopeOrThrow(db, scope, id);
    if (!['closed', 'archived'].includes(c.status) || !c.closed_on) throw conflict('只有已结案的案件可以编为典型案例');
    const stages = await db.selectFrom('legal_aid_stage').select(['kind', 'held_on', 'note']).where('case_id', '=', id).orderBy('held_on').execute();
    const people = [c.applicant_name];
    const employer = c.employer_name ?? '';
    const subject = codeLabel('appeal_subject', c.subject);
    const raw = [
      `【基本案情】${c.applicant_name}${c.workers_involved > 1 ? `等${c.workers_involved}名职工` : ''}与${employer || '用人单位'}发生${subject}纠纷，请求：${c.claim}${c.amount_claimed_fen ? `，涉及金额${fenToYuan(c.amount_claimed_fen)}元` : ''}。${c.applied_on}向工会申请法律援助。`,
      `【办理过程】工会审查后指派律师承办。${stages.map((s) => `${s.held_on}，${codeLabel('legal_stage', s.kind)}${s.note ? `：${s.note}` : ''}`).join('；')}${stages.length ? '。' : ''}`,
      `【处理结果】${legalAidOutcomeLabels[c.outcome!]}，为职工挽回经济损失${fenToYuan(c.amount_recovered_fen)}元，${c.workers_benefited}名职工受益。${c.closing_report ?? ''}`,
      '【典型意义】（请编辑填写）',
    ].join('\n\n');
    draft = { orgId: c.org_id, title: `${subject}法律援助案`, category: c.subject, summary: `${subject}纠纷，${legalAidOutcomeLabels[c.outcome!]}，挽回${fenToYuan(c.amount_recovered_fen)}元`, body: anonymize(raw, people, employer ? [employer] : []) };
  } else {
    const c = await mediationInScopeOrThrow(db, scope, id);
    if (!['agreement', 'failed'].includes(c.status)) throw conflict('只有调解结束的案件可以编为典型案例');
    const sessions = await db.selectFrom('mediation_session').select(['held_on', 'note']).where('case_id', '=', id).orderBy('held_on').execute();
    const subject = codeLabel('appeal_subject', c.subject);
    const raw = [
      `【基本案情】${c.worker_name}${c.worker_count > 1 ? `等${c.worker_count}名职工` : ''}与${c.employer_name}发生${subject}争议，请求：${c.claim}。${c.accepted_on}工会受理调解申请。`,
      `【调解过程】${sessions.map((s) => `${s.held_on}${s.note ? `，${s.note}` : '，组织双方调解'}`).join('；')}${sessions.length ? '。' : ''}`,
      c.status === 'agreement'
        ? `【调解结果】双方达成调解协议：${c.agreement_terms}（金额${fenToYuan(c.agreement_amount_fen)}元）。`
        : `【调解结果】调解不成：${c.failure_reason}。已告知当事人可依法申请劳动争议仲裁。`,
      '【典型意义】（请编辑填写）',
    ].join('\n\n');
    const people = [c.worker_name, ...(c.employer_contact ? [c.employer_contact] : [])];
    draft = { orgId: c.org_id, title: `${subject}劳动争议调解案`, category: c.subject, summary: `${subject}争议，${c.status === 'agreement' ? '达成调解协议' : '调解不成'}`, body: anonymize(raw, people, [c.employer_name]) };
  }
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await tx.insertInto('typical_case').values({
        org_id: draft.orgId, title: draft.title, category: draft.category, summary: draft.summary, body: draft.body,
        source_kind: kind, source_id: id, created_by: actor.id,
      }).returningAll().executeTakeFirstOrThrow();
      await audit(tx, actor, { action: 'create', entity: 'typical_case', entityId: row.id, orgId: row.org_id, summary: `典型案例草稿：${row.title}`, after: { title: row.title, source_kind: kind, source_id: id } });
      return row;
    });
  } catch (e) {
    if (isUnique(e)) throw conflict('该案件已编为典型案例');
    throw e;
  }
}

export interface TypicalInput { orgId: number; title: string; category?: string; summary?: string | null; body: string }

export async function createTypical(db: Db, actor: Actor, scope: ScopePaths, input: TypicalInput) {
  await orgInScopeOrThrow(db, input.orgId, scope);
  const category = assertSubject(input.category, 'category');
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('typical_case').values({
      org_id: input.orgId, title: input.title, category, summary: input.summary ?? null, body: input.body, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'typical_case', entityId: row.id, orgId: row.org_id, summary: `新增典型案例：${row.title}` });
    return row;
  });
}

export async function typicalInScopeOrThrow(db: Db, scope: ScopePaths, id: number) {
  const row = await db.selectFrom('typical_case').selectAll().where('id', '=', id).where(ownedInScope('org_id', scope)).executeTakeFirst();
  if (!row) throw notFound('典型案例');
  return row;
}

export async function updateTypical(db: Db, actor: Actor, scope: ScopePaths, id: number, input: Partial<Omit<TypicalInput, 'orgId'>> & { published?: boolean }) {
  return db.transaction().execute(async (tx) => {
    const before = await typicalInScopeOrThrow(tx as unknown as Db, scope, id);
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (input.title !== undefined) set.title = input.title;
    if (input.category !== undefined) set.category = assertSubject(input.category, 'category');
    if (input.summary !== undefined) set.summary = input.summary;
    if (input.body !== undefined) set.body = input.body;
    if (input.published !== undefined && input.published !== before.published) {
      set.published = input.published;
      set.published_at = input.published ? new Date() : null;
    }
    const row = await tx.updateTable('typical_case').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const action = input.published === true && !before.published ? 'publish' : input.published === false && before.published ? 'unpublish' : 'update';
    await audit(tx, actor, { action, entity: 'typical_case', entityId: id, orgId: row.org_id, summary: `${action === 'publish' ? '发布' : action === 'unpublish' ? '撤回发布' : '修改'}典型案例：${row.title}`, before: { title: before.title, published: before.published }, after: { title: row.title, published: row.published } });
    return row;
  });
}

// ---- 法治宣传 --------------------------------------------------------------------------

export interface EventInput { orgId: number; heldOn: string; place: string; topic: string; kind?: string; attendance?: number; note?: string | null }

function checkEventKind(kind: string | undefined) {
  if (kind !== undefined && !isValidCode('legal_event_kind', kind)) throw fieldError('kind', `“${kind}”不是字典中的有效选项`);
}

export async function createEvent(db: Db, actor: Actor, scope: ScopePaths, input: EventInput) {
  await orgInScopeOrThrow(db, input.orgId, scope);
  if (!isRealDate(input.heldOn)) throw fieldError('heldOn', '不是有效的日期');
  checkEventKind(input.kind);
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('legal_event').values({
      org_id: input.orgId, held_on: input.heldOn, place: input.place, topic: input.topic, kind: input.kind ?? 'lecture',
      attendance: input.attendance ?? 0, note: input.note ?? null, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'legal_event', entityId: row.id, orgId: row.org_id, summary: `法治宣传：${row.held_on} ${row.topic}`, after: row });
    return row;
  });
}

export async function updateEvent(db: Db, actor: Actor, scope: ScopePaths, id: number, input: Partial<Omit<EventInput, 'orgId'>>) {
  if (input.heldOn !== undefined && !isRealDate(input.heldOn)) throw fieldError('heldOn', '不是有效的日期');
  checkEventKind(input.kind);
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('legal_event').selectAll().where('id', '=', id).where(ownedInScope('org_id', scope)).executeTakeFirst();
    if (!before) throw notFound('法治宣传活动');
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (input.heldOn !== undefined) set.held_on = input.heldOn;
    if (input.place !== undefined) set.place = input.place;
    if (input.topic !== undefined) set.topic = input.topic;
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.attendance !== undefined) set.attendance = input.attendance;
    if (input.note !== undefined) set.note = input.note;
    const row = await tx.updateTable('legal_event').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'update', entity: 'legal_event', entityId: id, orgId: row.org_id, summary: `修改法治宣传：${row.topic}`, before, after: row });
    return row;
  });
}

/** Totals of 法治宣传 for a period: events, attendance, by kind. */
export async function eventTotals(db: Db, scope: ScopePaths, from: string, to: string) {
  const rows = await db.selectFrom('legal_event').where(ownedInScope('org_id', scope)).where('held_on', '>=', from).where('held_on', '<=', to)
    .select(['kind', sql<number>`count(*)::int`.as('events'), sql<number>`coalesce(sum(attendance), 0)::int`.as('attendance')])
    .groupBy('kind').orderBy('kind').execute();
  return {
    from, to,
    events: rows.reduce((s, r) => s + r.events, 0),
    attendance: rows.reduce((s, r) => s + r.attendance, 0),
    byKind: rows.map((r) => ({ kind: r.kind, kindLabel: codeLabel('legal_event_kind', r.kind), events: r.events, attendance: r.attendance })),
  };
}
