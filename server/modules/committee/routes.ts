import { z } from 'zod';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { ownedInScope } from '../../platform/scope.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import { codeLabel } from '../../../lib/code-tables.js';
import { committeeRoles, roleTitle } from './committee-roles.js';
import {
  addMember, createTerm, markLeft, memberDetail, replaceMember, termDetail, updateMember, updateTerm, type RosterMember,
} from './committee.service.js';

const tags = ['委员会'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isRealDate, '不是有效的日期');
const text = (max: number, empty = '请填写') => z.string().trim().min(1, empty).max(max, `不能超过${max}个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish().transform((v) => (v ? v : null));

const termBody = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  name: text(50, '请填写届次名称，如“第九届”'),
  termNo: z.number().int().min(1).max(999).nullish(),
  startDate: date,
  endDate: date.nullish(),
  remark: optionalText(500),
});

const memberBody = z.object({
  name: text(50, '请填写姓名'),
  sex: z.enum(['M', 'F']).nullish(),
  unit: optionalText(100),
  position: optionalText(100),
  memberId: z.coerce.number().int().positive().nullish(),
  roles: z.array(z.enum(committeeRoles)).min(1, '请至少选择一项').max(5).optional(),
  electedMeeting: optionalText(100),
  electedOn: date.nullish(),
  sortOrder: z.number().int().min(0).max(99999).optional(),
});

const leaveBody = z.object({ leftOn: date, reason: text(200, '请填写离任原因') });

const replaceBody = z.object({
  leavingMemberId: z.coerce.number().int().positive(),
  reason: text(200, '请填写离任原因'),
  meeting: text(100, '请填写批准替补的会议，如“九届二次全委(扩大)会议”'),
  date,
  leftOn: date.optional(),
  newMember: memberBody.omit({ electedMeeting: true, electedOn: true }),
});

export function registerCommitteeRoutes(app: App) {
  registerListRoutes(app, {
    url: '/api/committee/terms',
    access: 'committee:read',
    tags,
    summary: '委员会届次列表',
    filters: {
      orgId: z.coerce.number().int().positive().optional(),
      q: z.string().trim().max(50).optional(),
    },
    query: (req, f) => {
      const scope = accessOf(req).require('committee:read');
      let q = app.db.selectFrom('committee_term as t').innerJoin('org as o', 'o.id', 't.org_id')
        .select([
          't.id', 't.org_id', 'o.name as org_name', 't.name', 't.term_no', 't.start_date', 't.end_date',
          sql<number>`(select count(*)::int from committee_member m where m.term_id = t.id and m.status = 'serving')`.as('serving'),
          sql<number>`(select count(*)::int from committee_member m where m.term_id = t.id and m.status = 'serving' and 'standing' = any(m.roles))`.as('standing'),
          sql<number>`(select count(*)::int from committee_member m where m.term_id = t.id and m.status = 'left')`.as('left_count'),
        ])
        .where(ownedInScope('t.org_id', scope));
      if (f.orgId) q = q.where('t.org_id', '=', f.orgId);
      if (f.q) q = q.where('t.name', 'like', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
      return q;
    },
    sortable: { startDate: 't.start_date', name: 't.name', termNo: 't.term_no' },
    defaultSort: '-startDate',
    tieBreaker: 't.id',
    toItem: (r) => ({
      id: r.id as number, orgId: r.org_id as number, orgName: r.org_name as string, name: r.name as string,
      termNo: r.term_no as number | null, startDate: r.start_date as string, endDate: r.end_date as string | null,
      serving: r.serving as number, standing: r.standing as number, left: r.left_count as number,
    }),
    export: {
      filename: '委员会届次',
      columns: [
        { header: '组织', width: 30, value: (i) => i.orgName },
        { header: '届次', value: (i) => i.name },
        { header: '开始日期', value: (i) => i.startDate },
        { header: '届满日期', value: (i) => i.endDate },
        { header: '在任委员', value: (i) => i.serving },
        { header: '常委', value: (i) => i.standing },
        { header: '离任', value: (i) => i.left },
      ],
    },
  });

  app.post('/api/committee/terms', {
    config: { access: 'committee:write' },
    schema: { tags, summary: '新建届次（不填组织时为本人所在总工会）', body: termBody },
  }, async (req, reply) => {
    const term = await createTerm(app.db, actorOf(req), accessOf(req).require('committee:write'), req.body);
    return reply.code(201).send(term);
  });

  app.get('/api/committee/terms/:id', {
    config: { access: 'committee:read' },
    schema: { tags, summary: '届次详情：在任与离任委员、常委、替补记录和人数', params: idParams },
  }, async (req) => termDetail(app.db, accessOf(req).require('committee:read'), req.params.id));

  app.patch('/api/committee/terms/:id', {
    config: { access: 'committee:write' },
    schema: { tags, summary: '修改届次', params: idParams, body: termBody.omit({ orgId: true }).partial() },
  }, async (req) => updateTerm(app.db, actorOf(req), accessOf(req).require('committee:write'), req.params.id, req.body));

  app.get('/api/committee/terms/:id/roster.xlsx', {
    config: { access: 'committee:read' },
    schema: { tags, summary: '导出届次委员名单（Excel）', params: idParams },
  }, async (req, reply) => {
    const detail = await termDetail(app.db, accessOf(req).require('committee:read'), req.params.id);
    const buffer = await rosterWorkbook(detail);
    const filename = `${detail.orgName}${detail.name}委员会名单`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}.xlsx`)
      .send(buffer);
  });

  app.post('/api/committee/terms/:id/members', {
    config: { access: 'committee:write' },
    schema: { tags, summary: '增加委员', params: idParams, body: memberBody },
  }, async (req, reply) => {
    const member = await addMember(app.db, actorOf(req), accessOf(req).require('committee:write'), req.params.id, req.body);
    return reply.code(201).send(member);
  });

  app.post('/api/committee/terms/:id/replacements', {
    config: { access: 'committee:write' },
    schema: { tags, summary: '替补委员：原委员离任，新委员经会议通过替补（一次完成）', params: idParams, body: replaceBody },
  }, async (req, reply) => {
    const result = await replaceMember(app.db, actorOf(req), accessOf(req).require('committee:write'), req.params.id, req.body);
    return reply.code(201).send(result);
  });

  app.get('/api/committee/members/:id', {
    config: { access: 'committee:read' },
    schema: { tags, summary: '委员详情（含替补关系）', params: idParams },
  }, async (req) => memberDetail(app.db, accessOf(req).require('committee:read'), req.params.id));

  app.patch('/api/committee/members/:id', {
    config: { access: 'committee:write' },
    schema: { tags, summary: '修改委员信息', params: idParams, body: memberBody.partial() },
  }, async (req) => updateMember(app.db, actorOf(req), accessOf(req).require('committee:write'), req.params.id, req.body));

  app.post('/api/committee/members/:id/leave', {
    config: { access: 'committee:write' },
    schema: { tags, summary: '委员离任（不替补）', params: idParams, body: leaveBody },
  }, async (req) => markLeft(app.db, actorOf(req), accessOf(req).require('committee:write'), req.params.id, req.body));

}

