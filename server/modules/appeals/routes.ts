import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { fieldError } from '../../platform/errors.js';
import { orgInScopeOrThrow } from '../../platform/scope.js';
import { escapeLike } from '../membership/common.js';
import {
  acceptTicket, revealTicketNumber, takeStep, ticketDetail, ticketItem, ticketQuery, ticketVisible, timeWindow,
  type AppealScopes, type StepInput,
} from './appeal.service.js';
import { appealFigures } from './figures.service.js';
import type { StepAction } from './flow.js';
import {
  ackBody, assignBody, commentBody, figuresQuery, idParams, intakeBody, replyBody, requiredCommentBody, revealBody,
  superviseBody, transferBody, ticketFilters, visitBody, warningFilters,
} from './schemas.js';
import { appealSettingsSchema, getAppealSettings, putAppealSettings } from './settings.js';
import { acknowledgeWarning, warningDetail, warningItem, warningQuery } from './warning.service.js';
import { audit } from '../../platform/audit.js';

const tags = ['职工诉求'];

export function appealScopesOf(req: FastifyRequest): AppealScopes {
  const access = accessOf(req);
  return {
    read: access.require('appeal:read'),
    write: access.scope('appeal:write'),
    assign: access.scope('appeal:assign'),
    memberRead: access.scope('member:read'),
    employerRead: access.scope('employer:read'),
    legalRead: access.scope('legal:read'),
    hardshipRead: access.scope('hardship:read'),
  };
}

