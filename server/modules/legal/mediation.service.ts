import { mediationDeadline, mediationStatusLabels } from '../../../lib/legal.js';
import { codeLabel } from '../../../lib/code-tables.js';
import { maskIdFromLast4, maskPhoneFromLast4 } from '../../../lib/masking.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { conflict, fieldError } from '../../platform/errors.js';
import { orgInScopeOrThrow, type ScopePaths } from '../../platform/scope.js';
import { addStep, stepsOf } from './common.js';
import { mediationInScopeOrThrow, openMediationCase, type OpenMediationInput } from './cases.service.js';
import { providerVisible } from './legal-aid.service.js';
import type { MediationStatus } from './tables.js';

type Row = Awaited<ReturnType<typeof mediationInScopeOrThrow>>;
const openStatuses: readonly MediationStatus[] = ['accepted', 'mediating'];

export async function acceptMediation(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, input: OpenMediationInput) {
  await orgInScopeOrThrow(db, input.orgId, scope);
  return db.transaction().execute((tx) => openMediationCase(tx, actor, input, crypto));
}

async function transition(tx: Tx, scope: ScopePaths, id: number, from: readonly MediationStatus[], set: Record<string, unknown>, what: string): Promise<{ before: Row; after: Row }> {
  const before = await mediationInScopeOrThrow(tx, scope, id);
  const after = await tx.updateTable('mediation_case').set({ ...set, updated_at: new Date() })
    .where('id', '=', id).where('status', 'in', from as MediationStatus[]).returningAll().executeTakeFirst();
  if (!after) throw conflict(`调解案件当前为“${mediationStatusLabels[before.status]}”，不能${what}`);
  return { before, after };
}

const auditView = (r: Row) => ({
  case_no: r.case_no, status: r.status, mediator_provider_id: r.mediator_provider_id, mediator_name: r.mediator_name,
  agreement_terms: r.agreement_terms, agreement_amount_fen: r.agreement_amount_fen, failure_reason: r.failure_reason, closed_on: r.closed_on,
});

