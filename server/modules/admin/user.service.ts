import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import { generatePassword, hashPassword } from '../../platform/passwords.js';
import { destroyUserSessions } from '../../platform/sessions.js';
import { orgInScopeOrThrow, ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { parseMobile } from '../../../lib/validators/phone.js';

export interface UserInput {
  username: string;
  displayName: string;
  orgId: number;
  phone?: string | null;
}

function phoneColumns(crypto: FieldCrypto, raw: string | null | undefined) {
  if (!raw) return { phone_enc: null, phone_hash: null, phone_last4: null };
  const parsed = parseMobile(raw);
  if (!parsed.ok) throw fieldError('phone', parsed.message);
  return { phone_enc: crypto.encrypt(parsed.value), phone_hash: crypto.blindIndex('phone', parsed.value), phone_last4: parsed.value.slice(-4) };
}

/** A user record the caller may see: its home organization is inside the scope. */
export async function userInScopeOrThrow(db: Db | Tx, id: number, scope: ScopePaths) {
  const user = await db.selectFrom('app_user').selectAll().where('id', '=', id).where(ownedInScope('org_id', scope)).executeTakeFirst();
  if (!user) throw notFound('账号');
  return user;
}

export async function createUser(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, input: UserInput) {
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const user = await db.transaction().execute(async (tx) => {
    await orgInScopeOrThrow(tx, input.orgId, scope, '所属组织');
    const taken = await tx.selectFrom('app_user').select('id').where(sql<boolean>`lower(username) = ${input.username.toLowerCase()}`).executeTakeFirst();
    if (taken) throw fieldError('username', '该用户名已被使用');
    const created = await tx.insertInto('app_user').values({
      username: input.username,
      display_name: input.displayName,
      org_id: input.orgId,
      password_hash: passwordHash,
      must_change_password: true,
      ...phoneColumns(crypto, input.phone),
    }).returning(['id', 'username', 'display_name', 'org_id', 'status']).executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: created.id, orgId: created.org_id, summary: `新建账号 ${created.username}`, after: created });
    return created;
  });
  // shown once to the administrator; the user must change it at first sign-in
  return { user, initialPassword };
}

