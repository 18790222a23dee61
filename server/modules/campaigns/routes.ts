import { z } from 'zod';
import { sql } from 'kysely';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { orgInScopeOrThrow, ownedInScope, pathInScope, type ScopePaths } from '../../platform/scope.js';
import { notFound } from '../../platform/errors.js';
import { codeLabel } from '../../../lib/code-tables.js';
import { maskIdLast4, maskName } from '../../../lib/masking.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import { closeEdition, createEdition, editionDetail, editionStatusLabels, editionVisible, editionVisibleOrThrow, updateEdition } from './edition.service.js';
import {
  approveRecipients, buildFromArchives, cancelRecipient, distribute, getCampaignSettings, nominate, putCampaignSettings,
} from './recipient.service.js';
import { archiveSource, markArchiveAssisted } from './hardship-port.js';
import { registerNominationImportRoutes } from './nomination-import.js';
import { registerAssistanceRoutes } from './assistance.js';
import { levelLabels, yuan } from './rule.js';
import type { EditionStatus, RecipientStatus } from './tables.js';

const tags = ['帮扶活动'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isRealDate, '不是有效的日期');
const fen = z.number().int('金额以分为单位，应为整数').min(1, '应大于0').max(10_000_000_000, '金额过大');
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish().transform((v) => (v ? v : null));

const editionBody = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  kind: z.string().min(1, '请选择活动类型'),
  year: z.number().int().min(2000, '年度无效').max(2100, '年度无效'),
  name: z.string().trim().min(1, '请填写活动名称').max(60, '不能超过60个字'),
  budgetFen: z.number().int('金额以分为单位，应为整数').min(0, '不能为负数').max(100_000_000_000, '金额过大'),
  fundSource: z.string().min(1, '请选择资金来源'),
  rule: z.unknown().optional(),
  standardFen: fen,
  goods: optionalText(200),
  startDate: date,
  endDate: date.nullish(),
  remark: optionalText(500),
});

const nominationBody = z.object({
  memberId: z.coerce.number().int().positive().nullish(),
  name: z.string().trim().max(50, '不能超过50个字').nullish(),
  idNumber: z.string().max(40).nullish(),
  orgId: z.coerce.number().int().positive().nullish(),
  category: z.string().max(40).nullish(),
  reason: optionalText(200),
  amountFen: fen.nullish(),
});

const receiptBody = z.object({
  method: z.enum(['cash', 'transfer', 'goods'], '请选择发放方式'),
  receivedBy: z.string().trim().min(1, '请填写签收人').max(50, '不能超过50个字'),
  relation: z.enum(['self', 'spouse', 'child', 'parent', 'sibling', 'other'], '请选择与本人关系').optional(),
  receivedOn: date.optional(),
  goods: optionalText(200),
  transferRef: optionalText(100),
  remark: optionalText(200),
});

export const recipientStatusLabels: Record<RecipientStatus, string> = { listed: '待审批', approved: '已审批', distributed: '已发放', cancelled: '已取消' };
export const methodLabels: Record<string, string> = { cash: '现金', transfer: '转账', goods: '实物' };
export const relationLabels: Record<string, string> = { self: '本人', spouse: '配偶', child: '子女', parent: '父母', sibling: '兄弟姐妹', other: '其他亲属' };
const sourceLabels: Record<string, string> = { archive: '困难档案', nomination: '提名' };

