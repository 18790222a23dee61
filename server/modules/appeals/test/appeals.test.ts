import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import { clock } from '../../../platform/clock.js';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { exportRows, toleratePoolTeardown } from '../../membership/test/helpers.js';

let t: TestContext;
let staff: Client;
let leader: Client;
let cadreA: Client;
let cadreB: Client;
let chairA: Client;
let employerA: number;
let employerB: number;
let phoneSeq = 1000;

const db = () => t.database.db;

/** A phone call taken by county staff at the root desk (defaults: one worker, a consultation). */
const intake = async (over: Record<string, unknown> = {}, client = staff) => {
  const res = await client.post('/api/appeals', {
    orgId: t.orgs.root, channel: 'phone', type: 'consultation', subject: 'labor_contract', tier: 'ordinary',
    workersAffected: 1, workerName: '李四', phone: `1390000${String(++phoneSeq).padStart(4, '0')}`, content: '咨询劳动合同续签', ...over,
  });
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  t = await createTestContext();
  toleratePoolTeardown(t);
  [staff, leader, cadreA, cadreB, chairA] = await Promise.all([t.as('staff'), t.as('leader'), t.as('cadreA'), t.as('cadreB'), t.as('chairA')]);
  employerA = (await staff.post('/api/employers', { orgId: t.orgs.unionA, name: '甲镇某建筑工程有限公司', ownership: 'private', industry: 'E', employeeCount: 120 })).body.id;
  employerB = (await staff.post('/api/employers', { orgId: t.orgs.unionB, name: '乙镇某纺织有限公司', ownership: 'private', industry: 'C', employeeCount: 60 })).body.id;
});
afterEach(() => clock.reset());
afterAll(async () => { clock.reset(); await t?.close(); });

