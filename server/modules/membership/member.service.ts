import type { Selectable } from 'kysely';
import { pinyin } from 'pinyin-pro';
import { parseIdNumber } from '../../../lib/validators/id-number.js';
import { parseMobile } from '../../../lib/validators/phone.js';
import { maskIdFromLast4, maskPhoneFromLast4 } from '../../../lib/masking.js';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { revealPersonalNumber } from '../../platform/reveal.js';
import { orgInScopeOrThrow, ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { assertCode, isMemberUnionKind, isUniqueViolation, namedFieldError, todayInShanghai } from './common.js';
import { allocateCardNos } from './card-no.js';
import type { MemberTable } from './tables.js';

export type MemberRow = Selectable<MemberTable>;

/** The caller's subtrees for the permissions a member write consults. */
export interface MemberScopes {
  read: ScopePaths;
  write: ScopePaths;
  /** employers visible to the caller (employer:read) */
  employerRead: ScopePaths;
}

export interface MemberInput {
  orgId: number;
  name: string;
  idNumber: string;
  /** derived from the ID number; when sent it must agree */
  sex?: 'M' | 'F' | null;
  phone?: string | null;
  ethnicity?: string | null;
  education?: string | null;
  politicalStatus?: string | null;
  category?: string;
  employerId?: number | null;
  joinDate?: string | null;
}

export interface StatusInput {
  status: 'withdrawn' | 'deceased' | 'active';
  date: string;
  reason?: string | null;
}

/** 'zsm' for 张三明: the search box finds members by the initials of their name's pinyin. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase();
}

/** A member the caller may see: the member's union lies in the scope. */
export async function memberInScopeOrThrow(db: Db | Tx, id: number, scope: ScopePaths, lock = false): Promise<MemberRow> {
  let q = db.selectFrom('member').selectAll().where('id', '=', id).where(ownedInScope('org_id', scope));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('会员');
  return row;
}

/**
 * An employer a member may be tied to: one the caller sees (employer:read), or one covered by
 * a union in the caller's member:write scope (a joint union's chair registers the staff of
 * the small employers it covers, which the township keeps).
 */
export async function employerForMemberOrThrow(db: Db | Tx, employerId: number, scopes: Pick<MemberScopes, 'write' | 'employerRead'>) {
  const employer = await db.selectFrom('employer').select(['id', 'name', 'org_id'])
    .where('id', '=', employerId)
    .where((eb) => eb.or([ownedInScope('org_id', scopes.employerRead), ownedInScope('covering_union_id', scopes.write)]))
    .executeTakeFirst();
  if (!employer) throw notFound('用人单位');
  return employer;
}

function parseId(raw: string) {
  const parsed = parseIdNumber(raw, { today: todayInShanghai() });
  if (!parsed.ok) throw namedFieldError('idNumber', parsed.message);
  return parsed;
}

/**
 * One person, one member record per deployment. The union holding it is named only to those
 * who may see that member; anyone else is sent to the transfer procedure, without the name.
 */
async function assertIdNumberFree(tx: Tx, hash: Buffer, readScope: ScopePaths, exceptId?: number) {
  let q = tx.selectFrom('member as m').innerJoin('org as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.status', 'o.name as org_name', ownedInScope('m.org_id', readScope).as('mine')])
    .where('m.id_number_hash', '=', hash);
  if (exceptId !== undefined) q = q.where('m.id', '!=', exceptId);
  const taken = await q.executeTakeFirst();
  if (!taken) return;
  if (taken.mine) {
    const left = taken.status === 'active' ? '' : '，已不在册，可恢复其会员资格';
    throw namedFieldError('idNumber', `该身份证号已登记为会员（所属工会：${taken.org_name}${left}）`);
  }
  throw namedFieldError('idNumber', '该身份证号已在其他工会登记，请办理会员关系接转');
}

function phoneColumns(crypto: FieldCrypto, raw: string | null | undefined) {
  if (raw == null || raw.trim() === '') return { phone_enc: null, phone_hash: null, phone_last4: null };
  const parsed = parseMobile(raw);
  if (!parsed.ok) throw namedFieldError('phone', parsed.message);
  return { phone_enc: crypto.encrypt(parsed.value), phone_hash: crypto.blindIndex('phone', parsed.value), phone_last4: parsed.value.slice(-4) };
}

async function codeColumns(tx: Tx, input: Partial<MemberInput>, before: MemberRow | null) {
  const out: Partial<Pick<MemberRow, 'ethnicity' | 'education' | 'political_status' | 'category'>> = {};
  const check = async (field: keyof MemberInput, table: string, column: 'ethnicity' | 'education' | 'political_status' | 'category') => {
    const value = input[field] as string | null | undefined;
    if (value === undefined) return;
    const v = value === null || value === '' ? null : value;
    // a code kept as it was is not checked again (the code table may have changed since)
    if (v !== null && (!before || before[column] !== v)) await assertCode(tx, table, v, field);
    if (column === 'category') out.category = v ?? 'regular';
    else out[column] = v;
  };
  await check('ethnicity', 'ethnicity', 'ethnicity');
  await check('education', 'education', 'education');
  await check('politicalStatus', 'political_status', 'political_status');
  await check('category', 'worker_category', 'category');
  return out;
}

