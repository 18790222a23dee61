import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { createHttpApp, type App } from './platform/http.js';
import type { Database, Db } from './platform/db.js';
import type { FieldCrypto } from './platform/crypto.js';
import { registerModules } from './modules/index.js';
import { registerBackupRoutes } from './modules/admin/backup.routes.js';

// zod's Chinese messages, but a missing or mistyped field is said plainly (必填 / 应为数字)
// rather than as "无效输入：期望 string，实际接收 undefined"; a schema's own message still wins.
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return '必填';
    if (issue.expected === 'number' || issue.expected === 'int') return '应为数字';
    if (issue.expected === 'string') return '应为文字';
    if (issue.expected === 'boolean') return '应为是或否';
    if (issue.expected === 'array') return '应为列表';
    return undefined;
  },
});

export interface AppOptions {
  db: Db;
  fieldCrypto: FieldCrypto;
  logger?: boolean;
  loginRateLimit?: number;
  /** the built console (dist/web); served when present */
  webDir?: string;
  databaseKind?: string;
  /** the open database, for the embedded backup download */
  database?: Pick<Database, 'kind' | 'pglite'>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultWebDir = path.resolve(here, '../dist/web');

/** The whole API: platform first, then each domain module registers its routes. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const app = await createHttpApp({ db: opts.db, fieldCrypto: opts.fieldCrypto, logger: opts.logger });

  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['系统'], summary: '健康检查' } }, async () => {
    await opts.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return { ok: true, database: opts.databaseKind ?? 'unknown' };
  });

  registerModules(app, { loginRateLimit: opts.loginRateLimit ?? 20 });
  registerBackupRoutes(app, opts.database);

  const webDir = opts.webDir ?? defaultWebDir;
  if (existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, serve: false });
    // one public route serves the built files; the console is a single-page app, so any other
    // non-API path gets its page and the browser router takes over
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const urlPath = decodeURIComponent(req.url.split('?')[0]);
      if (urlPath.startsWith('/api/')) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '请求的地址不存在' } });
      const file = path.normalize(path.join(webDir, urlPath));
      if (file.startsWith(webDir + path.sep) && existsSync(file) && !urlPath.endsWith('/')) {
        const immutable = urlPath.startsWith('/assets/');
        return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(path.relative(webDir, file));
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
