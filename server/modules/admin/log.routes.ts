import { z } from 'zod';
import { sql } from 'kysely';
import { accessOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { notFound } from '../../platform/errors.js';
import { ownedInScope, pathInScope, type ScopePaths } from '../../platform/scope.js';

const tags = ['日志'];
const dateRange = {
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
};

// A row is in scope when its organization is (where it is now), or was when the row was
// written (a deleted or moved-away organization's history stays with its auditors). Rows tied
// to no organization (system settings, roles) belong to the top: only a root scope sees them.
function logScope(alias: 'a' | 'l', scope: ScopePaths) {
  const orgId = `${alias}.org_id`;
  const inScope = sql<boolean>`(${ownedInScope(orgId, scope)} or ${pathInScope(`${alias}.org_path`, scope)})`;
  const holdsRoot = scope.some((p) => !p.includes('.'));
  return holdsRoot ? sql<boolean>`(${sql.ref(orgId)} is null or ${inScope})` : inScope;
}

// business dates are Shanghai dates
const dayStart = (d: string) => sql`(${d}::date::timestamp at time zone 'Asia/Shanghai')`;
const dayEnd = (d: string) => sql`((${d}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;

export function registerLogRoutes(app: App) {
  registerListRoutes(app, {
    url: '/api/audit',
    access: 'audit:read',
    tags,
    summary: '审计日志',
    filters: {
      ...dateRange,
      actor: z.string().trim().max(50).optional(),
      entity: z.string().trim().max(40).optional(),
      entityId: z.string().trim().max(40).optional(),
      action: z.string().trim().max(40).optional(),
      q: z.string().trim().max(100).optional(),
    },
    query: (req, f) => {
      const scope = accessOf(req).require('audit:read');
      let q = app.db.selectFrom('audit_log as a').leftJoin('org as o', 'o.id', 'a.org_id')
        .select(['a.id', 'a.at', 'a.actor_name', 'a.action', 'a.entity', 'a.entity_id', 'a.summary', 'a.ip', 'o.name as org_name'])
        .where(logScope('a', scope));
      if (f.from) q = q.where(sql<boolean>`a.at >= ${dayStart(f.from)}`);
      if (f.to) q = q.where(sql<boolean>`a.at < ${dayEnd(f.to)}`);
      if (f.actor) q = q.where('a.actor_name', 'like', `%${f.actor}%`);
      if (f.entity) q = q.where('a.entity', '=', f.entity);
      if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
      if (f.action) q = q.where('a.action', '=', f.action);
      if (f.q) q = q.where('a.summary', 'like', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
      return q;
    },
    sortable: { at: 'a.at' },
    defaultSort: '-at',
    tieBreaker: 'a.id',
    toItem: (r) => ({
      id: r.id as number, at: r.at as Date, actorName: r.actor_name as string | null, action: r.action as string,
      entity: r.entity as string, entityId: r.entity_id as string | null, summary: r.summary as string | null,
      ip: r.ip as string | null, orgName: r.org_name as string | null,
    }),
    export: {
      filename: '审计日志',
      columns: [
        { header: '时间', width: 22, value: (i) => i.at },
        { header: '操作人', width: 20, value: (i) => i.actorName },
        { header: '操作', value: (i) => i.action },
        { header: '对象', value: (i) => i.entity },
        { header: '对象编号', value: (i) => i.entityId },
        { header: '所属组织', width: 28, value: (i) => i.orgName },
        { header: '摘要', width: 60, value: (i) => i.summary },
        { header: 'IP', value: (i) => i.ip },
      ],
    },
  });

  app.get('/api/audit/:id', {
    config: { access: 'audit:read' },
    schema: { tags, summary: '审计记录详情（变更前后）', params: z.object({ id: z.coerce.number().int().positive() }) },
  }, async (req) => {
    const row = await app.db.selectFrom('audit_log as a').leftJoin('org as o', 'o.id', 'a.org_id')
      .selectAll('a').select('o.name as org_name')
      .where('a.id', '=', req.params.id).where(logScope('a', accessOf(req).require('audit:read'))).executeTakeFirst();
    if (!row) throw notFound('审计记录');
    return row;
  });

  registerListRoutes(app, {
    url: '/api/login-log',
    access: 'audit:read',
    tags,
    summary: '登录日志',
    filters: { ...dateRange, username: z.string().trim().max(40).optional(), success: z.enum(['true', 'false']).optional() },
    query: (req, f) => {
      const scope = accessOf(req).require('audit:read');
      let q = app.db.selectFrom('login_log as l').leftJoin('org as o', 'o.id', 'l.org_id')
        .select(['l.id', 'l.at', 'l.username', 'l.ip', 'l.user_agent', 'l.success', 'l.reason', 'o.name as org_name'])
        .where(logScope('l', scope));
      if (f.from) q = q.where(sql<boolean>`l.at >= ${dayStart(f.from)}`);
      if (f.to) q = q.where(sql<boolean>`l.at < ${dayEnd(f.to)}`);
      if (f.username) q = q.where('l.username', '=', f.username);
      if (f.success) q = q.where('l.success', '=', f.success === 'true');
      return q;
    },
    sortable: { at: 'l.at' },
    defaultSort: '-at',
    tieBreaker: 'l.id',
    toItem: (r) => ({
      id: r.id as number, at: r.at as Date, username: r.username as string, ip: r.ip as string | null,
      userAgent: r.user_agent as string | null, success: r.success as boolean, reason: r.reason as string | null, orgName: r.org_name as string | null,
    }),
    export: {
      filename: '登录日志',
      columns: [
        { header: '时间', width: 22, value: (i) => i.at },
        { header: '用户名', value: (i) => i.username },
        { header: '结果', value: (i) => (i.success ? '成功' : '失败') },
        { header: '原因', value: (i) => i.reason },
        { header: 'IP', value: (i) => i.ip },
        { header: '所属组织', width: 28, value: (i) => i.orgName },
      ],
    },
  });
}
