import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';

let t: TestContext;
let admin: Client;
let security: Client;
let auditor: Client;
const roleId = async (code: string) => (await t.database.db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const userId = async (username: string) => (await t.database.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestContext();
  [admin, security, auditor] = await Promise.all([t.as('admin'), t.as('security'), t.as('auditor')]);
});
afterAll(async () => { await t?.close(); });

describe('organizations', () => {
  it('creates a child whose path extends the parent path', async () => {
    const res = await admin.post('/api/orgs', { parentId: t.orgs.townA, name: '甲镇某纺织有限公司工会', kind: 'grassroots' });
    expect(res.status).toBe(201);
    const parent = await t.database.db.selectFrom('org').select('path').where('id', '=', t.orgs.townA).executeTakeFirstOrThrow();
    expect(res.body.path).toBe(`${parent.path}.${res.body.id}`);
  });

  it('refuses a kind that cannot sit under the parent, naming the field', async () => {
    const res = await admin.post('/api/orgs', { parentId: t.orgs.unionA, name: '错层乡镇', kind: 'township' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.kind).toMatch(/^类型：/);
  });

  it('refuses a duplicate sibling name and an empty name', async () => {
    const dup = await admin.post('/api/orgs', { parentId: t.orgs.root, name: '甲镇总工会', kind: 'township' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields.name).toContain('同名');
    const empty = await admin.post('/api/orgs', { parentId: t.orgs.root, name: '  ', kind: 'township' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.name).toContain('名称');
  });

  it('moves a subtree and rewrites every path below it in one go', async () => {
    const mid = await admin.post('/api/orgs', { parentId: t.orgs.townA, name: '甲镇联合工会', kind: 'joint_grassroots' });
    const leaf = await admin.post('/api/orgs', { parentId: mid.body.id, name: '第一小组', kind: 'group' });
    const moved = await admin.post(`/api/orgs/${mid.body.id}/move`, { parentId: t.orgs.townB });
    expect(moved.status).toBe(200);
    const townB = await t.database.db.selectFrom('org').select('path').where('id', '=', t.orgs.townB).executeTakeFirstOrThrow();
    const rows = await t.database.db.selectFrom('org').select(['id', 'path']).where('id', 'in', [mid.body.id, leaf.body.id]).execute();
    expect(rows.find((r) => r.id === mid.body.id)!.path).toBe(`${townB.path}.${mid.body.id}`);
    expect(rows.find((r) => r.id === leaf.body.id)!.path).toBe(`${townB.path}.${mid.body.id}.${leaf.body.id}`);
    // not under itself
    const loop = await admin.post(`/api/orgs/${mid.body.id}/move`, { parentId: leaf.body.id });
    expect(loop.status).toBe(400);
  });

  it('refuses to delete an organization that still has children or accounts', async () => {
    const res = await admin.delete(`/api/orgs/${t.orgs.townA}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('不能删除');
    const empty = await admin.post('/api/orgs', { parentId: t.orgs.root, name: '待撤销产业工会', kind: 'industry' });
    expect((await admin.delete(`/api/orgs/${empty.body.id}`)).status).toBe(200);
  });

  it('a township administrator cannot move an organization out of the township', async () => {
    const adminA = await t.as('adminA');
    const res = await adminA.post(`/api/orgs/${t.orgs.unionA}/move`, { parentId: t.orgs.townB });
    expect(res.status).toBe(404);
  });
});

describe('accounts and grants (三员分立)', () => {
  it('creates a user with a generated password, audited, and checks the phone', async () => {
    const bad = await admin.post('/api/users', { username: 'clerk1', displayName: '文员一', orgId: t.orgs.unionA, phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.phone).toMatch(/^手机号码/);
    expect(await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'clerk1').executeTakeFirst()).toBeUndefined();
    const ok = await admin.post('/api/users', { username: 'clerk1', displayName: '文员一', orgId: t.orgs.unionA, phone: '+86 138 0000 1234' });
    expect(ok.status).toBe(201);
    expect(ok.body.initialPassword).toMatch(/.{12,}/);
    const detail = await admin.get(`/api/users/${ok.body.user.id}`);
    expect(detail.body.phone).toBe('*******1234');
    const row = await t.database.db.selectFrom('app_user').select(['phone_enc', 'phone_last4']).where('id', '=', ok.body.user.id).executeTakeFirstOrThrow();
    expect(row.phone_enc!.toString('latin1')).not.toContain('13800001234');
    const log = await auditor.get(`/api/audit?entity=user&entityId=${ok.body.user.id}`);
    expect(log.body.items[0].summary).toContain('新建账号 clerk1');
    const revealed = await admin.post(`/api/users/${ok.body.user.id}/reveal-phone`);
    expect(revealed.body.phone).toBe('13800001234');
    const reveals = await auditor.get(`/api/audit?entity=user&entityId=${ok.body.user.id}&action=reveal`);
    expect(reveals.body.items).toHaveLength(1);
    expect(reveals.body.items[0].summary).toContain('完整手机号码');
    const dup = await admin.post('/api/users', { username: 'CLERK1', displayName: '重复', orgId: t.orgs.unionA });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields.username).toMatch(/用户名/);
  });

  it('a system administrator cannot grant roles; a security administrator cannot create users', async () => {
    const id = await userId('clerk1');
    expect((await admin.post(`/api/users/${id}/grants`, { roleId: await roleId('grassroots_chair'), orgId: t.orgs.unionA })).status).toBe(403);
    expect((await security.post('/api/users', { username: 'x_user', displayName: 'x', orgId: t.orgs.root })).status).toBe(403);
    expect((await security.get('/api/audit')).status).toBe(403);
    expect((await auditor.post(`/api/users/${id}/status`, { status: 'disabled' })).status).toBe(403);
  });

  it('never lets one account hold two administrator duties or an admin duty and a business role', async () => {
    const id = await userId('clerk1');
    expect((await security.post(`/api/users/${id}/grants`, { roleId: await roleId('sys_admin'), orgId: t.orgs.townA })).status).toBe(201);
    const second = await security.post(`/api/users/${id}/grants`, { roleId: await roleId('auditor'), orgId: t.orgs.townA });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('三员分立');
    const business = await security.post(`/api/users/${id}/grants`, { roleId: await roleId('county_staff'), orgId: t.orgs.townA });
    expect(business.status).toBe(409);
  });

  it('refuses a grant beyond the granter’s own scope, and a grant to oneself', async () => {
    const securityA = await t.as('securityA');
    const target = await userId('chairA');
    const beyond = await securityA.post(`/api/users/${target}/grants`, { roleId: await roleId('township_cadre'), orgId: t.orgs.root });
    expect(beyond.status).toBe(404);
    const inside = await securityA.post(`/api/users/${target}/grants`, { roleId: await roleId('township_cadre'), orgId: t.orgs.unionA });
    expect(inside.status).toBe(201);
    const self = await security.post(`/api/users/${await userId('security')}/grants`, { roleId: await roleId('county_staff'), orgId: t.orgs.root });
    expect(self.status).toBe(400);
  });

  it('a business role cannot carry administrator permissions', async () => {
    const res = await security.post('/api/roles', { code: 'sneaky', name: '混合角色', permissions: ['member:read', 'audit:read'] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.permissions).toContain('三员');
    const ok = await security.post('/api/roles', { code: 'hotline', name: '12351热线接线员', permissions: ['member:read', 'org:read'] });
    expect(ok.status).toBe(201);
    const fixed = await security.patch(`/api/roles/${await roleId('auditor')}`, { permissions: ['audit:read', 'user:write'] });
    expect(fixed.status).toBe(400);
  });

  it('disabling an account ends its sessions', async () => {
    const leader = await t.as('leader');
    expect((await leader.get('/api/auth/me')).status).toBe(200);
    expect((await admin.post(`/api/users/${await userId('leader')}/status`, { status: 'disabled' })).status).toBe(200);
    expect((await leader.get('/api/auth/me')).status).toBe(401);
    expect((await t.anonymous.post('/api/auth/login', { username: 'leader', password: 'Test@Pass2026' })).status).toBe(401);
    await admin.post(`/api/users/${await userId('leader')}/status`, { status: 'active' });
  });
});

describe('audit log', () => {
  it('is append-only: the database refuses updates and deletes', async () => {
    const db = t.database.db;
    await expect(sql`update audit_log set summary = 'x'`.execute(db)).rejects.toThrow(/不可修改/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/不可修改/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/不可修改/);
    await expect(sql`delete from login_log`.execute(db)).rejects.toThrow(/不可修改/);
  });

  it('records before and after of a change and hides password hashes', async () => {
    await admin.patch(`/api/orgs/${t.orgs.unionA}`, { name: '甲镇某机械股份有限公司工会' });
    const list = await auditor.get(`/api/audit?entity=org&entityId=${t.orgs.unionA}&action=update`);
    const detail = await auditor.get(`/api/audit/${list.body.items[0].id}`);
    expect(detail.body.before.name).toBe('甲镇某机械有限公司工会');
    expect(detail.body.after.name).toBe('甲镇某机械股份有限公司工会');
    const all = await t.database.db.selectFrom('audit_log').select(['before', 'after']).execute();
    expect(JSON.stringify(all)).not.toContain('argon2');
  });

  it('keeps a deleted organization’s history readable by its auditors', async () => {
    const adminA = await t.as('adminA');
    const created = await adminA.post('/api/orgs', { parentId: t.orgs.townA, name: '短命工会', kind: 'grassroots' });
    await adminA.patch(`/api/orgs/${created.body.id}`, { shortName: '短命' });
    expect((await adminA.delete(`/api/orgs/${created.body.id}`)).status).toBe(200);
    const auditorA = await t.as('auditorA');
    const rows = await auditorA.get(`/api/audit?entity=org&entityId=${created.body.id}`);
    expect(rows.body.items.map((r: { action: string }) => r.action).sort()).toEqual(['create', 'delete', 'update']);
    const auditorB = await t.as('auditor');
    expect((await auditorB.get(`/api/audit?entity=org&entityId=${created.body.id}`)).body.total).toBe(3);
  });

  it('exports the same query as .xlsx', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/export.xlsx?entity=org', headers: { cookie: auditor.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('时间');
    const listed = await auditor.get('/api/audit?entity=org&pageSize=1');
    expect(sheet.rowCount - 1).toBe(listed.body.total);
  });

  it('answers the auditor only with a field error for a bad date filter', async () => {
    const res = await auditor.get('/api/audit?from=2026-13');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toContain('from');
  });
});

describe('settings and code tables', () => {
  it('changes security settings only from the root, audited', async () => {
    const adminA = await t.as('adminA');
    const value = { idleTimeoutMinutes: 20, absoluteTimeoutHours: 8, lockoutThreshold: 5, lockoutMinutes: 30, passwordMaxAgeDays: 90, logRetentionDays: 180 };
    expect((await adminA.put('/api/settings/security', value)).status).toBe(403);
    const short = await admin.put('/api/settings/security', { ...value, logRetentionDays: 30 });
    expect(short.status).toBe(400);
    expect(short.body.error.fields.logRetentionDays).toBeTruthy();
    expect((await admin.put('/api/settings/security', value)).status).toBe(200);
    expect((await admin.get('/api/settings/security')).body.value.idleTimeoutMinutes).toBe(20);
  });

  it('relabels a code-table item and serves it to every user', async () => {
    expect((await admin.put('/api/code-tables/education/items/college', { label: '大专', sortOrder: 2, enabled: true })).status).toBe(200);
    const staff = await t.as('staff');
    const tables = await staff.get('/api/code-tables');
    const education = tables.body.items.find((x: { code: string }) => x.code === 'education');
    expect(education.items.find((i: { code: string }) => i.code === 'college').label).toBe('大专');
  });
});

describe('API documentation', () => {
  it('serves OpenAPI generated from the route schemas', async () => {
    const res = await t.anonymous.get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/auth/login');
    expect(JSON.stringify(res.body.paths['/api/auth/login'])).toContain('username');
  });
});

describe('backup', () => {
  it('lets only a root system administrator download a backup of the embedded database', async () => {
    const adminA = await t.as('adminA');
    expect((await adminA.get('/api/admin/backup')).status).toBe(403);
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: admin.cookie } });
    if (t.database.kind === 'pglite') {
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
    } else {
      expect(res.statusCode).toBe(409);
    }
  });
});
