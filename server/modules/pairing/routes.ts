import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { codeLabel } from '../../../lib/code-tables.js';
import { maskPhoneFromLast4 } from '../../../lib/masking.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { orgInScopeOrThrow, ownedInScope } from '../../platform/scope.js';
import { clock } from '../../platform/clock.js';
import { inSubtreeOf } from '../membership/common.js';
import {
  addVisit, createPair, createRound, endPair, helperCandidates, listRounds, pairDetail, revealContactPhone, setResult,
  townshipName, updatePair, updateRound,
} from './pairing.service.js';
import { registerPhotoRoutes } from './photos.routes.js';
import { quarterOf, yuan } from './rules.js';
import { visitKinds } from './tables.js';

const tags = ['结对帮扶'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isRealDate, '不是有效的日期');
const text = (max: number, empty = '请填写') => z.string().trim().min(1, empty).max(max, `不能超过${max}个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish().transform((v) => (v ? v : null));
const outcome = z.enum(['out_of_hardship', 'improved', 'continuing'], '请选择帮扶成效');
const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

const roundBody = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  name: text(50, '请填写轮次名称，如“第三轮”'),
  startDate: date,
  endDate: date.nullish(),
  isCurrent: z.boolean().optional(),
  remark: optionalText(500),
});

const pairBody = z.object({
  roundId: z.coerce.number().int().positive('请选择结对轮次'),
  archiveId: z.coerce.number().int().positive('请选择困难职工家庭'),
  helperKind: z.enum(['cadre', 'unit'], '请选择干部结对或单位结对'),
  helperUserId: z.coerce.number().int().positive().nullish(),
  helperName: optionalText(100),
  helperPosition: optionalText(100),
  helperUnit: optionalText(100),
  contactName: optionalText(50),
  contactPhone: z.string().trim().max(20).nullish(),
  startDate: date,
  goals: optionalText(1000),
});

const pairUpdateBody = z.object({
  helperName: z.string().trim().max(100, '不能超过100个字').optional(),
  helperPosition: optionalText(100),
  helperUnit: optionalText(100),
  contactName: optionalText(50),
  contactPhone: z.string().trim().max(20).nullish(),
  goals: optionalText(1000),
});

const resultBody = z.object({ resultOutcome: outcome, resultText: optionalText(2000) });
const endBody = z.object({ endedOn: date, endReason: text(200, '请填写结束原因'), resultOutcome: outcome.optional(), resultText: optionalText(2000) });

const visitBody = z.object({
  visitedOn: date,
  visitParty: text(200, '请填写走访人员'),
  visitKinds: z.array(z.enum(visitKinds, '不是有效的走访内容')).min(1, '请至少选择一项走访内容').max(visitKinds.length),
  note: optionalText(1000),
  amountFen: z.number().int('金额应为整数分').min(0, '不能为负数').max(100_000_000, '金额过大').nullish(),
});

const listFilters = {
  roundId: z.coerce.number().int().positive().optional(),
  township: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'ended']).optional(),
  helperKind: z.enum(['cadre', 'unit']).optional(),
  q: z.string().trim().max(50).optional(),
};

interface PairItem {
  id: number;
  roundId: number;
  roundName: string;
  archiveId: number;
  memberId: number;
  workerName: string;
  orgId: number;
  orgName: string;
  townshipName: string | null;
  helperKind: 'cadre' | 'unit';
  helperKindLabel: string;
  helperName: string;
  helperPosition: string | null;
  helperUnit: string | null;
  contactPhone: string | null;
  startDate: string;
  status: 'active' | 'ended';
  statusLabel: string;
  endedOn: string | null;
  resultOutcome: string | null;
  resultOutcomeLabel: string | null;
  visitCount: number;
  lastVisit: string | null;
  amountFen: number;
}

export function registerPairingRoutes(app: App) {
  const db = app.db;
  const readScope = (req: FastifyRequest) => accessOf(req).require('pairing:read');
  const writeScope = (req: FastifyRequest) => accessOf(req).require('pairing:write');

  /** The pairs the caller sees, with the columns every list of pairs shows. */
  const pairsQuery = async (req: FastifyRequest, f: { roundId?: number; township?: number; status?: string; helperKind?: string; q?: string }) => {
    const scope = readScope(req);
    let q = db.selectFrom('pairing as p')
      .innerJoin('pairing_round as r', 'r.id', 'p.round_id')
      .innerJoin('org as o', 'o.id', 'p.org_id')
      .innerJoin('member as m', 'm.id', 'p.member_id')
      .select([
        'p.id', 'p.round_id', 'r.name as round_name', 'p.archive_id', 'p.member_id', 'm.name as worker_name', 'p.org_id', 'o.name as org_name',
        townshipName('o.path').as('township_name'), 'p.helper_kind', 'p.helper_name', 'p.helper_position', 'p.helper_unit', 'p.contact_phone_last4',
        'p.start_date', 'p.status', 'p.ended_on', 'p.result_outcome',
        sql<number>`(select count(*)::int from pairing_visit v where v.pairing_id = p.id)`.as('visit_count'),
        sql<string | null>`(select max(v.visit_date)::text from pairing_visit v where v.pairing_id = p.id)`.as('last_visit'),
        sql<number>`(select coalesce(sum(v.amount_fen), 0)::bigint from pairing_visit v where v.pairing_id = p.id)`.as('amount_fen'),
      ])
      .where(ownedInScope('p.org_id', scope));
    if (f.roundId) q = q.where('p.round_id', '=', f.roundId);
    if (f.township) {
      // a township outside the scope answers 404, as its records would
      await orgInScopeOrThrow(db, f.township, scope, '乡镇(街道)');
      q = q.where(inSubtreeOf('o.path', f.township));
    }
    if (f.status) q = q.where('p.status', '=', f.status as 'active' | 'ended');
    if (f.helperKind) q = q.where('p.helper_kind', '=', f.helperKind as 'cadre' | 'unit');
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where((eb) => eb.or([eb('m.name', 'like', like), eb('p.helper_name', 'like', like), eb('p.helper_unit', 'like', like)]));
    }
    return q;
  };

  const toItem = (r: Record<string, unknown>): PairItem => ({
    id: r.id as number, roundId: r.round_id as number, roundName: r.round_name as string, archiveId: r.archive_id as number,
    memberId: r.member_id as number, workerName: r.worker_name as string, orgId: r.org_id as number, orgName: r.org_name as string,
    townshipName: r.township_name as string | null, helperKind: r.helper_kind as 'cadre' | 'unit',
    helperKindLabel: codeLabel('pairing_helper_kind', r.helper_kind as string), helperName: r.helper_name as string,
    helperPosition: r.helper_position as string | null, helperUnit: r.helper_unit as string | null,
    contactPhone: r.contact_phone_last4 ? maskPhoneFromLast4(r.contact_phone_last4 as string) : null,
    startDate: r.start_date as string, status: r.status as 'active' | 'ended', statusLabel: codeLabel('pairing_status', r.status as string),
    endedOn: r.ended_on as string | null, resultOutcome: r.result_outcome as string | null,
    resultOutcomeLabel: r.result_outcome ? codeLabel('pairing_outcome', r.result_outcome as string) : null,
    visitCount: r.visit_count as number, lastVisit: r.last_visit as string | null, amountFen: Number(r.amount_fen ?? 0),
  });

  const sortable = { startDate: 'p.start_date', workerName: 'm.name', helperName: 'p.helper_name', lastVisit: 'last_visit', orgName: 'o.name' };

  registerListRoutes(app, {
    url: '/api/pairing/pairs',
    access: 'pairing:read',
    tags,
    summary: '结对列表（筛选：轮次、乡镇、状态、结对方式、关键字：职工或结对干部/单位）',
    filters: listFilters,
    query: pairsQuery,
    sortable,
    defaultSort: '-startDate',
    tieBreaker: 'p.id',
    toItem,
    export: {
      filename: '结对帮扶名单',
      columns: [
        { header: '轮次', width: 10, value: (i) => i.roundName },
        { header: '乡镇(街道)', width: 18, value: (i) => i.townshipName },
        { header: '建档工会', width: 30, value: (i) => i.orgName },
        { header: '困难职工', width: 10, value: (i) => i.workerName },
        { header: '结对方式', width: 10, value: (i) => i.helperKindLabel },
        { header: '结对干部(单位)', width: 20, value: (i) => i.helperName },
        { header: '职务', width: 16, value: (i) => i.helperPosition },
        { header: '工作单位', width: 24, value: (i) => i.helperUnit },
        { header: '联系电话', width: 14, value: (i) => i.contactPhone },
        { header: '结对日期', width: 12, value: (i) => i.startDate },
        { header: '状态', width: 8, value: (i) => i.statusLabel },
        { header: '结束日期', width: 12, value: (i) => i.endedOn },
        { header: '走访次数', width: 8, value: (i) => i.visitCount },
        { header: '最近走访', width: 12, value: (i) => i.lastVisit },
        { header: '物资(资金)合计(元)', width: 16, value: (i) => yuan(i.amountFen) },
        { header: '帮扶成效', width: 10, value: (i) => i.resultOutcomeLabel },
      ],
    },
  });

  // 本季度未走访: active pairs with no visit dated in the calendar quarter of today (Shanghai)
  registerListRoutes(app, {
    url: '/api/pairing/no-visit',
    access: 'pairing:read',
    tags,
    summary: '本季度未走访的结对（当前日期所在自然季度内没有走访记录的在结对家庭）',
    filters: { roundId: listFilters.roundId, township: listFilters.township, helperKind: listFilters.helperKind, q: listFilters.q },
    query: async (req, f) => {
      const quarter = quarterOf(clock.today());
      return (await pairsQuery(req, { ...f, status: 'active' }))
        .where(sql<boolean>`not exists (select 1 from pairing_visit v where v.pairing_id = p.id and v.visit_date >= ${quarter.start}::date and v.visit_date <= ${quarter.end}::date)`);
    },
    sortable,
    defaultSort: 'lastVisit',
    tieBreaker: 'p.id',
    toItem,
    export: {
      filename: '本季度未走访结对',
      columns: [
        { header: '乡镇(街道)', width: 18, value: (i) => i.townshipName },
        { header: '建档工会', width: 30, value: (i) => i.orgName },
        { header: '困难职工', width: 10, value: (i) => i.workerName },
        { header: '结对方式', width: 10, value: (i) => i.helperKindLabel },
        { header: '结对干部(单位)', width: 20, value: (i) => i.helperName },
        { header: '工作单位', width: 24, value: (i) => i.helperUnit },
        { header: '联系电话', width: 14, value: (i) => i.contactPhone },
        { header: '结对日期', width: 12, value: (i) => i.startDate },
        { header: '最近走访', width: 12, value: (i) => i.lastVisit ?? '从未走访' },
        { header: '轮次', width: 10, value: (i) => i.roundName },
      ],
    },
  });

  app.get('/api/pairing/no-visit/summary', {
    config: { access: 'pairing:read' },
    schema: { tags, summary: '本季度走访情况按乡镇汇总（在结对数、已走访、未走访）', querystring: z.object({ roundId: listFilters.roundId }) },
  }, async (req) => {
    const scope = readScope(req);
    const quarter = quarterOf(clock.today());
    let q = db.selectFrom('pairing as p').innerJoin('org as o', 'o.id', 'p.org_id')
      .leftJoin('org as tw', (j) => j.on(sql<boolean>`nlevel(o.path) >= 2 and tw.path = subpath(o.path, 0, 2)`))
      .select([
        'tw.id as township_id', 'tw.name as township_name',
        sql<number>`count(*)::int`.as('active'),
        sql<number>`count(*) filter (where exists (select 1 from pairing_visit v where v.pairing_id = p.id and v.visit_date >= ${quarter.start}::date and v.visit_date <= ${quarter.end}::date))::int`.as('visited'),
      ])
      .where('p.status', '=', 'active').where(ownedInScope('p.org_id', scope))
      .groupBy(['tw.id', 'tw.name', 'tw.sort_order']).orderBy('tw.sort_order').orderBy('tw.id');
    if (req.query.roundId) q = q.where('p.round_id', '=', req.query.roundId);
    const rows = await q.execute();
    const townships = rows.map((r) => ({ townshipId: r.township_id, townshipName: r.township_name, active: r.active, visited: r.visited, notVisited: r.active - r.visited }));
    const sum = (k: 'active' | 'visited' | 'notVisited') => townships.reduce((s, x) => s + x[k], 0);
    return { quarter: { label: quarter.label, start: quarter.start, end: quarter.end }, today: clock.today(), townships, total: { active: sum('active'), visited: sum('visited'), notVisited: sum('notVisited') } };
  });

  // rounds
  app.get('/api/pairing/rounds', {
    config: { access: 'pairing:read' },
    schema: { tags, summary: '结对轮次（本级及上级组织的轮次；含本辖区结对数）' },
  }, async (req) => ({ items: await listRounds(db, readScope(req)) }));

  app.post('/api/pairing/rounds', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '新建结对轮次（不填组织时为本人所在组织）', body: roundBody },
  }, async (req, reply) => reply.code(201).send(await createRound(db, actorOf(req), writeScope(req), req.body)));

  app.patch('/api/pairing/rounds/:id', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '修改结对轮次（设为当前轮次时，同组织的其他轮次不再是当前轮次）', params: idParams, body: roundBody.omit({ orgId: true }).partial() },
  }, async (req) => updateRound(db, actorOf(req), writeScope(req), req.params.id, req.body));

  app.get('/api/pairing/helpers', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '可选的结对干部账号（本辖区及上级组织的在用账号）', querystring: z.object({ q: z.string().trim().max(50).optional() }) },
  }, async (req) => helperCandidates(db, writeScope(req), req.query.q));

  // pairs
  app.post('/api/pairing/pairs', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '新建结对：干部或单位与一户已建档的困难职工家庭结对（每轮每户至多一个在结对）', body: pairBody },
  }, async (req, reply) => {
    const pair = await createPair(db, app.fieldCrypto, actorOf(req), writeScope(req), req.body);
    return reply.code(201).send(await pairDetail(db, readScope(req), pair.id));
  });

  app.get('/api/pairing/pairs/:id', {
    config: { access: 'pairing:read' },
    schema: { tags, summary: '结对详情：家庭、结对干部(单位)、目标、走访记录（含照片）、成效、操作记录', params: idParams },
  }, async (req) => pairDetail(db, readScope(req), req.params.id));

  app.patch('/api/pairing/pairs/:id', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '修改结对信息（结对干部、联系人、帮扶目标）', params: idParams, body: pairUpdateBody },
  }, async (req) => {
    await updatePair(db, app.fieldCrypto, actorOf(req), writeScope(req), req.params.id, req.body);
    return pairDetail(db, readScope(req), req.params.id);
  });

  app.put('/api/pairing/pairs/:id/result', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '登记帮扶成效（已脱困 / 好转 / 持续帮扶）', params: idParams, body: resultBody },
  }, async (req) => {
    await setResult(db, actorOf(req), writeScope(req), req.params.id, req.body);
    return pairDetail(db, readScope(req), req.params.id);
  });

  app.post('/api/pairing/pairs/:id/end', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '结束结对', params: idParams, body: endBody },
  }, async (req) => {
    await endPair(db, actorOf(req), writeScope(req), req.params.id, req.body);
    return pairDetail(db, readScope(req), req.params.id);
  });

  app.post('/api/pairing/pairs/:id/reveal-phone', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '查看结对联系人的完整手机号码（记入审计日志）', params: idParams },
  }, async (req) => revealContactPhone(db, app.fieldCrypto, actorOf(req), writeScope(req), req.params.id));

  app.post('/api/pairing/pairs/:id/visits', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '登记走访（走访日期不能晚于今天）；照片随后上传到 /api/pairing/visits/:id/photos', params: idParams, body: visitBody },
  }, async (req, reply) => {
    const visit = await addVisit(db, actorOf(req), writeScope(req), req.params.id, req.body);
    return reply.code(201).send(visit);
  });

  registerPhotoRoutes(app);
}
