import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { SESSION_COOKIE, createSession, destroySession, passwordExpired } from '../../platform/sessions.js';
import { sha256Hex } from '../../platform/crypto.js';
import { getJob } from '../../platform/jobs.js';
import { notFound } from '../../platform/errors.js';
import { changeOwnPassword, checkLogin } from './account.service.js';

const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(40),
  password: z.string().min(1, '请输入密码').max(128),
});

export function registerAccountRoutes(app: App, opts: { loginRateLimit: number }) {
  app.post('/api/auth/login', {
    config: { access: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
    schema: { body: loginBody, tags: ['账号'], summary: '登录' },
  }, async (req, reply) => {
    const settings = await app.securitySettings.get();
    const meta = { ip: req.ip, userAgent: req.headers['user-agent'] };
    const result = await checkLogin(app.db, req.body.username, req.body.password, settings, meta);
    if (!result.ok) throw result.error;
    const token = await createSession(app.db, result.userId, settings, meta);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https' || process.env.COOKIE_SECURE === '1',
      maxAge: settings.absoluteTimeoutHours * 3600,
    });
    return { ok: true };
  });

  app.post('/api/auth/logout', {
    config: { access: 'public' },
    schema: { tags: ['账号'], summary: '退出登录' },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await destroySession(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['账号'], summary: '当前用户、权限与管辖范围' },
  }, async (req) => {
    const access = accessOf(req);
    const settings = await app.securitySettings.get();
    const roots = access.anyScope();
    const scopeOrgs = roots.length
      ? await app.db.selectFrom('org').select(['id', 'name', 'path', 'kind']).where('path', 'in', roots).orderBy('path').execute()
      : [];
    const home = await app.db.selectFrom('org').select(['id', 'name']).where('id', '=', access.user.orgId).executeTakeFirst();
    return {
      user: {
        id: access.user.id,
        username: access.user.username,
        displayName: access.user.displayName,
        orgId: access.user.orgId,
        orgName: home?.name ?? '',
        mustChangePassword: access.user.mustChangePassword,
        passwordExpired: passwordExpired(access.user, settings),
      },
      permissions: access.permissions(),
      grants: access.grants.map((g) => ({ roleCode: g.roleCode, roleName: g.roleName, orgId: g.orgId, orgName: g.orgName })),
      scopeOrgs,
      idleTimeoutMinutes: settings.idleTimeoutMinutes,
    };
  });

  app.post('/api/auth/password', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['账号'],
      summary: '修改本人密码',
      body: z.object({ oldPassword: z.string().min(1, '请输入原密码').max(128), newPassword: z.string().min(1, '请输入新密码').max(128) }),
    },
  }, async (req) => {
    const actor = actorOf(req);
    await changeOwnPassword(app.db, { ...actor, id: accessOf(req).user.id }, req.body, sessionHash(req));
    return { ok: true };
  });

  app.get('/api/jobs/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['任务'], summary: '长任务的进度', params: z.object({ id: z.string().uuid() }) },
  }, async (req) => {
    const job = await getJob(app.db, req.params.id, accessOf(req).user.id);
    if (!job) throw notFound('任务');
    return { id: job.id, kind: job.kind, status: job.status, done: job.done, total: job.total, message: job.message, result: job.result };
  });
}

function sessionHash(req: FastifyRequest): string | undefined {
  const token = req.cookies[SESSION_COOKIE];
  return token ? sha256Hex(token) : undefined;
}
