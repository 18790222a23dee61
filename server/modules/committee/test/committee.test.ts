import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';

let t: TestContext;
let staff: Client;
let leader: Client;
let cadreA: Client;
/** county staff whose role is held at township A only */
let staffA: Client;
let termId: number;
const ids: Record<string, number> = {};
let linkedMemberId: number;

const meeting = '九届二次全委(扩大)会议';

beforeAll(async () => {
  t = await createTestContext();
  const db = t.database.db;
  [staff, leader, cadreA, staffA] = await Promise.all([t.as('staff'), t.as('leader'), t.as('cadreA'), t.as('staffA')]);
  // a 会员 record that a committee member can be linked to
  const idNumber = makeIdNumber('370523', '1975-08-02', 124);
  linkedMemberId = (await db.insertInto('member').values({
    org_id: t.orgs.unionA, name: '李红', id_number_enc: t.app.fieldCrypto.encrypt(idNumber), id_number_hash: t.app.fieldCrypto.blindIndex('id_number', idNumber),
    id_number_last4: idNumber.slice(-4), sex: 'F', birth_date: '1975-08-02', card_no: 'C-0001',
  }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t?.close(); });

const add = (body: Record<string, unknown>, client = staff, term = termId) => client.post(`/api/committee/terms/${term}/members`, body);

describe('terms', () => {
  it('creates a term of the caller\'s federation, audited', async () => {
    const res = await staff.post('/api/committee/terms', { name: '第九届', termNo: 9, startDate: '2021-03-20', endDate: '2026-03-20' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ org_id: t.orgs.root, name: '第九届', term_no: 9, start_date: '2021-03-20', end_date: '2026-03-20' });
    termId = res.body.id;
    const logged = await t.database.db.selectFrom('audit_log').select('summary').where('entity', '=', 'committee_term').where('entity_id', '=', String(termId)).executeTakeFirst();
    expect(logged?.summary).toContain('第九届');
  });

  it('refuses bad dates, a union without a committee, and a duplicate, naming the field', async () => {
    const dates = await staff.post('/api/committee/terms', { name: '第十届', startDate: '2026-03-20', endDate: '2026-03-01' });
    expect(dates.status).toBe(400);
    expect(dates.body.error.fields.endDate).toMatch(/^结束日期：/);
    const badDate = await staff.post('/api/committee/terms', { name: '第十届', startDate: '2026-02-30' });
    expect(badDate.status).toBe(400);
    expect(Object.keys(badDate.body.error.fields)).toEqual(['startDate']);
    const grassroots = await staff.post('/api/committee/terms', { orgId: t.orgs.unionA, name: '第一届', startDate: '2024-01-01' });
    expect(grassroots.status).toBe(400);
    expect(grassroots.body.error.fields.orgId).toBeTruthy();
    const dup = await staff.post('/api/committee/terms', { name: '第九届', startDate: '2021-03-20' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('同名届次');
  });

  it('updates a term', async () => {
    const res = await staff.patch(`/api/committee/terms/${termId}`, { remark: '县总工会第九次代表大会选举产生' });
    expect(res.status).toBe(200);
    expect(res.body.remark).toBe('县总工会第九次代表大会选举产生');
  });
});

describe('members', () => {
  it('adds the elected committee: offices imply the standing committee', async () => {
    const elected = { electedMeeting: '九届一次全委会', electedOn: '2021-03-20' };
    const people: Array<[string, Record<string, unknown>]> = [
      ['chair', { name: '张建国', sex: 'M', unit: '县总工会', position: '主席', roles: ['chair'] }],
      ['vice', { name: '李红', unit: '甲镇某机械有限公司', position: '工会主席', roles: ['vice_chair'], memberId: linkedMemberId }],
      ['standing', { name: '王强', sex: 'M', unit: '乙镇总工会', roles: ['standing'] }],
      ['zhao', { name: '赵敏', sex: 'F', unit: '县第一中学', roles: ['committee'] }],
      ['liu', { name: '刘洋', sex: 'M', unit: '甲镇某机械有限公司' }],
      ['audit', { name: '陈静', sex: 'F', unit: '县财政局', roles: ['audit'] }],
    ];
    for (const [key, body] of people) {
      const res = await add({ ...body, ...elected });
      expect(res.status, key).toBe(201);
      ids[key] = res.body.id;
    }
    const detail = await staff.get(`/api/committee/terms/${termId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.chair).toBe('张建国');
    expect(detail.body.members.map((m: { name: string }) => m.name)).toEqual(['张建国', '李红', '王强', '赵敏', '刘洋', '陈静']);
    const byName = Object.fromEntries(detail.body.members.map((m: { name: string }) => [m.name, m]));
    expect(byName['张建国'].roles).toEqual(['chair', 'standing', 'committee']);
    expect(byName['李红']).toMatchObject({ roles: ['vice_chair', 'standing', 'committee'], standing: true, sex: 'F', memberId: linkedMemberId });
    expect(byName['刘洋']).toMatchObject({ roles: ['committee'], standing: false, status: 'serving', electedMeeting: '九届一次全委会' });
    expect(detail.body.counts).toMatchObject({ serving: 6, committee: 5, standing: 3, viceChairs: 1, audit: 1, women: 3, left: 0, replaced: 0 });
  });

  it('a person serves once per term: the database refuses a second seat with a clear message', async () => {
    const twice = await add({ name: '赵敏', sex: 'F', unit: '县第一中学' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('同一人在一届委员会中只能任职一次');
    expect(twice.body.error.fields.name).toBeTruthy();
    const sameMember = await add({ name: '李红', unit: '甲镇另一单位', memberId: linkedMemberId });
    expect(sameMember.status).toBe(409);
    expect(sameMember.body.error.message).toContain('该会员已是本届委员会委员');
    // the same name at another unit is another person
    const namesake = await add({ name: '赵敏', sex: 'F', unit: '乙镇中心卫生院' });
    expect(namesake.status).toBe(201);
    ids.namesake = namesake.body.id;
  });

  it('checks the link to a member record, one chair, and the roles', async () => {
    const mismatch = await add({ name: '李宏', unit: '某单位', memberId: linkedMemberId });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields.memberId).toMatch(/会员.*姓名/);
    const secondChair = await add({ name: '钱进', unit: '某单位', roles: ['chair'] });
    expect(secondChair.status).toBe(409);
    expect(secondChair.body.error.message).toContain('已有在任主席');
    const both = await add({ name: '钱进', unit: '某单位', roles: ['chair', 'vice_chair'] });
    expect(both.status).toBe(400);
    expect(both.body.error.fields.roles).toContain('主席');
    const unknown = await add({ name: '钱进', unit: '某单位', roles: ['boss'] });
    expect(unknown.status).toBe(400);
  });

  it('updates a member', async () => {
    const res = await staff.patch(`/api/committee/members/${ids.namesake}`, { roles: ['standing'], position: '院长' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roles: ['standing', 'committee'], position: '院长' });
    const detail = await staff.get(`/api/committee/members/${ids.namesake}`);
    expect(detail.body).toMatchObject({ name: '赵敏', standing: true, termId, termName: '第九届' });
  });
});

describe('替补 (replacement)', () => {
  it('records that one member left and another replaced them, approved by a meeting, in one go', async () => {
    const res = await staff.post(`/api/committee/terms/${termId}/replacements`, {
      leavingMemberId: ids.liu, reason: '工作调动', meeting, date: '2023-02-15',
      newMember: { name: '孙磊', sex: 'M', unit: '甲镇某机械有限公司', position: '工会副主席' },
    });
    expect(res.status).toBe(201);
    expect(res.body.left).toMatchObject({ id: ids.liu, status: 'left', left_on: '2023-02-15', left_reason: '工作调动' });
    expect(res.body.newMember).toMatchObject({ name: '孙磊', status: 'serving', roles: ['committee'], elected_meeting: meeting, elected_on: '2023-02-15' });
    ids.sun = res.body.newMember.id;

    // both people's history stays, linked both ways
    const detail = await staff.get(`/api/committee/terms/${termId}`);
    const byName = Object.fromEntries(detail.body.members.map((m: { name: string }) => [m.name, m]));
    expect(byName['刘洋']).toMatchObject({
      status: 'left', leftOn: '2023-02-15', leftReason: '工作调动', electedMeeting: '九届一次全委会',
      replacedBy: { memberId: ids.sun, name: '孙磊', meeting, approvedOn: '2023-02-15', reason: '工作调动' }, replaces: null,
    });
    expect(byName['孙磊']).toMatchObject({ status: 'serving', electedMeeting: meeting, replaces: { memberId: ids.liu, name: '刘洋', meeting }, replacedBy: null });
    expect(detail.body.replacements).toEqual([expect.objectContaining({ meeting, approvedOn: '2023-02-15', leftMember: { id: ids.liu, name: '刘洋' }, newMember: { id: ids.sun, name: '孙磊' } })]);
    expect(detail.body.counts).toMatchObject({ serving: 7, left: 1, replaced: 1, standing: 4 });
    // current members first, the former after them
    expect(detail.body.members.at(-1).name).toBe('刘洋');

    const logged = await t.database.db.selectFrom('audit_log').select(['summary', 'org_id']).where('entity', '=', 'committee_member').where('action', '=', 'replace').execute();
    expect(logged).toHaveLength(1);
    expect(logged[0].summary).toContain(meeting);
    expect(logged[0].summary).toContain('刘洋');
    expect(logged[0].summary).toContain('孙磊');
    expect(logged[0].org_id).toBe(t.orgs.root);
  });

  it('a seat is replaced once, and a failed replacement changes nothing', async () => {
    const again = await staff.post(`/api/committee/terms/${termId}/replacements`, {
      leavingMemberId: ids.liu, reason: '工作调动', meeting, date: '2023-02-15', newMember: { name: '周婷', unit: '某单位' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('孙磊');
    // the newcomer is already on the committee: the whole replacement is refused
    const dup = await staff.post(`/api/committee/terms/${termId}/replacements`, {
      leavingMemberId: ids.standing, reason: '退休', meeting, date: '2023-02-15', newMember: { name: '张建国', unit: '县总工会' },
    });
    expect(dup.status).toBe(409);
    const wang = await t.database.db.selectFrom('committee_member').select(['status', 'left_on']).where('id', '=', ids.standing).executeTakeFirstOrThrow();
    expect(wang).toEqual({ status: 'serving', left_on: null });
    expect(await t.database.db.selectFrom('committee_replacement').select('id').execute()).toHaveLength(1);
    const otherTerm = await staff.post(`/api/committee/terms/${termId}/replacements`, {
      leavingMemberId: 999999, reason: '退休', meeting, date: '2023-02-15', newMember: { name: '周婷', unit: '某单位' },
    });
    expect(otherTerm.status).toBe(400);
    expect(otherTerm.body.error.fields.leavingMemberId).toBeTruthy();
  });

  it('the database keeps a replaced member as having left', async () => {
    await expect(t.database.db.updateTable('committee_member').set({ status: 'serving', left_on: null }).where('id', '=', ids.liu).execute())
      .rejects.toMatchObject({ code: '23503' });
    await expect(t.database.db.insertInto('committee_replacement').values({
      term_id: termId, left_member_id: ids.standing, new_member_id: ids.zhao, meeting, approved_on: '2023-02-15', reason: '测试',
    }).execute()).rejects.toMatchObject({ code: '23503' }); // 王强 is still serving
  });

  it('a member can leave without replacement, and their empty seat be filled later', async () => {
    const left = await staff.post(`/api/committee/members/${ids.zhao}/leave`, { leftOn: '2022-07-01', reason: '退休' });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ status: 'left', left_on: '2022-07-01', left_reason: '退休' });
    expect((await staff.post(`/api/committee/members/${ids.zhao}/leave`, { leftOn: '2022-07-02', reason: '退休' })).status).toBe(409);
    const early = await staff.post(`/api/committee/members/${ids.standing}/leave`, { leftOn: '2020-01-01', reason: '退休' });
    expect(early.status).toBe(400);
    expect(early.body.error.fields.leftOn).toMatch(/^离任日期：/);

    const filled = await staff.post(`/api/committee/terms/${termId}/replacements`, {
      leavingMemberId: ids.zhao, reason: '退休', meeting, date: '2023-02-15', newMember: { name: '周婷', sex: 'F', unit: '县第一中学' },
    });
    expect(filled.status).toBe(201);
    // the recorded leave stays as it was
    expect(filled.body.left).toMatchObject({ left_on: '2022-07-01', left_reason: '退休' });
    const detail = await staff.get(`/api/committee/terms/${termId}`);
    expect(detail.body.counts).toMatchObject({ serving: 7, left: 2, replaced: 2 });
  });

  it('exports the roster: serving members, then those who left and who replaced them', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/committee/terms/${termId}/roster.xlsx`, headers: { cookie: staff.cookie } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('第九届委员会名单'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [serving, former] = wb.worksheets;
    expect(serving.name).toBe('在任委员');
    const servingRows = serving.getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1));
    expect(servingRows.map((r) => r[1])).toEqual(['张建国', '李红', '王强', '赵敏', '孙磊', '周婷', '陈静']);
    expect(servingRows[0][5]).toBe('主席');
    expect(servingRows[4][9]).toContain('替补刘洋');
    const formerRows = former.getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1));
    expect(formerRows.map((r) => [r[1], r[8], r[9]])).toEqual([['赵敏', '周婷', meeting], ['刘洋', '孙磊', meeting]]);
  });
});

describe('permissions and scope', () => {
  it('lets the leadership read, and refuses a township cadre without committee permissions', async () => {
    expect((await leader.get(`/api/committee/terms/${termId}`)).status).toBe(200);
    expect((await leader.get('/api/committee/terms')).body.items.map((i: { name: string }) => i.name)).toEqual(['第九届']);
    expect((await leader.post(`/api/committee/terms/${termId}/members`, { name: '某人' })).status).toBe(403);
    expect((await cadreA.post(`/api/committee/terms/${termId}/members`, { name: '某人' })).status).toBe(403);
    expect((await cadreA.post('/api/committee/terms', { name: '第一届', startDate: '2024-01-01' })).status).toBe(403);
    expect((await cadreA.get('/api/committee/terms')).status).toBe(403);
  });

  it('keeps a township\'s committee work inside the township', async () => {
    // staff of township A keep their township federation's committee, and cannot see the county's
    const own = await staffA.post('/api/committee/terms', { name: '第三届', termNo: 3, startDate: '2023-01-10' });
    expect(own.status).toBe(201);
    expect(own.body.org_id).toBe(t.orgs.townA);
    expect((await staffA.get('/api/committee/terms')).body.items.map((i: { name: string }) => i.name)).toEqual(['第三届']);
    expect((await staffA.get(`/api/committee/terms/${termId}`)).status).toBe(404);
    expect((await staffA.get(`/api/committee/terms/${termId}/roster.xlsx`)).status).toBe(404);
    expect((await staffA.get(`/api/committee/members/${ids.chair}`)).status).toBe(404);
    expect((await staffA.patch(`/api/committee/terms/${termId}`, { name: '改' })).status).toBe(404);
    expect((await staffA.post(`/api/committee/terms/${termId}/members`, { name: '某人' })).status).toBe(404);
    expect((await staffA.patch(`/api/committee/members/${ids.chair}`, { position: '改' })).status).toBe(404);
    expect((await staffA.post(`/api/committee/members/${ids.standing}/leave`, { leftOn: '2023-01-01', reason: '改' })).status).toBe(404);
    expect((await staffA.post(`/api/committee/terms/${termId}/replacements`, {
      leavingMemberId: ids.standing, reason: '退休', meeting, date: '2023-02-15', newMember: { name: '某人' },
    })).status).toBe(404);
    expect((await staffA.post('/api/committee/terms', { orgId: t.orgs.townB, name: '第三届', startDate: '2023-01-10' })).status).toBe(404);
    // and nothing changed
    const wang = await t.database.db.selectFrom('committee_member').select(['status', 'position']).where('id', '=', ids.standing).executeTakeFirstOrThrow();
    expect(wang).toEqual({ status: 'serving', position: null });
    // the county sees both
    const all = await staff.get('/api/committee/terms?sort=name');
    expect(all.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['第三届', '第九届'].sort());
  });
});
