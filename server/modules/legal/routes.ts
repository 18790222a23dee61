import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyReply } from 'fastify';
import { deadlineLabels, fenToYuan, legalAidOutcomeLabels, legalAidStatusLabels, mediationDeadline, mediationStatusLabels, providerKindLabels, reviewOverdue, MEDIATION_WARN_DAYS } from '../../../lib/legal.js';
import { codeLabel } from '../../../lib/code-tables.js';
import { maskPhoneFromLast4 } from '../../../lib/masking.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import { addDays } from '../../../lib/working-days.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { ownedInScope, orgInScopeOrThrow, type ScopePaths } from '../../platform/scope.js';
import { clock } from '../../platform/clock.js';
import { fieldError } from '../../platform/errors.js';
import { putSetting } from '../../platform/settings.js';
import { audit } from '../../platform/audit.js';
import { revealPersonalNumber } from '../../platform/reveal.js';
import { legalAidInScopeOrThrow, legalFigures, mediationInScopeOrThrow } from './cases.service.js';
import { legalSettings } from './common.js';
import {
  addLegalAidStage, applyLegalAid, archiveLegalAid, assignLegalAid, closeLegalAid, legalAidDetail, providerVisible, refuseLegalAid,
} from './legal-aid.service.js';
import {
  acceptMediation, addMediationSession, mediationDetail, recordAgreement, recordFailure, setMediator, withdrawMediation,
} from './mediation.service.js';
import {
  createEvent, createProvider, createTypical, eventTotals, typicalFromCase, typicalInScopeOrThrow, updateEvent, updateProvider, updateTypical,
} from './library.service.js';
import { agreementPdf, assignmentLetterPdf, refusalNoticePdf } from './documents.js';

const tags = ['法律服务'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isRealDate, '不是有效的日期');
const text = (max: number, empty = '请填写') => z.string({ error: empty }).trim().min(1, empty).max(max, `不能超过${max}个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish().transform((v) => (v ? v : null));
const fen = z.number({ error: '请填写金额' }).int('金额应以分为单位的整数').min(0, '金额不能为负').max(1e13, '金额过大');
const count = z.number().int('应为整数').min(1, '至少1人').max(100000);
const orgId = z.coerce.number().int().positive().optional();
const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, '\\$&')}%`;

const party = z.object({
  memberId: z.coerce.number().int().positive().nullish(),
  name: text(50, '请填写姓名'),
  phone: optionalText(20),
  idNumber: optionalText(20),
});

const aidBody = z.object({
  orgId,
  applicant: party,
  employerId: z.coerce.number().int().positive().nullish(),
  employerName: optionalText(100),
  subject: z.string().optional(),
  claim: text(2000, '请填写请求事项'),
  workersInvolved: count.nullish(),
  amountClaimedFen: fen.nullish(),
  appliedOn: date.nullish(),
});

const mediationBody = z.object({
  orgId,
  worker: party.extend({ count: count.nullish() }),
  employerId: z.coerce.number().int().positive().nullish(),
  employerName: optionalText(100),
  employerContact: optionalText(50),
  subject: z.string().optional(),
  claim: text(2000, '请填写请求事项'),
  amountClaimedFen: fen.nullish(),
  acceptedOn: date.nullish(),
});

const providerBody = z.object({
  orgId,
  kind: z.enum(['lawyer', 'volunteer'], { error: '请选择律师或志愿者' }),
  name: text(50, '请填写姓名'),
  firm: optionalText(100),
  licenseNo: optionalText(30),
  phone: optionalText(20),
  specialties: z.array(z.string()).max(10).optional(),
  active: z.boolean().optional(),
  note: optionalText(500),
});

const typicalBody = z.object({
  orgId,
  title: text(100, '请填写标题'),
  category: z.string().optional(),
  summary: optionalText(500),
  body: text(20000, '请填写正文'),
});

const eventBody = z.object({
  orgId,
  heldOn: date,
  place: text(100, '请填写地点'),
  topic: text(100, '请填写主题'),
  kind: z.string().optional(),
  attendance: z.number().int('应为整数').min(0, '不能为负').max(1000000).optional(),
  note: optionalText(1000),
});

/** Without an organization: the caller's own, when the permission holds in one subtree. */
function targetOrg(scope: ScopePaths, requested: number | undefined): number {
  if (requested) return requested;
  if (scope.length !== 1) throw fieldError('orgId', '请选择组织');
  return Number(scope[0].split('.').pop());
}

function sendPdf(reply: FastifyReply, file: { pdf: Buffer; filename: string }) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .send(file.pdf);
}

