import { accessOf, actorOf, type App } from '../../platform/http.js';
import { audit } from '../../platform/audit.js';
import { conflict } from '../../platform/errors.js';
import type { Database } from '../../platform/db.js';

/** A root system administrator downloads a backup of the running embedded database. */
export function registerBackupRoutes(app: App, database: Pick<Database, 'kind' | 'pglite'> | undefined) {
  app.get('/api/admin/backup', {
    config: { access: 'setting:write' },
    schema: { tags: ['系统设置'], summary: '下载内置数据库的备份（tar.gz；PostgreSQL 请用 pg_dump）' },
  }, async (req, reply) => {
    accessOf(req).requireTop('setting:write');
    if (!database?.pglite) throw conflict('当前使用 PostgreSQL，请用 pg_dump 备份（见运维文档）');
    const dump = await database.pglite.dumpDataDir('gzip');
    await audit(app.db, actorOf(req), { action: 'backup', entity: 'system', summary: `下载数据库备份（${(dump.size / 1048576).toFixed(1)} MB）` });
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'application/gzip')
      .header('content-disposition', `attachment; filename="gonghui-backup-${stamp}.tar.gz"`)
      .send(Buffer.from(await dump.arrayBuffer()));
  });
}
