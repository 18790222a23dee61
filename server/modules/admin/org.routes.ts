import { z } from 'zod';
import { sql } from 'kysely';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { orgInScopeOrThrow, pathInScope } from '../../platform/scope.js';
import { orgKinds, orgKindLabels, type OrgKind } from './org-kinds.js';
import { createOrg, deleteOrg, moveOrg, orgDetail, updateOrg } from './org.service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const orgBody = z.object({
  parentId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, '请填写组织名称').max(100, '不能超过100个字'),
  kind: z.enum(orgKinds),
  shortName: z.string().trim().max(30).nullish(),
  regionCode: z.string().trim().regex(/^\d{6}(\d{3})?$/, '应为6位或9位行政区划代码').nullish(),
  sortOrder: z.number().int().min(0).max(99999).optional(),
});
const tags = ['组织'];

export function registerOrgRoutes(app: App) {
  // The tree, one level at a time: without parentId, the roots of the caller's scope.
  app.get('/api/orgs/children', {
    config: { access: 'org:read' },
    schema: { tags, summary: '组织树的下一级', querystring: z.object({ parentId: z.coerce.number().int().positive().optional() }) },
  }, async (req) => {
    const scope = accessOf(req).require('org:read');
    let q = app.db.selectFrom('org as o').select([
      'o.id', 'o.parent_id as parentId', 'o.name', 'o.kind', 'o.path', 'o.short_name as shortName', 'o.region_code as regionCode', 'o.sort_order as sortOrder',
      sql<number>`(select count(*)::int from org c where c.parent_id = o.id)`.as('childCount'),
    ]).where(pathInScope('o.path', scope));
    if (req.query.parentId) {
      await orgInScopeOrThrow(app.db, req.query.parentId, scope);
      q = q.where('o.parent_id', '=', req.query.parentId);
    } else {
      q = q.where('o.path', 'in', scope);
    }
    return { items: await q.orderBy('o.sort_order').orderBy('o.name').execute() };
  });

  registerListRoutes(app, {
    url: '/api/orgs',
    access: 'org:read',
    tags,
    summary: '组织列表',
    filters: {
      q: z.string().trim().max(50).optional(),
      kind: z.enum(orgKinds).optional(),
      under: z.coerce.number().int().positive().optional(),
    },
    query: (req, f) => {
      const scope = accessOf(req).require('org:read');
      let q = app.db.selectFrom('org as o').leftJoin('org as p', 'p.id', 'o.parent_id')
        .select(['o.id', 'o.name', 'o.kind', 'o.path', 'o.region_code', 'o.created_at', 'p.name as parent_name'])
        .where(pathInScope('o.path', scope));
      if (f.q) q = q.where('o.name', 'like', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
      if (f.kind) q = q.where('o.kind', '=', f.kind);
      if (f.under) q = q.where(sql<boolean>`o.path <@ (select path from org where id = ${f.under})`);
      return q;
    },
    sortable: { name: 'o.name', kind: 'o.kind', path: 'o.path', createdAt: 'o.created_at' },
    defaultSort: 'path',
    tieBreaker: 'o.id',
    toItem: (r) => ({
      id: r.id as number, name: r.name as string, kind: r.kind as string, kindLabel: orgKindLabels[r.kind as OrgKind] ?? r.kind,
      path: r.path as string, regionCode: r.region_code as string | null, parentName: r.parent_name as string | null, createdAt: r.created_at as Date,
    }),
    export: {
      filename: '组织列表',
      columns: [
        { header: '组织名称', width: 36, value: (i) => i.name },
        { header: '类型', value: (i) => i.kindLabel },
        { header: '上级组织', width: 30, value: (i) => i.parentName },
        { header: '行政区划代码', value: (i) => i.regionCode },
      ],
    },
  });

  app.get('/api/orgs/:id', {
    config: { access: 'org:read' },
    schema: { tags, summary: '组织详情', params: idParams },
  }, async (req) => orgDetail(app.db, accessOf(req).require('org:read'), req.params.id));

  app.post('/api/orgs', {
    config: { access: 'org:write' },
    schema: { tags, summary: '新建组织', body: orgBody },
  }, async (req, reply) => {
    const org = await createOrg(app.db, actorOf(req), accessOf(req).require('org:write'), req.body);
    return reply.code(201).send(org);
  });

  app.patch('/api/orgs/:id', {
    config: { access: 'org:write' },
    schema: { tags, summary: '修改组织（改名等）', params: idParams, body: orgBody.omit({ parentId: true }).partial() },
  }, async (req) => updateOrg(app.db, actorOf(req), accessOf(req).require('org:write'), req.params.id, req.body));

  app.post('/api/orgs/:id/move', {
    config: { access: 'org:write' },
    schema: { tags, summary: '移动组织（连同下级）', params: idParams, body: z.object({ parentId: z.coerce.number().int().positive() }) },
  }, async (req) => moveOrg(app.db, actorOf(req), accessOf(req).require('org:write'), req.params.id, req.body.parentId));

  app.delete('/api/orgs/:id', {
    config: { access: 'org:write' },
    schema: { tags, summary: '删除组织（须无下级、账号、会员）', params: idParams },
  }, async (req) => {
    await deleteOrg(app.db, actorOf(req), accessOf(req).require('org:write'), req.params.id);
    return { ok: true };
  });
}
