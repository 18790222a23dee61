import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { getSetting, putSetting } from '../../platform/settings.js';
import { orgInScopeOrThrow, ownedInScope, pathInScope, isWithin, type ScopePaths } from '../../platform/scope.js';
import { parseIdNumber } from '../../../lib/validators/id-number.js';
import { isValidCode } from '../../../lib/code-tables.js';
import { advanceEdition, editionOwnedOrThrow, editionVisibleOrThrow, translateCampaignConstraint } from './edition.service.js';
import { amountFor, parseRule, yuan } from './rule.js';
import type { DistributionMethod, ReceiverRelation } from './tables.js';

// ---------------------------------------------------------------- yearly cap

export interface CampaignSettings {
  /** fen per person per calendar year across all campaigns; null = no cap */
  yearlyCapFen: number | null;
}
const SETTINGS_KEY = 'campaign';
export const getCampaignSettings = (db: Db | Tx) => getSetting<CampaignSettings>(db, SETTINGS_KEY, { yearlyCapFen: null });

export async function putCampaignSettings(db: Db, actor: Actor, value: CampaignSettings) {
  return db.transaction().execute(async (tx) => {
    const before = await getCampaignSettings(tx);
    await putSetting(tx, SETTINGS_KEY, value, actor.id);
    await audit(tx, actor, { action: 'update', entity: 'setting', entityId: SETTINGS_KEY, summary: '修改帮扶年度上限', before, after: value });
    return value;
  });
}

// Advisory lock keys: one for "the cap of a year", one per person. A single-person write holds
// the year lock shared and the person's lock exclusive; a bulk write (build, approval) holds the
// year lock exclusive. So two requests for one person can never both pass the cap check.
const CAP_YEAR_LOCK = 73_01;
const CAP_PERSON_LOCK = 73_02;

async function lockPersonForCap(tx: Tx, year: number, personHash: Buffer) {
  await sql`select pg_advisory_xact_lock_shared(${CAP_YEAR_LOCK}::int, ${year}::int)`.execute(tx);
  await sql`select pg_advisory_xact_lock(${CAP_PERSON_LOCK}::int, hashtext(${personHash.toString('hex')}))`.execute(tx);
}

async function lockYearForCap(tx: Tx, year: number) {
  await sql`select pg_advisory_xact_lock(${CAP_YEAR_LOCK}::int, ${year}::int)`.execute(tx);
}

