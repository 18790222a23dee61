import { sql } from 'kysely';
import { legalAidStatusLabels, mediationStatusLabels } from '../../../lib/legal.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { workingDaysFrom } from '../calendar/calendar.service.js';
import { addStep, assertSubject, idColumns, legalSettings, nextNumber, phoneColumns, stepsOf } from './common.js';

// The entry points other modules call (the appeals module 转 a 12351 ticket into a case, the
// ticket page shows the chain, the cockpit reads the figures). The caller has already checked
// that `orgId` lies in its scope and runs these inside its own transaction, with its audit.

export interface PartyInput {
  /** the person's 会员 record; its ID number and phone are copied when not given */
  memberId?: number | null;
  name: string;
  phone?: string | null;
  idNumber?: string | null;
}

export interface OpenLegalAidInput {
  orgId: number;
  sourceTicketId?: number | null;
  applicant: PartyInput;
  employerId?: number | null;
  employerName?: string | null;
  /** appeal_subject code (欠薪, 劳动合同 …); default 'other' */
  subject?: string | null;
  claim: string;
  workersInvolved?: number | null;
  amountClaimedFen?: number | null;
  /** default: today */
  appliedOn?: string | null;
}

export interface OpenMediationInput {
  orgId: number;
  sourceTicketId?: number | null;
  worker: PartyInput & { count?: number | null };
  employerId?: number | null;
  employerName?: string | null;
  employerContact?: string | null;
  subject?: string | null;
  claim: string;
  amountClaimedFen?: number | null;
  /** default: today; the 15-day limit runs from here */
  acceptedOn?: string | null;
}

async function partyColumns(tx: Tx, crypto: FieldCrypto, party: PartyInput, field: string) {
  const name = party.name?.trim();
  if (!name) throw fieldError(`${field}.name`, '请填写姓名');
  if (name.length > 50) throw fieldError(`${field}.name`, '不能超过50个字');
  let phone = phoneColumns(crypto, party.phone, `${field}.phone`);
  let id = idColumns(crypto, party.idNumber, `${field}.idNumber`);
  if (party.memberId) {
    const m = await tx.selectFrom('member').select(['id', 'phone_enc', 'phone_hash', 'phone_last4', 'id_number_enc', 'id_number_hash', 'id_number_last4'])
      .where('id', '=', party.memberId).executeTakeFirst();
    if (!m) throw fieldError(`${field}.memberId`, '会员不存在');
    if (!phone.enc && m.phone_enc) phone = { enc: m.phone_enc, hash: m.phone_hash, last4: m.phone_last4 };
    if (!id.enc) id = { enc: m.id_number_enc, hash: m.id_number_hash, last4: m.id_number_last4 };
  }
  return { memberId: party.memberId ?? null, name, phone, id };
}

async function employerOf(tx: Tx, employerId: number | null | undefined, employerName: string | null | undefined) {
  if (employerId) {
    const e = await tx.selectFrom('employer').select(['id', 'name']).where('id', '=', employerId).executeTakeFirst();
    if (!e) throw fieldError('employerId', '用人单位不存在');
    return { id: e.id, name: employerName?.trim() || e.name };
  }
  return { id: null, name: employerName?.trim() || null };
}

function checkDate(value: string | null | undefined, field: string): string {
  const today = clock.today();
  if (!value) return today;
  if (!isRealDate(value)) throw fieldError(field, '不是有效的日期');
  if (value > today) throw fieldError(field, '不能晚于今天');
  return value;
}

function checkClaim(claim: string | null | undefined): string {
  const v = claim?.trim();
  if (!v) throw fieldError('claim', '请填写请求事项');
  if (v.length > 2000) throw fieldError('claim', '不能超过2000个字');
  return v;
}

function checkFen(v: number | null | undefined, field: string): number | null {
  if (v == null) return null;
  if (!Number.isSafeInteger(v) || v < 0) throw fieldError(field, '金额应为不小于0的整数（分）');
  return v;
}

function checkCount(v: number | null | undefined, field: string): number {
  if (v == null) return 1;
  if (!Number.isInteger(v) || v < 1 || v > 100000) throw fieldError(field, '人数应为1至100000的整数');
  return v;
}

/**
 * 法律援助申请: a new case in 待审查, due for review N working days later (setting
 * 'legal'.reviewDays, default 5, on the shared working-day calendar). Run inside a transaction.
 */
