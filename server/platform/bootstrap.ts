import { sql } from 'kysely';
import { builtinRoles } from '../../lib/permissions.js';
import type { Db } from './db.js';
import { generatePassword, hashPassword } from './passwords.js';
import { audit } from './audit.js';

/**
 * Built-in roles follow the code: their permissions are rewritten at every start, so a new
 * module's permissions reach every deployment. Staff who need another set make their own role.
 */
export async function syncBuiltinRoles(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const role of builtinRoles) {
      await tx.insertInto('role').values({
        code: role.code, name: role.name, description: role.description, builtin: true, admin_duty: role.adminDuty, permissions: [...role.permissions],
      }).onConflict((oc) => oc.column('code').doUpdateSet({
        name: role.name, description: role.description, builtin: true, admin_duty: role.adminDuty, permissions: [...role.permissions],
      })).execute();
    }
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await sql<{ n: number }>`select count(*)::int as n from org`.execute(db);
  return row.rows[0].n === 0;
}

/**
 * An empty deployment gets a root organization and the three administrator accounts
 * (三员分立), each with a random password shown once and changed at first sign-in.
 */
export async function createInitialAdministrators(db: Db, rootName: string): Promise<{ username: string; role: string; password: string }[]> {
  const accounts = [
    { username: 'admin', displayName: '系统管理员', role: 'sys_admin' },
    { username: 'security', displayName: '安全管理员', role: 'security_admin' },
    { username: 'auditor', displayName: '安全审计员', role: 'auditor' },
  ];
  const withPasswords = await Promise.all(accounts.map(async (a) => {
    const password = generatePassword();
    return { ...a, password, hash: await hashPassword(password) };
  }));
  await db.transaction().execute(async (tx) => {
    const root = await tx.insertInto('org').values({ name: rootName, kind: 'county_federation', parent_id: null }).returning('id').executeTakeFirstOrThrow();
    for (const a of withPasswords) {
      const user = await tx.insertInto('app_user').values({ username: a.username, display_name: a.displayName, org_id: root.id, password_hash: a.hash, must_change_password: true }).returning('id').executeTakeFirstOrThrow();
      const role = await tx.selectFrom('role').select('id').where('code', '=', a.role).executeTakeFirstOrThrow();
      await tx.insertInto('user_role').values({ user_id: user.id, role_id: role.id, org_id: root.id }).execute();
    }
    await audit(tx, { id: null, name: 'system' }, { action: 'create', entity: 'org', entityId: root.id, orgId: root.id, summary: `初始化：新建根组织 ${rootName} 与三员管理员账号` });
  });
  return withPasswords.map(({ username, role, password }) => ({ username, role, password }));
}
