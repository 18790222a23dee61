import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { todayInShanghai } from '../common.js';
import { exportRows, toleratePoolTeardown } from './helpers.js';

let t: TestContext;
let staff: Client;
let staffA: Client;
let cadreA: Client;
let cadreB: Client;
let chairA: Client;
let employerA: number;
let employerB: number;

// the 17th digit is the sequence's last digit: odd for men, even for women
const idOf = (seq: number, birth = '1988-03-15') => makeIdNumber('370523', birth, seq);
const register = (client: Client, body: Record<string, unknown>) =>
  client.post('/api/members', { orgId: t.orgs.unionA, name: '测试会员', ...body });
const tomorrow = () => new Date(Date.parse(`${todayInShanghai()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestContext();
  toleratePoolTeardown(t);
  [staff, staffA, cadreA, cadreB, chairA] = await Promise.all([t.as('staff'), t.as('staffA'), t.as('cadreA'), t.as('cadreB'), t.as('chairA')]);
  employerA = (await cadreA.post('/api/employers', { orgId: t.orgs.unionA, name: '甲镇某机械有限公司', ownership: 'private', industry: 'C', employeeCount: 50, coveringUnionId: t.orgs.unionA })).body.id;
  employerB = (await cadreB.post('/api/employers', { orgId: t.orgs.unionB, name: '乙镇某化工有限公司', ownership: 'state', industry: 'C', employeeCount: 80, coveringUnionId: t.orgs.unionB })).body.id;
});
afterAll(async () => { await t?.close(); });

describe('registering a member', () => {
  it('derives sex and birth date from the ID number, stores it encrypted with a blind index, and issues a card number', async () => {
    const id = idOf(123);
    const res = await register(chairA, { name: '张三明', idNumber: id, phone: '138 0013 8000', employerId: employerA, ethnicity: '01', education: 'bachelor', politicalStatus: 'masses', category: 'migrant', joinDate: '2020-05-01' });
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({
      name: '张三明', sex: 'M', birthDate: '1988-03-15', idNumber: `**************${id.slice(-4)}`, phone: '*******8000',
      category: 'migrant', orgId: t.orgs.unionA, employerId: employerA, employerName: '甲镇某机械有限公司', joinDate: '2020-05-01', status: 'active',
    });
    expect(res.body.member.cardNo).toMatch(/^370523\d{8}$/);
    expect(res.body).toMatchObject({ union: { id: t.orgs.unionA }, employer: { id: employerA }, transfers: [], received: { assistance: [], mutualAid: [], appeals: [], honors: [] } });
    const row = await t.database.db.selectFrom('member').selectAll().where('id', '=', res.body.member.id).executeTakeFirstOrThrow();
    expect(row.name_initials).toBe('zsm');
    expect(row.id_number_last4).toBe(id.slice(-4));
    expect(row.id_number_enc.toString('latin1')).not.toContain(id);
    expect(t.app.fieldCrypto.decrypt(row.id_number_enc)).toBe(id);
    expect(row.id_number_hash.equals(t.app.fieldCrypto.blindIndex('id_number', id))).toBe(true);
    expect(t.app.fieldCrypto.decrypt(row.phone_enc!)).toBe('13800138000');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'org_id', 'after']).where('entity', '=', 'member').where('entity_id', '=', String(row.id)).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'create', org_id: t.orgs.unionA });
    expect(JSON.stringify(audit.after)).not.toContain(id);
  });

  it('upgrades a 15-digit legacy number and derives a woman from an even sequence', async () => {
    const id18 = idOf(246, '1965-07-09');
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    const res = await register(chairA, { name: '李秀英', idNumber: id15 });
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({ sex: 'F', birthDate: '1965-07-09', idNumber: `**************${id18.slice(-4)}` });
  });

  it('names 身份证号 and the reason for a bad number', async () => {
    const id = idOf(125);
    const badCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const res = await register(chairA, { idNumber: badCheck });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ idNumber: '身份证号校验位错误' });
    expect((await register(chairA, { idNumber: '3705231988' })).body.error.fields.idNumber).toBe('身份证号应为18位（或旧版15位）');
    expect((await register(chairA, { idNumber: '3.70523E+17' })).body.error.fields.idNumber).toContain('科学计数法');
    const future = makeIdNumber('370523', tomorrow(), 1);
    expect((await register(chairA, { idNumber: future })).body.error.fields.idNumber).toBe('身份证号中的出生日期无效');
  });

  it('refuses a sex that disagrees with the ID number', async () => {
    const res = await register(chairA, { idNumber: idOf(127), sex: 'F' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ sex: '性别与身份证号不符' });
    expect((await register(chairA, { name: '王五', idNumber: idOf(127), sex: 'M' })).status).toBe(201);
  });

  it('checks phone, code tables, employer and join date, each by its field', async () => {
    expect((await register(chairA, { idNumber: idOf(131), phone: '1234' })).body.error.fields.phone).toBe('手机号码格式不正确，应为11位，以1开头');
    expect((await register(chairA, { idNumber: idOf(131), ethnicity: '99' })).body.error.fields.ethnicity).toMatch(/^民族：/);
    expect((await register(chairA, { idNumber: idOf(131), education: 'phd' })).body.error.fields.education).toMatch(/^学历：/);
    expect((await register(chairA, { idNumber: idOf(131), politicalStatus: 'x' })).body.error.fields.politicalStatus).toMatch(/^政治面貌：/);
    expect((await register(chairA, { idNumber: idOf(131), category: 'intern' })).body.error.fields.category).toMatch(/^职工类别：/);
    expect((await register(chairA, { idNumber: idOf(131), joinDate: tomorrow() })).body.error.fields.joinDate).toBe('入会日期：不能晚于今天');
    expect((await register(chairA, { idNumber: idOf(131), employerId: employerB })).status).toBe(404);
    expect((await register(chairA, { idNumber: idOf(131), orgId: t.orgs.unionB })).status).toBe(404);
    expect((await register(cadreA, { idNumber: idOf(131), orgId: t.orgs.townA })).body.error.fields.orgId).toBeDefined();
    // nothing half written
    expect(await t.database.db.selectFrom('member').select('id').where('id_number_hash', '=', t.app.fieldCrypto.blindIndex('id_number', idOf(131))).executeTakeFirst()).toBeUndefined();
  });

  it('gives every member a distinct card number in sequence', async () => {
    const a = await register(chairA, { name: '甲', idNumber: idOf(141) });
    const b = await register(chairA, { name: '乙', idNumber: idOf(143) });
    expect(Number(b.body.member.cardNo.slice(6)) - Number(a.body.member.cardNo.slice(6))).toBe(1);
  });
});

describe('one person, one member record', () => {
  const id = idOf(151);
  beforeAll(async () => {
    expect((await register(cadreB, { orgId: t.orgs.unionB, name: '赵乙', idNumber: id, employerId: employerB })).status).toBe(201);
  });

  it('names the union when the existing member is in the caller scope', async () => {
    const res = await register(staff, { orgId: t.orgs.unionA, idNumber: id });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.idNumber).toBe('该身份证号已登记为会员（所属工会：乙镇某化工有限公司工会）');
  });

  it('sends others to the transfer procedure without naming the other union', async () => {
    const res = await register(cadreA, { idNumber: id });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.idNumber).toBe('该身份证号已在其他工会登记，请办理会员关系接转');
    expect(JSON.stringify(res.body)).not.toContain('乙镇');
    // the 15-digit form of the same person is the same person
    const legacy = await register(cadreA, { idNumber: id.slice(0, 6) + id.slice(8, 17) });
    expect(legacy.body.error.fields.idNumber).toBe('该身份证号已在其他工会登记，请办理会员关系接转');
  });

  it('refuses changing a member ID number to one already registered', async () => {
    const other = await register(chairA, { name: '钱甲', idNumber: idOf(153) });
    const res = await chairA.patch(`/api/members/${other.body.member.id}`, { idNumber: id });
    expect(res.body.error.fields.idNumber).toBe('该身份证号已在其他工会登记，请办理会员关系接转');
  });
});

describe('searching members', () => {
  let zsm: { id: number; idNumber: string; phoneLast4: string };
  beforeAll(async () => {
    const id = idOf(161, '1979-11-02');
    const res = await register(chairA, { name: '张思梅', idNumber: id, phone: '13912345611', category: 'dispatched', employerId: employerA });
    zsm = { id: res.body.member.id, idNumber: id, phoneLast4: '5611' };
    await register(chairA, { name: '周少明', idNumber: idOf(163, '2001-01-20'), phone: '13912340000' });
    await register(cadreB, { orgId: t.orgs.unionB, name: '张顺民', idNumber: idOf(165), employerId: employerB });
  });
  const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((i) => i.name).sort();

  it('finds by pinyin initials, by name, by the last 4 of ID or phone, by the full ID or phone', async () => {
    expect(names(await cadreA.get('/api/members?q=zsm'))).toEqual(['张三明', '张思梅', '周少明'].sort());
    expect(names(await cadreA.get('/api/members?q=ZS'))).toEqual(['张三明', '张思梅', '周少明'].sort());
    expect(names(await cadreA.get('/api/members?q=思梅'))).toEqual(['张思梅']);
    expect(names(await cadreA.get(`/api/members?q=${zsm.idNumber.slice(-4)}`))).toContain('张思梅');
    expect(names(await cadreA.get(`/api/members?q=${zsm.phoneLast4}`))).toEqual(['张思梅']);
    expect(names(await cadreA.get(`/api/members?q=${zsm.idNumber}`))).toEqual(['张思梅']);
    expect(names(await cadreA.get(`/api/members?q=${zsm.idNumber.toLowerCase()}`))).toEqual(['张思梅']);
    expect(names(await cadreA.get('/api/members?q=13912345611'))).toEqual(['张思梅']);
    // a township cadre never finds another township's member, whatever the search
    expect(names(await cadreA.get(`/api/members?q=${idOf(165)}`))).toEqual([]);
    expect(names(await staff.get(`/api/members?q=${idOf(165)}`))).toEqual(['张顺民']);
  });

  it('filters by union, employer, category, sex, status and age, and sorts', async () => {
    expect(names(await cadreA.get(`/api/members?employerId=${employerA}&category=dispatched`))).toEqual(['张思梅']);
    const young = await cadreA.get('/api/members?ageTo=30&pageSize=200');
    expect(names(young)).toEqual(['周少明']);
    const old = await cadreA.get('/api/members?ageFrom=55&pageSize=200');
    expect(names(old)).toEqual(['李秀英']);
    const women = await cadreA.get('/api/members?sex=F&pageSize=200');
    expect(women.body.items.every((i: { sex: string }) => i.sex === 'F')).toBe(true);
    expect((await staff.get(`/api/members?orgId=${t.orgs.townB}&pageSize=200`)).body.items.every((i: { orgId: number }) => i.orgId === t.orgs.unionB)).toBe(true);
    expect((await cadreA.get(`/api/members?orgId=${t.orgs.townB}`)).status).toBe(404);
    const byName = await cadreA.get('/api/members?sort=cardNo&pageSize=200');
    const cards = byName.body.items.map((i: { cardNo: string }) => i.cardNo);
    expect(cards).toEqual([...cards].sort());
  });
});

describe('masking and revealing personal numbers', () => {
  let member: { id: number; idNumber: string };
  beforeAll(async () => {
    const id = idOf(171, '1990-12-12');
    const res = await register(chairA, { name: '孙明亮', idNumber: id, phone: '13700001717' });
    member = { id: res.body.member.id, idNumber: id };
  });

  it('masks the list and the detail: staff see names, not numbers', async () => {
    const list = await cadreA.get('/api/members?q=孙明亮');
    expect(list.body.items[0]).toMatchObject({ name: '孙明亮', idNumber: `**************${member.idNumber.slice(-4)}`, phone: '*******1717' });
    expect(JSON.stringify(list.body)).not.toContain(member.idNumber);
    expect(JSON.stringify(list.body)).not.toContain('13700001717');
    const detail = await cadreA.get(`/api/members/${member.id}`);
    expect(JSON.stringify(detail.body)).not.toContain(member.idNumber);
  });

  it('masks the export by default', async () => {
    const { status, rows } = await exportRows(t, cadreA, '/api/members/export.xlsx');
    expect(status).toBe(200);
    expect(rows[0]).toContain('身份证号');
    const all = rows.flat().join('|');
    expect(all).toContain('孙明亮');
    expect(all).toContain(`**************${member.idNumber.slice(-4)}`);
    expect(all).not.toContain(member.idNumber);
    expect(all).not.toContain('13700001717');
    expect(rows.slice(1).every((r) => !/\d{15}/.test(r[3]))).toBe(true);
  });

  it('gives full numbers to staff who ask reveal=1, and records it', async () => {
    const { status, rows } = await exportRows(t, staff, '/api/members/export.xlsx?reveal=1&q=孙明亮');
    expect(status).toBe(200);
    expect(rows[1]).toContain(member.idNumber);
    expect(rows[1]).toContain('13700001717');
    const reveal = await t.database.db.selectFrom('audit_log').select(['action', 'entity', 'actor_name']).where('action', '=', 'reveal').where('entity', '=', 'export').execute();
    expect(reveal).toHaveLength(1);
    expect(reveal[0].actor_name).toContain('staff');
  });

  it('refuses reveal=1 as a field error to a chair without member:reveal', async () => {
    const res = await chairA.get('/api/members/export.xlsx?reveal=1');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.reveal).toBeDefined();
  });

  it('reveals one full ID number or phone to member:reveal holders, audited', async () => {
    const id = await staff.post(`/api/members/${member.id}/reveal-id`);
    expect(id.body).toEqual({ idNumber: member.idNumber });
    const phone = await staffA.post(`/api/members/${member.id}/reveal-phone`);
    expect(phone.body).toEqual({ phone: '13700001717' });
    const audits = await t.database.db.selectFrom('audit_log').select(['summary', 'org_id']).where('action', '=', 'reveal').where('entity', '=', 'member').where('entity_id', '=', String(member.id)).execute();
    expect(audits.map((a) => a.summary)).toEqual(['查看 会员 孙明亮 的完整身份证号', '查看 会员 孙明亮 的完整手机号码']);
    expect(audits.every((a) => a.org_id === t.orgs.unionA)).toBe(true);
    expect((await chairA.post(`/api/members/${member.id}/reveal-id`)).status).toBe(403);
    expect((await cadreA.post(`/api/members/${member.id}/reveal-id`)).status).toBe(403);
  });
});

describe('the scope of a township cadre', () => {
  let inB: number;
  beforeAll(async () => {
    inB = (await register(cadreB, { orgId: t.orgs.unionB, name: '吴乙明', idNumber: idOf(181), phone: '13600001818', employerId: employerB })).body.member.id;
  });

  it('cannot read, update, close, export, reveal or transfer a member of townB (404)', async () => {
    expect((await cadreA.get(`/api/members/${inB}`)).status).toBe(404);
    expect((await cadreA.patch(`/api/members/${inB}`, { education: 'bachelor' })).status).toBe(404);
    expect((await cadreA.post(`/api/members/${inB}/status`, { status: 'withdrawn', date: '2024-01-01' })).status).toBe(404);
    expect((await cadreA.post(`/api/members/${inB}/transfers`, { toOrgId: t.orgs.unionA })).status).toBe(404);
    // cadreA has no member:reveal at all (403); staffA holds it, in townA only (404)
    expect((await cadreA.post(`/api/members/${inB}/reveal-id`)).status).toBe(403);
    expect((await staffA.post(`/api/members/${inB}/reveal-id`)).status).toBe(404);
    expect((await staffA.post(`/api/members/${inB}/reveal-phone`)).status).toBe(404);
    const exported = await exportRows(t, staffA, '/api/members/export.xlsx?reveal=1');
    expect(exported.rows.flat().join()).not.toContain('吴乙明');
    expect(exported.rows.flat().join()).not.toContain('13600001818');
    expect((await exportRows(t, cadreA, `/api/members/export.xlsx?orgId=${t.orgs.townB}`)).status).toBe(404);
    const row = await t.database.db.selectFrom('member').select(['education', 'status', 'org_id']).where('id', '=', inB).executeTakeFirstOrThrow();
    expect(row).toEqual({ education: null, status: 'active', org_id: t.orgs.unionB });
    expect(await t.database.db.selectFrom('member_transfer').select('id').where('member_id', '=', inB).executeTakeFirst()).toBeUndefined();
  });

  it('cannot move a member to another union by editing it', async () => {
    const res = await cadreB.patch(`/api/members/${inB}`, { orgId: t.orgs.unionA });
    expect(res.body.error.fields.orgId).toContain('会员关系接转');
  });
});

describe('updating a member', () => {
  it('recomputes initials and derived fields', async () => {
    const created = await register(chairA, { name: '陈晨', idNumber: idOf(191) });
    const newId = idOf(192, '1992-02-28');
    const res = await chairA.patch(`/api/members/${created.body.member.id}`, { name: '陈小晨', idNumber: newId, phone: '13500001919', category: 'platform' });
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ name: '陈小晨', sex: 'F', birthDate: '1992-02-28', idNumber: `**************${newId.slice(-4)}`, phone: '*******1919', category: 'platform' });
    const row = await t.database.db.selectFrom('member').select(['name_initials']).where('id', '=', created.body.member.id).executeTakeFirstOrThrow();
    expect(row.name_initials).toBe('cxc');
    expect((await chairA.patch(`/api/members/${created.body.member.id}`, { sex: 'M' })).body.error.fields).toEqual({ sex: '性别与身份证号不符' });
  });
});

describe('leaving (退会, 死亡) and re-activation', () => {
  it('closes a membership without deleting it, and only staff re-activate, with a reason', async () => {
    const created = await register(chairA, { name: '郑离', idNumber: idOf(201), joinDate: '2010-01-01' });
    const id = created.body.member.id;
    expect((await chairA.post(`/api/members/${id}/status`, { status: 'withdrawn', date: tomorrow() })).body.error.fields.date).toBeDefined();
    expect((await chairA.post(`/api/members/${id}/status`, { status: 'withdrawn', date: '2009-12-31' })).body.error.fields.date).toBeDefined();
    const left = await chairA.post(`/api/members/${id}/status`, { status: 'withdrawn', date: '2024-03-01', reason: '本人申请' });
    expect(left.status).toBe(200);
    expect(left.body.member).toMatchObject({ status: 'withdrawn', statusDate: '2024-03-01', statusReason: '本人申请' });
    expect((await chairA.get(`/api/members?status=withdrawn`)).body.items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await chairA.post(`/api/members/${id}/status`, { status: 'deceased', date: '2024-03-02' })).status).toBe(409);
    // re-activation is for county staff, with a reason
    expect((await chairA.post(`/api/members/${id}/status`, { status: 'active', date: '2024-04-01', reason: '误操作' })).status).toBe(403);
    expect((await cadreA.post(`/api/members/${id}/status`, { status: 'active', date: '2024-04-01', reason: '误操作' })).status).toBe(403);
    const noReason = await staff.post(`/api/members/${id}/status`, { status: 'active', date: '2024-04-01' });
    expect(noReason.body.error.fields.reason).toBeDefined();
    const back = await staff.post(`/api/members/${id}/status`, { status: 'active', date: '2024-04-01', reason: '误操作' });
    expect(back.body.member).toMatchObject({ status: 'active', statusReason: '误操作' });
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'member').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'withdraw', 'reactivate']);
  });

  it('a withdrawn member in scope is named when registered again', async () => {
    const created = await register(chairA, { name: '冯退', idNumber: idOf(203) });
    await chairA.post(`/api/members/${created.body.member.id}/status`, { status: 'deceased', date: '2024-05-01' });
    const again = await register(chairA, { idNumber: idOf(203) });
    expect(again.body.error.fields.idNumber).toContain('该身份证号已登记为会员（所属工会：甲镇某机械有限公司工会');
  });
});
