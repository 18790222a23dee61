import { z } from 'zod';
import { sql } from 'kysely';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { orgInScopeOrThrow, pathInScope } from '../../platform/scope.js';
import { orgKindLabels, type OrgKind } from '../admin/org-kinds.js';
import { inSubtreeOf, profileKinds, todayInShanghai } from './common.js';
import { idParams, unionProfileBody } from './schemas.js';
import { saveUnionProfile, unionProfile } from './union-profile.service.js';

const tags = ['工会'];

export function registerUnionProfileRoutes(app: App) {
  // :id is the organization's id: a union is a node of the organization tree
  app.get('/api/unions/:id/profile', {
    config: { access: 'org:read' },
    schema: { tags, summary: '工会档案：建会日期、主席与委员会、经审委员会、女职工委员会、任期；会员数（实时统计）', params: idParams },
  }, async (req) => unionProfile(app.db, accessOf(req).require('org:read'), req.params.id));

  app.put('/api/unions/:id/profile', {
    config: { access: 'org:write' },
    schema: { tags, summary: '保存工会档案（整体替换）', params: idParams, body: unionProfileBody },
  }, async (req) => saveUnionProfile(app.db, actorOf(req), accessOf(req).require('org:write'), req.params.id, req.body));

  registerListRoutes(app, {
    url: '/api/unions/terms-ending',
    access: 'org:read',
    tags,
    summary: '换届提醒：任期在 N 天内届满（或已届满）的工会',
    filters: {
      days: z.coerce.number().int().min(0).max(3650).default(90),
      orgId: z.coerce.number().int().positive().optional(),
      kind: z.enum(profileKinds).optional(),
    },
    query: async (req, f) => {
      const scope = accessOf(req).require('org:read');
      const today = todayInShanghai();
      let q = app.db.selectFrom('union_profile as p')
        .innerJoin('org as o', 'o.id', 'p.org_id')
        .leftJoin('org as parent', 'parent.id', 'o.parent_id')
        .select([
          'o.id', 'o.name', 'o.kind', 'parent.name as parent_name', 'p.chair_name', 'p.term_start', 'p.term_end',
          sql<number>`(p.term_end - ${today}::date)`.as('days_left'),
        ])
        .where(pathInScope('o.path', scope))
        .where('o.kind', 'in', [...profileKinds])
        .where('p.term_end', 'is not', null)
        .where(sql<boolean>`p.term_end <= ${today}::date + ${f.days}::int`);
      if (f.orgId) {
        await orgInScopeOrThrow(app.db, f.orgId, scope);
        q = q.where(inSubtreeOf('o.path', f.orgId));
      }
      if (f.kind) q = q.where('o.kind', '=', f.kind);
      return q;
    },
    sortable: { termEnd: 'p.term_end', name: 'o.name' },
    defaultSort: 'termEnd',
    tieBreaker: 'o.id',
    toItem: (r) => ({
      orgId: r.id as number, name: r.name as string, kind: r.kind as string, kindLabel: orgKindLabels[r.kind as OrgKind] ?? (r.kind as string),
      parentName: r.parent_name as string | null, chairName: r.chair_name as string | null,
      termStart: r.term_start as string | null, termEnd: r.term_end as string,
      daysLeft: r.days_left as number, ended: (r.days_left as number) < 0,
    }),
    export: {
      filename: '换届提醒',
      columns: [
        { header: '工会', width: 36, value: (i) => i.name },
        { header: '类型', width: 16, value: (i) => i.kindLabel },
        { header: '上级组织', width: 28, value: (i) => i.parentName },
        { header: '工会主席', value: (i) => i.chairName },
        { header: '任期开始', value: (i) => i.termStart },
        { header: '任期届满', value: (i) => i.termEnd },
        { header: '剩余天数', value: (i) => (i.ended ? `已届满${-i.daysLeft}天` : i.daysLeft) },
      ],
    },
  });
}