describe('time limits in working days', () => {
  it('counts over a weekend', async () => {
    clock.setToday('2026-11-20'); // a Friday
    const ticket = await intake({ tier: 'ordinary' });
    expect(ticket).toMatchObject({ acceptedOn: '2026-11-20', ackDueOn: '2026-11-23', dueOn: '2026-11-27', status: 'accepted' });
    expect(ticket.ticketNo).toMatch(/^GR12351-2026-\d{6}$/);
  });

  it('skips the National Day holiday and counts the 调休 working Saturday 2026-10-10', async () => {
    clock.setToday('2026-09-30');
    const ordinary = await intake({ tier: 'ordinary' });
    // 10-01..10-07 off; 10-08 (1), 10-09 (2), Sat 10-10 (3, 调休), 10-12 (4), 10-13 (5)
    expect(ordinary).toMatchObject({ ackDueOn: '2026-10-08', dueOn: '2026-10-13' });
    const hard = await intake({ tier: 'hard' });
    expect(hard.dueOn).toBe('2026-10-20');
    const stored = await db().selectFrom('appeal').select(['accepted_on', 'ack_due_on', 'due_on']).where('id', '=', hard.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ accepted_on: '2026-09-30', ack_due_on: '2026-10-08', due_on: '2026-10-20' });
  });

  it('lists tickets due soon and overdue, with their export', async () => {
    clock.setToday('2026-09-30');
    const due = await intake({ workerName: '到期甲', tier: 'ordinary' }); // due 10-13
    clock.setToday('2026-10-12');
    const fresh = await intake({ workerName: '正常乙', tier: 'complex' });
    // acknowledge both so only the close limit counts
    for (const id of [due.id, fresh.id]) expect((await staff.post(`/api/appeals/${id}/assign`, { orgId: t.orgs.townA })).status).toBe(200);
    // 10-12 + 2 working days = 10-14: the ticket due 10-13 is due soon
    const soon = await staff.get('/api/appeals?timeStatus=due_soon&pageSize=200');
    expect(soon.body.items.map((i: { id: number }) => i.id)).toContain(due.id);
    expect(soon.body.items.map((i: { id: number }) => i.id)).not.toContain(fresh.id);
    expect(soon.body.items.find((i: { id: number }) => i.id === due.id).timeStatusLabel).toBe('即将到期');
    expect((await staff.get('/api/appeals?timeStatus=normal&pageSize=200')).body.items.map((i: { id: number }) => i.id)).toContain(fresh.id);

    clock.setToday('2026-10-14');
    const overdue = await staff.get('/api/appeals?timeStatus=overdue&pageSize=200');
    expect(overdue.body.items.map((i: { id: number }) => i.id)).toContain(due.id);
    expect(overdue.body.items.map((i: { id: number }) => i.id)).not.toContain(fresh.id);
    const exported = await exportRows(t, staff, '/api/appeals/export.xlsx?timeStatus=overdue');
    expect(exported.status).toBe(200);
    expect(exported.rows[0]).toContain('时限状态');
    const row = exported.rows.find((r) => r[0] === due.ticketNo)!;
    expect(row).toContain('已超期');
    expect(row).toContain('*******' + String(due.phone).slice(-4));
    expect(exported.rows.some((r) => r[0] === fresh.ticketNo)).toBe(false);
  });

  it('counts a ticket nobody acted on past its acknowledge limit as overdue', async () => {
    clock.setToday('2026-09-30');
    const idle = await intake({ workerName: '无人理', tier: 'complex' });
    clock.setToday('2026-10-09');
    expect((await staff.get(`/api/appeals/${idle.id}`)).body.timeStatus).toBe('overdue');
    expect((await staff.get('/api/appeals?timeStatus=overdue&pageSize=200')).body.items.map((i: { id: number }) => i.id)).toContain(idle.id);
  });

  it('changes the limits through the settings (county level only)', async () => {
    const current = (await staff.get('/api/appeal-settings')).body;
    expect(current).toMatchObject({ ackDays: 1, limitOrdinary: 5, limitHard: 10, limitComplex: 20, groupWorkers: 10, arrearsFen: 10_000_000, repeatCount: 3, repeatDays: 30 });
    expect((await cadreA.put('/api/appeal-settings', { ...current, limitOrdinary: 3 })).status).toBe(403);
    const bad = await staff.put('/api/appeal-settings', { ...current, limitOrdinary: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('一般诉求办结时限');
    expect((await staff.put('/api/appeal-settings', { ...current, limitOrdinary: 3 })).status).toBe(200);
    clock.setToday('2026-11-20');
    expect((await intake()).dueOn).toBe('2026-11-25');
    expect((await staff.put('/api/appeal-settings', current)).status).toBe(200);
  });
});

describe('early warnings', () => {
  const warningsOf = async (ticketId: number) =>
    db().selectFrom('appeal_warning_ticket as wt').innerJoin('appeal_warning as w', 'w.id', 'wt.warning_id')
      .select(['w.id', 'w.kind', 'w.rules']).where('wt.appeal_id', '=', ticketId).execute();

  it('raises one for a group appeal of 10 workers, not for 9', async () => {
    const nine = await intake({ workersAffected: 9, subject: 'work_injury', type: 'help' });
    expect(await warningsOf(nine.id)).toEqual([]);
    const ten = await intake({ workersAffected: 10, subject: 'work_injury', type: 'help', employerName: '某未登记物流公司' });
    expect(await warningsOf(ten.id)).toEqual([expect.objectContaining({ kind: 'ticket', rules: ['workers'] })]);
    const open = await leader.get('/api/appeal-warnings?open=true&pageSize=200');
    expect(open.status).toBe(200);
    expect(open.body.items.find((w: { title: string }) => w.title === '群体性诉求：某未登记物流公司')).toBeDefined();
  });

  it('raises one for wage arrears at the amount, not below it', async () => {
    const below = await intake({ subject: 'wage_arrears', type: 'complaint', amountFen: 9_999_999, employerName: '丙欠薪公司' });
    expect(await warningsOf(below.id)).toEqual([]);
    const at = await intake({ subject: 'wage_arrears', type: 'complaint', amountFen: 10_000_000, employerName: '丁欠薪公司' });
    expect(await warningsOf(at.id)).toEqual([expect.objectContaining({ kind: 'ticket', rules: ['amount'] })]);
    expect((await staff.get(`/api/appeals/${at.id}`)).body.warnings[0]).toMatchObject({ title: '大额欠薪：丁欠薪公司', open: true });
  });

  it('raises one on the third ticket against one employer within 30 days, and joins later ones to it', async () => {
    clock.setToday('2026-03-02');
    const first = await intake({ employerId: employerB, subject: 'social_insurance' });
    clock.setToday('2026-03-20');
    const second = await intake({ employerId: employerB, subject: 'social_insurance' });
    expect(await warningsOf(second.id)).toEqual([]);
    clock.setToday('2026-04-10'); // the first is now 40 days old: two within 30 days
    const third = await intake({ employerId: employerB, subject: 'social_insurance' });
    expect(await warningsOf(third.id)).toEqual([]);
    const fourth = await intake({ employerId: employerB, subject: 'labor_contract' });
    const [warning] = await warningsOf(fourth.id);
    expect(warning).toMatchObject({ kind: 'employer', rules: ['repeat'] });
    const linked = await db().selectFrom('appeal_warning_ticket').select('appeal_id').where('warning_id', '=', warning.id).execute();
    expect(linked.map((l) => l.appeal_id).sort()).toEqual([second.id, third.id, fourth.id].sort());
    expect(linked.map((l) => l.appeal_id)).not.toContain(first.id);
    const fifth = await intake({ employerId: employerB, subject: 'other' });
    expect(await warningsOf(fifth.id)).toEqual([expect.objectContaining({ id: warning.id })]);
    expect(await db().selectFrom('appeal_warning').select('id').where('kind', '=', 'employer').where('employer_id', '=', employerB).execute()).toHaveLength(1);
  });

  it('shows the warning to the leader until it is acknowledged, once', async () => {
    const ticket = await intake({ workersAffected: 30, subject: 'wage_arrears', type: 'help', amountFen: 45_000_000, employerId: employerA, content: '30名农民工工资未发' });
    const [w] = await warningsOf(ticket.id);
    expect(w.rules).toEqual(['workers', 'amount']);
    const seen = await leader.get(`/api/appeal-warnings/${w.id}`);
    expect(seen.body).toMatchObject({ open: true, title: '群体性诉求：甲镇某建筑工程有限公司', tickets: [expect.objectContaining({ id: ticket.id })] });
    expect((await leader.post(`/api/appeal-warnings/${w.id}/acknowledge`, { note: '已知悉' })).status).toBe(403);
    const ack = await staff.post(`/api/appeal-warnings/${w.id}/acknowledge`, { note: '已联系人社局劳动监察大队' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ open: false, acknowledgedBy: '测试staff', ackNote: '已联系人社局劳动监察大队' });
    expect((await staff.post(`/api/appeal-warnings/${w.id}/acknowledge`, {})).status).toBe(409);
    const open = await leader.get('/api/appeal-warnings?open=true&pageSize=200');
    expect(open.body.items.map((i: { id: number }) => i.id)).not.toContain(w.id);
    const audit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'appeal_warning').where('entity_id', '=', String(w.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['appeal_warning_raise', 'appeal_warning_ack']);
  });
});

describe('the flow', () => {
  it('goes 受理 → 分派 → 办理 → 答复 → 回访 → 办结 with a timeline step and an audit row each', async () => {
    const ticket = await intake({ subject: 'wage_arrears', type: 'complaint', amountFen: 860_000, employerId: employerA, workersAffected: 2 });
    expect(ticket.actions).toEqual(expect.arrayContaining(['assign', 'reply', 'transfer']));
    const cadreAUser = await db().selectFrom('app_user').select('id').where('username', '=', 'cadreA').executeTakeFirstOrThrow();
    const assignees = await staff.get(`/api/appeals/assignees?orgId=${t.orgs.townA}`);
    expect(assignees.body.items.map((u: { id: number }) => u.id)).toContain(cadreAUser.id);
    const assigned = await staff.post(`/api/appeals/${ticket.id}/assign`, { orgId: t.orgs.townA, assigneeId: cadreAUser.id, comment: '请甲镇核实' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assignedOrgName: '甲镇总工会', assigneeName: '测试cadreA' });
    // the township handles it now
    expect((await cadreA.get(`/api/appeals/${ticket.id}`)).body.actions).toEqual(expect.arrayContaining(['return', 'progress', 'reply', 'transfer']));
    expect((await cadreA.post(`/api/appeals/${ticket.id}/progress`, { comment: '已约谈企业负责人' })).body.status).toBe('handling');
    expect((await cadreA.post(`/api/appeals/${ticket.id}/reply`, { reply: '企业承诺月底前补发工资' })).body.status).toBe('replied');
    const visited = await staff.post(`/api/appeals/${ticket.id}/visit`, { satisfaction: 'satisfied', comment: '工资已到账' });
    expect(visited.body).toMatchObject({ status: 'visited', satisfaction: 'satisfied' });
    const closed = await staff.post(`/api/appeals/${ticket.id}/close`, { comment: '办结' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.timeline.map((s: { step: string }) => s.step)).toEqual(['accept', 'assign', 'progress', 'reply', 'visit', 'close']);
    expect(closed.body.timeline[1]).toMatchObject({ actor: '测试staff(staff)', comment: '分派至 甲镇总工会（测试cadreA）：请甲镇核实' });
    expect(closed.body.timeline[3]).toMatchObject({ comment: '企业承诺月底前补发工资' });
    expect(closed.body.timeline.every((s: { at: string }) => !!s.at)).toBe(true);
    const audit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'appeal').where('entity_id', '=', String(ticket.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['appeal_accept', 'appeal_assign', 'appeal_progress', 'appeal_reply', 'appeal_visit', 'appeal_close']);
    const row = await db().selectFrom('appeal').select(['status', 'closed_on', 'acknowledged_at', 'reply']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');
    expect(row.acknowledged_at).not.toBeNull();

    // the same ticket cannot be closed twice
    const again = await staff.post(`/api/appeals/${ticket.id}/close`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已办结');
  });

  it('lets only one of two concurrent closes through', async () => {
    const ticket = await intake();
    expect((await staff.post(`/api/appeals/${ticket.id}/reply`, { reply: '已电话解答' })).status).toBe(200);
    const results = await Promise.all([staff.post(`/api/appeals/${ticket.id}/close`, {}), staff.post(`/api/appeals/${ticket.id}/close`, {})]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const steps = await db().selectFrom('appeal_step').select('step').where('appeal_id', '=', ticket.id).where('step', '=', 'close').execute();
    expect(steps).toHaveLength(1);
  });

  it('is returned by the assignee with a reason, reassigned and supervised from above', async () => {
    const ticket = await intake();
    await staff.post(`/api/appeals/${ticket.id}/assign`, { orgId: t.orgs.townA });
    const noReason = await cadreA.post(`/api/appeals/${ticket.id}/return`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.comment).toContain('意见');
    // the county desk assigned it: it cannot "return" it to itself
    expect((await staff.post(`/api/appeals/${ticket.id}/return`, { comment: '不属于本单位' })).status).toBe(403);
    const returned = await cadreA.post(`/api/appeals/${ticket.id}/return`, { comment: '不属于本镇管辖' });
    expect(returned.body).toMatchObject({ status: 'returned', assignedOrgName: '甲镇总工会', actions: [] });
    expect(returned.body.timeline[2]).toMatchObject({ step: 'return', comment: '不属于本镇管辖', actor: '测试cadreA(cadreA)' });
    expect((await staff.get(`/api/appeals/${ticket.id}`)).body.actions).toContain('assign');
    const reassigned = await staff.post(`/api/appeals/${ticket.id}/assign`, { orgId: t.orgs.townB });
    expect(reassigned.body.assignedOrgName).toBe('乙镇总工会');
    const moved = await staff.post(`/api/appeals/${ticket.id}/reassign`, { orgId: t.orgs.unionB, comment: '由企业工会办理' });
    expect(moved.body.assignedOrgName).toBe('乙镇某化工有限公司工会');
    // cadreB (the township above the union) supervises
    const supervised = await cadreB.post(`/api/appeals/${ticket.id}/supervise`, { comment: '请加快办理', deadline: '2099-01-01' });
    expect(supervised.status).toBe(200);
    expect(supervised.body.supervision).toMatchObject({ note: '请加快办理', deadline: '2099-01-01', by: '测试cadreB' });
    expect(supervised.body.status).toBe('assigned');
    const list = await staff.get('/api/appeals?supervised=true&pageSize=200');
    expect(list.body.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
    expect(moved.body.timeline.map((s: { step: string }) => s.step)).toEqual(['accept', 'assign', 'return', 'assign', 'reassign']);
  });

  it('names the field of a bad input', async () => {
    const base = { orgId: t.orgs.root, channel: 'phone', type: 'consultation', subject: 'other', tier: 'ordinary', workersAffected: 1, content: '内容' };
    const noName = await staff.post('/api/appeals', { ...base, phone: '13900001111' });
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields.workerName).toContain('职工姓名');
    const noPhone = await staff.post('/api/appeals', { ...base, workerName: '王五' });
    expect(noPhone.body.error.fields.phone).toContain('来电号码');
    const badPhone = await staff.post('/api/appeals', { ...base, workerName: '王五', phone: '12345' });
    expect(badPhone.body.error.fields.phone).toContain('手机号码');
    const badType = await staff.post('/api/appeals', { ...base, workerName: '王五', phone: '13900001111', type: 'gossip' });
    expect(badType.body.error.fields.type).toContain('字典');
    const badWorkers = await staff.post('/api/appeals', { ...base, workerName: '王五', phone: '13900001111', workersAffected: 0 });
    expect(badWorkers.body.error.message).toContain('涉及人数');
    const badId = await staff.post('/api/appeals', { ...base, workerName: '王五', phone: '13900001111', idNumber: '370523198001011234' });
    expect(badId.body.error.fields.idNumber).toContain('身份证号');
    const arrears = await staff.post('/api/appeals', { ...base, workerName: '王五', phone: '13900001111', subject: 'wage_arrears' });
    expect(arrears.body.error.fields.employerName).toContain('用人单位');
    const badVisit = await staff.post(`/api/appeals/${(await intake()).id}/visit`, { satisfaction: 'meh' });
    expect(badVisit.status).toBe(400);
    expect(badVisit.body.error.message).toContain('满意度');
    expect(await db().selectFrom('appeal').select('id').where('worker_name', '=', '王五').execute()).toEqual([]);
  });

  it('keeps the worker\'s numbers encrypted, masked in views, revealed with an audit row', async () => {
    const ticket = await intake({ workerName: '赵六', phone: '0546-6441234', idNumber: makeIdNumber('370523', '1980-01-01', 123), channel: 'walk_in' });
    const row = await db().selectFrom('appeal').select(['phone_enc', 'phone_last4', 'id_number_last4']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row.phone_last4).toBe('1234');
    expect(row.phone_enc!.toString('utf8')).not.toContain('6441234');
    expect(ticket.phone).toBe('*******1234');
    expect(ticket.idNumber).toMatch(/^\*{14}\d{3}[\dX]$/);
    const revealed = await staff.post(`/api/appeals/${ticket.id}/reveal`, { field: 'phone' });
    expect(revealed.body.value).toBe('05466441234');
    expect((await chairA.post(`/api/appeals/${ticket.id}/reveal`, { field: 'phone' })).status).toBe(404);
  });
});

describe('scope', () => {
  it('keeps townA\'s tickets from a cadre of townB: list, detail, export, figures', async () => {
    clock.setToday('2026-06-15');
    const a = await intake({ orgId: t.orgs.townA, workerName: '甲镇职工', employerId: employerA, subject: 'work_injury' }, cadreA);
    const county = await intake({ workerName: '县转甲镇' });
    await staff.post(`/api/appeals/${county.id}/assign`, { orgId: t.orgs.townA });
    for (const id of [a.id, county.id]) {
      expect((await cadreB.get(`/api/appeals/${id}`)).status).toBe(404);
      expect((await cadreB.post(`/api/appeals/${id}/reply`, { reply: '越权' })).status).toBe(404);
      expect((await cadreA.get(`/api/appeals/${id}`)).status).toBe(200);
    }
    const listB = await cadreB.get('/api/appeals?pageSize=200');
    expect(listB.body.items.map((i: { id: number }) => i.id)).not.toContain(a.id);
    expect(listB.body.items.map((i: { id: number }) => i.id)).not.toContain(county.id);
    const exportB = await exportRows(t, cadreB, '/api/appeals/export.xlsx');
    expect(exportB.rows.some((r) => r[0] === a.ticketNo || r[0] === county.ticketNo)).toBe(false);
    expect((await cadreB.get(`/api/appeals?orgId=${t.orgs.townA}`)).status).toBe(404);
    const figuresB = await cadreB.get('/api/appeal-figures?from=2026-06-15&to=2026-06-15');
    expect(figuresB.body.totals.total).toBe(0);
    const figuresA = await cadreA.get('/api/appeal-figures?from=2026-06-15&to=2026-06-15');
    expect(figuresA.body.totals.total).toBe(2);
    expect(figuresA.body.byTownship).toEqual([expect.objectContaining({ label: '甲镇总工会', count: 2 })]);
    expect((await cadreB.get(`/api/appeal-figures?orgId=${t.orgs.townA}`)).status).toBe(404);
    // the county sees both, and the member's own list of tickets follows the same scope
    const figuresRoot = await staff.get(`/api/appeal-figures?from=2026-06-15&to=2026-06-15&orgId=${t.orgs.townA}`);
    expect(figuresRoot.body.totals.total).toBe(2);
    expect(figuresRoot.body.bySubject.map((s: { label: string }) => s.label).sort()).toEqual(['劳动合同', '工伤']);
  });

  it('figures the on-time rate and satisfaction', async () => {
    clock.setToday('2026-07-01');
    const one = await intake({ workerName: '按时' });
    await staff.post(`/api/appeals/${one.id}/reply`, { reply: '已答复' });
    await staff.post(`/api/appeals/${one.id}/visit`, { satisfaction: 'basically' });
    await staff.post(`/api/appeals/${one.id}/close`, {});
    const late = await intake({ workerName: '超期' });
    await staff.post(`/api/appeals/${late.id}/reply`, { reply: '已答复' });
    clock.setToday('2026-07-20');
    await staff.post(`/api/appeals/${late.id}/visit`, { satisfaction: 'dissatisfied' });
    await staff.post(`/api/appeals/${late.id}/close`, {});
    const f = await staff.get('/api/appeal-figures?from=2026-07-01&to=2026-07-01');
    expect(f.body.totals).toMatchObject({ total: 2, closed: 2, closedOnTime: 1 });
    expect(f.body.onTimeRate).toBe(0.5);
    expect(f.body.satisfaction).toMatchObject({ rated: 2, rate: 0.5 });
    const x = await exportRows(t, staff, '/api/appeal-figures/export.xlsx?from=2026-07-01&to=2026-07-01');
    expect(x.rows.find((r) => r[1] === '按时办结率')).toEqual(['合计', '按时办结率', '50.0%']);
  });
});

describe('转 to legal aid, mediation and hardship', () => {
  it('opens a legal-aid case carrying the ticket\'s data, and shows it on the ticket', async () => {
    const ticket = await intake({ subject: 'wage_arrears', type: 'legal_aid', workersAffected: 3, amountFen: 1_200_000, employerId: employerA, content: '三人工资拖欠半年', workerName: '钱七' });
    await staff.post(`/api/appeals/${ticket.id}/assign`, { orgId: t.orgs.townA });
    const moved = await cadreA.post(`/api/appeals/${ticket.id}/transfer`, { kind: 'legal_aid', comment: '需律师代理仲裁' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'transferred', transferKind: 'legal_aid' });
    const c = await db().selectFrom('legal_aid_case').selectAll().where('source_ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ org_id: t.orgs.townA, applicant_name: '钱七', employer_id: employerA, subject: 'wage_arrears', workers_involved: 3, amount_claimed_fen: 1_200_000 });
    expect(c.applicant_phone_last4).toBe(String(ticket.phone).slice(-4));
    expect(moved.body.transferTarget).toMatchObject({ kind: 'legal_aid', id: c.id, no: c.case_no });
    expect(moved.body.transferTarget.chain.length).toBeGreaterThan(0);
    expect(moved.body.timeline.at(-1)).toMatchObject({ step: 'transfer', comment: `转法律援助 ${c.case_no}：需律师代理仲裁` });
    // a transferred ticket takes no further steps
    expect((await cadreA.post(`/api/appeals/${ticket.id}/reply`, { reply: '答复' })).status).toBe(409);
  });

  it('opens a mediation case', async () => {
    const ticket = await intake({ subject: 'labor_contract', type: 'help', employerName: '某未登记餐饮店', workerName: '孙八' });
    const moved = await staff.post(`/api/appeals/${ticket.id}/transfer`, { kind: 'mediation' });
    expect(moved.status).toBe(200);
    const c = await db().selectFrom('mediation_case').select(['id', 'worker_name', 'employer_name', 'org_id']).where('source_ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ worker_name: '孙八', employer_name: '某未登记餐饮店', org_id: t.orgs.root });
    expect(moved.body.transferTarget).toMatchObject({ kind: 'mediation', id: c.id });
  });

  it('opens a hardship application for a member, and needs one', async () => {
    const noMember = await intake({ subject: 'assistance', type: 'help', workerName: '周九' });
    const refused = await staff.post(`/api/appeals/${noMember.id}/transfer`, { kind: 'hardship' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.memberId).toContain('会员');
    expect((await db().selectFrom('appeal').select('status').where('id', '=', noMember.id).executeTakeFirstOrThrow()).status).toBe('accepted');
    const m = await staff.post('/api/members', { orgId: t.orgs.unionA, name: '吴十', idNumber: makeIdNumber('370523', '1979-02-03', 456), employerId: employerA });
    const ticket = await intake({ subject: 'assistance', type: 'help', memberId: m.body.member.id, phone: '13911112222' });
    expect(ticket).toMatchObject({ memberId: m.body.member.id, workerName: '吴十' });
    const moved = await staff.post(`/api/appeals/${ticket.id}/transfer`, { kind: 'hardship', comment: '因病致困' });
    expect(moved.status).toBe(200);
    const archive = await db().selectFrom('hardship_archive').select(['id', 'member_id', 'org_id']).where('id', '=', moved.body.transferId).executeTakeFirstOrThrow();
    expect(archive).toMatchObject({ member_id: m.body.member.id, org_id: t.orgs.unionA });
    expect(moved.body.transferTarget).toMatchObject({ kind: 'hardship', id: archive.id });
    expect((await staff.get(`/api/appeals?memberId=${m.body.member.id}`)).body.items.map((i: { id: number }) => i.id)).toEqual([ticket.id]);
  });
});
