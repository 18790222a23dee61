import { sql } from 'kysely';
import { legalAidOutcomeLabels, legalAidStatusLabels, reviewOverdue } from '../../../lib/legal.js';
import { codeLabel, isValidCode } from '../../../lib/code-tables.js';
import { maskIdFromLast4, maskPhoneFromLast4 } from '../../../lib/masking.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { orgInScopeOrThrow, type ScopePaths } from '../../platform/scope.js';
import { addStep, nextNumber, stepsOf } from './common.js';
import { legalAidInScopeOrThrow, openLegalAidCase, type OpenLegalAidInput } from './cases.service.js';
import type { LegalAidOutcome, LegalAidStatus } from './tables.js';

type Row = Awaited<ReturnType<typeof legalAidInScopeOrThrow>>;

/** Direct application in the console: the organization must lie in the caller's legal:write scope. */
export async function applyLegalAid(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, input: OpenLegalAidInput) {
  await orgInScopeOrThrow(db, input.orgId, scope);
  return db.transaction().execute((tx) => openLegalAidCase(tx, actor, input, crypto));
}

/**
 * One status transition: a conditional update on the expected status inside the transaction,
 * so of two clicks on the same button one wins and the other answers 409.
 */
async function transition(tx: Tx, scope: ScopePaths, id: number, from: readonly LegalAidStatus[], set: Record<string, unknown>, what: string): Promise<{ before: Row; after: Row }> {
  const before = await legalAidInScopeOrThrow(tx, scope, id);
  const after = await tx.updateTable('legal_aid_case').set({ ...set, updated_at: new Date() })
    .where('id', '=', id).where('status', 'in', from as LegalAidStatus[]).returningAll().executeTakeFirst();
  if (!after) throw conflict(`案件当前为“${legalAidStatusLabels[before.status]}”，不能${what}`);
  return { before, after };
}

const auditView = (r: Row) => ({
  case_no: r.case_no, status: r.status, provider_id: r.provider_id, letter_no: r.letter_no, refusal_reason: r.refusal_reason,
  outcome: r.outcome, amount_recovered_fen: r.amount_recovered_fen, workers_benefited: r.workers_benefited, closed_on: r.closed_on,
});

