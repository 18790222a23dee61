import Fastify, {
  type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { RouteAccess } from '../../lib/permissions.js';
import { fieldLabel } from '../../lib/i18n/zh-cn.js';
import type { Db } from './db.js';
import type { FieldCrypto } from './crypto.js';
import { AccessContext, loadGrants } from './access.js';
import { AppError, forbidden, unauthorized } from './errors.js';
import { SESSION_COOKIE, passwordExpired, resolveSession } from './sessions.js';
import { createSecuritySettingsCache } from './settings.js';
import { isWithin } from './scope.js';
import type { Actor } from './audit.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may call it; the guard refuses a route that does not. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    access: AccessContext | null;
  }
  interface FastifyInstance {
    db: Db;
    fieldCrypto: FieldCrypto;
    securitySettings: ReturnType<typeof createSecuritySettingsCache>;
    routeRegistry: RegisteredRoute[];
  }
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'gonghui';
export const ORG_HEADER = 'x-org-id';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface HttpOptions {
  db: Db;
  fieldCrypto: FieldCrypto;
  logger?: boolean;
  /** Per-IP login attempts per minute (rate limit, before the per-account lockout). */
  loginRateLimit?: number;
}

export async function createHttpApp(opts: HttpOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    trustProxy: process.env.TRUST_PROXY === '1',
    bodyLimit: 20 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.db);
  app.decorate('fieldCrypto', opts.fieldCrypto);
  app.decorate('securitySettings', createSecuritySettingsCache(opts.db));
  app.decorate('routeRegistry', [] as RegisteredRoute[]);
  app.decorateRequest('access', null);

  app.addHook('onRoute', (route) => {
    // the generated API documentation is public; every other route must declare itself
    if (route.url.startsWith('/api/docs') && !route.config?.access) {
      route.config = { ...route.config, access: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) app.routeRegistry.push({ method, url: route.url, access: route.config?.access });
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, { global: false });
  // uploads (Excel imports, documents): one file per request, 50 MB at most
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gonghui 工会工作平台 API', version: '0.1.0', description: '所有写操作须带请求头 X-Requested-With: gonghui' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req, reply) => guard(app, req, reply));
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(new AppError(404, 'NOT_FOUND', '请求的地址不存在').toBody());
  });
  return app;
}

/** The one guard: CSRF, session, forced password change, permission. Scope is applied by the queries. */
async function guard(app: App, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const url = req.routeOptions.url;
  if (!url) return; // no such route: the not-found handler answers
  const declared = req.routeOptions.config.access;
  if (!declared) throw new AppError(500, 'ROUTE_UNDECLARED', '该接口未声明访问权限');

  if (!SAFE_METHODS.has(req.method)) {
    // A custom header cannot be sent cross-site without a CORS preflight, which we never grant.
    if (req.headers[CSRF_HEADER] !== CSRF_VALUE) {
      throw new AppError(403, 'CSRF', '请求缺少防跨站伪造标头，已拒绝');
    }
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) {
      throw new AppError(403, 'CSRF', '跨站请求已拒绝');
    }
  }
  if (declared === 'public') return;

  const settings = await app.securitySettings.get();
  const session = await resolveSession(app.db, req.cookies[SESSION_COOKIE], settings);
  if (!session.ok) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw session.reason === 'idle' || session.reason === 'expired'
      ? new AppError(401, 'SESSION_EXPIRED', '登录已超时，请重新登录')
      : unauthorized();
  }
  const grants = await loadGrants(app.db, session.user.id);
  let access = new AccessContext(session.user, grants);

  const orgHeader = req.headers[ORG_HEADER];
  if (typeof orgHeader === 'string' && orgHeader !== '') {
    const org = /^\d+$/.test(orgHeader)
      ? await app.db.selectFrom('org').select('path').where('id', '=', Number(orgHeader)).executeTakeFirst()
      : undefined;
    if (!org || !access.anyScope().some((p) => isWithin(org.path, p))) {
      throw forbidden('所选组织不在您的管辖范围内');
    }
    access = new AccessContext(session.user, grants, org.path);
  }
  req.access = access;

  const mustChange = session.user.mustChangePassword || passwordExpired(session.user, settings);
  if (mustChange && declared !== 'authenticated') {
    throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改密码');
  }
  if (declared !== 'authenticated' && !access.can(declared)) throw forbidden();
}

function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return reply.code(err.statusCode).send(err.toBody());
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: Record<string, string> = {};
    for (const issue of err.validation) {
      const params = issue.params as { issue?: { path?: PropertyKey[] } } | undefined;
      const path = params?.issue?.path ?? issue.instancePath.split('/').filter(Boolean);
      const key = path.length ? String(path[path.length - 1]) : String(issue.instancePath || 'body');
      const name = path.map(String).join('.') || key;
      if (!fields[name]) fields[name] = `${fieldLabel(key)}：${translateIssue(issue.message)}`;
    }
    return reply.code(400).send(new AppError(400, 'VALIDATION', Object.values(fields).join('；'), fields).toBody());
  }
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e.statusCode === 429) {
    return reply.code(429).send(new AppError(429, 'RATE_LIMITED', '请求过于频繁，请稍后再试').toBody());
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const message = e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? '请求内容不是有效的 JSON' : '请求无效';
    return reply.code(e.statusCode).send(new AppError(e.statusCode, e.code ?? 'BAD_REQUEST', message).toBody());
  }
  // a constraint the database guards: say which rule, never a stack trace
  const pgCode = (err as { code?: string }).code;
  if (pgCode === '23505') return reply.code(409).send(new AppError(409, 'DUPLICATE', '记录已存在，不能重复').toBody());
  if (pgCode === '23503') return reply.code(409).send(new AppError(409, 'REFERENCED', '关联的记录不存在或仍被引用').toBody());
  req.log.error(err);
  return reply.code(500).send(new AppError(500, 'INTERNAL', '服务器内部错误，请稍后重试').toBody());
}

// zod's English fallback messages, for the few that reach users untranslated
function translateIssue(message: string | undefined): string {
  if (!message) return '格式不正确';
  return message;
}

export function accessOf(req: FastifyRequest): AccessContext {
  if (!req.access) throw unauthorized();
  return req.access;
}

export function actorOf(req: FastifyRequest): Actor {
  const access = accessOf(req);
  return { id: access.user.id, name: `${access.user.displayName}(${access.user.username})`, ip: req.ip };
}
