import { codeLabel } from '../../../lib/code-tables.js';
import { maskIdFromLast4 } from '../../../lib/masking.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { orgInScopeOrThrow, ownedInScope } from '../../platform/scope.js';
import { escapeLike, inSubtreeOf } from '../membership/common.js';
import { archivesOfMember } from './hardship.exports.js';
import { memberInScopeOrThrow } from '../membership/member.service.js';
import type { FastifyRequest } from 'fastify';
import type { Permission } from '../../../lib/permissions.js';
import { clock } from '../../platform/clock.js';
import { listFiles } from '../../platform/files.js';
import { isWithin } from '../../platform/scope.js';
import { archiveDetail, createArchive, editableStatuses, updateArchive } from './hardship.service.js';
import { availableActions } from './flow.service.js';
import { closedStatuses } from './hardship.flow.js';
import { FILE_OWNER, registerFileRoutes } from './file.routes.js';
import { registerFlowRoutes } from './flow.routes.js';
import { registerPublicRoutes } from './public.routes.js';
import { registerSettingRoutes } from './setting.routes.js';
import { registerFollowupRoutes } from './followup.routes.js';
import { archiveFilters, createArchiveBody, idParams, updateArchiveBody } from './schemas.js';
import { statusLabels } from './hardship.flow.js';

const tags = ['困难职工帮扶'];

const fen2yuan = (fen: number) => (fen / 100).toFixed(2);

