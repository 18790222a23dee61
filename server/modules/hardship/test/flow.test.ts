import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { clock } from '../../../platform/clock.js';
import { toleratePoolTeardown } from '../../membership/test/helpers.js';
import { application, newMember } from './helpers.js';

let t: TestContext;
let chairA: Client;
let cadreA: Client;
let cadreB: Client;
let staff: Client;
let staffA: Client;

const visit = (visitDate: string) => ({ visitDate, visitors: '张干事、李干事', findings: '家中陈设简陋，配偶卧床，情况与申报一致。', conclusion: 'confirmed' });

beforeAll(async () => {
  t = await createTestContext();
  toleratePoolTeardown(t);
  [chairA, cadreA, cadreB, staff, staffA] = await Promise.all([t.as('chairA'), t.as('cadreA'), t.as('cadreB'), t.as('staff'), t.as('staffA')]);
});
afterEach(() => clock.reset());
afterAll(async () => { clock.reset(); await t?.close(); });

/** An application of a new member of unionA, taken up to `upTo`. */
async function filed(name: string, upTo: 'applied' | 'reviewed' | 'visited' | 'notice', today = clock.today()) {
  const m = await newMember(t, chairA, t.orgs.unionA, name);
  const a = (await chairA.post('/api/hardship/archives', { ...application(m.id), submit: true })).body;
  if (upTo === 'applied') return { id: a.id as number, member: m };
  expect((await cadreA.post(`/api/hardship/archives/${a.id}/review`, {})).status).toBe(200);
  if (upTo === 'reviewed') return { id: a.id as number, member: m };
  expect((await cadreA.post(`/api/hardship/archives/${a.id}/visit`, visit(today))).status).toBe(200);
  if (upTo === 'visited') return { id: a.id as number, member: m };
  expect((await cadreA.post(`/api/hardship/archives/${a.id}/notice`, {})).status).toBe(200);
  return { id: a.id as number, member: m };
}