export function registerCampaignRoutes(app: App) {
  const db = app.db;

  // ------------------------------------------------------------ editions
  registerListRoutes(app, {
    url: '/api/campaigns/editions',
    access: 'campaign:read',
    tags,
    summary: '帮扶活动列表（本组织及上级组织的活动）',
    filters: {
      kind: z.string().max(40).optional(),
      year: z.coerce.number().int().optional(),
      status: z.enum(['draft', 'listing', 'approved', 'distributing', 'closed']).optional(),
      q: z.string().trim().max(50).optional(),
    },
    query: (req, f) => {
      const scope = accessOf(req).require('campaign:read');
      let q = db.selectFrom('campaign_edition as e').innerJoin('org as o', 'o.id', 'e.org_id')
        .selectAll('e').select([
          'o.name as org_name',
          sql<number>`(select count(*)::int from campaign_recipient r where r.edition_id = e.id and r.status <> 'cancelled' and ${ownedInScope('r.org_id', scope)})`.as('recipients'),
          sql<number>`(select coalesce(sum(r.amount_fen), 0)::bigint from campaign_recipient r where r.edition_id = e.id and r.status in ('approved', 'distributed') and ${ownedInScope('r.org_id', scope)})`.as('approved_fen'),
          sql<number>`(select coalesce(sum(r.amount_fen), 0)::bigint from campaign_recipient r where r.edition_id = e.id and r.status = 'distributed' and ${ownedInScope('r.org_id', scope)})`.as('distributed_fen'),
        ])
        .where(editionVisible('e.org_id', scope));
      if (f.kind) q = q.where('e.kind', '=', f.kind);
      if (f.year) q = q.where('e.year', '=', f.year);
      if (f.status) q = q.where('e.status', '=', f.status);
      if (f.q) q = q.where('e.name', 'like', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
      return q;
    },
    sortable: { startDate: 'e.start_date', year: 'e.year', name: 'e.name' },
    defaultSort: '-startDate',
    tieBreaker: 'e.id',
    toItem: (r) => ({
      id: r.id as number, orgId: r.org_id as number, orgName: r.org_name as string, kind: r.kind as string,
      year: r.year as number, name: r.name as string, budgetFen: Number(r.budget_fen), standardFen: Number(r.standard_fen),
      fundSource: r.fund_source as string, startDate: r.start_date as string, endDate: r.end_date as string | null,
      status: r.status as EditionStatus, recipients: r.recipients as number,
      approvedFen: Number(r.approved_fen), distributedFen: Number(r.distributed_fen),
    }),
    export: {
      filename: '帮扶活动',
      columns: [
        { header: '活动名称', width: 30, value: (i) => i.name },
        { header: '类型', value: (i) => codeLabel('campaign_kind', i.kind) },
        { header: '年度', value: (i) => i.year },
        { header: '组织单位', width: 24, value: (i) => i.orgName },
        { header: '资金来源', value: (i) => codeLabel('campaign_fund_source', i.fundSource) },
        { header: '预算(元)', value: (i) => yuan(i.budgetFen) },
        { header: '人数', value: (i) => i.recipients },
        { header: '已审批(元)', value: (i) => yuan(i.approvedFen) },
        { header: '已发放(元)', value: (i) => yuan(i.distributedFen) },
        { header: '状态', value: (i) => editionStatusLabels[i.status] },
      ],
    },
  });

  app.post('/api/campaigns/editions', {
    config: { access: 'campaign:write' },
    schema: { tags, summary: '新建帮扶活动（届次）', body: editionBody },
  }, async (req, reply) => {
    const row = await createEdition(db, actorOf(req), accessOf(req).require('campaign:write'), req.body);
    return reply.code(201).send(row);
  });

  app.get('/api/campaigns/editions/:id', {
    config: { access: 'campaign:read' },
    schema: { tags, summary: '帮扶活动详情：条件、预算、合计（按乡镇）、时间线', params: idParams },
  }, async (req) => {
    const access = accessOf(req);
    const detail = await editionDetail(db, access.require('campaign:read'), req.params.id, { canManage: false });
    const owns = async (perm: 'campaign:write' | 'campaign:approve') => Boolean(await db.selectFrom('org').select('id')
      .where('id', '=', detail.orgId).where(pathInScope('path', access.scope(perm))).executeTakeFirst());
    const [canWrite, canApprove] = await Promise.all([owns('campaign:write'), owns('campaign:approve')]);
    return { ...detail, canManage: canWrite, canApprove, canNominate: access.can('campaign:write'), canDistribute: access.can('campaign:distribute') };
  });

  app.patch('/api/campaigns/editions/:id', {
    config: { access: 'campaign:write' },
    schema: { tags, summary: '修改帮扶活动', params: idParams, body: editionBody.omit({ orgId: true }).partial() },
  }, async (req) => updateEdition(db, actorOf(req), accessOf(req).require('campaign:write'), req.params.id, req.body));

  app.post('/api/campaigns/editions/:id/close', {
    config: { access: 'campaign:approve' },
    schema: { tags, summary: '结束活动', params: idParams },
  }, async (req) => closeEdition(db, actorOf(req), accessOf(req).require('campaign:approve'), req.params.id));

  app.post('/api/campaigns/editions/:id/build', {
    config: { access: 'campaign:write' },
    schema: { tags, summary: '按活动条件从困难职工档案生成名单（已在名单中的人跳过）', params: idParams, body: z.object({ orgId: z.coerce.number().int().positive().optional() }).optional() },
  }, async (req) => buildFromArchives(db, actorOf(req), accessOf(req).require('campaign:write'), req.params.id, archiveSource, { orgId: req.body?.orgId }));

  app.post('/api/campaigns/editions/:id/nominations', {
    config: { access: 'campaign:write' },
    schema: { tags, summary: '提名：会员（memberId）或职工（姓名、身份证号、负责工会）', params: idParams, body: nominationBody },
  }, async (req, reply) => {
    const row = await nominate(db, app.fieldCrypto, actorOf(req), accessOf(req).require('campaign:write'), req.params.id, req.body);
    return reply.code(201).send(recipientView(row as never));
  });

  app.post('/api/campaigns/editions/:id/approve', {
    config: { access: 'campaign:approve' },
    schema: {
      tags, summary: '审批名单（全部待审批或所选对象；合计不得超过预算）', params: idParams,
      body: z.object({ recipientIds: z.array(z.coerce.number().int().positive()).max(100_000).optional() }).optional(),
    },
  }, async (req) => approveRecipients(db, actorOf(req), accessOf(req).require('campaign:approve'), req.params.id, req.body?.recipientIds));

  app.get('/api/campaigns/editions/:id/gongshi', {
    config: { access: 'campaign:read' },
    schema: { tags, summary: '公示名单（姓名、身份证号遮蔽）', params: idParams },
  }, async (req) => {
    const scope = accessOf(req).require('campaign:read');
    const e = await editionVisibleOrThrow(db, req.params.id, scope);
    return gongshiOf(e.id, e.name, scope);
  });

  // ------------------------------------------------------------ recipients
  registerListRoutes(app, {
    url: '/api/campaigns/recipients',
    access: 'campaign:read',
    tags,
    summary: '帮扶对象名单（editionId 必填；按状态、来源、工会、姓名筛选）',
    filters: {
      editionId: z.coerce.number().int().positive(),
      status: z.enum(['listed', 'approved', 'distributed', 'cancelled']).optional(),
      source: z.enum(['archive', 'nomination']).optional(),
      orgId: z.coerce.number().int().positive().optional(),
      q: z.string().trim().max(50).optional(),
    },
    query: async (req, f) => {
      const scope = accessOf(req).require('campaign:read');
      await editionVisibleOrThrow(db, f.editionId, scope);
      let q = db.selectFrom('campaign_recipient as r').innerJoin('org as o', 'o.id', 'r.org_id')
        .leftJoin('campaign_distribution as d', 'd.recipient_id', 'r.id')
        .select([
          'r.id', 'r.edition_id', 'r.org_id', 'o.name as org_name', 'r.source', 'r.archive_id', 'r.archive_level', 'r.member_id',
          'r.name', 'r.id_number_last4', 'r.category', 'r.reason', 'r.amount_fen', 'r.status', 'r.cancel_reason', 'r.created_at',
          'd.received_on', 'd.received_by', 'd.relation', 'd.method', 'd.goods', 'd.transfer_ref',
        ])
        .where('r.edition_id', '=', f.editionId).where(pathInScope('o.path', scope));
      if (f.status) q = q.where('r.status', '=', f.status);
      if (f.source) q = q.where('r.source', '=', f.source);
      if (f.orgId) {
        await orgInScopeOrThrow(db, f.orgId, scope, '工会');
        q = q.where(sql<boolean>`o.path <@ (select path from org where id = ${f.orgId})`);
      }
      if (f.q) q = q.where('r.name', 'like', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
      return q;
    },
    sortable: { name: 'r.name', amount: 'r.amount_fen', org: 'o.name', createdAt: 'r.created_at' },
    defaultSort: 'org',
    tieBreaker: 'r.id',
    toItem: (r) => recipientView(r),
    export: {
      filename: '帮扶对象名单',
      columns: [
        { header: '姓名', value: (i) => i.name },
        { header: '身份证号', width: 22, value: (i) => i.idNumberMasked },
        { header: '工会', width: 30, value: (i) => i.orgName },
        { header: '来源', value: (i) => sourceLabels[i.source] },
        { header: '困难类别', value: (i) => (i.archiveLevel ? levelLabels[i.archiveLevel] ?? i.archiveLevel : '') },
        { header: '对象类别', value: (i) => (i.category ? codeLabel('campaign_category', i.category) : '') },
        { header: '金额(元)', value: (i) => yuan(i.amountFen) },
        { header: '状态', value: (i) => recipientStatusLabels[i.status] },
        { header: '签收日期', value: (i) => i.receipt?.receivedOn },
      ],
    },
  });

  app.post('/api/campaigns/recipients/:id/cancel', {
    config: { access: 'campaign:write' },
    schema: { tags, summary: '取消帮扶对象（须写明原因）', params: idParams, body: z.object({ reason: z.string().trim().min(1, '请填写取消原因').max(200, '不能超过200个字') }) },
  }, async (req) => cancelRecipient(db, actorOf(req), accessOf(req).require('campaign:write'), req.params.id, req.body.reason));

  app.post('/api/campaigns/recipients/:id/distribution', {
    config: { access: 'campaign:distribute' },
    schema: { tags, summary: '登记发放与签收（每人一次）', params: idParams, body: receiptBody },
  }, async (req, reply) => {
    const row = await distribute(db, actorOf(req), accessOf(req).require('campaign:distribute'), req.params.id, req.body, markArchiveAssisted);
    return reply.code(201).send(row);
  });

  registerListRoutes(app, {
    url: '/api/campaigns/distributions',
    access: 'campaign:read',
    tags,
    summary: '发放签收记录（editionId 必填）',
    filters: { editionId: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive().optional() },
    query: async (req, f) => {
      const scope = accessOf(req).require('campaign:read');
      await editionVisibleOrThrow(db, f.editionId, scope);
      let q = db.selectFrom('campaign_distribution as d').innerJoin('campaign_recipient as r', 'r.id', 'd.recipient_id')
        .innerJoin('org as o', 'o.id', 'r.org_id').leftJoin('app_user as u', 'u.id', 'd.recorded_by')
        .select([
          'd.id', 'd.recipient_id', 'r.name', 'r.id_number_last4', 'o.name as org_name', 'd.amount_fen', 'd.method', 'd.received_by',
          'd.relation', 'd.received_on', 'd.goods', 'd.transfer_ref', 'u.display_name as recorded_by_name',
        ])
        .where('d.edition_id', '=', f.editionId).where(pathInScope('o.path', scope));
      if (f.orgId) {
        await orgInScopeOrThrow(db, f.orgId, scope, '工会');
        q = q.where(sql<boolean>`o.path <@ (select path from org where id = ${f.orgId})`);
      }
      return q;
    },
    sortable: { receivedOn: 'd.received_on', org: 'o.name' },
    defaultSort: '-receivedOn',
    tieBreaker: 'd.id',
    toItem: (r) => ({
      id: r.id as number, recipientId: r.recipient_id as number, name: r.name as string, idNumberMasked: maskIdLast4(r.id_number_last4 as string | null),
      orgName: r.org_name as string, amountFen: Number(r.amount_fen), method: r.method as string, receivedBy: r.received_by as string,
      relation: r.relation as string, receivedOn: r.received_on as string, goods: r.goods as string | null, transferRef: r.transfer_ref as string | null,
      recordedBy: r.recorded_by_name as string | null,
    }),
    export: {
      filename: '帮扶发放签收记录',
      columns: [
        { header: '姓名', value: (i) => i.name },
        { header: '身份证号', width: 22, value: (i) => i.idNumberMasked },
        { header: '工会', width: 30, value: (i) => i.orgName },
        { header: '金额(元)', value: (i) => yuan(i.amountFen) },
        { header: '方式', value: (i) => methodLabels[i.method] },
        { header: '物品', value: (i) => i.goods },
        { header: '转账凭证号', value: (i) => i.transferRef },
        { header: '签收人', value: (i) => i.receivedBy },
        { header: '与本人关系', value: (i) => relationLabels[i.relation] },
        { header: '签收日期', value: (i) => i.receivedOn },
        { header: '登记人', value: (i) => i.recordedBy },
      ],
    },
  });

  // ------------------------------------------------------------ settings
  app.get('/api/campaigns/settings', {
    config: { access: 'campaign:read' },
    schema: { tags, summary: '帮扶设置：每人每年帮扶金额上限（分，空为不限）' },
  }, async () => getCampaignSettings(db));

  app.put('/api/campaigns/settings', {
    config: { access: 'campaign:approve' },
    schema: { tags, summary: '修改每人每年帮扶金额上限（县总工会）', body: z.object({ yearlyCapFen: fen.nullable() }) },
  }, async (req) => {
    accessOf(req).requireTop('campaign:approve');
    return putCampaignSettings(db, actorOf(req), req.body);
  });

  // ------------------------------------------------------------ 公示, public (no login)
  app.get('/api/public/campaigns', {
    config: { access: 'public' },
    schema: { tags, summary: '公示中的帮扶活动（无需登录）' },
  }, async () => {
    const rows = await db.selectFrom('campaign_edition as e').innerJoin('org as o', 'o.id', 'e.org_id')
      .select(['e.id', 'e.name', 'e.kind', 'e.year', 'o.name as org_name', 'e.status'])
      .where('e.status', 'in', ['approved', 'distributing', 'closed'])
      .orderBy('e.start_date', 'desc').orderBy('e.id', 'desc').limit(50).execute();
    return { items: rows.map((r) => ({ id: r.id, name: r.name, kind: codeLabel('campaign_kind', r.kind), year: r.year, orgName: r.org_name })) };
  });

  app.get('/api/public/campaigns/:id/gongshi', {
    config: { access: 'public' },
    schema: { tags, summary: '帮扶活动公示名单（无需登录；姓名、身份证号遮蔽，不含电话）', params: idParams },
  }, async (req) => {
    const e = await db.selectFrom('campaign_edition').select(['id', 'name']).where('id', '=', req.params.id)
      .where('status', 'in', ['approved', 'distributing', 'closed']).executeTakeFirst();
    if (!e) throw notFound('公示');
    return gongshiOf(e.id, e.name, null);
  });

  /** 公示: only approved and paid people; never a full name, number or phone. */
  async function gongshiOf(editionId: number, name: string, scope: ScopePaths | null) {
    let q = db.selectFrom('campaign_recipient as r').innerJoin('org as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.name', 'r.id_number_last4', 'o.name as org_name', 'r.amount_fen', 'r.archive_level', 'r.category'])
      .where('r.edition_id', '=', editionId).where('r.status', 'in', ['approved', 'distributed'])
      .orderBy('o.name').orderBy('r.id');
    if (scope) q = q.where(ownedInScope('r.org_id', scope));
    const rows = await q.limit(20_000).execute();
    return {
      editionId, name,
      items: rows.map((r, i) => ({
        no: i + 1, name: maskName(r.name), idNumber: maskIdLast4(r.id_number_last4), orgName: r.org_name, amountFen: Number(r.amount_fen),
        kind: r.archive_level ? levelLabels[r.archive_level] ?? '' : r.category ? codeLabel('campaign_category', r.category) : '',
      })),
      total: rows.length,
      totalFen: rows.reduce((s, r) => s + Number(r.amount_fen), 0),
    };
  }

  registerNominationImportRoutes(app);
  registerAssistanceRoutes(app);
}

export function recipientView(r: Record<string, unknown>) {
  return {
    id: r.id as number, editionId: r.edition_id as number, orgId: r.org_id as number, orgName: (r.org_name as string) ?? null,
    source: r.source as 'archive' | 'nomination', archiveId: (r.archive_id as number | null) ?? null, archiveLevel: (r.archive_level as string | null) ?? null,
    memberId: (r.member_id as number | null) ?? null, name: r.name as string, idNumberMasked: maskIdLast4(r.id_number_last4 as string | null),
    category: (r.category as string | null) ?? null, reason: (r.reason as string | null) ?? null, amountFen: Number(r.amount_fen),
    status: r.status as RecipientStatus, cancelReason: (r.cancel_reason as string | null) ?? null,
    receipt: r.received_on ? {
      receivedOn: r.received_on as string, receivedBy: r.received_by as string, relation: r.relation as string,
      method: r.method as string, goods: r.goods as string | null, transferRef: r.transfer_ref as string | null,
    } : null,
  };
}
