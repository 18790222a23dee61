import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { pdfFontCharacters } from '../../../test-support/pdf-text.js';
import { clock } from '../../../platform/clock.js';

let t: TestContext;
let staff: Client;
let cadreA: Client;
let cadreB: Client;
let providerId: number;
let caseId: number;

beforeAll(async () => {
  t = await createTestContext();
  [staff, cadreA, cadreB] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('cadreB')]);
});
afterAll(async () => { clock.reset(); await t?.close(); });

/** A file download as bytes (the test client reads bodies as text). */
const download = async (client: Client, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
  return { status: res.statusCode, type: res.headers['content-type'], bytes: res.rawPayload };
};

const steps = async (id: number) => (await t.database.db.selectFrom('legal_step').select('step').where('case_kind', '=', 'legal_aid').where('case_id', '=', id).orderBy('id').execute()).map((s) => s.step);

describe('legal aid: apply → review → assign → stages → close → archive', () => {
  it('keeps a roster; a lawyer needs a license number', async () => {
    const bad = await staff.post('/api/legal/providers', { kind: 'lawyer', name: '孙律师' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.licenseNo).toContain('执业证号');
    const res = await staff.post('/api/legal/providers', { kind: 'lawyer', name: '孙立平', firm: '山东广饶正义律师事务所', licenseNo: '13705201810012345', phone: '13805467788', specialties: ['wage_arrears', 'work_injury'] });
    expect(res.status).toBe(201);
    providerId = res.body.id;
    const dup = await staff.post('/api/legal/providers', { kind: 'lawyer', name: '孙二', licenseNo: '13705201810012345' });
    expect(dup.status).toBe(409);
    // the township sees the county's roster (to know who handles its cases), masked
    const list = await cadreA.get('/api/legal/providers');
    expect(list.body.items).toEqual([expect.objectContaining({ name: '孙立平', phone: '*******7788', specialtyLabels: ['欠薪', '工伤'] })]);
  });

  it('a township cadre applies for its union; the review is due 5 working days later', async () => {
    clock.setToday('2026-04-30'); // Thursday; 劳动节 holiday 05-01 … 05-05, 05-09 (Sat) is a 调休 working day
    const res = await cadreA.post('/api/legal/aid', {
      orgId: t.orgs.unionA, applicant: { name: '张三明', phone: '13905461111' }, employerName: '甲镇宏达机械有限公司',
      subject: 'wage_arrears', claim: '追讨拖欠的3个月工资', workersInvolved: 4, amountClaimedFen: 3_600_000,
    });
    expect(res.status).toBe(201);
    caseId = res.body.id;
    const detail = await cadreA.get(`/api/legal/aid/${caseId}`);
    const cal = await t.database.db.selectFrom('legal_aid_case').select(['applied_on', 'review_due']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(cal.applied_on).toBe('2026-04-30');
    expect(detail.body).toMatchObject({ status: 'applied', statusLabel: '待审查', reviewDue: cal.review_due, reviewOverdue: false, applicant: { phone: '*******1111' } });
    // 05-06, 05-07, 05-08, 05-09 (调休), 05-11
    expect(cal.review_due).toBe('2026-05-11');
    clock.setToday('2026-05-12');
    expect((await cadreA.get(`/api/legal/aid/${caseId}`)).body.reviewOverdue).toBe(true);
    expect((await staff.get('/api/legal/aid?overdue=1')).body.items.map((i: { id: number }) => i.id)).toEqual([caseId]);
  });

  it('shows the full phone only through the audited reveal', async () => {
    expect((await cadreA.post(`/api/legal/aid/${caseId}/reveal`, { field: 'phone' })).status).toBe(403);
    const res = await staff.post(`/api/legal/aid/${caseId}/reveal`, { field: 'phone' });
    expect(res.body).toEqual({ value: '13905461111' });
    const logged = await t.database.db.selectFrom('audit_log').select('summary').where('action', '=', 'reveal').where('entity', '=', 'legal_aid_case').executeTakeFirstOrThrow();
    expect(logged.summary).toContain('张三明');
    expect((await staff.post(`/api/legal/aid/${caseId}/reveal`, { field: 'id_number' })).status).toBe(404); // none given
  });

  it('the township cannot decide the review (legal:approve is the county\'s)', async () => {
    expect((await cadreA.post(`/api/legal/aid/${caseId}/assign`, { providerId })).status).toBe(403);
  });

  it('a refusal needs a reason, naming the field', async () => {
    const res = await staff.post(`/api/legal/aid/${caseId}/refuse`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.fields.reason).toBe('原因：请填写不予援助的理由');
  });

  it('assigns a provider with a 委派函; a second assignment is 409', async () => {
    const res = await staff.post(`/api/legal/aid/${caseId}/assign`, { providerId, comment: '符合援助条件' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'assigned', provider_id: providerId, assigned_on: '2026-05-12', letter_no: '法援委〔2026〕0001号' });
    const again = await staff.post(`/api/legal/aid/${caseId}/assign`, { providerId });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('办理中');
    const refuse = await staff.post(`/api/legal/aid/${caseId}/refuse`, { reason: '迟了' });
    expect(refuse.status).toBe(409);
  });

  it('prints the 委派函 as a PDF with an embedded Chinese font that carries the applicant\'s name', async () => {
    const res = await download(cadreA, `/api/legal/aid/${caseId}/letter.pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const pdf = res.bytes;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/); // the TrueType font is embedded
    const chars = pdfFontCharacters(pdf);
    for (const ch of '张三明孙立平法律援助委派函甲镇宏达机械有限公司') expect(chars).toContain(ch);
    expect(pdf.length).toBeLessThan(200_000); // subset, not the 10 MB font
  });

  it('adds stages, refuses a bad stage kind', async () => {
    const bad = await cadreA.post(`/api/legal/aid/${caseId}/stages`, { kind: 'nope', heldOn: '2026-05-12' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.kind).toBeTruthy();
    expect((await cadreA.post(`/api/legal/aid/${caseId}/stages`, { kind: 'arbitration_hearing', heldOn: '2026-05-12', place: '县劳动人事争议仲裁院' })).status).toBe(201);
    const detail = await cadreA.get(`/api/legal/aid/${caseId}`);
    expect(detail.body.stages).toEqual([expect.objectContaining({ kindLabel: '仲裁开庭', place: '县劳动人事争议仲裁院' })]);
  });

  it('closes once with the amount recovered; a second close is 409; then archives', async () => {
    const body = { outcome: 'won', amountRecoveredFen: 3_412_050, workersBenefited: 4, closingReport: '仲裁裁决支持全部工资请求，已执行到位。' };
    const res = await cadreA.post(`/api/legal/aid/${caseId}/close`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', amount_recovered_fen: 3_412_050, workers_benefited: 4, closed_on: '2026-05-12' });
    const twice = await cadreA.post(`/api/legal/aid/${caseId}/close`, body);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('已结案');
    expect((await cadreA.post(`/api/legal/aid/${caseId}/archive`)).status).toBe(200);
    expect(await steps(caseId)).toEqual(['申请', '审查通过并指派', '仲裁开庭', '结案', '归档']);
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'legal_aid_case').where('entity_id', '=', String(caseId)).where('action', 'like', 'legal_aid.%').orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['legal_aid.apply', 'legal_aid.assign', 'legal_aid.stage', 'legal_aid.close', 'legal_aid.archive']);
  });

  it('refuses another application with a written reason and prints the notice', async () => {
    const res = await cadreA.post('/api/legal/aid', { orgId: t.orgs.unionA, applicant: { name: '刘小红' }, claim: '要求补发年终奖' });
    const refused = await staff.post(`/api/legal/aid/${res.body.id}/refuse`, { reason: '年终奖约定不明，不属于援助范围' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', refusal_reason: '年终奖约定不明，不属于援助范围' });
    const pdf = await download(staff, `/api/legal/aid/${res.body.id}/refusal.pdf`);
    expect(pdf.status).toBe(200);
    const chars = pdfFontCharacters(pdf.bytes);
    for (const ch of '刘小红不予援助') expect(chars).toContain(ch);
    expect((await staff.get(`/api/legal/aid/${res.body.id}/letter.pdf`)).status).toBe(409);
  });

  it('keeps townA\'s cases from township B: list, detail and PDF answer 404', async () => {
    expect((await cadreB.get('/api/legal/aid')).body.items).toEqual([]);
    expect((await cadreB.get(`/api/legal/aid/${caseId}`)).status).toBe(404);
    expect((await cadreB.get(`/api/legal/aid/${caseId}/letter.pdf`)).status).toBe(404);
    expect((await cadreB.post('/api/legal/aid', { orgId: t.orgs.unionA, applicant: { name: '某' }, claim: '某' })).status).toBe(404);
  });

  it('counts the figures', async () => {
    const res = await staff.get('/api/legal/figures?from=2026-01-01&to=2026-12-31');
    expect(res.body.legalAid).toEqual({ cases: 2, closed: 1, amountRecoveredFen: 3_412_050, workersBenefited: 4 });
  });

  it('changes the review days at the county only', async () => {
    expect((await staff.put('/api/legal/settings', { reviewDays: 0 })).body.error.fields.reviewDays).toContain('审查期限');
    expect((await staff.put('/api/legal/settings', { reviewDays: 3 })).body).toEqual({ reviewDays: 3 });
    clock.setToday('2026-06-01'); // Monday
    const res = await cadreA.post('/api/legal/aid', { orgId: t.orgs.unionA, applicant: { name: '周七' }, claim: '工伤待遇' });
    expect((await cadreA.get(`/api/legal/aid/${res.body.id}`)).body.reviewDue).toBe('2026-06-04');
  });
});