describe('the flow from 申请 to 建档', () => {
  it('goes through every step with a timeline row and an audit row each, and counts the 公示 across the National Day holiday', async () => {
    clock.setToday('2026-09-30'); // a Wednesday; 1–7 October is the holiday, Saturday 10 October a 调休 working day
    const m = await newMember(t, chairA, t.orgs.unionA, '陈建国');
    const draft = await chairA.post('/api/hardship/archives', application(m.id));
    expect(draft.body).toMatchObject({ status: 'draft', actions: ['submit'], canEdit: true });
    const id = draft.body.id;
    expect((await chairA.post(`/api/hardship/archives/${id}/submit`, {})).body.status).toBe('applied');
    // the chair cannot review its own application
    expect((await chairA.post(`/api/hardship/archives/${id}/review`, {})).status).toBe(403);
    expect((await cadreA.post(`/api/hardship/archives/${id}/review`, { comment: '材料齐全' })).body.status).toBe('reviewed');
    const visited = await cadreA.post(`/api/hardship/archives/${id}/visit`, visit('2026-09-29'));
    expect(visited.body).toMatchObject({ status: 'visited', visits: [{ visitDate: '2026-09-29', conclusion: 'confirmed' }] });
    const notice = await cadreA.post(`/api/hardship/archives/${id}/notice`, {});
    // 8, 9, 10 (调休 Saturday), 12, 13 October
    expect(notice.body).toMatchObject({ status: 'notice', noticeStart: '2026-09-30', noticeEnd: '2026-10-13', noticeOver: false });

    // the county approves only after the 公示: refused on its last day, allowed the day after
    clock.setToday('2026-10-13');
    const early = await staff.post(`/api/hardship/archives/${id}/approve`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('公示期满后方可审批');
    // the township cannot approve at all
    expect((await cadreA.post(`/api/hardship/archives/${id}/approve`, {})).status).toBe(403);
    clock.setToday('2026-10-14');
    const approved = await staff.post(`/api/hardship/archives/${id}/approve`, { comment: '同意建档' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'archived', archivedOn: '2026-10-14', lastReviewedOn: '2026-10-14', nextReviewDue: '2027-10-14' });
    expect(approved.body.archiveNo).toMatch(/^KN2026-\d{5}$/);
    expect(approved.body.timeline.map((s: { step: string }) => s.step)).toEqual(['draft', 'submit', 'review', 'visit', 'notice', 'approve']);
    expect(approved.body.timeline[5]).toMatchObject({ fromStatus: 'notice', toStatus: 'archived', actor: '测试staff(staff)' });
    expect(approved.body.timeline[5].comment).toContain(approved.body.archiveNo);
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'hardship_archive').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'hardship_submit', 'hardship_review', 'hardship_visit', 'hardship_notice', 'hardship_approve']);

    // 年度复核: figures updated, level recomputed, the next review a year on
    clock.setToday('2027-10-08');
    const richer = application(m.id, { lines: [] });
    // 50,000 a year for 3: 1,388.88 a month, between the 2026 line (820, still used in 2027) and twice it
    (richer.household[0] as { incomeFen: number }).incomeFen = 5_000_000;
    const reviewed = await cadreA.post(`/api/hardship/archives/${id}/yearly-review`, { ...richer, memberId: undefined, comment: '收入有所提高' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'archived', level: 'relative', lastReviewedOn: '2027-10-08', nextReviewDue: '2028-10-08' });
    expect(reviewed.body.timeline.at(-1)).toMatchObject({ step: 'yearly_review', comment: '复核后类别：相对困难；收入有所提高' });

    // 退出 needs a reason; 解困脱困 closes the archive, and a new application is possible again
    const noReason = await cadreA.post(`/api/hardship/archives/${id}/exit`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toHaveProperty('reason');
    const resolved = await cadreA.post(`/api/hardship/archives/${id}/resolve`, { comment: '子女毕业就业，家庭脱困' });
    expect(resolved.body).toMatchObject({ status: 'resolved', closedOn: '2027-10-08', actions: [] });
    expect((await chairA.post('/api/hardship/archives', application(m.id))).status).toBe(201);
  });

  it('退回 needs a comment and sends the application back to the applicant, who edits and resubmits', async () => {
    const { id } = await filed('刘退回', 'reviewed');
    const missing = await cadreA.post(`/api/hardship/archives/${id}/return`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('原因');
    const back = await cadreA.post(`/api/hardship/archives/${id}/return`, { reason: '缺少配偶诊断证明' });
    expect(back.body).toMatchObject({ status: 'returned', timeline: expect.arrayContaining([expect.objectContaining({ step: 'return', comment: '缺少配偶诊断证明' })]) });
    expect((await chairA.request('PUT', `/api/hardship/archives/${id}`, { ...application(0), memberId: undefined, situation: '已补充诊断证明' })).status).toBe(200);
    expect((await chairA.post(`/api/hardship/archives/${id}/submit`, {})).body.status).toBe('applied');
  });

  it('驳回 needs a written reason (400 naming the field) and closes the application', async () => {
    const { id } = await filed('吴驳回', 'visited');
    const missing = await cadreA.post(`/api/hardship/archives/${id}/reject`, { reason: '' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.reason).toMatch(/^原因：/);
    const rejected = await cadreA.post(`/api/hardship/archives/${id}/reject`, { reason: '入户核查发现家庭有经营性收入，不符合条件' });
    expect(rejected.body).toMatchObject({ status: 'rejected', closedReason: '入户核查发现家庭有经营性收入，不符合条件' });
    const row = await t.database.db.selectFrom('hardship_archive').select(['status', 'closed_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'rejected', closed_reason: '入户核查发现家庭有经营性收入，不符合条件' });
    // a closed archive takes no further step
    expect((await cadreA.post(`/api/hardship/archives/${id}/review`, {})).status).toBe(409);
  });

  it('answers 409 to the second of two concurrent identical transitions', async () => {
    const { id } = await filed('郑并发', 'applied');
    const results = await Promise.all([cadreA.post(`/api/hardship/archives/${id}/review`, {}), staff.post(`/api/hardship/archives/${id}/review`, {})]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const steps = await t.database.db.selectFrom('hardship_step').select('step').where('archive_id', '=', id).where('step', '=', 'review').execute();
    expect(steps).toHaveLength(1);
  });

  it('refuses approval while an objection is unhandled, and approves once it is handled', async () => {
    clock.setToday('2026-11-20'); // a Friday: the 公示 ends Friday 27 November
    const { id } = await filed('冯异议', 'notice', '2026-11-20');
    const sent = await t.anonymous.post(`/api/public/hardship/notices/${id}/objections`, { content: '该职工家中另有门面房出租收入。', contact: '13900001111' });
    expect(sent.status).toBe(201);
    const ob = await t.database.db.selectFrom('hardship_objection').selectAll().where('archive_id', '=', id).executeTakeFirstOrThrow();
    expect(t.app.fieldCrypto.decrypt(ob.contact_enc!)).toBe('13900001111');
    clock.setToday('2026-11-30');
    const blocked = await staff.post(`/api/hardship/archives/${id}/approve`, {});
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain('异议尚未处理');
    expect((await cadreB.post(`/api/hardship/objections/${ob.id}/handle`, { note: 'x' })).status).toBe(404);
    expect((await cadreA.post(`/api/hardship/objections/${ob.id}/handle`, { note: '经核实，门面房已于去年出售，异议不成立。' })).status).toBe(200);
    expect((await cadreA.post(`/api/hardship/objections/${ob.id}/handle`, { note: '再次' })).status).toBe(409);
    const ok = await staff.post(`/api/hardship/archives/${id}/approve`, {});
    expect(ok.status).toBe(200);
    expect(ok.body.objections[0]).toMatchObject({ handlingNote: '经核实，门面房已于去年出售，异议不成立。', hasContact: true });
  });
});

describe('scope', () => {
  it('keeps cadreB away from townA\'s archive: no read, no step, no file (404); staffA (county staff of townA) cannot approve outside', async () => {
    const { id } = await filed('褚范围', 'applied');
    for (const [path, body] of [['review', {}], ['return', { reason: 'x' }], ['reject', { reason: 'x' }], ['visit', visit(clock.today())]] as const) {
      expect((await cadreB.post(`/api/hardship/archives/${id}/${path}`, body)).status, path).toBe(404);
    }
    expect((await cadreB.get(`/api/hardship/archives/${id}`)).status).toBe(404);
    const status = await t.database.db.selectFrom('hardship_archive').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(status.status).toBe('applied');
    void staffA;
  });
});

describe('the public 公示', () => {
  it('lists open notices with the masked name only: no string of the response holds the full name or any ID number', async () => {
    const { id, member } = await filed('欧阳明华', 'notice');
    const res = await t.anonymous.get('/api/public/hardship/notices');
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ workerName: '欧**华', unionName: '甲镇某机械有限公司工会', level: 'deep', noticeStart: clock.today() });
    const spouseId = application(0).household[1].idNumber as string;
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(res.body);
    for (const s of strings) {
      expect(s).not.toContain('欧阳明华');
      expect(s).not.toContain(member.idNumber);
      expect(s).not.toContain(member.idNumber.slice(-4));
      expect(s).not.toContain(spouseId);
      expect(s).not.toContain('李桂兰');
    }
    expect(Object.keys(item).sort()).toEqual(['id', 'level', 'levelLabel', 'noticeEnd', 'noticeStart', 'unionName', 'workerName']);
  });

  it('takes objections only for an archive in 公示, with length limits', async () => {
    const { id } = await filed('蒋未公示', 'visited');
    expect((await t.anonymous.post(`/api/public/hardship/notices/${id}/objections`, { content: '异议' })).status).toBe(404);
    const { id: open } = await filed('沈公示', 'notice');
    const long = await t.anonymous.post(`/api/public/hardship/notices/${open}/objections`, { content: '长'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('1000');
  });
});
