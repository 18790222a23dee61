import type { Db } from '../platform/db.js';
import { hashPassword } from '../platform/passwords.js';
import { syncBuiltinRoles } from '../platform/bootstrap.js';

/**
 * A small county for integration tests: the root, two townships (A, B), a grassroots union in
 * each, and one account per role, scoped where that role is used in life.
 */
export const FIXTURE_PASSWORD = 'Test@Pass2026';

export const fixtureUsers = {
  admin: { role: 'sys_admin', org: 'root' },
  security: { role: 'security_admin', org: 'root' },
  auditor: { role: 'auditor', org: 'root' },
  staff: { role: 'county_staff', org: 'root' },
  leader: { role: 'leader', org: 'root' },
  cadreA: { role: 'township_cadre', org: 'townA' },
  cadreB: { role: 'township_cadre', org: 'townB' },
  chairA: { role: 'grassroots_chair', org: 'unionA' },
  staffA: { role: 'county_staff', org: 'townA' },
  adminA: { role: 'sys_admin', org: 'townA' },
  securityA: { role: 'security_admin', org: 'townA' },
  auditorA: { role: 'auditor', org: 'townA' },
} as const;
export type FixtureUser = keyof typeof fixtureUsers;
export type FixtureOrg = 'root' | 'townA' | 'townB' | 'unionA' | 'unionB';

export async function seedFixture(db: Db): Promise<void> {
  await syncBuiltinRoles(db);
  const hash = await hashPassword(FIXTURE_PASSWORD);
  await db.transaction().execute(async (tx) => {
    const root = await tx.insertInto('org').values({ name: '测试县总工会', kind: 'county_federation', parent_id: null, region_code: '370523' }).returning('id').executeTakeFirstOrThrow();
    const townA = await tx.insertInto('org').values({ name: '甲镇总工会', kind: 'township', parent_id: root.id }).returning('id').executeTakeFirstOrThrow();
    const townB = await tx.insertInto('org').values({ name: '乙镇总工会', kind: 'township', parent_id: root.id }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('org').values({ name: '甲镇某机械有限公司工会', kind: 'grassroots', parent_id: townA.id }).execute();
    await tx.insertInto('org').values({ name: '乙镇某化工有限公司工会', kind: 'grassroots', parent_id: townB.id }).execute();
    const orgs = await fixtureOrgIds(tx as unknown as Db);
    for (const [username, spec] of Object.entries(fixtureUsers)) {
      const user = await tx.insertInto('app_user').values({ username, display_name: `测试${username}`, org_id: orgs[spec.org], password_hash: hash }).returning('id').executeTakeFirstOrThrow();
      const role = await tx.selectFrom('role').select('id').where('code', '=', spec.role).executeTakeFirstOrThrow();
      await tx.insertInto('user_role').values({ user_id: user.id, role_id: role.id, org_id: orgs[spec.org] }).execute();
    }
  });
}

export async function fixtureOrgIds(db: Db): Promise<Record<FixtureOrg, number>> {
  const rows = await db.selectFrom('org').select(['id', 'name']).execute();
  const byName = (n: string) => rows.find((r) => r.name === n)!.id;
  return {
    root: byName('测试县总工会'),
    townA: byName('甲镇总工会'),
    townB: byName('乙镇总工会'),
    unionA: byName('甲镇某机械有限公司工会'),
    unionB: byName('乙镇某化工有限公司工会'),
  };
}
