import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { clock } from '../../../platform/clock.js';

let t: TestContext;
let staff: Client;
let cadreA: Client;
let cadreB: Client;

beforeAll(async () => {
  t = await createTestContext();
  [staff, cadreA, cadreB] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('cadreB')]);
  clock.setToday('2026-06-10');
});
afterAll(async () => { clock.reset(); await t?.close(); });

describe('典型案例', () => {
  it('drafts an anonymized write-up from a closed case; the editor publishes it', async () => {
    const provider = await staff.post('/api/legal/providers', { kind: 'volunteer', name: '陈志愿' });
    const c = await cadreA.post('/api/legal/aid', {
      orgId: t.orgs.unionA, applicant: { name: '欧阳明辉' }, employerName: '广饶县宏达机械有限公司', subject: 'wage_arrears',
      claim: '欧阳明辉等5人要求广饶县宏达机械有限公司支付拖欠工资', workersInvolved: 5, amountClaimedFen: 5_000_000,
    });
    expect((await cadreA.post(`/api/legal/aid/${c.body.id}/typical`)).status).toBe(409); // not closed yet
    await staff.post(`/api/legal/aid/${c.body.id}/assign`, { providerId: provider.body.id });
    await cadreA.post(`/api/legal/aid/${c.body.id}/stages`, { kind: 'settlement', heldOn: '2026-06-10', note: '欧阳明辉与宏达机械有限公司达成和解' });
    await cadreA.post(`/api/legal/aid/${c.body.id}/close`, { outcome: 'mediated', amountRecoveredFen: 4_800_000, workersBenefited: 5, closingReport: '广饶县宏达机械有限公司已向明辉等人支付工资。' });
    const draft = await cadreA.post(`/api/legal/aid/${c.body.id}/typical`);
    expect(draft.status).toBe(201);
    const body: string = draft.body.body;
    for (const name of ['欧阳明辉', '明辉', '宏达机械', '广饶县宏达机械有限公司']) expect(body).not.toContain(name);
    expect(body).toContain('欧阳某');
    expect(body).toContain('X有限公司');
    expect(body).toContain('48,000.00元');
    expect(draft.body.published).toBe(false);
    expect((await cadreA.post(`/api/legal/aid/${c.body.id}/typical`)).status).toBe(409); // one write-up per case
    const pub = await cadreA.patch(`/api/legal/typical/${draft.body.id}`, { title: '五名职工欠薪案', published: true });
    expect(pub.body).toMatchObject({ published: true, title: '五名职工欠薪案' });
    const list = await cadreA.get('/api/legal/typical?published=1&q=欠薪');
    expect(list.body.items).toEqual([expect.objectContaining({ id: draft.body.id, categoryLabel: '欠薪' })]);
    expect((await cadreB.get(`/api/legal/typical/${draft.body.id}`)).status).toBe(404);
  });
});

describe('法治宣传', () => {
  it('records events and totals them', async () => {
    const a = await cadreA.post('/api/legal/events', { orgId: t.orgs.townA, heldOn: '2026-03-15', place: '甲镇文化广场', topic: '3·15 职工维权咨询', kind: 'consultation', attendance: 320 });
    expect(a.status).toBe(201);
    await cadreA.post('/api/legal/events', { orgId: t.orgs.unionA, heldOn: '2026-05-20', place: '宏达机械会议室', topic: '劳动合同法讲座', kind: 'lecture', attendance: 85 });
    await cadreB.post('/api/legal/events', { heldOn: '2026-05-21', place: '乙镇', topic: '送法进企业', kind: 'into_enterprise', attendance: 40 });
    const bad = await cadreA.post('/api/legal/events', { heldOn: '2026-02-30', place: 'x', topic: 'y' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['heldOn']);
    const totals = await cadreA.get('/api/legal/events-totals?from=2026-01-01&to=2026-12-31');
    expect(totals.body).toMatchObject({ events: 2, attendance: 405 });
    const county = await staff.get('/api/legal/events-totals?from=2026-01-01&to=2026-12-31');
    expect(county.body).toMatchObject({ events: 3, attendance: 445 });
    expect((await cadreA.patch(`/api/legal/events/${a.body.id}`, { attendance: 350 })).body.attendance).toBe(350);
  });
});