/** What the person is already entitled to this year (every campaign, cancelled entries aside). */
async function yearTotalOf(tx: Tx, year: number, personHash: Buffer): Promise<number> {
  const row = await tx.selectFrom('campaign_recipient as r').innerJoin('campaign_edition as e', 'e.id', 'r.edition_id')
    .select(sql<number>`coalesce(sum(r.amount_fen), 0)::bigint`.as('total'))
    .where('e.year', '=', year).where('r.person_hash', '=', personHash).where('r.status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

// ---------------------------------------------------------------- adding recipients

export interface NominationInput {
  memberId?: number | null;
  name?: string | null;
  idNumber?: string | null;
  orgId?: number | null;
  category?: string | null;
  reason?: string | null;
  amountFen?: number | null;
}

interface Person {
  memberId: number | null;
  orgId: number;
  name: string;
  personHash: Buffer;
  idEnc: Buffer | null;
  last4: string | null;
}

/** The person a nomination names: a member on record, or a worker by name and ID number. */
async function personOf(tx: Tx, crypto: FieldCrypto, scope: ScopePaths, input: NominationInput): Promise<Person> {
  if (input.memberId) {
    const m = await tx.selectFrom('member').select(['id', 'org_id', 'name', 'id_number_hash', 'id_number_enc', 'id_number_last4', 'status'])
      .where('id', '=', input.memberId).where(ownedInScope('org_id', scope)).executeTakeFirst();
    if (!m) throw notFound('会员');
    return { memberId: m.id, orgId: input.orgId ?? m.org_id, name: m.name, personHash: m.id_number_hash, idEnc: m.id_number_enc, last4: m.id_number_last4 };
  }
  const name = (input.name ?? '').trim();
  if (!name) throw fieldError('name', '请填写姓名');
  if (name.length > 50) throw fieldError('name', '不能超过50个字');
  const parsed = parseIdNumber(input.idNumber ?? '', { today: clock.today() });
  if (!parsed.ok) throw fieldError('idNumber', parsed.message);
  if (!input.orgId) throw fieldError('orgId', '请选择负责的工会');
  const hash = crypto.blindIndex('id_number', parsed.value);
  const member = await tx.selectFrom('member').select('id').where('id_number_hash', '=', hash).executeTakeFirst();
  return { memberId: member?.id ?? null, orgId: input.orgId, name, personHash: hash, idEnc: crypto.encrypt(parsed.value), last4: parsed.value.slice(-4) };
}

/** 提名: a union or township puts one person on an edition's list. */
export async function nominate(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, editionId: number, input: NominationInput) {
  if (input.category && !isValidCode('campaign_category', input.category)) throw fieldError('category', '不是有效的帮扶对象类别');
  return db.transaction().execute(async (tx) => {
    const edition = await editionVisibleOrThrow(tx, editionId, scope);
    if (edition.status === 'closed') throw conflict('活动已结束，不能再增加名单');
    const person = await personOf(tx, crypto, scope, input);
    const org = await orgInScopeOrThrow(tx, person.orgId, scope);
    if (!isWithin(org.path, edition.org_path)) throw fieldError('orgId', `不在本次活动的组织范围（${edition.org_name}）内`);
    const amount = input.amountFen ?? Number(edition.standard_fen);
    const settings = await getCampaignSettings(tx);
    if (settings.yearlyCapFen != null) {
      await lockPersonForCap(tx, edition.year, person.personHash);
      const already = await yearTotalOf(tx, edition.year, person.personHash);
      if (already + amount > settings.yearlyCapFen) {
        throw conflict(`超过年度帮扶上限：该职工${edition.year}年已享受${yuan(already)}元，本次${yuan(amount)}元，上限${yuan(settings.yearlyCapFen)}元`);
      }
    }
    const row = await tx.insertInto('campaign_recipient').values({
      edition_id: edition.id, org_id: org.id, source: 'nomination', member_id: person.memberId,
      person_hash: person.personHash, name: person.name, id_number_enc: person.idEnc, id_number_last4: person.last4,
      category: input.category ?? null, reason: input.reason ?? null, amount_fen: amount, created_by: actor.id,
    }).returning(['id', 'edition_id', 'org_id', 'source', 'member_id', 'name', 'id_number_last4', 'category', 'reason', 'amount_fen', 'status'])
      .executeTakeFirstOrThrow();
    await advanceEdition(tx, edition.id, 'listing');
    await audit(tx, actor, { action: 'nominate', entity: 'campaign_recipient', entityId: row.id, orgId: org.id, summary: `${edition.name} 提名 ${row.name}（${org.name}）`, after: row });
    return row;
  }).catch(translateCampaignConstraint);
}

/** One row to put on a list, as the archive (or an import) gives it. */
export interface Candidate {
  archiveId: number | null;
  memberId: number | null;
  orgId: number;
  level: string | null;
  personHash: Buffer;
  name: string;
  /** the sealed ID number, when the candidate is not a member on record */
  idEnc?: Buffer | null;
  last4?: string | null;
  category?: string | null;
  reason?: string | null;
}

/**
 * Puts many candidates on an edition's list in ONE statement: the database filters them to
 * the organizer's subtree and the caller's scope, skips people already listed (the partial
 * unique index), and, when a yearly cap is set, people it would push over the cap. The
 * amount follows the edition's rule per level. Returns how many were added.
 */
export async function insertCandidates(
  tx: Tx, edition: { id: number; year: number; org_path: string; standard_fen: number; rule: unknown },
  scope: ScopePaths, candidates: readonly Candidate[], actorId: number | null, capFen: number | null,
): Promise<number> {
  if (candidates.length === 0) return 0;
  if (capFen != null) await lockYearForCap(tx, edition.year);
  const rule = parseRule(edition.rule);
  const amounts = candidates.map((c) => amountFor(rule, Number(edition.standard_fen), c.level));
  // what each candidate already has this year, aggregated once (a hash join, not a lookup per row)
  const used = capFen == null ? sql`select null::bytea as person_hash, 0::bigint as fen where false` : sql`
      select p.person_hash, sum(p.amount_fen) as fen from campaign_recipient p join campaign_edition pe on pe.id = p.edition_id
      where pe.year = ${edition.year} and p.status <> 'cancelled' and p.person_hash in (select decode(hash, 'hex') from x)
      group by p.person_hash`;
  const capFilter = capFen == null ? sql`true` : sql`coalesce(u.fen, 0) + x.amount <= ${capFen}`;
  const result = await sql`
    with x as (
      select * from unnest(${candidates.map((c) => c.archiveId)}::bigint[], ${candidates.map((c) => c.memberId)}::bigint[],
                ${candidates.map((c) => c.orgId)}::bigint[], ${candidates.map((c) => c.level)}::text[],
                ${candidates.map((c) => c.personHash.toString('hex'))}::text[], ${candidates.map((c) => c.name)}::text[],
                ${candidates.map((c) => (c.idEnc ? c.idEnc.toString('hex') : null))}::text[], ${candidates.map((c) => c.last4 ?? null)}::text[],
                ${candidates.map((c) => c.category ?? null)}::text[], ${candidates.map((c) => c.reason ?? null)}::text[],
                ${amounts}::bigint[])
         as t(archive_id, member_id, org_id, level, hash, name, enc, last4, category, reason, amount)
    ), u as (${used})
    insert into campaign_recipient (edition_id, org_id, source, archive_id, archive_level, member_id, person_hash, name,
                                    id_number_enc, id_number_last4, category, reason, amount_fen, created_by)
    select ${edition.id}, x.org_id, case when x.archive_id is null then 'nomination' else 'archive' end, x.archive_id, x.level, x.member_id,
           decode(x.hash, 'hex'), x.name, coalesce(decode(x.enc, 'hex'), m.id_number_enc), coalesce(x.last4, m.id_number_last4),
           x.category, x.reason, x.amount, ${actorId}
    from x
    join org o on o.id = x.org_id
    left join member m on m.id = x.member_id
    left join u on u.person_hash = decode(x.hash, 'hex')
    where o.path <@ ${edition.org_path}::ltree and ${pathInScope('o.path', scope)} and ${capFilter}
    on conflict (edition_id, person_hash) where status <> 'cancelled' do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** The candidates an edition's rule picks from the archive, via the hardship module. */
export type ArchiveSource = (db: Db | Tx, query: { scope: ScopePaths; levels?: string[]; withCollegeChild?: boolean; orgId?: number }) => Promise<Candidate[]>;

/** 从档案生成名单: every eligible household in the caller's part of the organizer's subtree. */
export async function buildFromArchives(db: Db, actor: Actor, scope: ScopePaths, editionId: number, source: ArchiveSource, opts: { orgId?: number } = {}) {
  return db.transaction().execute(async (tx) => {
    const edition = await editionVisibleOrThrow(tx, editionId, scope);
    if (edition.status === 'closed') throw conflict('活动已结束，不能再增加名单');
    const rule = parseRule(edition.rule);
    if (rule.levels.length === 0 && !rule.collegeChild) throw conflict('本次活动的条件未选困难类别，不能从档案生成名单，请用提名');
    if (opts.orgId) await orgInScopeOrThrow(tx, opts.orgId, scope);
    const candidates = await source(tx, { scope, levels: rule.levels.length ? rule.levels : undefined, withCollegeChild: rule.collegeChild || undefined, orgId: opts.orgId });
    const { yearlyCapFen } = await getCampaignSettings(tx);
    const added = await insertCandidates(tx, edition, scope, candidates, actor.id, yearlyCapFen);
    if (added > 0) await advanceEdition(tx, edition.id, 'listing');
    const summary = `${edition.name} 从困难职工档案生成名单：符合条件${candidates.length}户，新增${added}人`;
    await audit(tx, actor, { action: 'build', entity: 'campaign_edition', entityId: edition.id, orgId: edition.org_id, summary, after: { eligible: candidates.length, added } });
    return { eligible: candidates.length, added, skipped: candidates.length - added };
  });
}

// ---------------------------------------------------------------- cancel, approve, distribute

async function recipientInScopeOrThrow(tx: Tx, id: number, scope: ScopePaths) {
  const r = await tx.selectFrom('campaign_recipient as r').innerJoin('campaign_edition as e', 'e.id', 'r.edition_id')
    .selectAll('r').select(['e.name as edition_name', 'e.status as edition_status', 'e.year'])
    .where('r.id', '=', id).where(ownedInScope('r.org_id', scope)).forUpdate('r').executeTakeFirst();
  if (!r) throw notFound('帮扶对象');
  return r;
}

export async function cancelRecipient(db: Db, actor: Actor, scope: ScopePaths, id: number, reason: string) {
  return db.transaction().execute(async (tx) => {
    const r = await recipientInScopeOrThrow(tx, id, scope);
    if (r.status === 'distributed') throw conflict('已发放的对象不能取消');
    if (r.status === 'cancelled') throw conflict('该对象已取消');
    await tx.updateTable('campaign_recipient').set({ status: 'cancelled', cancel_reason: reason, updated_at: new Date() }).where('id', '=', id).execute();
    await audit(tx, actor, { action: 'cancel', entity: 'campaign_recipient', entityId: id, orgId: r.org_id, summary: `${r.edition_name} 取消 ${r.name}：${reason}`, before: { status: r.status }, after: { status: 'cancelled', reason } });
    return { id, status: 'cancelled' as const };
  });
}

/**
 * 审批名单: the listed recipients (all, or those selected) become approved in one transaction.
 * The approved total may not exceed the budget: the approval is refused, naming both sums.
 */
export async function approveRecipients(db: Db, actor: Actor, scope: ScopePaths, editionId: number, recipientIds?: number[]) {
  return db.transaction().execute(async (tx) => {
    const edition = await editionOwnedOrThrow(tx, editionId, scope, true); // the row lock serializes approvals of one edition
    if (edition.status === 'closed') throw conflict('活动已结束，不能再审批');
    let pending = tx.selectFrom('campaign_recipient').where('edition_id', '=', editionId).where('status', '=', 'listed');
    if (recipientIds) {
      if (recipientIds.length === 0) throw fieldError('recipientIds', '请选择要审批的对象');
      pending = pending.where('id', 'in', recipientIds);
    }
    const sums = await tx.selectFrom('campaign_recipient').where('edition_id', '=', editionId).where('status', 'in', ['approved', 'distributed'])
      .select(sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('fen')).executeTakeFirstOrThrow();
    const adding = await pending.select([sql<number>`count(*)::int`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('fen')]).executeTakeFirstOrThrow();
    if (adding.n === 0) throw conflict('没有待审批的对象');
    const total = Number(sums.fen) + Number(adding.fen);
    if (total > Number(edition.budget_fen)) {
      throw conflict(`超出预算：审批后合计${yuan(total)}元，预算${yuan(Number(edition.budget_fen))}元，请先调整名单或预算`);
    }
    const { yearlyCapFen } = await getCampaignSettings(tx);
    if (yearlyCapFen != null) {
      await lockYearForCap(tx, edition.year);
      const over = await sql<{ n: number }>`
        select count(*)::int as n from (
          select p.person_hash from campaign_recipient p join campaign_edition pe on pe.id = p.edition_id
          where pe.year = ${edition.year} and p.status <> 'cancelled'
            and p.person_hash in (select person_hash from campaign_recipient where edition_id = ${editionId} and status = 'listed')
          group by p.person_hash having sum(p.amount_fen) > ${yearlyCapFen}) t`.execute(tx);
      if (over.rows[0].n > 0) throw conflict(`有${over.rows[0].n}人超过年度帮扶上限（${yuan(yearlyCapFen)}元），请先取消或调整`);
    }
    let update = tx.updateTable('campaign_recipient')
      .set({ status: 'approved', approved_by: actor.id, approved_at: new Date(), updated_at: new Date() })
      .where('edition_id', '=', editionId).where('status', '=', 'listed');
    if (recipientIds) update = update.where('id', 'in', recipientIds);
    const result = await update.executeTakeFirst();
    const approved = Number(result.numUpdatedRows);
    await advanceEdition(tx, editionId, 'approved');
    await audit(tx, actor, {
      action: 'approve', entity: 'campaign_edition', entityId: editionId, orgId: edition.org_id,
      summary: `审批 ${edition.name} 名单：${approved}人，${yuan(Number(adding.fen))}元（累计${yuan(total)}元，预算${yuan(Number(edition.budget_fen))}元）`,
      after: { approved, amountFen: Number(adding.fen), totalFen: total, recipientIds: recipientIds ?? 'all' },
    });
    return { approved, amountFen: Number(adding.fen), totalApprovedFen: total };
  });
}

export interface ReceiptInput {
  method: DistributionMethod;
  receivedBy: string;
  relation?: ReceiverRelation;
  receivedOn?: string;
  goods?: string | null;
  transferRef?: string | null;
  remark?: string | null;
}

/** Marks an archive household as assisted (the hardship module's function). */
export type MarkAssisted = (tx: Tx, archiveId: number, date: string) => Promise<void>;

/** 签收: the payment of one approved recipient, once. */
export async function distribute(db: Db, actor: Actor, scope: ScopePaths, recipientId: number, input: ReceiptInput, markAssisted?: MarkAssisted) {
  const receivedOn = input.receivedOn ?? clock.today();
  if (receivedOn > clock.today()) throw fieldError('receivedOn', '不能晚于今天');
  if (input.method === 'transfer' && !input.transferRef) throw fieldError('transferRef', '转账发放请填写转账凭证号');
  if (input.method === 'goods' && !input.goods) throw fieldError('goods', '实物发放请填写物品');
  return db.transaction().execute(async (tx) => {
    const r = await recipientInScopeOrThrow(tx, recipientId, scope);
    if (r.edition_status === 'closed') throw conflict('活动已结束，不能再登记发放');
    if (r.status === 'distributed') throw conflict('该对象已登记发放，不能重复发放');
    if (r.status === 'cancelled') throw conflict('该对象已取消，不能发放');
    if (r.status !== 'approved') throw conflict('名单尚未审批，不能发放');
    const updated = await tx.updateTable('campaign_recipient').set({ status: 'distributed', updated_at: new Date() })
      .where('id', '=', recipientId).where('status', '=', 'approved').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict('该对象已登记发放，不能重复发放');
    const row = await tx.insertInto('campaign_distribution').values({
      recipient_id: recipientId, edition_id: r.edition_id, amount_fen: Number(r.amount_fen), method: input.method,
      received_by: input.receivedBy, relation: input.relation ?? 'self', received_on: receivedOn,
      goods: input.goods ?? null, transfer_ref: input.transferRef ?? null, remark: input.remark ?? null, recorded_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    if (r.archive_id != null && markAssisted) await markAssisted(tx, r.archive_id, receivedOn);
    await advanceEdition(tx, r.edition_id, 'distributing');
    await audit(tx, actor, { action: 'distribute', entity: 'campaign_recipient', entityId: recipientId, orgId: r.org_id, summary: `${r.edition_name} 向 ${r.name} 发放${yuan(Number(r.amount_fen))}元（${input.receivedBy}签收）`, after: row });
    return row;
  }).catch(translateCampaignConstraint);
}
