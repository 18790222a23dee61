import { sql } from 'kysely';
import { maskIdFromLast4 } from '../../../lib/masking.js';
import type { Db, Tx } from '../../platform/db.js';
import { audit, type Actor } from '../../platform/audit.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { escapeLike, isMemberUnionKind, isUniqueViolation } from './common.js';
import { employerForMemberOrThrow, memberInScopeOrThrow, type MemberScopes } from './member.service.js';
import { transferActions, transferStatusLabels, type TransferAction } from './transfer.flow.js';
import type { TransferStatus } from './tables.js';

export interface StartTransferInput {
  toOrgId: number;
  reason?: string | null;
}

export interface DecideTransferInput {
  /** accept: the member's employer in the receiving union (none when absent) */
  employerId?: number | null;
  /** refuse: required */
  reason?: string | null;
  /** accept, cancel: optional */
  note?: string | null;
}

/**
 * Every transfer with what either side may see: the member (name, masked ID), both unions by
 * name only (the other union may lie outside the caller's scope), who did what and when.
 * `writeScope` marks which side the caller acts for.
 */
export function transferBaseQuery(db: Db | Tx, writeScope: ScopePaths) {
  return db.selectFrom('member_transfer as t')
    .innerJoin('member as m', 'm.id', 't.member_id')
    .innerJoin('org as fo', 'fo.id', 't.from_org_id')
    .innerJoin('org as to', 'to.id', 't.to_org_id')
    .leftJoin('employer as fe', 'fe.id', 't.from_employer_id')
    .leftJoin('employer as te', 'te.id', 't.to_employer_id')
    .leftJoin('app_user as ru', 'ru.id', 't.requested_by')
    .leftJoin('app_user as du', 'du.id', 't.decided_by')
    .select([
      't.id', 't.member_id', 't.from_org_id', 't.to_org_id', 't.status', 't.reason', 't.requested_at', 't.decided_at', 't.decision_note',
      'm.name as member_name', 'm.sex as member_sex', 'm.birth_date as member_birth_date', 'm.id_number_last4 as member_id_last4',
      'm.category as member_category', 'm.card_no as member_card_no', 'm.join_date as member_join_date',
      'fo.name as from_org_name', 'to.name as to_org_name', 'fe.name as from_employer_name', 'te.name as to_employer_name',
      'ru.display_name as requested_by_name', 'du.display_name as decided_by_name',
      ownedInScope('t.from_org_id', writeScope).as('is_sender'),
      ownedInScope('t.to_org_id', writeScope).as('is_receiver'),
    ]);
}

/** The API's shape of a transfer, with its timeline (each step's actor, time and comment). */
export function transferView(r: Record<string, unknown>) {
  const status = r.status as TransferStatus;
  const isSender = r.is_sender === true;
  const isReceiver = r.is_receiver === true;
  const pending = status === 'pending';
  return {
    id: r.id as number,
    status,
    statusLabel: transferStatusLabels[status],
    member: {
      id: r.member_id as number, name: r.member_name as string, sex: r.member_sex as string, birthDate: r.member_birth_date as string,
      idNumber: maskIdFromLast4(r.member_id_last4 as string), category: r.member_category as string,
      cardNo: r.member_card_no as string, joinDate: r.member_join_date as string | null,
    },
    from: { id: r.from_org_id as number, name: r.from_org_name as string, employerName: (r.from_employer_name as string | null) ?? null },
    to: { id: r.to_org_id as number, name: r.to_org_name as string, employerName: (r.to_employer_name as string | null) ?? null },
    reason: r.reason as string | null,
    requestedAt: r.requested_at as Date,
    requestedBy: (r.requested_by_name as string | null) ?? null,
    decidedAt: (r.decided_at as Date | null) ?? null,
    decidedBy: (r.decided_by_name as string | null) ?? null,
    decisionNote: r.decision_note as string | null,
    direction: isSender && isReceiver ? 'both' : isSender ? 'outgoing' : isReceiver ? 'incoming' : null,
    actions: (Object.keys(transferActions) as TransferAction[]).filter((a) => pending && (transferActions[a].side === 'from' ? isSender : isReceiver)),
    timeline: [
      { step: 'request', label: '申请转出', actor: (r.requested_by_name as string | null) ?? null, at: r.requested_at as Date, comment: r.reason as string | null },
      ...(pending ? [] : [{ step: status, label: transferStatusLabels[status], actor: (r.decided_by_name as string | null) ?? null, at: r.decided_at as Date, comment: r.decision_note as string | null }]),
    ],
  };
}
export type TransferView = ReturnType<typeof transferView>;

/** A member's transfer history, oldest first (the member page: the member is in scope already). */
export async function memberTransfers(db: Db, memberId: number, writeScope: ScopePaths = []) {
  const rows = await transferBaseQuery(db, writeScope).where('t.member_id', '=', memberId).orderBy('t.requested_at').orderBy('t.id').execute();
  return rows.map((r) => transferView(r));
}

/** Visible to both sides: the sending or the receiving union lies in the caller's scope. */
export async function transferDetail(db: Db, readScope: ScopePaths, writeScope: ScopePaths, id: number) {
  const row = await transferBaseQuery(db, writeScope)
    .where('t.id', '=', id)
    .where((eb) => eb.or([ownedInScope('t.from_org_id', readScope), ownedInScope('t.to_org_id', readScope)]))
    .executeTakeFirst();
  if (!row) throw notFound('接转申请');
  return transferView(row);
}

