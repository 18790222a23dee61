import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support/test-app.js';
import { FIXTURE_PASSWORD } from '../../test-support/fixture.js';

let t: TestContext;
beforeAll(async () => { t = await createTestContext(); });
afterAll(async () => { await t?.close(); });

describe('login and session', () => {
  it('answers health without a session', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });

  it('sets an httpOnly, SameSite=Lax session cookie and stores only its hash', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'staff', password: FIXTURE_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^gh_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = cookie.split(';')[0].split('=')[1];
    const stored = await t.database.db.selectFrom('user_session').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
    expect(stored.length).toBeGreaterThan(0);
  });

  it('refuses a wrong password with a generic message and logs it', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'leader', password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('用户名或密码错误');
    const log = await t.database.db.selectFrom('login_log').selectAll().where('username', '=', 'leader').execute();
    expect(log.some((l) => !l.success && l.reason === 'bad_password')).toBe(true);
  });

  it('locks an account after repeated wrong passwords, even for the right password', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await t.anonymous.post('/api/auth/login', { username: 'chairA', password: 'wrong' })).status).toBe(401);
    }
    const fifth = await t.anonymous.post('/api/auth/login', { username: 'chairA', password: 'wrong' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    const right = await t.anonymous.post('/api/auth/login', { username: 'chairA', password: FIXTURE_PASSWORD });
    expect(right.status).toBe(423);
    // an administrator can unlock it
    const admin = await t.as('admin');
    const chair = await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'chairA').executeTakeFirstOrThrow();
    expect((await admin.post(`/api/users/${chair.id}/unlock`)).status).toBe(200);
    expect((await t.anonymous.post('/api/auth/login', { username: 'chairA', password: FIXTURE_PASSWORD })).status).toBe(200);
  });

  it('refuses a mutating request without the CSRF header', async () => {
    const res = await t.anonymous.request('POST', '/api/auth/login', { username: 'staff', password: FIXTURE_PASSWORD }, { 'x-requested-with': '' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF');
    const staff = await t.as('staff');
    const noHeader = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: staff.cookie } });
    expect(noHeader.statusCode).toBe(403);
    const crossSite = await staff.request('POST', '/api/auth/logout', {}, { origin: 'https://evil.example', host: 'localhost:3000' });
    expect(crossSite.status).toBe(403);
  });

  it('answers 401 without a session and ends the session on logout', async () => {
    expect((await t.anonymous.get('/api/auth/me')).status).toBe(401);
    const staff = await t.as('staff');
    expect((await staff.get('/api/auth/me')).status).toBe(200);
    expect((await staff.post('/api/auth/logout')).status).toBe(200);
    expect((await staff.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a session that was idle longer than the setting', async () => {
    const staff = await t.as('staff');
    await t.database.db.updateTable('user_session').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).execute();
    const res = await staff.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('forces a password change for a generated password, with the complexity rule', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/users', { username: 'newclerk', displayName: '新文员', orgId: t.orgs.unionA });
    expect(created.status).toBe(201);
    const initial = created.body.initialPassword as string;
    const security = await t.as('security');
    const roles = await security.get('/api/roles/options');
    const chairRole = roles.body.items.find((r: { code: string }) => r.code === 'grassroots_chair');
    expect((await security.post(`/api/users/${created.body.user.id}/grants`, { roleId: chairRole.id, orgId: t.orgs.unionA })).status).toBe(201);

    const clerk = await t.as('newclerk', initial);
    const me = await clerk.get('/api/auth/me');
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await clerk.get('/api/orgs/children');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await clerk.post('/api/auth/password', { oldPassword: initial, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.newPassword).toMatch(/^新密码：/);
    const ok = await clerk.post('/api/auth/password', { oldPassword: initial, newPassword: 'Clerk#2026pass' });
    expect(ok.status).toBe(200);
    expect((await clerk.get('/api/orgs/children')).status).toBe(200);
  });

  it('forces a change once the password is older than the maximum age', async () => {
    await t.database.db.updateTable('app_user').set({ password_changed_at: new Date(Date.now() - 91 * 86400_000) }).where('username', '=', 'leader').execute();
    const leader = await t.as('leader');
    const me = await leader.get('/api/auth/me');
    expect(me.body.user.passwordExpired).toBe(true);
    expect((await leader.get('/api/orgs/children')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('names the field in Chinese when the login body is bad', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: '', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.username).toContain('用户名');
  });

  it('says plainly that a field is missing or of the wrong kind', async () => {
    const res = await t.anonymous.post('/api/auth/login', { password: 12 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.username).toBe('用户名：必填');
    expect(res.body.error.fields.password).toBe('密码：应为文字');
  });
});