/** 审查通过并指派: a provider from the roster (active, visible to the caller), a 委派函 number. */
export async function assignLegalAid(db: Db, actor: Actor, scope: ScopePaths, id: number, input: { providerId: number; comment?: string | null }) {
  return db.transaction().execute(async (tx) => {
    await legalAidInScopeOrThrow(tx, scope, id);
    const provider = await tx.selectFrom('legal_provider').select(['id', 'name', 'active', 'kind'])
      .where('id', '=', input.providerId).where(providerVisible(scope)).executeTakeFirst();
    if (!provider) throw fieldError('providerId', '律师/志愿者不存在');
    if (!provider.active) throw fieldError('providerId', `${provider.name}已停用，请选择其他律师/志愿者`);
    const today = clock.today();
    const letterNo = await nextNumber(tx, 'letter', today);
    const { before, after } = await transition(tx, scope, id, ['applied'], {
      status: 'assigned', provider_id: provider.id, assigned_on: today, letter_no: letterNo, reviewed_by: actor.id,
    }, '指派');
    await addStep(tx, actor, 'legal_aid', id, '审查通过并指派', `指派${provider.name}承办，委派函 ${letterNo}${input.comment ? `；${input.comment}` : ''}`);
    await audit(tx, actor, { action: 'legal_aid.assign', entity: 'legal_aid_case', entityId: id, orgId: after.org_id, summary: `${after.case_no} 指派${provider.name}承办（${letterNo}）`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

/** 不予援助: the written reason is required and printed on the notice. */
export async function refuseLegalAid(db: Db, actor: Actor, scope: ScopePaths, id: number, input: { reason: string }) {
  const reason = input.reason?.trim();
  if (!reason) throw fieldError('reason', '请填写不予援助的理由');
  return db.transaction().execute(async (tx) => {
    const { before, after } = await transition(tx, scope, id, ['applied'], {
      status: 'refused', refusal_reason: reason, refused_on: clock.today(), reviewed_by: actor.id,
    }, '作出不予援助决定');
    await addStep(tx, actor, 'legal_aid', id, '不予援助', reason);
    await audit(tx, actor, { action: 'legal_aid.refuse', entity: 'legal_aid_case', entityId: id, orgId: after.org_id, summary: `${after.case_no} 不予援助：${reason}`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

export interface StageInput { kind: string; heldOn: string; place?: string | null; note?: string | null }

/** Stages and hearings are added while the case is being handled. */
export async function addLegalAidStage(db: Db, actor: Actor, scope: ScopePaths, id: number, input: StageInput) {
  if (!isRealDate(input.heldOn)) throw fieldError('heldOn', '不是有效的日期');
  if (!isValidCode('legal_stage', input.kind)) throw fieldError('kind', `“${input.kind}”不是字典中的有效选项`);
  return db.transaction().execute(async (tx) => {
    const c = await legalAidInScopeOrThrow(tx, scope, id);
    if (c.status !== 'assigned') throw conflict(`案件当前为“${legalAidStatusLabels[c.status]}”，不能登记办理阶段`);
    if (input.heldOn < c.applied_on) throw fieldError('heldOn', '不能早于申请日期');
    const stage = await tx.insertInto('legal_aid_stage').values({
      case_id: id, kind: input.kind, held_on: input.heldOn, place: input.place ?? null, note: input.note ?? null, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    const label = codeLabel('legal_stage', input.kind);
    await addStep(tx, actor, 'legal_aid', id, label, [input.heldOn, input.place, input.note].filter(Boolean).join('，'));
    await tx.updateTable('legal_aid_case').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await audit(tx, actor, { action: 'legal_aid.stage', entity: 'legal_aid_case', entityId: id, orgId: c.org_id, summary: `${c.case_no} 登记${label}（${input.heldOn}）`, after: stage });
    return stage;
  });
}

export interface CloseInput { outcome: LegalAidOutcome; amountRecoveredFen: number; workersBenefited: number; closingReport: string; closedOn?: string | null }

/** 结案: outcome, amount recovered (fen), workers benefited and the closing report. */
export async function closeLegalAid(db: Db, actor: Actor, scope: ScopePaths, id: number, input: CloseInput) {
  const closedOn = input.closedOn ?? clock.today();
  if (closedOn > clock.today()) throw fieldError('closedOn', '不能晚于今天');
  return db.transaction().execute(async (tx) => {
    const current = await legalAidInScopeOrThrow(tx, scope, id);
    if (current.assigned_on && closedOn < current.assigned_on) throw fieldError('closedOn', '不能早于指派日期');
    const { before, after } = await transition(tx, scope, id, ['assigned'], {
      status: 'closed', outcome: input.outcome, amount_recovered_fen: input.amountRecoveredFen, workers_benefited: input.workersBenefited,
      closing_report: input.closingReport, closed_on: closedOn,
    }, '结案');
    await addStep(tx, actor, 'legal_aid', id, '结案', `${legalAidOutcomeLabels[input.outcome]}，挽回 ${(input.amountRecoveredFen / 100).toFixed(2)} 元，受益职工 ${input.workersBenefited} 人`);
    await audit(tx, actor, { action: 'legal_aid.close', entity: 'legal_aid_case', entityId: id, orgId: after.org_id, summary: `${after.case_no} 结案`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

/** 归档: a closed or refused case is filed; nothing changes it afterwards. */
export async function archiveLegalAid(db: Db, actor: Actor, scope: ScopePaths, id: number) {
  return db.transaction().execute(async (tx) => {
    const { before, after } = await transition(tx, scope, id, ['closed', 'refused'], { status: 'archived', archived_at: new Date() }, '归档');
    await addStep(tx, actor, 'legal_aid', id, '归档', null);
    await audit(tx, actor, { action: 'legal_aid.archive', entity: 'legal_aid_case', entityId: id, orgId: after.org_id, summary: `${after.case_no} 归档`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

/** Providers a caller may pick: the rosters of its own subtree and of the federations above it. */
export function providerVisible(scope: ScopePaths) {
  if (scope.length === 0) return sql<boolean>`false`;
  const parts = scope.map((p) => sql`(po.path <@ ${p}::ltree or po.path @> ${p}::ltree)`);
  return sql<boolean>`legal_provider.org_id in (select po.id from org po where ${sql.join(parts, sql` or `)})`;
}

/** The case page: the case (masked numbers), its org, provider, stages, timeline and review deadline. */
export async function legalAidDetail(db: Db, scope: ScopePaths, id: number) {
  const c = await legalAidInScopeOrThrow(db, scope, id);
  const org = await db.selectFrom('org').select(['id', 'name']).where('id', '=', c.org_id).executeTakeFirstOrThrow();
  const provider = c.provider_id
    ? await db.selectFrom('legal_provider').select(['id', 'name', 'kind', 'firm', 'license_no', 'phone_last4']).where('id', '=', c.provider_id).executeTakeFirst()
    : null;
  const stages = await db.selectFrom('legal_aid_stage').select(['id', 'kind', 'held_on', 'place', 'note', 'created_at'])
    .where('case_id', '=', id).orderBy('held_on').orderBy('id').execute();
  const typical = await db.selectFrom('typical_case').select(['id', 'published']).where('source_kind', '=', 'legal_aid').where('source_id', '=', id).executeTakeFirst();
  const today = clock.today();
  return {
    id: c.id, caseNo: c.case_no, orgId: c.org_id, orgName: org.name, sourceTicketId: c.source_ticket_id,
    applicant: {
      memberId: c.applicant_member_id, name: c.applicant_name,
      phone: c.applicant_phone_last4 ? maskPhoneFromLast4(c.applicant_phone_last4) : null,
      idNumber: c.applicant_id_last4 ? maskIdFromLast4(c.applicant_id_last4) : null,
    },
    employerId: c.employer_id, employerName: c.employer_name, subject: c.subject, subjectLabel: codeLabel('appeal_subject', c.subject),
    claim: c.claim, workersInvolved: c.workers_involved, amountClaimedFen: c.amount_claimed_fen,
    status: c.status, statusLabel: legalAidStatusLabels[c.status],
    appliedOn: c.applied_on, reviewDue: c.review_due, reviewOverdue: reviewOverdue(c.status, c.review_due, today),
    provider: provider ? { id: provider.id, name: provider.name, kind: provider.kind, firm: provider.firm, licenseNo: provider.license_no } : null,
    assignedOn: c.assigned_on, letterNo: c.letter_no, refusalReason: c.refusal_reason, refusedOn: c.refused_on,
    outcome: c.outcome, outcomeLabel: c.outcome ? legalAidOutcomeLabels[c.outcome] : null,
    amountRecoveredFen: c.amount_recovered_fen, workersBenefited: c.workers_benefited, closingReport: c.closing_report, closedOn: c.closed_on,
    archivedAt: c.archived_at,
    stages: stages.map((s) => ({ id: s.id, kind: s.kind, kindLabel: codeLabel('legal_stage', s.kind), heldOn: s.held_on, place: s.place, note: s.note })),
    steps: await stepsOf(db, 'legal_aid', id),
    typicalCaseId: typical?.id ?? null,
  };
}

/** The federation that issues a document for a case: the nearest county federation above it, else the root. */
export async function issuingFederation(db: Db | Tx, orgId: number): Promise<string> {
  const row = await db.selectFrom('org as o').innerJoin('org as c', (j) => j.on(sql<boolean>`o.path @> c.path`))
    .select(['o.name', 'o.kind', sql<number>`nlevel(o.path)`.as('depth')])
    .where('c.id', '=', orgId).orderBy(sql`nlevel(o.path)`, 'desc').execute();
  return (row.find((r) => r.kind === 'county_federation') ?? row[row.length - 1])?.name ?? '';
}

export function ensureFound<T>(v: T | undefined | null, what: string): T {
  if (v == null) throw notFound(what);
  return v;
}