/** 职工诉求 (SPEC §3.2): the 12351 desk's tickets, their time limits, early warnings and figures. */
export function registerAppealRoutes(app: App) {
  registerListRoutes(app, {
    url: '/api/appeals',
    access: 'appeal:read',
    tags,
    summary: '职工诉求工单列表（timeStatus：normal 正常、due_soon 即将到期、overdue 已超期）',
    filters: ticketFilters,
    query: async (req, f) => {
      const scope = accessOf(req).require('appeal:read');
      const window = await timeWindow(app.db);
      let q = ticketQuery(app.db, window).where(ticketVisible(scope));
      if (f.orgId != null) {
        const org = await orgInScopeOrThrow(app.db, f.orgId, scope);
        q = q.where(ticketVisible([org.path]));
      }
      if (f.status === 'open') q = q.where('a.status', 'not in', ['closed', 'transferred']);
      else if (f.status) q = q.where('a.status', '=', f.status);
      if (f.type) q = q.where('a.type', '=', f.type);
      if (f.subject) q = q.where('a.subject', '=', f.subject);
      if (f.tier) q = q.where('a.tier', '=', f.tier);
      if (f.channel) q = q.where('a.channel', '=', f.channel);
      if (f.memberId != null) q = q.where('a.member_id', '=', f.memberId);
      if (f.employerId != null) q = q.where('a.employer_id', '=', f.employerId);
      if (f.from) q = q.where('a.accepted_on', '>=', f.from);
      if (f.to) q = q.where('a.accepted_on', '<=', f.to);
      if (f.supervised === 'true') q = q.where('a.supervised_at', 'is not', null);
      if (f.supervised === 'false') q = q.where('a.supervised_at', 'is', null);
      if (f.warning === 'true') q = q.where(sql<boolean>`exists (select 1 from appeal_warning_ticket fw where fw.appeal_id = a.id)`);
      if (f.timeStatus) {
        const { today, soonUntil } = window;
        q = q.where('a.status', 'not in', ['closed', 'transferred']);
        const overdue = sql<boolean>`(a.due_on < ${today} or (a.acknowledged_at is null and a.ack_due_on < ${today}))`;
        if (f.timeStatus === 'overdue') q = q.where(overdue);
        else if (f.timeStatus === 'due_soon') q = q.where(sql<boolean>`not ${overdue} and a.due_on <= ${soonUntil}`);
        else q = q.where(sql<boolean>`not ${overdue} and a.due_on > ${soonUntil}`);
      }
      if (f.q) {
        const like = `%${escapeLike(f.q)}%`;
        q = q.where((eb) => eb.or([eb('a.ticket_no', 'ilike', like), eb('a.worker_name', 'ilike', like), eb('a.employer_name', 'ilike', like), eb('a.content', 'ilike', like)]));
      }
      return q;
    },
    sortable: { acceptedOn: 'a.accepted_at', dueOn: 'a.due_on', ticketNo: 'a.ticket_no', workersAffected: 'a.workers_affected', amountFen: 'a.amount_fen' },
    defaultSort: '-acceptedOn',
    tieBreaker: 'a.id',
    toItem: (r) => ticketItem(r),
    export: {
      filename: '职工诉求',
      columns: [
        { header: '工单号', width: 22, value: (i) => i.ticketNo },
        { header: '受理日期', width: 12, value: (i) => i.acceptedOn },
        { header: '受理渠道', width: 12, value: (i) => i.channelLabel },
        { header: '诉求类型', value: (i) => i.typeLabel },
        { header: '诉求事项', value: (i) => i.subjectLabel },
        { header: '办理难度', width: 10, value: (i) => i.tierLabel },
        { header: '职工', width: 12, value: (i) => i.workerName },
        { header: '联系电话', width: 14, value: (i) => i.phone },
        { header: '用人单位', width: 30, value: (i) => i.employerName },
        { header: '涉及人数', width: 10, value: (i) => i.workersAffected },
        { header: '涉及金额(元)', width: 14, value: (i) => i.amountYuan },
        { header: '受理单位', width: 20, value: (i) => i.orgName },
        { header: '承办单位', width: 20, value: (i) => i.assignedOrgName },
        { header: '状态', width: 10, value: (i) => i.statusLabel },
        { header: '办结期限', width: 12, value: (i) => i.dueOn },
        { header: '时限状态', width: 10, value: (i) => i.timeStatusLabel },
        { header: '督办期限', width: 12, value: (i) => i.supervision?.deadline },
        { header: '满意度', width: 10, value: (i) => i.satisfactionLabel },
        { header: '办结日期', width: 12, value: (i) => i.closedOn },
      ],
    },
  });

  app.post('/api/appeals', {
    config: { access: 'appeal:write' },
    schema: { tags, summary: '受理职工诉求（电话、来访、来信）', body: intakeBody },
  }, async (req, reply) => {
    const scopes = appealScopesOf(req);
    const id = await acceptTicket(app.db, app.fieldCrypto, actorOf(req), scopes, req.body);
    return reply.code(201).send(await ticketDetail(app.db, scopes, id));
  });

  app.get('/api/appeals/:id', {
    config: { access: 'appeal:read' },
    schema: { tags, summary: '诉求详情：办理时间线、预警、转办案件与可执行的操作', params: idParams },
  }, async (req) => ticketDetail(app.db, appealScopesOf(req), req.params.id));

  const step = (action: StepAction, access: 'appeal:write' | 'appeal:assign', summary: string, body: z.ZodType, toInput: (b: any) => StepInput) => {
    app.post(`/api/appeals/:id/${action}`, {
      config: { access },
      schema: { tags, summary, params: idParams, body },
    }, async (req) => {
      const { id } = req.params as { id: number };
      const scopes = appealScopesOf(req);
      await takeStep(app.db, app.fieldCrypto, actorOf(req), scopes, id, action, toInput(req.body));
      return ticketDetail(app.db, scopes, id);
    });
  };
  step('assign', 'appeal:assign', '分派到乡镇(街道)工会、基层工会或县总工会部门（可指定承办人）', assignBody, (b) => b);
  step('reassign', 'appeal:assign', '改派', assignBody, (b) => b);
  step('return', 'appeal:write', '承办单位退回（须填原因）', requiredCommentBody, (b) => b);
  step('progress', 'appeal:write', '登记办理情况', requiredCommentBody, (b) => b);
  step('reply', 'appeal:write', '答复职工', replyBody, (b) => b);
  step('visit', 'appeal:write', '回访与满意度评价', visitBody, (b) => b);
  step('close', 'appeal:write', '办结', commentBody, (b) => b);
  step('supervise', 'appeal:assign', '上级督办（意见与期限）', superviseBody, (b) => b);
  step('transfer', 'appeal:write', '转法律援助、劳动争议调解或困难职工帮扶', transferBody,
    (b) => ({ comment: b.comment, transfer: { kind: b.kind, memberId: b.memberId, mainCause: b.mainCause } }));

  app.post('/api/appeals/:id/reveal', {
    config: { access: 'appeal:write' },
    schema: { tags, summary: '查看职工完整电话或身份证号（回访用，记入审计）', params: idParams, body: revealBody },
  }, async (req) => {
    const access = accessOf(req);
    if (req.body.field === 'id_number' && !access.can('member:reveal')) throw fieldError('field', '您没有查看完整身份证号的权限');
    return { value: await revealTicketNumber(app.db, app.fieldCrypto, actorOf(req), access.require('appeal:write'), req.params.id, req.body.field) };
  });

  app.get('/api/appeals/assignees', {
    config: { access: 'appeal:assign' },
    schema: { tags, summary: '承办单位的在用账号（分派时选承办人）', querystring: z.object({ orgId: z.coerce.number().int().positive() }) },
  }, async (req) => {
    const org = await orgInScopeOrThrow(app.db, req.query.orgId, accessOf(req).require('appeal:assign'), '承办单位');
    const rows = await app.db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.display_name', 'o.name as org_name'])
      .where('u.status', '=', 'active').where(sql<boolean>`o.path <@ ${org.path}::ltree`)
      .where(sql<boolean>`exists (select 1 from user_role ur join role r on r.id = ur.role_id where ur.user_id = u.id and 'appeal:write' = any(r.permissions))`)
      .orderBy('o.path').orderBy('u.display_name').limit(200).execute();
    return { items: rows.map((r) => ({ id: r.id, name: r.display_name, orgName: r.org_name })) };
  });

  // ---------------------------------------------------------------- settings
  app.get('/api/appeal-settings', {
    config: { access: 'appeal:read' },
    schema: { tags, summary: '诉求办理时限与预警阈值' },
  }, async () => getAppealSettings(app.db));

  app.put('/api/appeal-settings', {
    config: { access: 'appeal:assign' },
    schema: { tags, summary: '修改办理时限与预警阈值（县总工会）', body: appealSettingsSchema },
  }, async (req) => {
    accessOf(req).requireTop('appeal:assign');
    const actor = actorOf(req);
    await app.db.transaction().execute(async (tx) => {
      const before = await getAppealSettings(tx);
      await putAppealSettings(tx, req.body, actor.id);
      await audit(tx, actor, { action: 'appeal_settings', entity: 'setting', entityId: 'appeals', summary: '修改职工诉求办理时限与预警阈值', before, after: req.body });
    });
    return getAppealSettings(app.db);
  });

  // ---------------------------------------------------------------- warnings
  registerListRoutes(app, {
    url: '/api/appeal-warnings',
    access: 'warning:read',
    tags,
    summary: '预警列表（open=true 未确认）',
    filters: warningFilters,
    query: (req, f) => {
      let q = warningQuery(app.db, accessOf(req).require('warning:read'));
      if (f.open === 'true') q = q.where('w.acknowledged_at', 'is', null);
      if (f.open === 'false') q = q.where('w.acknowledged_at', 'is not', null);
      return q;
    },
    sortable: { raisedAt: 'w.raised_at' },
    defaultSort: '-raisedAt',
    tieBreaker: 'w.id',
    toItem: (r) => warningItem(r),
    export: {
      filename: '诉求预警',
      columns: [
        { header: '预警', width: 40, value: (i) => i.title },
        { header: '情况', width: 40, value: (i) => i.detail },
        { header: '规则', width: 30, value: (i) => i.ruleLabels.join('、') },
        { header: '工单数', width: 8, value: (i) => i.ticketCount },
        { header: '预警时间', width: 20, value: (i) => i.raisedAt },
        { header: '确认人', value: (i) => i.acknowledgedBy },
        { header: '确认时间', width: 20, value: (i) => i.acknowledgedAt },
        { header: '确认说明', width: 30, value: (i) => i.ackNote },
      ],
    },
  });

  app.get('/api/appeal-warnings/:id', {
    config: { access: 'warning:read' },
    schema: { tags, summary: '预警详情与所涉工单', params: idParams },
  }, async (req) => warningDetail(app.db, accessOf(req).require('warning:read'), req.params.id));

  app.post('/api/appeal-warnings/:id/acknowledge', {
    config: { access: 'appeal:assign' },
    schema: { tags, summary: '确认预警（已知悉并处置）', params: idParams, body: ackBody },
  }, async (req) => {
    const access = accessOf(req);
    // acknowledged where the caller both sees warnings and assigns tickets
    const scope = access.require('warning:read').filter((p) => access.scope('appeal:assign').some((a) => p === a || p.startsWith(a + '.')));
    await acknowledgeWarning(app.db, actorOf(req), scope, req.params.id, req.body.note);
    return warningDetail(app.db, access.require('warning:read'), req.params.id);
  });

  // ---------------------------------------------------------------- figures
  app.get('/api/appeal-figures', {
    config: { access: 'appeal:read' },
    schema: { tags, summary: '诉求统计：按类型、事项、难度、乡镇、用人单位；按时办结率；满意度；法律援助与调解', querystring: figuresQuery },
  }, async (req) => appealFigures(app.db, accessOf(req).require('appeal:read'), req.query, accessOf(req).scope('legal:read')));

  app.get('/api/appeal-figures/export.xlsx', {
    config: { access: 'appeal:read' },
    schema: { tags, summary: '诉求统计（导出 Excel）', querystring: figuresQuery },
  }, async (req, reply) => {
    const f = await appealFigures(app.db, accessOf(req).require('appeal:read'), req.query, accessOf(req).scope('legal:read'));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('诉求统计');
    sheet.columns = [{ header: '分组', key: 'g', width: 14 }, { header: '项目', key: 'k', width: 36 }, { header: '件数', key: 'c', width: 10 }, { header: '涉及人数', key: 'w', width: 10 }];
    sheet.getRow(1).font = { bold: true };
    const groups: [string, typeof f.byType][] = [['诉求类型', f.byType], ['诉求事项', f.bySubject], ['办理难度', f.byTier], ['乡镇(街道)', f.byTownship], ['用人单位', f.byEmployer]];
    for (const [g, rows] of groups) for (const r of rows) sheet.addRow({ g, k: r.label, c: r.count, w: r.workers });
    sheet.addRow({});
    sheet.addRow({ g: '合计', k: '受理件数', c: f.totals.total });
    sheet.addRow({ g: '合计', k: '已办结', c: f.totals.closed });
    sheet.addRow({ g: '合计', k: '按时办结率', c: f.onTimeRate == null ? '' : `${(f.onTimeRate * 100).toFixed(1)}%` });
    sheet.addRow({ g: '合计', k: '满意率（满意+基本满意）', c: f.satisfaction.rate == null ? '' : `${(f.satisfaction.rate * 100).toFixed(1)}%` });
    if (f.legal) {
      sheet.addRow({ g: '法律服务', k: '法律援助挽回金额(元)', c: (f.legal.recoveredFen / 100).toFixed(2) });
      sheet.addRow({ g: '法律服务', k: '调解成功率', c: f.legal.mediationSuccessRate == null ? '' : `${(f.legal.mediationSuccessRate * 100).toFixed(1)}%` });
    }
    const buf = await wb.xlsx.writeBuffer();
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="figures.xlsx"; filename*=UTF-8''${encodeURIComponent('诉求统计')}.xlsx`)
      .send(Buffer.from(buf as ArrayBuffer));
  });
}
