import type { Selectable } from 'kysely';
import { parseMobile } from '../../../lib/validators/index.js';
import type { Db, Tx } from '../../platform/db.js';
import type { Actor } from '../../platform/audit.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { fieldError } from '../../platform/errors.js';
import { ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { legalCasesOfTicket, legalFigures, openLegalAidCase, openMediationCase } from '../legal/cases.service.js';
import { archiveRef, openHardshipApplication } from '../hardship/hardship.exports.js';
import { statusLabels as hardshipStatusLabels } from '../hardship/hardship.flow.js';
import type { AppealTable, TransferKind } from './tables.js';

// 转: a ticket becomes a legal-aid case, a mediation case or a hardship application, made by
// the owning module's exported function inside the ticket's transaction, carrying the ticket's
// data (worker, employer, subject, amount, content) and its id as `sourceTicketId`.

export interface TransferInput {
  kind: TransferKind;
  /** hardship: the member the application is for (the ticket's member when absent) */
  memberId?: number | null;
  mainCause?: string | null;
}

export interface TransferTarget {
  id: number;
  no?: string | null;
}

export interface TransferContext {
  crypto: FieldCrypto;
  /** the unit handling the ticket: the legal case belongs to it */
  handlingOrgId: number;
  memberRead: ScopePaths;
}

/** The worker's numbers, decrypted to hand to the other module, which seals them again. */
function workerNumbers(crypto: FieldCrypto, t: Selectable<AppealTable>) {
  const phone = t.phone_enc ? crypto.decrypt(t.phone_enc) : null;
  return {
    // a landline cannot go into the legal module's mobile field: the ticket keeps it
    phone: phone && parseMobile(phone).ok ? phone : null,
    idNumber: t.id_number_enc ? crypto.decrypt(t.id_number_enc) : null,
  };
}

export async function openTransferTarget(
  tx: Tx, actor: Actor, t: Selectable<AppealTable>, input: TransferInput, ctx: TransferContext, note: string | null,
): Promise<TransferTarget> {
  const claim = [t.content, note].filter(Boolean).join('\n').slice(0, 2000);
  const numbers = workerNumbers(ctx.crypto, t);
  const party = { memberId: t.member_id, name: t.worker_name, ...numbers };
  if (input.kind === 'legal_aid') {
    const r = await openLegalAidCase(tx, actor, {
      orgId: ctx.handlingOrgId, sourceTicketId: t.id, applicant: party, employerId: t.employer_id, employerName: t.employer_name,
      subject: t.subject, claim, workersInvolved: t.workers_affected, amountClaimedFen: t.amount_fen,
    }, ctx.crypto);
    return { id: r.id, no: r.caseNo };
  }
  if (input.kind === 'mediation') {
    const r = await openMediationCase(tx, actor, {
      orgId: ctx.handlingOrgId, sourceTicketId: t.id, worker: { ...party, count: t.workers_affected }, employerId: t.employer_id,
      employerName: t.employer_name, subject: t.subject, claim, amountClaimedFen: t.amount_fen,
    }, ctx.crypto);
    return { id: r.id, no: r.caseNo };
  }
  // a hardship archive is a member's, in the member's own union
  const memberId = input.memberId ?? t.member_id;
  if (memberId == null) throw fieldError('memberId', '转困难职工帮扶须选择会员');
  const member = await tx.selectFrom('member').select(['id', 'org_id']).where('id', '=', memberId)
    .where(ownedInScope('org_id', ctx.memberRead)).executeTakeFirst();
  if (!member) throw fieldError('memberId', '会员不存在或不在您的管辖范围内');
  const r = await openHardshipApplication(tx, actor, {
    orgId: member.org_id, memberId: member.id, mainCause: input.mainCause ?? undefined, note: claim.slice(0, 500), sourceTicketId: t.id,
  });
  return { id: r.id, no: null };
}

/** The transferred case's status and its own timeline, for the ticket page (the caller's legal/hardship scope). */
export async function transferTargetStatus(db: Db, kind: TransferKind, id: number, ticketId: number, scopes: { legal: ScopePaths; hardship: ScopePaths }) {
  if (kind === 'hardship') {
    const ref = scopes.hardship.length ? await archiveRef(db, scopes.hardship, id) : null;
    return {
      kind, id, no: ref?.archiveNo ?? null, statusLabel: ref ? hardshipStatusLabels[ref.status] : null,
      url: ref ? `/hardship/archives/${id}` : null, summary: ref ? `${ref.workerName} · ${ref.orgName}` : null, amountRecoveredFen: null, chain: [],
    };
  }
  const cases = scopes.legal.length ? await legalCasesOfTicket(db, scopes.legal, ticketId) : [];
  const c = cases.find((x) => x.kind === kind && x.id === id);
  return {
    kind, id, no: c?.caseNo ?? null, statusLabel: c?.statusLabel ?? null,
    url: c ? (kind === 'legal_aid' ? `/legal/aid/${id}` : `/legal/mediation/${id}`) : null,
    summary: null,
    amountRecoveredFen: c?.amountRecoveredFen ?? null,
    chain: (c?.steps ?? []).map((s) => ({ label: s.step, at: s.at, actor: s.actor, comment: s.comment })),
  };
}

/** Legal aid recovered and mediation success for the figures page (the legal module's figures). */
export async function legalFiguresOf(db: Db, scope: ScopePaths, period: { from?: string; to?: string }) {
  if (!scope.length) return null;
  const f = await legalFigures(db, scope, { from: period.from ?? '1900-01-01', to: period.to ?? '2999-12-31' });
  return {
    legalAidCases: f.legalAid.cases, legalAidClosed: f.legalAid.closed, recoveredFen: f.legalAid.amountRecoveredFen,
    workersBenefited: f.legalAid.workersBenefited, mediationCases: f.mediation.cases, mediationSuccessRate: f.mediation.successRate,
  };
}