type Detail = Awaited<ReturnType<typeof termDetail>>;

/** Two sheets: the serving committee in roster order, then those who left and who replaced them. */
async function rosterWorkbook(detail: Detail): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = `${detail.orgName}${detail.name}委员会委员名单`;
  const seat = (m: RosterMember) => (m.replaces ? `替补${m.replaces.name}（${m.replaces.meeting}，${m.replaces.approvedOn}）` : '');
  const sheet = (name: string, headers: [string, number][], rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.mergeCells(1, 1, 1, headers.length);
    ws.getCell(1, 1).value = `${title}（${name}）`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getRow(2).values = headers.map(([h]) => h);
    ws.getRow(2).font = { bold: true };
    headers.forEach(([, w], i) => { ws.getColumn(i + 1).width = w; });
    for (const r of rows) ws.addRow(r.map((v) => v ?? ''));
  };
  const serving = detail.members.filter((m) => m.status === 'serving');
  const former = detail.members.filter((m) => m.status === 'left');
  sheet('在任委员', [['序号', 6], ['姓名', 10], ['性别', 6], ['工作单位', 30], ['职务', 20], ['委员会职务', 16], ['常委', 6], ['当选会议', 24], ['当选日期', 12], ['备注', 40]],
    serving.map((m, i) => [i + 1, m.name, codeLabel('sex', m.sex), m.unit, m.position, roleTitle(m.roles), m.standing ? '是' : '', m.electedMeeting, m.electedOn, seat(m)]));
  sheet('离任委员', [['序号', 6], ['姓名', 10], ['性别', 6], ['工作单位', 30], ['委员会职务', 16], ['当选会议', 24], ['离任日期', 12], ['离任原因', 24], ['替补委员', 12], ['批准会议', 24], ['批准日期', 12]],
    former.map((m, i) => [i + 1, m.name, codeLabel('sex', m.sex), m.unit, roleTitle(m.roles), m.electedMeeting, m.leftOn, m.leftReason,
      m.replacedBy?.name ?? '', m.replacedBy?.meeting ?? '', m.replacedBy?.approvedOn ?? '']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