function checkJoinDate(joinDate: string | null | undefined, birthDate: string) {
  if (!joinDate) return;
  if (joinDate > todayInShanghai()) throw fieldError('joinDate', '不能晚于今天');
  if (joinDate < birthDate) throw fieldError('joinDate', '不能早于出生日期');
}

/** What the audit log keeps of a member: no ciphertexts, no hashes (audit() drops those too). */
const auditView = (m: MemberRow) => ({
  id: m.id, org_id: m.org_id, employer_id: m.employer_id, name: m.name, sex: m.sex, birth_date: m.birth_date,
  id_number_last4: m.id_number_last4, phone_last4: m.phone_last4, ethnicity: m.ethnicity, education: m.education,
  political_status: m.political_status, category: m.category, join_date: m.join_date, card_no: m.card_no,
  status: m.status, status_date: m.status_date, status_reason: m.status_reason,
});

export async function createMember(db: Db, crypto: FieldCrypto, actor: Actor, scopes: MemberScopes, input: MemberInput): Promise<MemberRow> {
  return db.transaction().execute(async (tx) => {
    const union = await orgInScopeOrThrow(tx, input.orgId, scopes.write, '所属工会');
    if (!isMemberUnionKind(union.kind)) throw fieldError('orgId', '会员应登记在基层工会或联合基层工会');
    const id = parseId(input.idNumber);
    if (input.sex && input.sex !== id.sex) throw namedFieldError('sex', '性别与身份证号不符');
    const idHash = crypto.blindIndex('id_number', id.value);
    await assertIdNumberFree(tx, idHash, scopes.read);
    const phone = phoneColumns(crypto, input.phone);
    const codes = await codeColumns(tx, { ...input, category: input.category ?? 'regular' }, null);
    if (input.employerId != null) await employerForMemberOrThrow(tx, input.employerId, scopes);
    checkJoinDate(input.joinDate, id.birthDate);
    const [cardNo] = await allocateCardNos(tx, union.id);
    const row = await tx.insertInto('member').values({
      org_id: union.id,
      employer_id: input.employerId ?? null,
      name: input.name,
      name_initials: nameInitials(input.name),
      id_number_enc: crypto.encrypt(id.value),
      id_number_hash: idHash,
      id_number_last4: id.value.slice(-4),
      sex: id.sex,
      birth_date: id.birthDate,
      ...phone,
      ...codes,
      join_date: input.joinDate ?? null,
      card_no: cardNo,
    }).returningAll().executeTakeFirstOrThrow().catch((err: unknown) => {
      // the same person registered by someone else a moment ago
      if (isUniqueViolation(err, 'member_id_number_hash_key')) throw namedFieldError('idNumber', '该身份证号已登记为会员');
      throw err;
    });
    await audit(tx, actor, { action: 'create', entity: 'member', entityId: row.id, orgId: row.org_id, summary: `登记会员 ${row.name}（会员证号 ${row.card_no}）`, after: auditView(row) });
    return row;
  });
}

export async function updateMember(db: Db, crypto: FieldCrypto, actor: Actor, scopes: MemberScopes, memberId: number, input: Partial<MemberInput>): Promise<MemberRow> {
  return db.transaction().execute(async (tx) => {
    const before = await memberInScopeOrThrow(tx, memberId, scopes.write, true);
    // a member changes union only through a transfer, which both unions confirm and which stays on record
    if (input.orgId !== undefined && input.orgId !== before.org_id) throw fieldError('orgId', '变更所属工会请办理会员关系接转');
    const set: Partial<Omit<MemberRow, 'id'>> = {};
    let sex = before.sex;
    let birthDate = before.birth_date;
    if (input.idNumber !== undefined) {
      const id = parseId(input.idNumber);
      const idHash = crypto.blindIndex('id_number', id.value);
      if (!idHash.equals(before.id_number_hash)) {
        await assertIdNumberFree(tx, idHash, scopes.read, memberId);
        Object.assign(set, { id_number_enc: crypto.encrypt(id.value), id_number_hash: idHash, id_number_last4: id.value.slice(-4), sex: id.sex, birth_date: id.birthDate });
      }
      sex = id.sex;
      birthDate = id.birthDate;
    }
    if (input.sex && input.sex !== sex) throw namedFieldError('sex', '性别与身份证号不符');
    if (input.name !== undefined && input.name !== before.name) Object.assign(set, { name: input.name, name_initials: nameInitials(input.name) });
    if (input.phone !== undefined) Object.assign(set, phoneColumns(crypto, input.phone));
    Object.assign(set, await codeColumns(tx, input, before));
    if (input.employerId !== undefined && input.employerId !== before.employer_id) {
      if (input.employerId !== null) await employerForMemberOrThrow(tx, input.employerId, scopes);
      set.employer_id = input.employerId;
    }
    if (input.joinDate !== undefined) set.join_date = input.joinDate;
    checkJoinDate(set.join_date !== undefined ? set.join_date : before.join_date, birthDate);
    const after = await tx.updateTable('member').set({ ...set, updated_at: new Date() }).where('id', '=', memberId).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'update', entity: 'member', entityId: memberId, orgId: after.org_id, summary: `修改会员 ${after.name} 的信息`, before: auditView(before), after: auditView(after) });
    return after;
  });
}