export function registerLegalRoutes(app: App) {
  const db = app.db;
  const crypto = app.fieldCrypto;

  // ---- 法律援助 ----------------------------------------------------------------------
  registerListRoutes(app, {
    url: '/api/legal/aid',
    access: 'legal:read',
    tags,
    summary: '法律援助案件列表',
    filters: {
      q: z.string().trim().max(50).optional(),
      status: z.enum(['applied', 'assigned', 'refused', 'closed', 'archived']).optional(),
      subject: z.string().max(30).optional(),
      orgId: z.coerce.number().int().positive().optional(),
      providerId: z.coerce.number().int().positive().optional(),
      overdue: z.enum(['1']).optional(),
      year: z.coerce.number().int().min(2000).max(2999).optional(),
    },
    query: async (req, f) => {
      const scope = accessOf(req).require('legal:read');
      let q = db.selectFrom('legal_aid_case as c').innerJoin('org as o', 'o.id', 'c.org_id').leftJoin('legal_provider as p', 'p.id', 'c.provider_id')
        .select(['c.id', 'c.case_no', 'c.org_id', 'o.name as org_name', 'c.source_ticket_id', 'c.applicant_name', 'c.applicant_phone_last4', 'c.employer_name',
          'c.subject', 'c.workers_involved', 'c.amount_claimed_fen', 'c.status', 'c.applied_on', 'c.review_due', 'p.name as provider_name', 'c.assigned_on',
          'c.outcome', 'c.amount_recovered_fen', 'c.workers_benefited', 'c.closed_on'])
        .where(ownedInScope('c.org_id', scope));
      if (f.orgId) {
        const org = await orgInScopeOrThrow(db, f.orgId, scope);
        q = q.where(sql<boolean>`o.path <@ ${org.path}::ltree`);
      }
      if (f.q) q = q.where((eb) => eb.or([eb('c.case_no', 'like', escapeLike(f.q!)), eb('c.applicant_name', 'like', escapeLike(f.q!)), eb('c.employer_name', 'like', escapeLike(f.q!))]));
      if (f.status) q = q.where('c.status', '=', f.status);
      if (f.subject) q = q.where('c.subject', '=', f.subject);
      if (f.providerId) q = q.where('c.provider_id', '=', f.providerId);
      if (f.overdue) q = q.where('c.status', '=', 'applied').where('c.review_due', '<', clock.today());
      if (f.year) q = q.where('c.applied_on', '>=', `${f.year}-01-01`).where('c.applied_on', '<=', `${f.year}-12-31`);
      return q;
    },
    sortable: { appliedOn: 'c.applied_on', caseNo: 'c.case_no', reviewDue: 'c.review_due', closedOn: 'c.closed_on', amountRecovered: 'c.amount_recovered_fen' },
    defaultSort: '-appliedOn',
    tieBreaker: 'c.id',
    toItem: (r) => {
      const status = r.status as keyof typeof legalAidStatusLabels;
      return {
        id: r.id as number, caseNo: r.case_no as string, orgId: r.org_id as number, orgName: r.org_name as string, sourceTicketId: r.source_ticket_id as number | null,
        applicantName: r.applicant_name as string, applicantPhone: r.applicant_phone_last4 ? maskPhoneFromLast4(r.applicant_phone_last4 as string) : null,
        employerName: r.employer_name as string | null, subject: r.subject as string, subjectLabel: codeLabel('appeal_subject', r.subject as string),
        workersInvolved: r.workers_involved as number, amountClaimedFen: r.amount_claimed_fen as number | null,
        status, statusLabel: legalAidStatusLabels[status], appliedOn: r.applied_on as string, reviewDue: r.review_due as string,
        reviewOverdue: reviewOverdue(status, r.review_due as string, clock.today()),
        providerName: r.provider_name as string | null, assignedOn: r.assigned_on as string | null,
        outcome: r.outcome as string | null, outcomeLabel: r.outcome ? legalAidOutcomeLabels[r.outcome as keyof typeof legalAidOutcomeLabels] : null,
        amountRecoveredFen: r.amount_recovered_fen as number | null, workersBenefited: r.workers_benefited as number | null, closedOn: r.closed_on as string | null,
      };
    },
    export: {
      filename: '法律援助案件',
      columns: [
        { header: '案号', width: 22, value: (i) => i.caseNo },
        { header: '申请日期', value: (i) => i.appliedOn },
        { header: '所属工会', width: 28, value: (i) => i.orgName },
        { header: '申请人', value: (i) => i.applicantName },
        { header: '联系电话', value: (i) => i.applicantPhone },
        { header: '用人单位', width: 28, value: (i) => i.employerName },
        { header: '案由', value: (i) => i.subjectLabel },
        { header: '涉及职工', value: (i) => i.workersInvolved },
        { header: '状态', value: (i) => i.statusLabel },
        { header: '审查期限', value: (i) => i.reviewDue },
        { header: '承办人', value: (i) => i.providerName },
        { header: '结果', value: (i) => i.outcomeLabel },
        { header: '挽回金额(元)', value: (i) => fenToYuan(i.amountRecoveredFen) },
        { header: '受益职工', value: (i) => i.workersBenefited },
        { header: '结案日期', value: (i) => i.closedOn },
      ],
    },
  });

  app.post('/api/legal/aid', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '登记法律援助申请', body: aidBody },
  }, async (req, reply) => {
    const scope = accessOf(req).require('legal:write');
    const created = await applyLegalAid(db, crypto, actorOf(req), scope, { ...req.body, orgId: targetOrg(scope, req.body.orgId) });
    return reply.code(201).send(created);
  });

  app.get('/api/legal/aid/:id', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '法律援助案件详情（阶段、流程记录、审查期限）', params: idParams },
  }, async (req) => legalAidDetail(db, accessOf(req).require('legal:read'), req.params.id));

  app.post('/api/legal/aid/:id/assign', {
    config: { access: 'legal:approve' },
    schema: { tags, summary: '审查通过并指派律师/志愿者（生成委派函）', params: idParams, body: z.object({ providerId: z.coerce.number({ error: '请选择承办人' }).int().positive('请选择承办人'), comment: optionalText(500) }) },
  }, async (req) => assignLegalAid(db, actorOf(req), accessOf(req).require('legal:approve'), req.params.id, req.body));

  app.post('/api/legal/aid/:id/refuse', {
    config: { access: 'legal:approve' },
    schema: { tags, summary: '不予法律援助（须写明理由）', params: idParams, body: z.object({ reason: z.string().trim().max(500, '不能超过500个字').optional() }) },
  }, async (req) => refuseLegalAid(db, actorOf(req), accessOf(req).require('legal:approve'), req.params.id, { reason: req.body.reason ?? '' }));

  app.post('/api/legal/aid/:id/stages', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '登记办理阶段（立案、开庭、裁决、执行…）', params: idParams, body: z.object({ kind: text(30, '请选择阶段'), heldOn: date, place: optionalText(100), note: optionalText(1000) }) },
  }, async (req, reply) => reply.code(201).send(await addLegalAidStage(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, req.body)));

  app.post('/api/legal/aid/:id/close', {
    config: { access: 'legal:write' },
    schema: {
      tags, summary: '结案（结果、挽回金额、受益职工、结案报告）', params: idParams,
      body: z.object({
        outcome: z.enum(['won', 'partly_won', 'mediated', 'lost', 'withdrawn', 'other'], { error: '请选择处理结果' }),
        amountRecoveredFen: fen,
        workersBenefited: z.number({ error: '请填写受益职工人数' }).int('应为整数').min(0, '不能为负').max(100000),
        closingReport: text(5000, '请填写结案报告'),
        closedOn: date.nullish(),
      }),
    },
  }, async (req) => closeLegalAid(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, req.body));

  app.post('/api/legal/aid/:id/archive', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '归档', params: idParams },
  }, async (req) => archiveLegalAid(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id));

  app.get('/api/legal/aid/:id/letter.pdf', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '法律援助委派函（PDF）', params: idParams },
  }, async (req, reply) => sendPdf(reply, await assignmentLetterPdf(db, accessOf(req).require('legal:read'), req.params.id)));

  app.get('/api/legal/aid/:id/refusal.pdf', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '不予法律援助通知书（PDF）', params: idParams },
  }, async (req, reply) => sendPdf(reply, await refusalNoticePdf(db, accessOf(req).require('legal:read'), req.params.id)));

  app.post('/api/legal/aid/:id/typical', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '编为典型案例（生成匿名化草稿）', params: idParams },
  }, async (req, reply) => reply.code(201).send(await typicalFromCase(db, actorOf(req), accessOf(req).require('legal:write'), 'legal_aid', req.params.id)));

  // ---- 劳动争议调解 ------------------------------------------------------------------
  registerListRoutes(app, {
    url: '/api/legal/mediation',
    access: 'legal:read',
    tags,
    summary: '劳动争议调解案件列表（deadline=warn 为即将到期和已超期）',
    filters: {
      q: z.string().trim().max(50).optional(),
      status: z.enum(['accepted', 'mediating', 'agreement', 'failed', 'withdrawn']).optional(),
      deadline: z.enum(['open', 'warn', 'due_soon', 'overdue']).optional(),
      orgId: z.coerce.number().int().positive().optional(),
      year: z.coerce.number().int().min(2000).max(2999).optional(),
    },
    query: async (req, f) => {
      const scope = accessOf(req).require('legal:read');
      let q = db.selectFrom('mediation_case as c').innerJoin('org as o', 'o.id', 'c.org_id')
        .select(['c.id', 'c.case_no', 'c.org_id', 'o.name as org_name', 'c.source_ticket_id', 'c.worker_name', 'c.worker_count', 'c.employer_name', 'c.subject',
          'c.mediator_name', 'c.accepted_on', 'c.due_on', 'c.status', 'c.agreement_amount_fen', 'c.closed_on',
          sql<number>`(select count(*)::int from mediation_session s where s.case_id = c.id)`.as('sessions')])
        .where(ownedInScope('c.org_id', scope));
      if (f.orgId) {
        const org = await orgInScopeOrThrow(db, f.orgId, scope);
        q = q.where(sql<boolean>`o.path <@ ${org.path}::ltree`);
      }
      if (f.q) q = q.where((eb) => eb.or([eb('c.case_no', 'like', escapeLike(f.q!)), eb('c.worker_name', 'like', escapeLike(f.q!)), eb('c.employer_name', 'like', escapeLike(f.q!))]));
      if (f.status) q = q.where('c.status', '=', f.status);
      if (f.year) q = q.where('c.accepted_on', '>=', `${f.year}-01-01`).where('c.accepted_on', '<=', `${f.year}-12-31`);
      if (f.deadline) {
        const today = clock.today();
        q = q.where('c.status', 'in', ['accepted', 'mediating']);
        if (f.deadline === 'warn') q = q.where('c.due_on', '<=', addDays(today, MEDIATION_WARN_DAYS));
        if (f.deadline === 'due_soon') q = q.where('c.due_on', '>=', today).where('c.due_on', '<=', addDays(today, MEDIATION_WARN_DAYS));
        if (f.deadline === 'overdue') q = q.where('c.due_on', '<', today);
      }
      return q;
    },
    sortable: { acceptedOn: 'c.accepted_on', dueOn: 'c.due_on', caseNo: 'c.case_no', closedOn: 'c.closed_on' },
    defaultSort: '-acceptedOn',
    tieBreaker: 'c.id',
    toItem: (r) => {
      const status = r.status as keyof typeof mediationStatusLabels;
      const open = status === 'accepted' || status === 'mediating';
      const deadline = mediationDeadline(r.due_on as string, clock.today(), open);
      return {
        id: r.id as number, caseNo: r.case_no as string, orgId: r.org_id as number, orgName: r.org_name as string, sourceTicketId: r.source_ticket_id as number | null,
        workerName: r.worker_name as string, workerCount: r.worker_count as number, employerName: r.employer_name as string,
        subject: r.subject as string, subjectLabel: codeLabel('appeal_subject', r.subject as string), mediatorName: r.mediator_name as string | null,
        acceptedOn: r.accepted_on as string, dueOn: r.due_on as string, status, statusLabel: mediationStatusLabels[status],
        deadline, deadlineLabel: deadline ? deadlineLabels[deadline.state] : null,
        agreementAmountFen: r.agreement_amount_fen as number | null, closedOn: r.closed_on as string | null, sessions: r.sessions as number,
      };
    },
    export: {
      filename: '劳动争议调解案件',
      columns: [
        { header: '案号', width: 20, value: (i) => i.caseNo },
        { header: '受理日期', value: (i) => i.acceptedOn },
        { header: '调解期限', value: (i) => i.dueOn },
        { header: '期限状态', value: (i) => i.deadlineLabel },
        { header: '所属工会', width: 28, value: (i) => i.orgName },
        { header: '职工', value: (i) => i.workerName },
        { header: '人数', value: (i) => i.workerCount },
        { header: '用人单位', width: 28, value: (i) => i.employerName },
        { header: '案由', value: (i) => i.subjectLabel },
        { header: '调解员', value: (i) => i.mediatorName },
        { header: '调解次数', value: (i) => i.sessions },
        { header: '状态', value: (i) => i.statusLabel },
        { header: '协议金额(元)', value: (i) => fenToYuan(i.agreementAmountFen) },
        { header: '结束日期', value: (i) => i.closedOn },
      ],
    },
  });

  app.post('/api/legal/mediation', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '受理劳动争议调解申请', body: mediationBody },
  }, async (req, reply) => {
    const scope = accessOf(req).require('legal:write');
    return reply.code(201).send(await acceptMediation(db, crypto, actorOf(req), scope, { ...req.body, orgId: targetOrg(scope, req.body.orgId) }));
  });

  app.get('/api/legal/mediation/:id', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '调解案件详情（期限、调解记录、流程记录）', params: idParams },
  }, async (req) => mediationDetail(db, accessOf(req).require('legal:read'), req.params.id));

  app.post('/api/legal/mediation/:id/mediator', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '确定调解员（律师库人员或填写姓名）', params: idParams, body: z.object({ providerId: z.coerce.number().int().positive().nullish(), name: optionalText(50) }) },
  }, async (req) => setMediator(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, req.body));

  app.post('/api/legal/mediation/:id/sessions', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '登记调解', params: idParams, body: z.object({ heldOn: date, place: optionalText(100), attendees: optionalText(500), note: optionalText(2000) }) },
  }, async (req, reply) => reply.code(201).send(await addMediationSession(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, req.body)));

  app.post('/api/legal/mediation/:id/agreement', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '达成调解协议', params: idParams, body: z.object({ agreementTerms: text(5000, '请填写协议内容'), agreementAmountFen: fen, closedOn: date.nullish() }) },
  }, async (req) => recordAgreement(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, { terms: req.body.agreementTerms, amountFen: req.body.agreementAmountFen, closedOn: req.body.closedOn }));

  app.post('/api/legal/mediation/:id/fail', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '调解不成（告知可申请仲裁）', params: idParams, body: z.object({ failureReason: z.string().trim().max(1000, '不能超过1000个字').optional(), closedOn: date.nullish() }) },
  }, async (req) => recordFailure(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, { reason: req.body.failureReason ?? '', closedOn: req.body.closedOn }));

  app.post('/api/legal/mediation/:id/withdraw', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '申请人撤回', params: idParams, body: z.object({ reason: z.string().trim().max(500).optional() }) },
  }, async (req) => withdrawMediation(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, { reason: req.body.reason ?? '' }));

  app.get('/api/legal/mediation/:id/agreement.pdf', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '调解协议书（PDF）', params: idParams },
  }, async (req, reply) => sendPdf(reply, await agreementPdf(db, accessOf(req).require('legal:read'), req.params.id)));

  app.post('/api/legal/mediation/:id/typical', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '编为典型案例（生成匿名化草稿）', params: idParams },
  }, async (req, reply) => reply.code(201).send(await typicalFromCase(db, actorOf(req), accessOf(req).require('legal:write'), 'mediation', req.params.id)));

  // ---- 律师/志愿者库 -----------------------------------------------------------------
  registerListRoutes(app, {
    url: '/api/legal/providers',
    access: 'legal:read',
    tags,
    summary: '律师/志愿者库（本级及上级总工会的名册）',
    filters: {
      q: z.string().trim().max(50).optional(),
      kind: z.enum(['lawyer', 'volunteer']).optional(),
      active: z.enum(['1', '0']).optional(),
    },
    query: (req, f) => {
      const scope = accessOf(req).require('legal:read');
      let q = db.selectFrom('legal_provider').innerJoin('org as o', 'o.id', 'legal_provider.org_id')
        .select(['legal_provider.id', 'legal_provider.org_id', 'o.name as org_name', 'legal_provider.kind', 'legal_provider.name', 'legal_provider.firm',
          'legal_provider.license_no', 'legal_provider.phone_last4', 'legal_provider.specialties', 'legal_provider.active', 'legal_provider.note',
          sql<number>`(select count(*)::int from legal_aid_case c where c.provider_id = legal_provider.id and c.status = 'assigned')`.as('open_cases'),
          sql<number>`(select count(*)::int from legal_aid_case c where c.provider_id = legal_provider.id)`.as('all_cases')])
        .where(providerVisible(scope));
      if (f.q) q = q.where((eb) => eb.or([eb('legal_provider.name', 'like', escapeLike(f.q!)), eb('legal_provider.firm', 'like', escapeLike(f.q!))]));
      if (f.kind) q = q.where('legal_provider.kind', '=', f.kind);
      if (f.active) q = q.where('legal_provider.active', '=', f.active === '1');
      return q;
    },
    sortable: { name: 'legal_provider.name', kind: 'legal_provider.kind' },
    defaultSort: 'kind',
    tieBreaker: 'legal_provider.id',
    toItem: (r) => ({
      id: r.id as number, orgId: r.org_id as number, orgName: r.org_name as string, kind: r.kind as 'lawyer' | 'volunteer',
      kindLabel: providerKindLabels[r.kind as 'lawyer' | 'volunteer'], name: r.name as string, firm: r.firm as string | null, licenseNo: r.license_no as string | null,
      phone: r.phone_last4 ? maskPhoneFromLast4(r.phone_last4 as string) : null,
      specialties: r.specialties as string[], specialtyLabels: (r.specialties as string[]).map((s) => codeLabel('appeal_subject', s)),
      active: r.active as boolean, note: r.note as string | null, openCases: r.open_cases as number, allCases: r.all_cases as number,
    }),
    export: {
      filename: '律师志愿者库',
      columns: [
        { header: '类型', value: (i) => i.kindLabel },
        { header: '姓名', value: (i) => i.name },
        { header: '律师事务所/单位', width: 28, value: (i) => i.firm },
        { header: '执业证号', width: 20, value: (i) => i.licenseNo },
        { header: '联系电话', value: (i) => i.phone },
        { header: '擅长领域', width: 24, value: (i) => i.specialtyLabels.join('、') },
        { header: '在办案件', value: (i) => i.openCases },
        { header: '累计案件', value: (i) => i.allCases },
        { header: '状态', value: (i) => (i.active ? '在库' : '停用') },
      ],
    },
  });

  app.post('/api/legal/providers', {
    config: { access: 'legal:approve' },
    schema: { tags, summary: '新增律师/志愿者', body: providerBody },
  }, async (req, reply) => {
    const scope = accessOf(req).require('legal:approve');
    return reply.code(201).send(await createProvider(db, crypto, actorOf(req), scope, { ...req.body, orgId: targetOrg(scope, req.body.orgId) }));
  });

  app.patch('/api/legal/providers/:id', {
    config: { access: 'legal:approve' },
    schema: { tags, summary: '修改律师/志愿者（含停用）', params: idParams, body: providerBody.omit({ orgId: true }).partial() },
  }, async (req) => updateProvider(db, crypto, actorOf(req), accessOf(req).require('legal:approve'), req.params.id, req.body));

  // ---- 典型案例 ----------------------------------------------------------------------
  registerListRoutes(app, {
    url: '/api/legal/typical',
    access: 'legal:read',
    tags,
    summary: '典型案例库',
    filters: {
      q: z.string().trim().max(50).optional(),
      category: z.string().max(30).optional(),
      published: z.enum(['1', '0']).optional(),
    },
    query: (req, f) => {
      const scope = accessOf(req).require('legal:read');
      let q = db.selectFrom('typical_case as t').innerJoin('org as o', 'o.id', 't.org_id')
        .select(['t.id', 't.org_id', 'o.name as org_name', 't.title', 't.category', 't.summary', 't.source_kind', 't.source_id', 't.published', 't.published_at', 't.updated_at'])
        .where(ownedInScope('t.org_id', scope));
      if (f.q) q = q.where((eb) => eb.or([eb('t.title', 'like', escapeLike(f.q!)), eb('t.body', 'like', escapeLike(f.q!))]));
      if (f.category) q = q.where('t.category', '=', f.category);
      if (f.published) q = q.where('t.published', '=', f.published === '1');
      return q;
    },
    sortable: { updatedAt: 't.updated_at', title: 't.title' },
    defaultSort: '-updatedAt',
    tieBreaker: 't.id',
    toItem: (r) => ({
      id: r.id as number, orgId: r.org_id as number, orgName: r.org_name as string, title: r.title as string, category: r.category as string,
      categoryLabel: codeLabel('appeal_subject', r.category as string), summary: r.summary as string | null,
      sourceKind: r.source_kind as string | null, sourceId: r.source_id as number | null, published: r.published as boolean,
      publishedAt: r.published_at as Date | null, updatedAt: r.updated_at as Date,
    }),
    export: {
      filename: '典型案例',
      columns: [
        { header: '标题', width: 36, value: (i) => i.title },
        { header: '类别', value: (i) => i.categoryLabel },
        { header: '摘要', width: 48, value: (i) => i.summary },
        { header: '状态', value: (i) => (i.published ? '已发布' : '草稿') },
      ],
    },
  });

  app.post('/api/legal/typical', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '新增典型案例', body: typicalBody },
  }, async (req, reply) => {
    const scope = accessOf(req).require('legal:write');
    return reply.code(201).send(await createTypical(db, actorOf(req), scope, { ...req.body, orgId: targetOrg(scope, req.body.orgId) }));
  });

  app.get('/api/legal/typical/:id', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '典型案例详情', params: idParams },
  }, async (req) => typicalInScopeOrThrow(db, accessOf(req).require('legal:read'), req.params.id));

  app.patch('/api/legal/typical/:id', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '编辑、发布或撤回典型案例', params: idParams, body: typicalBody.omit({ orgId: true }).partial().extend({ published: z.boolean().optional() }) },
  }, async (req) => updateTypical(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, req.body));

  // ---- 法治宣传 ----------------------------------------------------------------------
  registerListRoutes(app, {
    url: '/api/legal/events',
    access: 'legal:read',
    tags,
    summary: '法治宣传活动',
    filters: {
      q: z.string().trim().max(50).optional(),
      kind: z.string().max(30).optional(),
      from: date.optional(),
      to: date.optional(),
    },
    query: (req, f) => {
      const scope = accessOf(req).require('legal:read');
      let q = db.selectFrom('legal_event as e').innerJoin('org as o', 'o.id', 'e.org_id')
        .select(['e.id', 'e.org_id', 'o.name as org_name', 'e.held_on', 'e.place', 'e.topic', 'e.kind', 'e.attendance', 'e.note'])
        .where(ownedInScope('e.org_id', scope));
      if (f.q) q = q.where((eb) => eb.or([eb('e.topic', 'like', escapeLike(f.q!)), eb('e.place', 'like', escapeLike(f.q!))]));
      if (f.kind) q = q.where('e.kind', '=', f.kind);
      if (f.from) q = q.where('e.held_on', '>=', f.from);
      if (f.to) q = q.where('e.held_on', '<=', f.to);
      return q;
    },
    sortable: { heldOn: 'e.held_on', attendance: 'e.attendance' },
    defaultSort: '-heldOn',
    tieBreaker: 'e.id',
    toItem: (r) => ({
      id: r.id as number, orgId: r.org_id as number, orgName: r.org_name as string, heldOn: r.held_on as string, place: r.place as string,
      topic: r.topic as string, kind: r.kind as string, kindLabel: codeLabel('legal_event_kind', r.kind as string), attendance: r.attendance as number, note: r.note as string | null,
    }),
    export: {
      filename: '法治宣传活动',
      columns: [
        { header: '日期', value: (i) => i.heldOn },
        { header: '主办', width: 28, value: (i) => i.orgName },
        { header: '形式', value: (i) => i.kindLabel },
        { header: '主题', width: 36, value: (i) => i.topic },
        { header: '地点', width: 24, value: (i) => i.place },
        { header: '参加人数', value: (i) => i.attendance },
      ],
    },
  });

  app.get('/api/legal/events-totals', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '法治宣传合计（场次、参加人数、按形式）', querystring: z.object({ from: date, to: date }) },
  }, async (req) => eventTotals(db, accessOf(req).require('legal:read'), req.query.from, req.query.to));

  app.post('/api/legal/events', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '登记法治宣传活动', body: eventBody },
  }, async (req, reply) => {
    const scope = accessOf(req).require('legal:write');
    return reply.code(201).send(await createEvent(db, actorOf(req), scope, { ...req.body, orgId: targetOrg(scope, req.body.orgId) }));
  });

  app.patch('/api/legal/events/:id', {
    config: { access: 'legal:write' },
    schema: { tags, summary: '修改法治宣传活动', params: idParams, body: eventBody.omit({ orgId: true }).partial() },
  }, async (req) => updateEvent(db, actorOf(req), accessOf(req).require('legal:write'), req.params.id, req.body));

  // ---- full personal numbers: only through the audited reveal (member:reveal) -------------
  const revealBody = z.object({ field: z.enum(['phone', 'id_number'], { error: '请选择号码类型' }) });
  app.post('/api/legal/aid/:id/reveal', {
    config: { access: 'member:reveal' },
    schema: { tags, summary: '查看申请人完整手机号或身份证号（记入审计）', params: idParams, body: revealBody },
  }, async (req) => {
    const c = await legalAidInScopeOrThrow(db, accessOf(req).require('member:reveal'), req.params.id);
    const sealed = req.body.field === 'phone' ? c.applicant_phone_enc : c.applicant_id_enc;
    const value = await revealPersonalNumber(db, crypto, actorOf(req), { entity: 'legal_aid_case', entityId: c.id, orgId: c.org_id, field: req.body.field, sealed, label: `${c.case_no} 申请人${c.applicant_name}` });
    return { value };
  });
  app.post('/api/legal/mediation/:id/reveal', {
    config: { access: 'member:reveal' },
    schema: { tags, summary: '查看职工完整手机号或身份证号（记入审计）', params: idParams, body: revealBody },
  }, async (req) => {
    const c = await mediationInScopeOrThrow(db, accessOf(req).require('member:reveal'), req.params.id);
    const sealed = req.body.field === 'phone' ? c.worker_phone_enc : c.worker_id_enc;
    const value = await revealPersonalNumber(db, crypto, actorOf(req), { entity: 'mediation_case', entityId: c.id, orgId: c.org_id, field: req.body.field, sealed, label: `${c.case_no} 职工${c.worker_name}` });
    return { value };
  });

  // ---- figures and settings ---------------------------------------------------------
  app.get('/api/legal/figures', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '法律服务统计（期间内）', querystring: z.object({ from: date, to: date }) },
  }, async (req) => legalFigures(db, accessOf(req).require('legal:read'), req.query));

  app.get('/api/legal/settings', {
    config: { access: 'legal:read' },
    schema: { tags, summary: '法律服务设置（法律援助审查期限，工作日）' },
  }, async () => legalSettings(db));

  app.put('/api/legal/settings', {
    config: { access: 'legal:approve' },
    schema: { tags, summary: '修改法律援助审查期限（全县）', body: z.object({ reviewDays: z.number().int('应为整数').min(1, '至少1个工作日').max(60, '不超过60个工作日') }) },
  }, async (req) => {
    accessOf(req).requireTop('legal:approve');
    const before = await legalSettings(db);
    await db.transaction().execute(async (tx) => {
      await putSetting(tx, 'legal', req.body, actorOf(req).id);
      await audit(tx, actorOf(req), { action: 'settings.update', entity: 'setting', entityId: 'legal', summary: `法律援助审查期限改为${req.body.reviewDays}个工作日`, before, after: req.body });
    });
    return legalSettings(db);
  });
}