/**
 * The sending union starts a transfer to any union of the deployment: the receiver may lie
 * outside the sender's scope, and is known to it by name only. One pending transfer per
 * member: the partial unique index member_transfer_one_pending decides.
 */
export async function startTransfer(db: Db, actor: Actor, scopes: MemberScopes, memberId: number, input: StartTransferInput): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const member = await memberInScopeOrThrow(tx, memberId, scopes.write, true);
    if (member.status !== 'active') throw conflict('只有在册会员可以办理会员关系接转');
    const to = await tx.selectFrom('org').select(['id', 'name', 'kind']).where('id', '=', input.toOrgId).executeTakeFirst();
    if (!to) throw fieldError('toOrgId', '接收工会不存在');
    if (!isMemberUnionKind(to.kind)) throw fieldError('toOrgId', '接收方应为基层工会或联合基层工会');
    if (to.id === member.org_id) throw fieldError('toOrgId', '不能转入会员当前所属的工会');
    const row = await tx.insertInto('member_transfer').values({
      member_id: member.id, from_org_id: member.org_id, to_org_id: to.id, from_employer_id: member.employer_id,
      reason: input.reason ?? null, requested_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow().catch((err: unknown) => {
      if (isUniqueViolation(err, 'member_transfer_one_pending')) throw conflict('该会员已有一项待接收的会员关系接转，请等待接收方处理或先撤回');
      throw err;
    });
    await audit(tx, actor, {
      action: 'transfer_request', entity: 'member_transfer', entityId: row.id, orgId: member.org_id,
      summary: `会员 ${member.name} 申请转往 ${to.name}`, after: row,
    });
    return row.id;
  });
}

/** accept / refuse (the receiving union), cancel (the sending union); see transfer.flow.ts. */
export async function decideTransfer(db: Db, actor: Actor, scopes: MemberScopes, id: number, action: TransferAction, input: DecideTransferInput): Promise<void> {
  const rule = transferActions[action];
  if (action === 'refuse' && !input.reason?.trim()) throw fieldError('reason', '请填写拒绝原因');
  await db.transaction().execute(async (tx) => {
    // loaded through the side that acts: a sender cannot accept, a receiver cannot cancel
    const t = await tx.selectFrom('member_transfer').selectAll()
      .where('id', '=', id).where(ownedInScope(rule.side === 'to' ? 'to_org_id' : 'from_org_id', scopes.write))
      .forUpdate().executeTakeFirst();
    if (!t) throw notFound('接转申请');
    if (t.status !== rule.from) throw conflict(`该接转申请${transferStatusLabels[t.status]}，不能再${rule.verb}`);
    const member = await tx.selectFrom('member').selectAll().where('id', '=', t.member_id).forUpdate().executeTakeFirstOrThrow();
    const orgs = await tx.selectFrom('org').select(['id', 'name', 'kind']).where('id', 'in', [t.from_org_id, t.to_org_id]).execute();
    const nameOf = (orgId: number) => orgs.find((o) => o.id === orgId)?.name ?? '';

    let toEmployerId: number | null = null;
    if (action === 'accept') {
      if (member.org_id !== t.from_org_id || member.status !== 'active') throw conflict('会员的所属工会或状态已变化，不能再接收此申请');
      if (!isMemberUnionKind(orgs.find((o) => o.id === t.to_org_id)?.kind ?? '')) throw conflict('接收方已不是基层工会，不能接收');
      if (input.employerId != null) toEmployerId = (await employerForMemberOrThrow(tx, input.employerId, scopes)).id;
      await tx.updateTable('member').set({ org_id: t.to_org_id, employer_id: toEmployerId, updated_at: new Date() }).where('id', '=', member.id).execute();
    }
    const after = await tx.updateTable('member_transfer').set({
      status: rule.to, decided_by: actor.id, decided_at: new Date(),
      decision_note: (action === 'refuse' ? input.reason : input.note) ?? null, to_employer_id: toEmployerId,
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

    const actingOrg = rule.side === 'to' ? t.to_org_id : t.from_org_id;
    await audit(tx, actor, {
      action: `transfer_${action}`, entity: 'member_transfer', entityId: id, orgId: actingOrg,
      summary: `${rule.verb}会员 ${member.name} 由 ${nameOf(t.from_org_id)} 转往 ${nameOf(t.to_org_id)} 的接转申请`, before: t, after,
    });
    if (action === 'accept') {
      // both unions' auditors see the member leave one and join the other
      const moved = { before: { org_id: t.from_org_id, employer_id: member.employer_id }, after: { org_id: t.to_org_id, employer_id: toEmployerId } };
      await audit(tx, actor, { action: 'transfer_out', entity: 'member', entityId: member.id, orgId: t.from_org_id, summary: `会员 ${member.name} 转出至 ${nameOf(t.to_org_id)}`, ...moved });
      await audit(tx, actor, { action: 'transfer_in', entity: 'member', entityId: member.id, orgId: t.to_org_id, summary: `会员 ${member.name} 由 ${nameOf(t.from_org_id)} 转入`, ...moved });
    }
  });
}

/** Unions a member can be transferred to, found by name: every one in the deployment, name only. */
export async function transferTargets(db: Db, q: string) {
  return db.selectFrom('org').select(['id', 'name'])
    .where('kind', 'in', ['grassroots', 'joint_grassroots'])
    .where('name', 'ilike', `%${escapeLike(q)}%`)
    .orderBy(sql`length(name)`).orderBy('name').limit(20).execute();
}
