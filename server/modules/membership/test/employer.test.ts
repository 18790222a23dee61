import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../../lib/validators/credit-code.js';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { exportRows, toleratePoolTeardown } from './helpers.js';

let t: TestContext;
let staff: Client;
let cadreA: Client;
let cadreB: Client;
let chairA: Client;
let jointA: number;

const code = (body9: string) => makeCreditCode('370523', body9);
const base = () => ({ orgId: t.orgs.unionA, name: '甲镇测试机械有限公司', ownership: 'private', industry: 'C', employeeCount: 100 });

beforeAll(async () => {
  t = await createTestContext();
  toleratePoolTeardown(t);
  [staff, cadreA, cadreB, chairA] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('cadreB'), t.as('chairA')]);
  jointA = (await staff.post('/api/orgs', { parentId: t.orgs.townA, name: '甲镇快递物流联合工会', kind: 'joint_grassroots' })).body.id;
});
afterAll(async () => { await t?.close(); });

describe('employer validation', () => {
  it('names 统一社会信用代码 and the reason for a bad credit code', async () => {
    const good = code('MA1000001');
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await cadreA.post('/api/employers', { ...base(), creditCode: badCheck });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.creditCode).toBe('统一社会信用代码校验位错误');
    const short = await cadreA.post('/api/employers', { ...base(), creditCode: good.slice(0, 17) });
    expect(short.body.error.fields.creditCode).toBe('统一社会信用代码应为18位');
    const chars = await cadreA.post('/api/employers', { ...base(), creditCode: good.slice(0, 16) + 'I' + good[17] });
    expect(chars.body.error.fields.creditCode).toContain('统一社会信用代码含有非法字符');
  });

  it('normalizes the credit code (lower case, full width, spaces)', async () => {
    const c = code('MA1000002');
    const res = await cadreA.post('/api/employers', { ...base(), name: '甲镇规范化测试公司', creditCode: ` ${c.toLowerCase().slice(0, 9)} ${c.toLowerCase().slice(9)} ` });
    expect(res.status).toBe(201);
    expect(res.body.creditCode).toBe(c);
  });

  it('checks ownership and industry against the code tables', async () => {
    const own = await cadreA.post('/api/employers', { ...base(), ownership: 'stateish' });
    expect(own.status).toBe(400);
    expect(own.body.error.fields.ownership).toMatch(/^所有制：/);
    const ind = await cadreA.post('/api/employers', { ...base(), industry: 'Z' });
    expect(ind.body.error.fields.industry).toMatch(/^所属行业：/);
  });

  it('refuses negative counts and counts above the total, naming each field', async () => {
    const negative = await cadreA.post('/api/employers', { ...base(), womenCount: -1 });
    expect(negative.status).toBe(400);
    expect(Object.keys(negative.body.error.fields)).toEqual(['womenCount']);
    const over = await cadreA.post('/api/employers', { ...base(), employeeCount: 10, womenCount: 11, migrantCount: 3, dispatchedCount: 12, platformCount: 10 });
    expect(over.status).toBe(400);
    expect(over.body.error.fields).toEqual({
      womenCount: '女职工人数：不能超过职工人数（10）',
      dispatchedCount: '劳务派遣人数：不能超过职工人数（10）',
    });
  });

  it('keeps the rules on update: a smaller total than the women already counted is refused', async () => {
    const created = await cadreA.post('/api/employers', { ...base(), name: '甲镇修改测试公司', employeeCount: 20, womenCount: 8 });
    expect(created.status).toBe(201);
    const res = await cadreA.patch(`/api/employers/${created.body.id}`, { employeeCount: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.womenCount).toContain('不能超过职工人数');
    const ok = await cadreA.patch(`/api/employers/${created.body.id}`, { employeeCount: 30, address: '甲镇工业园1号' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ employeeCount: 30, womenCount: 8, address: '甲镇工业园1号' });
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'org_id']).where('entity', '=', 'employer').where('entity_id', '=', String(created.body.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('answers a duplicate credit code as a field error, naming the other employer only in scope', async () => {
    const c = code('MA1000003');
    expect((await cadreA.post('/api/employers', { ...base(), name: '甲镇重码测试公司', creditCode: c })).status).toBe(201);
    const again = await cadreA.post('/api/employers', { ...base(), name: '甲镇重码二', creditCode: c });
    expect(again.status).toBe(400);
    expect(again.body.error.fields.creditCode).toContain('甲镇重码测试公司');
    const other = await cadreB.post('/api/employers', { ...base(), orgId: t.orgs.unionB, name: '乙镇重码', creditCode: c });
    expect(other.status).toBe(400);
    expect(other.body.error.fields.creditCode).toBe('统一社会信用代码：已由其他工会登记，请联系上级工会核实');
    expect(JSON.stringify(other.body)).not.toContain('甲镇');
  });
});

describe('union status and the covering union', () => {
  it('covers an employer by its own union or a joint union, and derives the status', async () => {
    const own = await cadreA.post('/api/employers', { ...base(), name: '甲镇单独建会公司', coveringUnionId: t.orgs.unionA });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ hasUnion: true, unionStatus: 'single', coveringUnion: { id: t.orgs.unionA } });
    const joint = await cadreA.post('/api/employers', { ...base(), orgId: t.orgs.townA, name: '甲镇某快递网点', coveringUnionId: jointA });
    expect(joint.body).toMatchObject({ hasUnion: true, unionStatus: 'joint', coveringUnion: { id: jointA, name: '甲镇快递物流联合工会' } });
    const none = await cadreA.post('/api/employers', { ...base(), orgId: t.orgs.townA, name: '甲镇小餐馆' });
    expect(none.body).toMatchObject({ hasUnion: false, unionStatus: 'none', coveringUnion: null });
    const removed = await cadreA.patch(`/api/employers/${own.body.id}`, { coveringUnionId: null });
    expect(removed.body).toMatchObject({ hasUnion: false, unionStatus: 'none' });
  });

  it('refuses a covering union outside the scope (404) or of another kind', async () => {
    const outside = await cadreA.post('/api/employers', { ...base(), coveringUnionId: t.orgs.unionB });
    expect(outside.status).toBe(404);
    expect(outside.body.error.message).not.toContain('乙镇');
    const township = await cadreA.post('/api/employers', { ...base(), coveringUnionId: t.orgs.townA });
    expect(township.status).toBe(400);
    expect(township.body.error.fields.coveringUnionId).toContain('覆盖工会');
    const contradiction = await cadreA.post('/api/employers', { ...base(), coveringUnionId: t.orgs.unionA, hasUnion: false });
    expect(contradiction.body.error.fields.hasUnion).toBeDefined();
  });

  it('keeps the record at a union in the writer scope', async () => {
    expect((await cadreA.post('/api/employers', { ...base(), orgId: t.orgs.unionB })).status).toBe(404);
    expect((await chairA.post('/api/employers', base())).status).toBe(403);
  });
});

