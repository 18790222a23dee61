import { z } from 'zod';
import { codeLabel } from '../../../lib/code-tables.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { ownedInScope } from '../../platform/scope.js';
import { escapeLike } from './common.js';
import { idParams, transferAcceptBody, transferCancelBody, transferFilters, transferRefuseBody } from './schemas.js';
import { memberScopesOf } from './member.routes.js';
import { decideTransfer, transferBaseQuery, transferDetail, transferTargets, transferView } from './transfer.service.js';

const tags = ['会员关系接转'];

export function registerTransferRoutes(app: App) {
  registerListRoutes(app, {
    url: '/api/transfers',
    access: 'member:read',
    tags,
    summary: '会员关系接转：incoming 转入本辖区、outgoing 由本辖区转出（不填为两者）',
    filters: transferFilters,
    query: (req, f) => {
      const access = accessOf(req);
      const scope = access.require('member:read');
      let q = transferBaseQuery(app.db, access.scope('member:write'));
      if (f.direction === 'incoming') q = q.where(ownedInScope('t.to_org_id', scope));
      else if (f.direction === 'outgoing') q = q.where(ownedInScope('t.from_org_id', scope));
      else q = q.where((eb) => eb.or([ownedInScope('t.from_org_id', scope), ownedInScope('t.to_org_id', scope)]));
      if (f.status) q = q.where('t.status', '=', f.status);
      if (f.q) q = q.where('m.name', 'ilike', `%${escapeLike(f.q)}%`);
      return q;
    },
    sortable: { requestedAt: 't.requested_at', decidedAt: 't.decided_at', memberName: 'm.name' },
    defaultSort: '-requestedAt',
    tieBreaker: 't.id',
    toItem: (r) => transferView(r),
    export: {
      filename: '会员关系接转',
      columns: [
        { header: '会员', value: (i) => i.member.name },
        { header: '身份证号', width: 22, value: (i) => i.member.idNumber },
        { header: '职工类别', width: 16, value: (i) => codeLabel('worker_category', i.member.category) },
        { header: '转出工会', width: 32, value: (i) => i.from.name },
        { header: '接收工会', width: 32, value: (i) => i.to.name },
        { header: '原因', width: 24, value: (i) => i.reason },
        { header: '状态', value: (i) => i.statusLabel },
        { header: '申请人', value: (i) => i.requestedBy },
        { header: '申请时间', width: 20, value: (i) => i.requestedAt },
        { header: '处理人', value: (i) => i.decidedBy },
        { header: '处理时间', width: 20, value: (i) => i.decidedAt },
        { header: '处理意见', width: 24, value: (i) => i.decisionNote },
      ],
    },
  });

  app.get('/api/transfers/targets', {
    config: { access: 'member:write' },
    schema: { tags, summary: '按名称查找接收工会（全部基层工会，仅显示名称）', querystring: z.object({ q: z.string().trim().min(2, '请至少输入2个字').max(50) }) },
  }, async (req) => ({ items: await transferTargets(app.db, req.query.q) }));

  app.get('/api/transfers/:id', {
    config: { access: 'member:read' },
    schema: { tags, summary: '接转申请详情（转出方与接收方均可查看）', params: idParams },
  }, async (req) => {
    const access = accessOf(req);
    return transferDetail(app.db, access.require('member:read'), access.scope('member:write'), req.params.id);
  });

  app.post('/api/transfers/:id/accept', {
    config: { access: 'member:write' },
    schema: { tags, summary: '接收方确认接收：会员转入本工会（可指定本辖区的用人单位）', params: idParams, body: transferAcceptBody },
  }, async (req) => {
    const scopes = memberScopesOf(req);
    await decideTransfer(app.db, actorOf(req), scopes, req.params.id, 'accept', req.body);
    return transferDetail(app.db, scopes.write, scopes.write, req.params.id);
  });

  app.post('/api/transfers/:id/refuse', {
    config: { access: 'member:write' },
    schema: { tags, summary: '接收方拒绝（须填原因）', params: idParams, body: transferRefuseBody },
  }, async (req) => {
    const scopes = memberScopesOf(req);
    await decideTransfer(app.db, actorOf(req), scopes, req.params.id, 'refuse', req.body);
    return transferDetail(app.db, scopes.write, scopes.write, req.params.id);
  });

  app.post('/api/transfers/:id/cancel', {
    config: { access: 'member:write' },
    schema: { tags, summary: '转出方撤回待接收的申请', params: idParams, body: transferCancelBody },
  }, async (req) => {
    const scopes = memberScopesOf(req);
    await decideTransfer(app.db, actorOf(req), scopes, req.params.id, 'cancel', req.body);
    return transferDetail(app.db, scopes.write, scopes.write, req.params.id);
  });
}