export async function updateUser(db: Db, crypto: FieldCrypto, actor: Actor, scope: ScopePaths, id: number, input: Partial<Omit<UserInput, 'username'>>) {
  return db.transaction().execute(async (tx) => {
    const before = await userInScopeOrThrow(tx, id, scope);
    if (input.orgId !== undefined) await orgInScopeOrThrow(tx, input.orgId, scope, '所属组织');
    const after = await tx.updateTable('app_user').set({
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.orgId !== undefined ? { org_id: input.orgId } : {}),
      ...(input.phone !== undefined ? phoneColumns(crypto, input.phone) : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returning(['id', 'username', 'display_name', 'org_id', 'phone_last4', 'status']).executeTakeFirstOrThrow();
    await audit(tx, actor, {
      action: 'update', entity: 'user', entityId: id, orgId: after.org_id, summary: `修改账号 ${after.username}`,
      before: { display_name: before.display_name, org_id: before.org_id, phone_last4: before.phone_last4 },
      after: { display_name: after.display_name, org_id: after.org_id, phone_last4: after.phone_last4 },
    });
    return after;
  });
}

export async function setUserStatus(db: Db, actor: Actor & { id: number }, scope: ScopePaths, id: number, status: 'active' | 'disabled') {
  if (id === actor.id) throw fieldError('status', '不能停用或启用本人账号');
  await db.transaction().execute(async (tx) => {
    const before = await userInScopeOrThrow(tx, id, scope);
    await tx.updateTable('app_user').set({ status, failed_logins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', id).execute();
    await audit(tx, actor, { action: status === 'active' ? 'enable' : 'disable', entity: 'user', entityId: id, orgId: before.org_id, summary: `${status === 'active' ? '启用' : '停用'}账号 ${before.username}`, before: { status: before.status }, after: { status } });
  });
  if (status === 'disabled') await destroyUserSessions(db, id);
}

export async function resetUserPassword(db: Db, actor: Actor & { id: number }, scope: ScopePaths, id: number) {
  if (id === actor.id) throw new AppError(400, 'VALIDATION', '请在“我的账号”中修改本人密码');
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  await db.transaction().execute(async (tx) => {
    const user = await userInScopeOrThrow(tx, id, scope);
    await tx.updateTable('app_user').set({ password_hash: passwordHash, must_change_password: true, password_changed_at: new Date(), failed_logins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', id).execute();
    await audit(tx, actor, { action: 'reset_password', entity: 'user', entityId: id, orgId: user.org_id, summary: `重置账号 ${user.username} 的密码` });
  });
  await destroyUserSessions(db, id);
  return { initialPassword };
}

export async function unlockUser(db: Db, actor: Actor, scope: ScopePaths, id: number) {
  await db.transaction().execute(async (tx) => {
    const user = await userInScopeOrThrow(tx, id, scope);
    await tx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
    await audit(tx, actor, { action: 'unlock', entity: 'user', entityId: id, orgId: user.org_id, summary: `解锁账号 ${user.username}` });
  });
}

/**
 * Grants a role at an organization. The organization and the user must both lie inside the
 * granter's own role:grant scope (so no grant reaches beyond it), nobody grants to themself,
 * and one person never holds two of the three administrator duties (三员分立).
 */
export async function grantRole(db: Db, actor: Actor & { id: number }, scope: ScopePaths, userId: number, roleId: number, orgId: number) {
  if (userId === actor.id) throw fieldError('roleId', '不能给本人授权');
  return db.transaction().execute(async (tx) => {
    const user = await userInScopeOrThrow(tx, userId, scope);
    const org = await orgInScopeOrThrow(tx, orgId, scope, '授权范围组织');
    const role = await tx.selectFrom('role').selectAll().where('id', '=', roleId).executeTakeFirst();
    if (!role) throw fieldError('roleId', '角色不存在');
    const held = await tx.selectFrom('user_role as ur').innerJoin('role as r', 'r.id', 'ur.role_id')
      .select(['r.id', 'r.admin_duty', 'r.name']).where('ur.user_id', '=', userId).execute();
    const otherDuty = held.find((h) => h.admin_duty && h.admin_duty !== role.admin_duty && role.admin_duty);
    if (otherDuty) throw conflict(`三员分立：该账号已担任“${otherDuty.name}”，不能再授予“${role.name}”`);
    if (role.admin_duty && held.some((h) => !h.admin_duty)) {
      throw conflict(`三员分立：管理员账号不得兼任业务角色，请为“${role.name}”使用专门账号`);
    }
    if (!role.admin_duty && held.some((h) => h.admin_duty)) {
      throw conflict('三员分立：该账号是管理员账号，不能授予业务角色');
    }
    const inserted = await tx.insertInto('user_role').values({ user_id: userId, role_id: roleId, org_id: orgId, granted_by: actor.id })
      .onConflict((oc) => oc.doNothing()).returning('role_id').executeTakeFirst();
    if (!inserted) throw conflict('该账号已在此组织拥有该角色');
    await audit(tx, actor, { action: 'grant', entity: 'user', entityId: userId, orgId: user.org_id, summary: `授予 ${user.username} 角色“${role.name}”，范围：${org.name}`, after: { role: role.code, org_id: orgId } });
  });
}

export async function revokeRole(db: Db, actor: Actor & { id: number }, scope: ScopePaths, userId: number, roleId: number, orgId: number) {
  if (userId === actor.id) throw fieldError('roleId', '不能撤销本人的授权');
  return db.transaction().execute(async (tx) => {
    const user = await userInScopeOrThrow(tx, userId, scope);
    const org = await orgInScopeOrThrow(tx, orgId, scope, '授权范围组织');
    const deleted = await tx.deleteFrom('user_role').where('user_id', '=', userId).where('role_id', '=', roleId).where('org_id', '=', orgId).returning('role_id').executeTakeFirst();
    if (!deleted) throw notFound('授权');
    const role = await tx.selectFrom('role').select(['code', 'name']).where('id', '=', roleId).executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'revoke', entity: 'user', entityId: userId, orgId: user.org_id, summary: `撤销 ${user.username} 的角色“${role.name}”，范围：${org.name}`, before: { role: role.code, org_id: orgId } });
  });
}

export async function userGrants(db: Db, userId: number) {
  return db.selectFrom('user_role as ur').innerJoin('role as r', 'r.id', 'ur.role_id').innerJoin('org as o', 'o.id', 'ur.org_id')
    .select(['r.id as roleId', 'r.code as roleCode', 'r.name as roleName', 'o.id as orgId', 'o.name as orgName', 'ur.granted_at as grantedAt'])
    .where('ur.user_id', '=', userId).orderBy('o.path').execute();
}