describe('employer list, detail and export', () => {
  let inB: number;
  beforeAll(async () => {
    inB = (await cadreB.post('/api/employers', { ...base(), orgId: t.orgs.unionB, name: '乙镇港资超市', ownership: 'hmt', industry: 'F', employeeCount: 12, creditCode: code('MA2000001') })).body.id;
    await cadreA.post('/api/employers', { ...base(), orgId: t.orgs.unionA, name: '甲镇国有电厂', ownership: 'state', industry: 'D', employeeCount: 300, coveringUnionId: t.orgs.unionA });
  });

  it('filters by name, credit code, ownership, industry, township, union status and non-public', async () => {
    const all = await staff.get('/api/employers?pageSize=200');
    const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((i) => i.name);
    expect(names(all)).toContain('乙镇港资超市');
    expect(names(await staff.get(`/api/employers?township=${t.orgs.townB}&pageSize=200`))).toEqual(['乙镇港资超市']);
    expect(names(await staff.get('/api/employers?q=电厂'))).toEqual(['甲镇国有电厂']);
    expect(names(await staff.get(`/api/employers?creditCode=${code('MA2000001').toLowerCase()}`))).toEqual(['乙镇港资超市']);
    expect(names(await staff.get('/api/employers?ownership=hmt'))).toEqual(['乙镇港资超市']);
    expect(names(await staff.get('/api/employers?industry=D'))).toEqual(['甲镇国有电厂']);
    const nonPublic = await staff.get('/api/employers?nonPublic=true&pageSize=200');
    expect(nonPublic.body.items.every((i: { ownership: string }) => ['private', 'foreign', 'hmt', 'individual'].includes(i.ownership))).toBe(true);
    expect(names(nonPublic)).not.toContain('甲镇国有电厂');
    const unionized = await staff.get('/api/employers?hasUnion=true&pageSize=200');
    expect(unionized.body.items.every((i: { hasUnion: boolean }) => i.hasUnion)).toBe(true);
    const without = await staff.get('/api/employers?hasUnion=false&pageSize=200');
    expect(without.body.items.every((i: { hasUnion: boolean }) => !i.hasUnion)).toBe(true);
    expect(unionized.body.total + without.body.total).toBe(all.body.total);
    const sorted = await staff.get('/api/employers?sort=-employeeCount&pageSize=1');
    expect(sorted.body.items[0].name).toBe('甲镇国有电厂');
  });

  it('keeps a township cadre inside the township: list, filter, detail, update, export', async () => {
    const list = await cadreA.get('/api/employers?pageSize=200');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((i: { orgName: string }) => i.orgName.startsWith('甲镇'))).toBe(true);
    expect((await cadreA.get(`/api/employers?township=${t.orgs.townB}`)).status).toBe(404);
    expect((await cadreA.get(`/api/employers/${inB}`)).status).toBe(404);
    expect((await cadreA.patch(`/api/employers/${inB}`, { address: '改' })).status).toBe(404);
    const exported = await exportRows(t, cadreA, '/api/employers/export.xlsx');
    expect(exported.status).toBe(200);
    expect(exported.rows.flat().join()).not.toContain('乙镇');
    expect(exported.rows.flat().join()).toContain('甲镇国有电厂');
    expect((await chairA.get(`/api/employers/${inB}`)).status).toBe(404);
  });

  it('exports every matching employer with labels', async () => {
    const { rows } = await exportRows(t, staff, '/api/employers/export.xlsx?ownership=hmt');
    expect(rows[0].slice(0, 4)).toEqual(['单位名称', '统一社会信用代码', '所有制', '所属行业']);
    expect(rows[1].slice(0, 4)).toEqual(['乙镇港资超市', code('MA2000001'), '港澳台', '批发和零售业']);
    expect(rows).toHaveLength(2);
  });

  it('shows the detail with the keeping union and the active members', async () => {
    const res = await cadreB.get(`/api/employers/${inB}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: inB, orgId: t.orgs.unionB, orgName: '乙镇某化工有限公司工会', ownership: 'hmt', memberCount: 0, womenMemberCount: 0 });
  });
});