export function registerHardshipRoutes(app: App) {
  const crypto = app.fieldCrypto;

  /** The archive page: the record, its files, and what the caller may do with it now. */
  const detailFor = async (req: FastifyRequest, id: number) => {
    const access = accessOf(req);
    const detail = await archiveDetail(app.db, crypto, access.require('hardship:read'), id);
    const org = await app.db.selectFrom('org').select('path').where('id', '=', detail.org.id).executeTakeFirstOrThrow();
    const inScope = (perm: Permission) => access.scope(perm).some((p) => isWithin(org.path, p));
    const open = !closedStatuses.includes(detail.status);
    return {
      ...detail,
      files: await listFiles(app.db, FILE_OWNER, id),
      actions: availableActions(access, { status: detail.status, org_id: detail.org.id }, org.path),
      canEdit: inScope('hardship:apply') && editableStatuses.includes(detail.status),
      canUpload: inScope('hardship:apply') && open,
      canHandleObjections: inScope('hardship:review'),
      noticeOver: detail.noticeEnd !== null && clock.today() > detail.noticeEnd,
      today: clock.today(),
    };
  };

  registerFlowRoutes(app, detailFor);
  registerFileRoutes(app);
  registerPublicRoutes(app);
  registerSettingRoutes(app);
  registerFollowupRoutes(app);

  registerListRoutes(app, {
    url: '/api/hardship/archives',
    access: 'hardship:read',
    tags,
    summary: '困难职工档案列表（q：职工姓名；orgId：该组织及其下级）',
    filters: archiveFilters,
    query: async (req, f) => {
      const scope = accessOf(req).require('hardship:read');
      let q = app.db.selectFrom('hardship_archive as a')
        .innerJoin('member as m', 'm.id', 'a.member_id')
        .innerJoin('org as o', 'o.id', 'a.org_id')
        .select([
          'a.id', 'a.archive_no', 'a.status', 'a.level', 'a.main_cause', 'a.secondary_cause', 'a.household_size', 'a.yearly_income_fen',
          'a.rigid_expense_fen', 'a.applied_at', 'a.archived_on', 'a.next_review_due', 'a.last_reviewed_on', 'a.last_assisted_on',
          'a.notice_start', 'a.notice_end', 'a.work_status', 'a.created_at', 'a.org_id',
          'm.name as worker_name', 'm.id_number_last4', 'o.name as org_name',
        ])
        .where(ownedInScope('a.org_id', scope));
      if (f.q) q = q.where('m.name', 'ilike', `%${escapeLike(f.q)}%`);
      if (f.status) q = q.where('a.status', '=', f.status as never);
      if (f.level) q = q.where('a.level', '=', f.level);
      if (f.cause) q = q.where((eb) => eb.or([eb('a.main_cause', '=', f.cause!), eb('a.secondary_cause', '=', f.cause!)]));
      if (f.memberId) q = q.where('a.member_id', '=', f.memberId);
      if (f.year) {
        const year = f.year;
        // archived (建档) that year, or filed that year when not archived yet
        q = q.where((eb) => eb.or([
          eb.and([eb('a.archived_on', '>=', `${year}-01-01`), eb('a.archived_on', '<=', `${year}-12-31`)]),
          eb.and([eb('a.archived_on', 'is', null), eb('a.created_at', '>=', new Date(`${year}-01-01T00:00:00+08:00`)), eb('a.created_at', '<', new Date(`${year + 1}-01-01T00:00:00+08:00`))]),
        ]));
      }
      if (f.orgId) {
        await orgInScopeOrThrow(app.db, f.orgId, scope, '组织');
        q = q.where(inSubtreeOf('o.path', f.orgId));
      }
      return q;
    },
    sortable: { createdAt: 'a.created_at', archivedOn: 'a.archived_on', nextReviewDue: 'a.next_review_due', workerName: 'm.name', archiveNo: 'a.archive_no', level: 'a.level' },
    defaultSort: '-createdAt',
    tieBreaker: 'a.id',
    toItem: (r) => archiveListItem(r),
    export: {
      filename: '困难职工档案',
      columns: [
        { header: '档案编号', width: 16, value: (i) => i.archiveNo },
        { header: '职工', value: (i) => i.workerName },
        { header: '身份证号', width: 22, value: (i) => i.idNumber },
        { header: '所属工会', width: 30, value: (i) => i.orgName },
        { header: '困难类别', value: (i) => codeLabel('hardship_level', i.level) },
        { header: '状态', value: (i) => i.statusLabel },
        { header: '主要致困原因', width: 14, value: (i) => codeLabel('hardship_cause', i.mainCause) },
        { header: '家庭人口', value: (i) => i.householdSize },
        { header: '家庭年收入(元)', width: 16, value: (i) => fen2yuan(i.incomeFen) },
        { header: '刚性支出(元)', width: 16, value: (i) => fen2yuan(i.expenseFen) },
        { header: '建档日期', width: 14, value: (i) => i.archivedOn },
        { header: '下次复核', width: 14, value: (i) => i.nextReviewDue },
        { header: '最近帮扶', width: 14, value: (i) => i.lastAssistedOn },
      ],
    },
  });

  app.post('/api/hardship/archives', {
    config: { access: 'hardship:apply' },
    schema: { tags, summary: '新建困难职工档案申请（submit=false 存为草稿，true 提交申请）', body: createArchiveBody },
  }, async (req, reply) => {
    const access = accessOf(req);
    const id = await app.db.transaction().execute((tx) => createArchive(tx, crypto, actorOf(req), access.require('hardship:apply'), req.body));
    reply.code(201);
    return detailFor(req, id);
  });

  app.get('/api/hardship/archives/:id', {
    config: { access: 'hardship:read' },
    schema: { tags, summary: '困难职工档案详情（含家庭成员、收支、困难类别计算过程、时间线）', params: idParams },
  }, async (req) => detailFor(req, req.params.id));

  app.put('/api/hardship/archives/:id', {
    config: { access: 'hardship:apply' },
    schema: { tags, summary: '修改草稿、退回或待审核的申请（困难类别重新计算）', params: idParams, body: updateArchiveBody },
  }, async (req) => {
    const access = accessOf(req);
    await updateArchive(app.db, crypto, actorOf(req), access.require('hardship:apply'), req.params.id, req.body);
    return detailFor(req, req.params.id);
  });

  app.get('/api/hardship/members/:id/archives', {
    config: { access: 'hardship:read' },
    schema: { tags, summary: '某会员的困难职工档案（会员页）', params: idParams },
  }, async (req) => {
    const scope = accessOf(req).require('hardship:read');
    // the member is loaded through the scope first: one of another township is a 404
    await memberInScopeOrThrow(app.db, req.params.id, scope);
    return { items: await archivesOfMember(app.db, scope, req.params.id) };
  });
}

export function archiveListItem(r: Record<string, unknown>) {
  const status = r.status as keyof typeof statusLabels;
  return {
    id: r.id as number,
    archiveNo: r.archive_no as string | null,
    status,
    statusLabel: statusLabels[status],
    level: r.level as string,
    mainCause: r.main_cause as string,
    secondaryCause: r.secondary_cause as string | null,
    workerName: r.worker_name as string,
    idNumber: maskIdFromLast4(r.id_number_last4 as string),
    orgId: r.org_id as number,
    orgName: r.org_name as string,
    householdSize: r.household_size as number,
    incomeFen: r.yearly_income_fen as number,
    expenseFen: r.rigid_expense_fen as number,
    workStatus: r.work_status as string,
    appliedAt: r.applied_at as Date | null,
    archivedOn: r.archived_on as string | null,
    nextReviewDue: r.next_review_due as string | null,
    lastReviewedOn: r.last_reviewed_on as string | null,
    lastAssistedOn: r.last_assisted_on as string | null,
    noticeStart: r.notice_start as string | null,
    noticeEnd: r.notice_end as string | null,
    createdAt: r.created_at as Date,
  };
}