export async function openLegalAidCase(tx: Tx, actor: Actor, input: OpenLegalAidInput, crypto: FieldCrypto): Promise<{ id: number; caseNo: string }> {
  const appliedOn = checkDate(input.appliedOn, 'appliedOn');
  const applicant = await partyColumns(tx, crypto, input.applicant, 'applicant');
  const employer = await employerOf(tx, input.employerId, input.employerName);
  const subject = assertSubject(input.subject);
  const claim = checkClaim(input.claim);
  const { reviewDays } = await legalSettings(tx);
  const reviewDue = await workingDaysFrom(tx, reviewDays, appliedOn);
  const caseNo = await nextNumber(tx, 'legal_aid', appliedOn);
  const row = await tx.insertInto('legal_aid_case').values({
    case_no: caseNo, org_id: input.orgId, source_ticket_id: input.sourceTicketId ?? null,
    applicant_member_id: applicant.memberId, applicant_name: applicant.name,
    applicant_phone_enc: applicant.phone.enc, applicant_phone_hash: applicant.phone.hash, applicant_phone_last4: applicant.phone.last4,
    applicant_id_enc: applicant.id.enc, applicant_id_hash: applicant.id.hash, applicant_id_last4: applicant.id.last4,
    employer_id: employer.id, employer_name: employer.name, subject, claim,
    workers_involved: checkCount(input.workersInvolved, 'workersInvolved'),
    amount_claimed_fen: checkFen(input.amountClaimedFen, 'amountClaimedFen'),
    applied_on: appliedOn, review_due: reviewDue, created_by: actor.id,
  }).returning(['id']).executeTakeFirstOrThrow();
  const from = input.sourceTicketId ? `（由诉求工单 #${input.sourceTicketId} 转入）` : '';
  await addStep(tx, actor, 'legal_aid', row.id, '申请', `受理法律援助申请${from}，审查期限 ${reviewDue}`);
  await audit(tx, actor, {
    action: 'legal_aid.apply', entity: 'legal_aid_case', entityId: row.id, orgId: input.orgId,
    summary: `法律援助申请 ${caseNo}：${applicant.name}${from}`,
    after: { case_no: caseNo, applicant_name: applicant.name, subject, claim, source_ticket_id: input.sourceTicketId ?? null, review_due: reviewDue },
  });
  return { id: row.id, caseNo };
}

/** 劳动争议调解 accepted: a new case in 已受理, due 15 calendar days after acceptance. Run inside a transaction. */
export async function openMediationCase(tx: Tx, actor: Actor, input: OpenMediationInput, crypto: FieldCrypto): Promise<{ id: number; caseNo: string }> {
  const acceptedOn = checkDate(input.acceptedOn, 'acceptedOn');
  const worker = await partyColumns(tx, crypto, input.worker, 'worker');
  const employer = await employerOf(tx, input.employerId, input.employerName);
  if (!employer.name) throw fieldError('employerName', '请填写用人单位');
  const subject = assertSubject(input.subject);
  const claim = checkClaim(input.claim);
  const caseNo = await nextNumber(tx, 'mediation', acceptedOn);
  const row = await tx.insertInto('mediation_case').values({
    case_no: caseNo, org_id: input.orgId, source_ticket_id: input.sourceTicketId ?? null,
    worker_member_id: worker.memberId, worker_name: worker.name,
    worker_phone_enc: worker.phone.enc, worker_phone_hash: worker.phone.hash, worker_phone_last4: worker.phone.last4,
    worker_id_enc: worker.id.enc, worker_id_hash: worker.id.hash, worker_id_last4: worker.id.last4,
    worker_count: checkCount(input.worker.count, 'worker.count'),
    employer_id: employer.id, employer_name: employer.name, employer_contact: input.employerContact?.trim() || null,
    subject, claim, amount_claimed_fen: checkFen(input.amountClaimedFen, 'amountClaimedFen'),
    accepted_on: acceptedOn, created_by: actor.id,
  }).returning(['id', 'due_on']).executeTakeFirstOrThrow();
  const from = input.sourceTicketId ? `（由诉求工单 #${input.sourceTicketId} 转入）` : '';
  await addStep(tx, actor, 'mediation', row.id, '受理', `受理调解申请${from}，调解期限至 ${row.due_on}`);
  await audit(tx, actor, {
    action: 'mediation.accept', entity: 'mediation_case', entityId: row.id, orgId: input.orgId,
    summary: `受理劳动争议调解 ${caseNo}：${worker.name} 与 ${employer.name}${from}`,
    after: { case_no: caseNo, worker_name: worker.name, employer_name: employer.name, subject, claim, accepted_on: acceptedOn, source_ticket_id: input.sourceTicketId ?? null },
  });
  return { id: row.id, caseNo };
}

