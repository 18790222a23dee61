import { z } from 'zod';
import { sql } from 'kysely';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { ownedInScope } from '../../platform/scope.js';
import { revealPersonalNumber } from '../../platform/reveal.js';
import { maskPhoneFromLast4 } from '../../../lib/masking.js';
import { codeLabel } from '../../../lib/code-tables.js';
import {
  createUser, grantRole, resetUserPassword, revokeRole, setUserStatus, unlockUser, updateUser, userGrants, userInScopeOrThrow,
} from './user.service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const userBody = z.object({
  username: z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,40}$/, '应为3–40位字母、数字或 _ . -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(50),
  orgId: z.coerce.number().int().positive(),
  phone: z.string().trim().max(30).nullish(),
});
const grantBody = z.object({ roleId: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() });
const tags = ['账号'];

export function registerUserRoutes(app: App) {
  registerListRoutes(app, {
    url: '/api/users',
    access: 'user:read',
    tags,
    summary: '账号列表',
    filters: {
      q: z.string().trim().max(50).optional(),
      status: z.enum(['active', 'disabled', 'locked']).optional(),
      orgId: z.coerce.number().int().positive().optional(),
      roleCode: z.string().max(40).optional(),
    },
    query: (req, f) => {
      const scope = accessOf(req).require('user:read');
      let q = app.db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id')
        .select([
          'u.id', 'u.username', 'u.display_name', 'u.status', 'u.locked_until', 'u.phone_last4', 'u.last_login_at', 'u.created_at', 'u.org_id', 'o.name as org_name',
          sql<string>`coalesce((select string_agg(distinct r.name, '、') from user_role ur join role r on r.id = ur.role_id where ur.user_id = u.id), '')`.as('role_names'),
        ])
        .where(ownedInScope('u.org_id', scope));
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
        q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'like', like)]));
      }
      if (f.status === 'locked') q = q.where('u.locked_until', '>', new Date());
      else if (f.status) q = q.where('u.status', '=', f.status);
      if (f.orgId) q = q.where(sql<boolean>`o.path <@ (select path from org where id = ${f.orgId})`);
      if (f.roleCode) q = q.where(sql<boolean>`exists (select 1 from user_role ur join role r on r.id = ur.role_id where ur.user_id = u.id and r.code = ${f.roleCode})`);
      return q;
    },
    sortable: { username: 'u.username', displayName: 'u.display_name', createdAt: 'u.created_at', lastLoginAt: 'u.last_login_at' },
    defaultSort: 'username',
    tieBreaker: 'u.id',
    toItem: (r) => {
      const locked = r.locked_until instanceof Date && r.locked_until.getTime() > Date.now();
      return {
        id: r.id as number, username: r.username as string, displayName: r.display_name as string,
        orgId: r.org_id as number, orgName: r.org_name as string, roleNames: r.role_names as string,
        status: (locked ? 'locked' : r.status) as string,
        phone: r.phone_last4 ? maskPhoneFromLast4(r.phone_last4 as string) : null,
        lastLoginAt: r.last_login_at as Date | null, createdAt: r.created_at as Date,
      };
    },
    export: {
      filename: '账号列表',
      columns: [
        { header: '用户名', value: (i) => i.username },
        { header: '姓名', value: (i) => i.displayName },
        { header: '所属组织', width: 32, value: (i) => i.orgName },
        { header: '角色', width: 30, value: (i) => i.roleNames },
        { header: '手机号码', value: (i) => i.phone },
        { header: '状态', value: (i) => codeLabel('user_status', i.status) },
        { header: '最近登录', width: 20, value: (i) => i.lastLoginAt },
      ],
    },
  });

  app.get('/api/users/:id', {
    config: { access: 'user:read' },
    schema: { tags, summary: '账号详情', params: idParams },
  }, async (req) => {
    const user = await userInScopeOrThrow(app.db, req.params.id, accessOf(req).require('user:read'));
    const org = await app.db.selectFrom('org').select('name').where('id', '=', user.org_id).executeTakeFirstOrThrow();
    return {
      id: user.id, username: user.username, displayName: user.display_name, orgId: user.org_id, orgName: org.name,
      status: user.locked_until && user.locked_until.getTime() > Date.now() ? 'locked' : user.status,
      phone: user.phone_last4 ? maskPhoneFromLast4(user.phone_last4) : null,
      mustChangePassword: user.must_change_password, lastLoginAt: user.last_login_at, createdAt: user.created_at,
      grants: await userGrants(app.db, user.id),
    };
  });

  app.post('/api/users/:id/reveal-phone', {
    config: { access: 'user:write' },
    schema: { tags, summary: '查看完整手机号码（记入审计日志）', params: idParams },
  }, async (req) => {
    const user = await userInScopeOrThrow(app.db, req.params.id, accessOf(req).require('user:write'));
    const phone = await revealPersonalNumber(app.db, app.fieldCrypto, actorOf(req), {
      entity: 'user', entityId: user.id, orgId: user.org_id, field: 'phone', sealed: user.phone_enc, label: `账号 ${user.username}`,
    });
    return { phone };
  });

  app.post('/api/users', {
    config: { access: 'user:write' },
    schema: { tags, summary: '新建账号（生成初始密码，首次登录须修改）', body: userBody },
  }, async (req, reply) => {
    const result = await createUser(app.db, app.fieldCrypto, actorOf(req), accessOf(req).require('user:write'), req.body);
    return reply.code(201).send(result);
  });

  app.patch('/api/users/:id', {
    config: { access: 'user:write' },
    schema: { tags, summary: '修改账号', params: idParams, body: userBody.omit({ username: true }).partial() },
  }, async (req) => updateUser(app.db, app.fieldCrypto, actorOf(req), accessOf(req).require('user:write'), req.params.id, req.body));

  app.post('/api/users/:id/status', {
    config: { access: 'user:write' },
    schema: { tags, summary: '启用或停用账号', params: idParams, body: z.object({ status: z.enum(['active', 'disabled']) }) },
  }, async (req) => {
    await setUserStatus(app.db, { ...actorOf(req), id: accessOf(req).user.id }, accessOf(req).require('user:write'), req.params.id, req.body.status);
    return { ok: true };
  });

  app.post('/api/users/:id/reset-password', {
    config: { access: 'user:write' },
    schema: { tags, summary: '重置密码（生成新的初始密码）', params: idParams },
  }, async (req) => resetUserPassword(app.db, { ...actorOf(req), id: accessOf(req).user.id }, accessOf(req).require('user:write'), req.params.id));

  app.post('/api/users/:id/unlock', {
    config: { access: 'user:write' },
    schema: { tags, summary: '解除锁定', params: idParams },
  }, async (req) => {
    await unlockUser(app.db, actorOf(req), accessOf(req).require('user:write'), req.params.id);
    return { ok: true };
  });

  app.post('/api/users/:id/grants', {
    config: { access: 'role:grant' },
    schema: { tags, summary: '授予角色（范围为所选组织及其下级）', params: idParams, body: grantBody },
  }, async (req, reply) => {
    await grantRole(app.db, { ...actorOf(req), id: accessOf(req).user.id }, accessOf(req).require('role:grant'), req.params.id, req.body.roleId, req.body.orgId);
    return reply.code(201).send({ ok: true });
  });

  app.post('/api/users/:id/grants/revoke', {
    config: { access: 'role:grant' },
    schema: { tags, summary: '撤销角色', params: idParams, body: grantBody },
  }, async (req) => {
    await revokeRole(app.db, { ...actorOf(req), id: accessOf(req).user.id }, accessOf(req).require('role:grant'), req.params.id, req.body.roleId, req.body.orgId);
    return { ok: true };
  });
}
