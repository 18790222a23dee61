import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { pdfFontCharacters } from '../../../test-support/pdf-text.js';
import { clock } from '../../../platform/clock.js';

let t: TestContext;
let staff: Client;
let cadreA: Client;
let cadreB: Client;
let caseId: number;

beforeAll(async () => {
  t = await createTestContext();
  [staff, cadreA, cadreB] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('cadreB')]);
});
afterAll(async () => { clock.reset(); await t?.close(); });

const download = async (client: Client, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
  return { status: res.statusCode, type: res.headers['content-type'], bytes: res.rawPayload };
};

describe('labor-dispute mediation and its 15-day limit', () => {
  it('accepts a case due 15 calendar days later', async () => {
    clock.setToday('2026-11-02');
    const res = await cadreA.post('/api/legal/mediation', {
      orgId: t.orgs.unionA, worker: { name: '李秀英', phone: '13705462222', count: 3 }, employerName: '甲镇恒通纺织有限公司', employerContact: '王经理',
      subject: 'labor_contract', claim: '支付解除劳动合同经济补偿金', amountClaimedFen: 4_500_000,
    });
    expect(res.status).toBe(201);
    caseId = res.body.id;
    const detail = await cadreA.get(`/api/legal/mediation/${caseId}`);
    expect(detail.body).toMatchObject({ acceptedOn: '2026-11-02', dueOn: '2026-11-17', status: 'accepted', deadline: { state: 'ok', daysLeft: 15 } });
  });

  it('flags 即将到期 on day 12 and 已超期 on day 16, on the list and the case page', async () => {
    clock.setToday('2026-11-14'); // day 12: 3 days left
    let detail = await cadreA.get(`/api/legal/mediation/${caseId}`);
    expect(detail.body.deadline).toEqual({ state: 'due_soon', daysLeft: 3 });
    let list = await cadreA.get('/api/legal/mediation?deadline=warn');
    expect(list.body.items).toEqual([expect.objectContaining({ id: caseId, deadlineLabel: '即将到期' })]);
    expect((await cadreA.get('/api/legal/mediation?deadline=overdue')).body.items).toEqual([]);
    clock.setToday('2026-11-18'); // day 16
    detail = await cadreA.get(`/api/legal/mediation/${caseId}`);
    expect(detail.body.deadline).toEqual({ state: 'overdue', daysLeft: -1 });
    list = await cadreA.get('/api/legal/mediation?deadline=overdue');
    expect(list.body.items).toEqual([expect.objectContaining({ id: caseId, deadlineLabel: '已超期' })]);
    clock.setToday('2026-11-05');
  });

  it('sets a mediator, records sessions (→ 调解中), then an agreement once', async () => {
    expect((await cadreA.post(`/api/legal/mediation/${caseId}/agreement`, { agreementTerms: '支付补偿', agreementAmountFen: 1 })).body.error.fields.mediatorName).toBeTruthy();
    expect((await cadreA.post(`/api/legal/mediation/${caseId}/mediator`, { name: '赵调解' })).status).toBe(200);
    const bad = await cadreA.post(`/api/legal/mediation/${caseId}/sessions`, { heldOn: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.heldOn).toContain('不能早于受理日期');
    expect((await cadreA.post(`/api/legal/mediation/${caseId}/sessions`, { heldOn: '2026-11-04', place: '甲镇工会调解室', attendees: '李秀英、王经理', note: '双方陈述' })).status).toBe(201);
    expect((await cadreA.get(`/api/legal/mediation/${caseId}`)).body.statusLabel).toBe('调解中');
    const body = { agreementTerms: '公司于2026年11月30日前一次性支付经济补偿金42000元。', agreementAmountFen: 4_200_000 };
    const ok = await cadreA.post(`/api/legal/mediation/${caseId}/agreement`, body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'agreement', agreement_amount_fen: 4_200_000, closed_on: '2026-11-05' });
    expect((await cadreA.post(`/api/legal/mediation/${caseId}/agreement`, body)).status).toBe(409);
    expect((await cadreA.post(`/api/legal/mediation/${caseId}/fail`, { failureReason: 'x' })).status).toBe(409);
    // a concluded case carries no deadline warning
    expect((await cadreA.get(`/api/legal/mediation/${caseId}`)).body.deadline).toBeNull();
    const steps = await t.database.db.selectFrom('legal_step').select('step').where('case_kind', '=', 'mediation').where('case_id', '=', caseId).orderBy('id').execute();
    expect(steps.map((s) => s.step)).toEqual(['受理', '确定调解员', '调解', '达成协议']);
  });

  it('prints the 调解协议书', async () => {
    const res = await download(cadreA, `/api/legal/mediation/${caseId}/agreement.pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const chars = pdfFontCharacters(res.bytes);
    for (const ch of '李秀英恒通纺织调解协议书赵') expect(chars).toContain(ch);
  });

  it('a failure needs its reason and advises arbitration', async () => {
    const other = await cadreA.post('/api/legal/mediation', { orgId: t.orgs.unionA, worker: { name: '钱多多' }, employerName: '甲镇某厂', claim: '加班费' });
    const none = await cadreA.post(`/api/legal/mediation/${other.body.id}/fail`, {});
    expect(none.status).toBe(400);
    expect(none.body.error.fields.failureReason).toBe('调解不成原因：请填写调解不成的原因');
    expect((await cadreA.post(`/api/legal/mediation/${other.body.id}/fail`, { failureReason: '单位拒绝调解' })).status).toBe(200);
    const detail = await cadreA.get(`/api/legal/mediation/${other.body.id}`);
    expect(detail.body.steps.at(-1).comment).toContain('申请劳动争议仲裁');
    const figures = await staff.get('/api/legal/figures?from=2026-01-01&to=2026-12-31');
    expect(figures.body.mediation).toEqual({ cases: 2, agreements: 1, failed: 1, successRate: 0.5 });
  });

  it('keeps townA\'s cases from township B', async () => {
    expect((await cadreB.get('/api/legal/mediation')).body.items).toEqual([]);
    expect((await cadreB.get(`/api/legal/mediation/${caseId}`)).status).toBe(404);
    expect((await download(cadreB, `/api/legal/mediation/${caseId}/agreement.pdf`)).status).toBe(404);
  });
});