/**
 * 退会 / 死亡 close a membership without deleting it; never while a transfer is pending.
 * Re-activation (a mistaken record, a member who rejoins) is for county staff, with a reason.
 */
export async function changeMemberStatus(db: Db, actor: Actor, scopes: MemberScopes, memberId: number, input: StatusInput): Promise<MemberRow> {
  return db.transaction().execute(async (tx) => {
    const before = await memberInScopeOrThrow(tx, memberId, scopes.write, true);
    if (input.date > todayInShanghai()) throw fieldError('date', '不能晚于今天');
    if (before.join_date && input.date < before.join_date) throw fieldError('date', '不能早于入会日期');
    if (input.status === 'active') {
      if (!scopes.write.some((p) => !p.includes('.'))) throw forbidden('恢复会员资格须由县总工会工作人员办理');
      if (!input.reason) throw fieldError('reason', '请填写恢复会员资格的原因');
      if (before.status === 'active') throw conflict('该会员已在册');
      if (!isMemberUnionKind((await tx.selectFrom('org').select('kind').where('id', '=', before.org_id).executeTakeFirstOrThrow()).kind)) {
        throw conflict('该会员所在组织已不是基层工会，请先办理接转');
      }
    } else {
      if (before.status !== 'active') throw conflict('该会员已不在册');
      const pending = await tx.selectFrom('member_transfer').select('id').where('member_id', '=', memberId).where('status', '=', 'pending').executeTakeFirst();
      if (pending) throw conflict('该会员有待处理的会员关系接转，请先撤回或等待接收方处理');
    }
    const after = await tx.updateTable('member').set({
      status: input.status, status_date: input.date, status_reason: input.reason ?? null, status_changed_at: new Date(), updated_at: new Date(),
    }).where('id', '=', memberId).returningAll().executeTakeFirstOrThrow();
    const verb = { withdrawn: '退会', deceased: '死亡（会籍终止）', active: '恢复会员资格' }[input.status];
    await audit(tx, actor, {
      action: input.status === 'active' ? 'reactivate' : input.status === 'withdrawn' ? 'withdraw' : 'decease',
      entity: 'member', entityId: memberId, orgId: after.org_id,
      summary: `会员 ${after.name}：${verb}（${input.date}）${input.reason ? `，原因：${input.reason}` : ''}`,
      before: { status: before.status, status_date: before.status_date, status_reason: before.status_reason },
      after: { status: after.status, status_date: after.status_date, status_reason: after.status_reason },
    });
    return after;
  });
}

/** The API's shape of a member: numbers masked unless `reveal` (then decrypted: callers audit). */
export function memberView(r: Record<string, unknown>, crypto: FieldCrypto, reveal = false) {
  return {
    id: r.id as number,
    name: r.name as string,
    sex: r.sex as 'M' | 'F',
    birthDate: r.birth_date as string,
    idNumber: reveal ? crypto.decrypt(r.id_number_enc as Buffer) : maskIdFromLast4(r.id_number_last4 as string),
    phone: r.phone_last4 == null ? null : reveal && r.phone_enc ? crypto.decrypt(r.phone_enc as Buffer) : maskPhoneFromLast4(r.phone_last4 as string),
    ethnicity: r.ethnicity as string | null,
    education: r.education as string | null,
    politicalStatus: r.political_status as string | null,
    category: r.category as string,
    orgId: r.org_id as number,
    orgName: r.org_name as string,
    employerId: r.employer_id as number | null,
    employerName: (r.employer_name as string | null) ?? null,
    joinDate: r.join_date as string | null,
    cardNo: r.card_no as string,
    status: r.status as string,
    statusDate: (r.status_date as string | null) ?? null,
    statusReason: (r.status_reason as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}
export type MemberView = ReturnType<typeof memberView>;

export async function revealMemberNumber(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, memberId: number, field: 'id_number' | 'phone') {
  const member = await memberInScopeOrThrow(db, memberId, scope);
  return revealPersonalNumber(db, crypto, actor, {
    entity: 'member', entityId: member.id, orgId: member.org_id, field,
    sealed: field === 'id_number' ? member.id_number_enc : member.phone_enc, label: `会员 ${member.name}`,
  });
}