/** The mediator: a provider from the roster, or a named person (a union cadre). */
export async function setMediator(db: Db, actor: Actor, scope: ScopePaths, id: number, input: { providerId?: number | null; name?: string | null }) {
  return db.transaction().execute(async (tx) => {
    await mediationInScopeOrThrow(tx, scope, id);
    let providerId: number | null = null;
    let name = input.name?.trim() || null;
    if (input.providerId) {
      const p = await tx.selectFrom('legal_provider').select(['id', 'name', 'active']).where('id', '=', input.providerId).where(providerVisible(scope)).executeTakeFirst();
      if (!p) throw fieldError('mediatorProviderId', '律师/志愿者不存在');
      if (!p.active) throw fieldError('mediatorProviderId', `${p.name}已停用`);
      providerId = p.id;
      name = p.name;
    }
    if (!name) throw fieldError('mediatorName', '请选择或填写调解员');
    const { before, after } = await transition(tx, scope, id, openStatuses, { mediator_provider_id: providerId, mediator_name: name, mediator_user_id: null }, '更换调解员');
    await addStep(tx, actor, 'mediation', id, '确定调解员', name);
    await audit(tx, actor, { action: 'mediation.mediator', entity: 'mediation_case', entityId: id, orgId: after.org_id, summary: `${after.case_no} 调解员：${name}`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

export interface SessionInput { heldOn: string; place?: string | null; attendees?: string | null; note?: string | null }

/** A mediation session; the first one moves the case from 已受理 to 调解中. */
export async function addMediationSession(db: Db, actor: Actor, scope: ScopePaths, id: number, input: SessionInput) {
  if (!isRealDate(input.heldOn)) throw fieldError('heldOn', '不是有效的日期');
  if (input.heldOn > clock.today()) throw fieldError('heldOn', '不能晚于今天');
  return db.transaction().execute(async (tx) => {
    const c = await mediationInScopeOrThrow(tx, scope, id);
    if (input.heldOn < c.accepted_on) throw fieldError('heldOn', '不能早于受理日期');
    await transition(tx, scope, id, openStatuses, { status: 'mediating' }, '登记调解');
    const session = await tx.insertInto('mediation_session').values({
      case_id: id, held_on: input.heldOn, place: input.place ?? null, attendees: input.attendees ?? null, note: input.note ?? null, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await addStep(tx, actor, 'mediation', id, '调解', [input.heldOn, input.place, input.note].filter(Boolean).join('，'));
    await audit(tx, actor, { action: 'mediation.session', entity: 'mediation_case', entityId: id, orgId: c.org_id, summary: `${c.case_no} 调解（${input.heldOn}）`, after: session });
    return session;
  });
}

function checkClosedOn(on: string | null | undefined, c: Row): string {
  const d = on ?? clock.today();
  if (!isRealDate(d)) throw fieldError('closedOn', '不是有效的日期');
  if (d > clock.today()) throw fieldError('closedOn', '不能晚于今天');
  if (d < c.accepted_on) throw fieldError('closedOn', '不能早于受理日期');
  return d;
}

/** 达成调解协议: terms and the amount agreed (fen); the 调解协议书 can then be printed. */
export async function recordAgreement(db: Db, actor: Actor, scope: ScopePaths, id: number, input: { terms: string; amountFen: number; closedOn?: string | null }) {
  const terms = input.terms?.trim();
  if (!terms) throw fieldError('agreementTerms', '请填写协议内容');
  return db.transaction().execute(async (tx) => {
    const c = await mediationInScopeOrThrow(tx, scope, id);
    const closedOn = checkClosedOn(input.closedOn, c);
    if (!c.mediator_name) throw fieldError('mediatorName', '请先确定调解员');
    const { before, after } = await transition(tx, scope, id, openStatuses, {
      status: 'agreement', agreement_terms: terms, agreement_amount_fen: input.amountFen, closed_on: closedOn,
    }, '登记调解协议');
    await addStep(tx, actor, 'mediation', id, '达成协议', `协议金额 ${(input.amountFen / 100).toFixed(2)} 元`);
    await audit(tx, actor, { action: 'mediation.agreement', entity: 'mediation_case', entityId: id, orgId: after.org_id, summary: `${after.case_no} 达成调解协议`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

/** 调解不成: the reason; the parties are advised that they may apply for arbitration. */
export async function recordFailure(db: Db, actor: Actor, scope: ScopePaths, id: number, input: { reason: string; closedOn?: string | null }) {
  const reason = input.reason?.trim();
  if (!reason) throw fieldError('failureReason', '请填写调解不成的原因');
  return db.transaction().execute(async (tx) => {
    const c = await mediationInScopeOrThrow(tx, scope, id);
    const closedOn = checkClosedOn(input.closedOn, c);
    const { before, after } = await transition(tx, scope, id, openStatuses, { status: 'failed', failure_reason: reason, closed_on: closedOn }, '登记调解不成');
    await addStep(tx, actor, 'mediation', id, '调解不成', `${reason}；已告知当事人可依法申请劳动争议仲裁`);
    await audit(tx, actor, { action: 'mediation.fail', entity: 'mediation_case', entityId: id, orgId: after.org_id, summary: `${after.case_no} 调解不成：${reason}`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

export async function withdrawMediation(db: Db, actor: Actor, scope: ScopePaths, id: number, input: { reason: string }) {
  const reason = input.reason?.trim();
  if (!reason) throw fieldError('reason', '请填写撤回原因');
  return db.transaction().execute(async (tx) => {
    const { before, after } = await transition(tx, scope, id, openStatuses, { status: 'withdrawn', closed_on: clock.today() }, '撤回');
    await addStep(tx, actor, 'mediation', id, '撤回', reason);
    await audit(tx, actor, { action: 'mediation.withdraw', entity: 'mediation_case', entityId: id, orgId: after.org_id, summary: `${after.case_no} 撤回：${reason}`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

export async function mediationDetail(db: Db, scope: ScopePaths, id: number) {
  const c = await mediationInScopeOrThrow(db, scope, id);
  const org = await db.selectFrom('org').select(['name']).where('id', '=', c.org_id).executeTakeFirstOrThrow();
  const sessions = await db.selectFrom('mediation_session').select(['id', 'held_on', 'place', 'attendees', 'note'])
    .where('case_id', '=', id).orderBy('held_on').orderBy('id').execute();
  const typical = await db.selectFrom('typical_case').select(['id']).where('source_kind', '=', 'mediation').where('source_id', '=', id).executeTakeFirst();
  const open = (openStatuses as string[]).includes(c.status);
  return {
    id: c.id, caseNo: c.case_no, orgId: c.org_id, orgName: org.name, sourceTicketId: c.source_ticket_id,
    worker: {
      memberId: c.worker_member_id, name: c.worker_name, count: c.worker_count,
      phone: c.worker_phone_last4 ? maskPhoneFromLast4(c.worker_phone_last4) : null,
      idNumber: c.worker_id_last4 ? maskIdFromLast4(c.worker_id_last4) : null,
    },
    employerId: c.employer_id, employerName: c.employer_name, employerContact: c.employer_contact,
    subject: c.subject, subjectLabel: codeLabel('appeal_subject', c.subject), claim: c.claim, amountClaimedFen: c.amount_claimed_fen,
    mediatorProviderId: c.mediator_provider_id, mediatorName: c.mediator_name,
    acceptedOn: c.accepted_on, dueOn: c.due_on, deadline: mediationDeadline(c.due_on, clock.today(), open),
    status: c.status, statusLabel: mediationStatusLabels[c.status], open,
    agreementTerms: c.agreement_terms, agreementAmountFen: c.agreement_amount_fen, failureReason: c.failure_reason, closedOn: c.closed_on,
    sessions: sessions.map((s) => ({ id: s.id, heldOn: s.held_on, place: s.place, attendees: s.attendees, note: s.note })),
    steps: await stepsOf(db, 'mediation', id),
    typicalCaseId: typical?.id ?? null,
  };
}
