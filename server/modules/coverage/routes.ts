import { z } from 'zod';
import { sql } from 'kysely';
import { accessOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { orgInScopeOrThrow, pathInScope } from '../../platform/scope.js';
import { codeLabel, codeTables, nonPublicOwnerships } from '../../../lib/code-tables.js';
import { coverageBreakdown, coverageSummary } from './coverage.service.js';
import { withViews } from './views.js';

const tags = ['建会率与入会率'];
const orgId = z.coerce.number().int().positive().optional();
const codesOf = (table: string) => codeTables[table].items.map((i) => i.code) as [string, ...string[]];
const flag = z.enum(['0', '1']).optional();

const withoutUnionUrl = '/api/coverage/employers-without-union';

export function registerCoverageRoutes(app: App) {
  app.get('/api/coverage/summary', {
    config: { access: 'coverage:read' },
    schema: { tags, summary: '建会率、入会率总览（可选下级组织）；非公有制单位与农民工、劳务派遣工、新就业形态劳动者单列', querystring: z.object({ orgId }) },
  }, async (req) => coverageSummary(app.db, accessOf(req).require('coverage:read'), req.query.orgId));

  app.get('/api/coverage/breakdown', {
    config: { access: 'coverage:read' },
    schema: {
      tags,
      summary: '建会率、入会率分组：按下一级组织（tree）、行业门类（industry）或所有制（ownership）',
      querystring: z.object({ orgId, by: z.enum(['tree', 'industry', 'ownership']).default('tree') }),
    },
  }, async (req) => coverageBreakdown(app.db, accessOf(req).require('coverage:read'), req.query.by, req.query.orgId));

  registerListRoutes(app, {
    url: withoutUnionUrl,
    access: 'coverage:read',
    tags,
    summary: '未建会用人单位（建会率下钻）',
    filters: {
      orgId,
      /** only the employers kept by orgId itself (the 本级 row of the tree breakdown) */
      directOnly: flag,
      industry: z.enum(codesOf('industry')).optional(),
      ownership: z.enum(codesOf('ownership')).optional(),
      nonPublic: flag,
      q: z.string().trim().max(50).optional(),
      minEmployees: z.coerce.number().int().min(0).optional(),
    },
    query: async (req, f) => {
      const scope = accessOf(req).require('coverage:read');
      // an orgId outside the scope answers 404, not an empty list
      if (f.orgId) await orgInScopeOrThrow(app.db, f.orgId, scope);
      let q = withViews(app.db).selectFrom('v_employer_coverage as v')
        .select([
          'v.employer_id', 'v.name', 'v.credit_code', 'v.org_id', 'v.org_name', 'v.township_name', 'v.ownership', 'v.industry',
          'v.employee_count', 'v.migrant_count', 'v.dispatched_count', 'v.platform_count',
        ])
        .where('v.unionized', '=', false)
        .where(pathInScope('v.org_path', scope));
      if (f.orgId) {
        q = f.directOnly === '1'
          ? q.where('v.org_id', '=', f.orgId)
          : q.where(sql<boolean>`v.org_path <@ (select path from org where id = ${f.orgId})`);
      }
      if (f.industry) q = q.where('v.industry', '=', f.industry);
      if (f.ownership) q = q.where('v.ownership', '=', f.ownership);
      if (f.nonPublic === '1') q = q.where('v.ownership', 'in', [...nonPublicOwnerships]);
      if (f.minEmployees) q = q.where('v.employee_count', '>=', f.minEmployees);
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
        q = q.where((eb) => eb.or([eb('v.name', 'like', like), eb('v.credit_code', '=', f.q!.toUpperCase())]));
      }
      // the list helper is typed for the tables; the views are the same database seen wider
      return q as unknown as ReturnType<App['db']['selectFrom']>;
    },
    sortable: { employees: 'v.employee_count', name: 'v.name', industry: 'v.industry', ownership: 'v.ownership', township: 'v.township_name' },
    defaultSort: '-employees',
    tieBreaker: 'v.employer_id',
    toItem: (r) => ({
      id: r.employer_id as number,
      name: r.name as string,
      creditCode: r.credit_code as string | null,
      orgId: r.org_id as number,
      orgName: r.org_name as string,
      townshipName: r.township_name as string | null,
      ownership: r.ownership as string,
      ownershipLabel: codeLabel('ownership', r.ownership as string),
      nonPublic: (nonPublicOwnerships as readonly string[]).includes(r.ownership as string),
      industry: r.industry as string,
      industryLabel: codeLabel('industry', r.industry as string),
      employees: Number(r.employee_count),
      migrantEmployees: Number(r.migrant_count),
      dispatchedEmployees: Number(r.dispatched_count),
      platformEmployees: Number(r.platform_count),
    }),
    export: {
      filename: '未建会用人单位',
      columns: [
        { header: '单位名称', width: 36, value: (i) => i.name },
        { header: '统一社会信用代码', width: 22, value: (i) => i.creditCode },
        { header: '乡镇(街道)/产业', width: 22, value: (i) => i.townshipName },
        { header: '所属工会组织', width: 28, value: (i) => i.orgName },
        { header: '所有制', value: (i) => i.ownershipLabel },
        { header: '行业门类', width: 24, value: (i) => `${i.industry} ${i.industryLabel}` },
        { header: '职工人数', value: (i) => i.employees },
        { header: '农民工', value: (i) => i.migrantEmployees },
        { header: '劳务派遣工', value: (i) => i.dispatchedEmployees },
        { header: '新就业形态劳动者', width: 18, value: (i) => i.platformEmployees },
      ],
    },
  });
}