export interface TicketLegalCase {
  kind: 'legal_aid' | 'mediation';
  id: number;
  caseNo: string;
  status: string;
  statusLabel: string;
  amountRecoveredFen: number | null;
  steps: Awaited<ReturnType<typeof stepsOf>>;
}

/** The legal cases opened from a 12351 ticket, within the caller's scope, for the ticket page's chain. */
export async function legalCasesOfTicket(db: Db | Tx, scope: ScopePaths, ticketId: number): Promise<TicketLegalCase[]> {
  const aid = await db.selectFrom('legal_aid_case').select(['id', 'case_no', 'status', 'amount_recovered_fen', 'created_at'])
    .where('source_ticket_id', '=', ticketId).where(ownedInScope('org_id', scope)).orderBy('id').execute();
  const med = await db.selectFrom('mediation_case').select(['id', 'case_no', 'status', 'agreement_amount_fen', 'created_at'])
    .where('source_ticket_id', '=', ticketId).where(ownedInScope('org_id', scope)).orderBy('id').execute();
  const out: TicketLegalCase[] = [];
  for (const r of aid) {
    out.push({ kind: 'legal_aid', id: r.id, caseNo: r.case_no, status: r.status, statusLabel: legalAidStatusLabels[r.status], amountRecoveredFen: r.amount_recovered_fen, steps: await stepsOf(db, 'legal_aid', r.id) });
  }
  for (const r of med) {
    out.push({ kind: 'mediation', id: r.id, caseNo: r.case_no, status: r.status, statusLabel: mediationStatusLabels[r.status], amountRecoveredFen: r.status === 'agreement' ? r.agreement_amount_fen : null, steps: await stepsOf(db, 'mediation', r.id) });
  }
  return out;
}

export interface LegalFigures {
  legalAid: { cases: number; closed: number; amountRecoveredFen: number; workersBenefited: number };
  mediation: { cases: number; agreements: number; failed: number; successRate: number | null };
}

/**
 * Figures for a period [from, to] (inclusive dates), within scope: legal-aid cases applied in
 * the period, and those closed in it with the amount recovered and workers benefited;
 * mediation cases accepted in the period, agreements and failures concluded in it, and the
 * success rate agreements / (agreements + failures) (null when none concluded).
 */
export async function legalFigures(db: Db | Tx, scope: ScopePaths, period: { from: string; to: string }): Promise<LegalFigures> {
  const { from, to } = period;
  const aid = await db.selectFrom('legal_aid_case').where(ownedInScope('org_id', scope))
    .select([
      sql<number>`count(*) filter (where applied_on between ${from} and ${to})::int`.as('cases'),
      sql<number>`count(*) filter (where closed_on between ${from} and ${to})::int`.as('closed'),
      sql<number>`coalesce(sum(amount_recovered_fen) filter (where closed_on between ${from} and ${to}), 0)::int8`.as('recovered'),
      sql<number>`coalesce(sum(workers_benefited) filter (where closed_on between ${from} and ${to}), 0)::int`.as('benefited'),
    ]).executeTakeFirstOrThrow();
  const med = await db.selectFrom('mediation_case').where(ownedInScope('org_id', scope))
    .select([
      sql<number>`count(*) filter (where accepted_on between ${from} and ${to})::int`.as('cases'),
      sql<number>`count(*) filter (where status = 'agreement' and closed_on between ${from} and ${to})::int`.as('agreements'),
      sql<number>`count(*) filter (where status = 'failed' and closed_on between ${from} and ${to})::int`.as('failed'),
    ]).executeTakeFirstOrThrow();
  const concluded = med.agreements + med.failed;
  return {
    legalAid: { cases: aid.cases, closed: aid.closed, amountRecoveredFen: Number(aid.recovered), workersBenefited: aid.benefited },
    mediation: { cases: med.cases, agreements: med.agreements, failed: med.failed, successRate: concluded ? Math.round((med.agreements / concluded) * 10000) / 10000 : null },
  };
}

/** A case the caller may see, or 404 (same as missing). */
export async function legalAidInScopeOrThrow(db: Db | Tx, scope: ScopePaths, id: number) {
  const row = await db.selectFrom('legal_aid_case').selectAll().where('id', '=', id).where(ownedInScope('org_id', scope)).executeTakeFirst();
  if (!row) throw notFound('法律援助案件');
  return row;
}

export async function mediationInScopeOrThrow(db: Db | Tx, scope: ScopePaths, id: number) {
  const row = await db.selectFrom('mediation_case').selectAll().where('id', '=', id).where(ownedInScope('org_id', scope)).executeTakeFirst();
  if (!row) throw notFound('调解案件');
  return row;
}
