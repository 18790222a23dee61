import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { handleObjection, transition, type TransitionInput } from './flow.service.js';
import { flowActions, type FlowActionName } from './hardship.flow.js';
import { commentBody, handleObjectionBody, idParams, reasonBody, visitBody, yearlyReviewBody } from './schemas.js';

const tags = ['困难职工帮扶'];

type DetailFor = (req: FastifyRequest, id: number) => Promise<unknown>;

/** POST /api/hardship/archives/:id/<action>: one route per step of the flow (hardship.flow.ts). */
export function registerFlowRoutes(app: App, detailFor: DetailFor) {
  const step = <B extends z.ZodType>(action: FlowActionName, path: string, body: B, summary: string, toInput: (b: z.infer<B>) => TransitionInput) => {
    app.post(`/api/hardship/archives/:id/${path}`, {
      config: { access: flowActions[action].permission },
      schema: { tags, summary, params: idParams, body },
    }, async (req) => {
      const { id } = req.params as { id: number };
      await transition(app.db, app.fieldCrypto, accessOf(req), actorOf(req), id, action, toInput(req.body as z.infer<B>));
      return detailFor(req, id);
    });
  };
  step('submit', 'submit', commentBody, '提交申请（草稿或退回后）', (b) => b);
  step('review', 'review', commentBody, '基层审核通过（乡镇工会）', (b) => b);
  step('visit', 'visit', visitBody, '登记入户核查记录', (b) => ({ comment: b.comment, visit: b }));
  step('notice', 'notice', commentBody, '发布公示（5个工作日）', (b) => b);
  step('approve', 'approve', commentBody, '县总工会审批并建档（公示期满且异议已处理）', (b) => b);
  step('return', 'return', reasonBody, '退回申请人修改（须填写理由）', (b) => b);
  step('reject', 'reject', reasonBody, '驳回（须填写书面理由）', (b) => b);
  step('yearly_review', 'yearly-review', yearlyReviewBody, '年度复核：更新家庭情况，重新计算困难类别', (b) => {
    const { comment, ...figures } = b;
    return { comment, figures };
  });
  step('resolve', 'resolve', commentBody, '解困脱困', (b) => b);
  step('exit', 'exit', reasonBody, '退出（须填写理由）', (b) => b);

  app.post('/api/hardship/objections/:id/handle', {
    config: { access: 'hardship:review' },
    schema: { tags, summary: '处理公示异议（须填写处理意见）', params: idParams, body: handleObjectionBody },
  }, async (req) => {
    await handleObjection(app.db, actorOf(req), accessOf(req).require('hardship:review'), req.params.id, req.body.note);
    return { ok: true };
  });
}
