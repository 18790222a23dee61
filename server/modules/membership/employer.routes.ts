import { sql } from 'kysely';
import { codeLabel, nonPublicOwnerships } from '../../../lib/code-tables.js';
import { normalizeCreditCode } from '../../../lib/validators/credit-code.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { orgInScopeOrThrow, ownedInScope } from '../../platform/scope.js';
import { escapeLike, inSubtreeOf } from './common.js';
import { employerBody, employerFilters, idParams } from './schemas.js';
import { createEmployer, employerDetail, employerView, unionStatusLabels, updateEmployer } from './employer.service.js';

const tags = ['用人单位'];

export function registerEmployerRoutes(app: App) {
  registerListRoutes(app, {
    url: '/api/employers',
    access: 'employer:read',
    tags,
    summary: '用人单位列表',
    filters: employerFilters,
    query: async (req, f) => {
      const scope = accessOf(req).require('employer:read');
      let q = app.db.selectFrom('employer as e')
        .innerJoin('org as o', 'o.id', 'e.org_id')
        .leftJoin('org as cu', 'cu.id', 'e.covering_union_id')
        .selectAll('e')
        .select([
          'o.name as org_name', 'cu.name as covering_union_name', 'cu.kind as covering_union_kind',
          sql<number>`(select count(*)::int from member m where m.employer_id = e.id and m.status = 'active')`.as('member_count'),
        ])
        .where(ownedInScope('e.org_id', scope));
      if (f.q) q = q.where('e.name', 'ilike', `%${escapeLike(f.q)}%`);
      if (f.creditCode) q = q.where('e.credit_code', 'like', `${escapeLike(normalizeCreditCode(f.creditCode))}%`);
      if (f.ownership) q = q.where('e.ownership', '=', f.ownership);
      if (f.industry) q = q.where('e.industry', '=', f.industry.toUpperCase());
      if (f.township) {
        // a township outside the scope answers 404, as its record would
        await orgInScopeOrThrow(app.db, f.township, scope, '乡镇(街道)');
        q = q.where(inSubtreeOf('o.path', f.township));
      }
      if (f.coveringUnionId) q = q.where('e.covering_union_id', '=', f.coveringUnionId);
      if (f.hasUnion) {
        const unionized = sql<boolean>`(e.has_union or e.covering_union_id is not null)`;
        q = q.where(f.hasUnion === 'true' ? unionized : sql<boolean>`not ${unionized}`);
      }
      if (f.nonPublic) q = q.where('e.ownership', f.nonPublic === 'true' ? 'in' : 'not in', [...nonPublicOwnerships]);
      return q;
    },
    sortable: { name: 'e.name', employeeCount: 'e.employee_count', createdAt: 'e.created_at', creditCode: 'e.credit_code' },
    defaultSort: 'name',
    tieBreaker: 'e.id',
    toItem: (r) => employerView(r),
    export: {
      filename: '用人单位',
      columns: [
        { header: '单位名称', width: 36, value: (i) => i.name },
        { header: '统一社会信用代码', width: 22, value: (i) => i.creditCode },
        { header: '所有制', value: (i) => codeLabel('ownership', i.ownership) },
        { header: '所属行业', width: 24, value: (i) => codeLabel('industry', i.industry) },
        { header: '管理工会', width: 30, value: (i) => i.orgName },
        { header: '乡镇(街道)代码', value: (i) => i.townshipCode },
        { header: '地址', width: 30, value: (i) => i.address },
        { header: '职工人数', value: (i) => i.employeeCount },
        { header: '女职工', value: (i) => i.womenCount },
        { header: '农民工', value: (i) => i.migrantCount },
        { header: '劳务派遣', value: (i) => i.dispatchedCount },
        { header: '新就业形态', value: (i) => i.platformCount },
        { header: '建会情况', width: 18, value: (i) => unionStatusLabels[i.unionStatus] },
        { header: '覆盖工会', width: 30, value: (i) => i.coveringUnion?.name },
        { header: '在册会员', value: (i) => i.memberCount },
      ],
    },
  });

  app.get('/api/employers/:id', {
    config: { access: 'employer:read' },
    schema: { tags, summary: '用人单位详情', params: idParams },
  }, async (req) => employerDetail(app.db, accessOf(req).require('employer:read'), req.params.id));

  app.post('/api/employers', {
    config: { access: 'employer:write' },
    schema: { tags, summary: '新建用人单位', body: employerBody },
  }, async (req, reply) => {
    const scope = accessOf(req).require('employer:write');
    const row = await createEmployer(app.db, actorOf(req), scope, req.body);
    return reply.code(201).send(await employerDetail(app.db, scope, row.id));
  });

  app.patch('/api/employers/:id', {
    config: { access: 'employer:write' },
    schema: { tags, summary: '修改用人单位', params: idParams, body: employerBody.partial() },
  }, async (req) => {
    const scope = accessOf(req).require('employer:write');
    await updateEmployer(app.db, actorOf(req), scope, req.params.id, req.body);
    return employerDetail(app.db, scope, req.params.id);
  });
}
