import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import { makeCreditCode } from '../../../../lib/validators/credit-code.js';

// A small county, counted by hand:
//
//   employer          kept by     ownership           industry  staff  migr disp plat  union               active members (category)
//   E1 甲机械          unionA      private             C          10     4    2    0   own                 6 (3 migrant, 1 dispatched, 2 regular) + 1 withdrawn
//   E2 甲镇小餐馆      townA       individual          H           5     2    0    0   none                0
//   E3 甲镇配送站      townA       private             G           8     0    0    6   covered by unionA   3 (platform)
//   E4 乙化工          unionB      state               C          20     0    5    0   own                 10 (2 dispatched) + 1 deceased
//   E5 乙镇超市        townB       hmt                 F          12     3    0    0   none                0
//   E6 县直某中心      root        public_institution  P           0     0    0    0   none                0
//   and one active member of unionA tied to no employer; an industry union with no employers.
//
// County: 6 employers, 3 unionized (E1, E3 covered, E4) → 0.5; 55 staff, 19 members → 0.3455;
// migrant 3/9 → 0.3333; dispatched 3/7 → 0.4286; platform 3/6 → 0.5.
// Non-public (E1, E2, E3, E5): 4 employers, 2 unionized → 0.5; 35 staff, 9 members → 0.2571.

let t: TestContext;
let staff: Client;
let cadreA: Client;
let chairA: Client;
let industryUnion: number;
const e: Record<string, number> = {};
let seq = 0;

async function employer(key: string, values: {
  org: number; name: string; ownership: string; industry: string; staff: number;
  migrant?: number; dispatched?: number; platform?: number; hasUnion?: boolean; coveredBy?: number; creditCode?: string;
}) {
  const row = await t.database.db.insertInto('employer').values({
    org_id: values.org, name: values.name, ownership: values.ownership, industry: values.industry,
    credit_code: values.creditCode ?? null,
    employee_count: values.staff, migrant_count: values.migrant ?? 0, dispatched_count: values.dispatched ?? 0, platform_count: values.platform ?? 0,
    has_union: values.hasUnion ?? false, covering_union_id: values.coveredBy ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  e[key] = row.id;
}

async function members(org: number, employerId: number | null, specs: Array<{ category?: string; status?: 'active' | 'withdrawn' | 'deceased'; n?: number }>) {
  const rows = specs.flatMap((s) => Array.from({ length: s.n ?? 1 }, () => {
    seq++;
    const id = makeIdNumber('370523', '1990-05-17', seq);
    return {
      org_id: org, employer_id: employerId, name: `会员${seq}`,
      id_number_enc: t.app.fieldCrypto.encrypt(id), id_number_hash: t.app.fieldCrypto.blindIndex('id_number', id), id_number_last4: id.slice(-4),
      sex: (seq % 2 ? 'M' : 'F') as 'M' | 'F', birth_date: '1990-05-17', category: s.category ?? 'regular', card_no: `T${String(seq).padStart(6, '0')}`,
      status: s.status ?? 'active',
    };
  }));
  await t.database.db.insertInto('member').values(rows).execute();
}

beforeAll(async () => {
  t = await createTestContext();
  [staff, cadreA, chairA] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('chairA')]);
  const o = t.orgs;
  industryUnion = (await t.database.db.insertInto('org').values({ name: '县教育工会', kind: 'industry', parent_id: o.root }).returning('id').executeTakeFirstOrThrow()).id;
  await employer('E1', { org: o.unionA, name: '甲镇某机械有限公司', ownership: 'private', industry: 'C', staff: 10, migrant: 4, dispatched: 2, hasUnion: true, coveredBy: o.unionA });
  await employer('E2', { org: o.townA, name: '甲镇小餐馆', ownership: 'individual', industry: 'H', staff: 5, migrant: 2 });
  await employer('E3', { org: o.townA, name: '甲镇快递配送站', ownership: 'private', industry: 'G', staff: 8, platform: 6, coveredBy: o.unionA });
  await employer('E4', { org: o.unionB, name: '乙镇某化工有限公司', ownership: 'state', industry: 'C', staff: 20, dispatched: 5, hasUnion: true, coveredBy: o.unionB });
  await employer('E5', { org: o.townB, name: '乙镇惠民超市', ownership: 'hmt', industry: 'F', staff: 12, migrant: 3, creditCode: makeCreditCode('370523', 'MA3C4D5E6') });
  await employer('E6', { org: o.root, name: '县直某服务中心', ownership: 'public_institution', industry: 'P', staff: 0 });
  await members(o.unionA, e.E1, [{ category: 'migrant', n: 3 }, { category: 'dispatched' }, { n: 2 }, { status: 'withdrawn' }]);
  await members(o.unionA, e.E3, [{ category: 'platform', n: 3 }]);
  await members(o.unionB, e.E4, [{ category: 'dispatched', n: 2 }, { n: 8 }, { status: 'deceased' }]);
  await members(o.unionA, null, [{}]);
});
afterAll(async () => { await t?.close(); });

describe('coverage summary', () => {
  it('counts the county by hand', async () => {
    const res = await staff.get('/api/coverage/summary');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      org: { id: t.orgs.root },
      employers: 6, unionizedEmployers: 3, unionizationRate: 0.5,
      employees: 55, members: 19, membershipRate: 0.3455,
      migrantEmployees: 9, migrantMembers: 3, migrantMembershipRate: 0.3333,
      dispatchedEmployees: 7, dispatchedMembers: 3, dispatchedMembershipRate: 0.4286,
      platformEmployees: 6, platformMembers: 3, platformMembershipRate: 0.5,
      membersWithoutEmployer: { members: 1, migrantMembers: 0, dispatchedMembers: 0, platformMembers: 0 },
    });
  });

  it('keeps non-public employers apart', async () => {
    const res = await staff.get('/api/coverage/summary');
    expect(res.body.nonPublic).toMatchObject({
      employers: 4, unionizedEmployers: 2, unionizationRate: 0.5, employees: 35, members: 9, membershipRate: 0.2571,
      migrantEmployees: 9, migrantMembers: 3, platformEmployees: 6, platformMembers: 3, dispatchedEmployees: 2, dispatchedMembers: 1,
    });
  });

  it('gives a township cadre their township, and a subtree on request', async () => {
    const own = await cadreA.get('/api/coverage/summary');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      org: { id: t.orgs.townA }, employers: 3, unionizedEmployers: 2, unionizationRate: 0.6667,
      employees: 23, members: 9, membershipRate: 0.3913, membersWithoutEmployer: { members: 1 },
    });
    const union = await staff.get(`/api/coverage/summary?orgId=${t.orgs.unionA}`);
    expect(union.body).toMatchObject({ employers: 1, unionizedEmployers: 1, unionizationRate: 1, employees: 10, members: 6, membershipRate: 0.6 });
  });

  it('answers null, never NaN, where there is nothing to divide by', async () => {
    const res = await staff.get(`/api/coverage/summary?orgId=${industryUnion}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ employers: 0, unionizationRate: null, employees: 0, membershipRate: null, migrantMembershipRate: null });
    expect(res.raw).not.toContain('NaN');
  });

  it('follows the organization switcher and refuses a subtree outside the scope', async () => {
    const switched = await staff.get('/api/coverage/summary', { 'x-org-id': String(t.orgs.townB) });
    expect(switched.body).toMatchObject({ org: { id: t.orgs.townB }, employers: 2, unionizedEmployers: 1, employees: 32, members: 10, membershipRate: 0.3125 });
    expect((await cadreA.get(`/api/coverage/summary?orgId=${t.orgs.townB}`)).status).toBe(404);
    expect((await cadreA.get(`/api/coverage/breakdown?orgId=${t.orgs.townB}&by=industry`)).status).toBe(404);
    expect((await cadreA.get(`/api/coverage/summary?orgId=${t.orgs.root}`)).status).toBe(404);
    expect((await chairA.get('/api/coverage/summary')).status).toBe(403);
  });
});

describe('coverage breakdown', () => {
  const byKey = (rows: Array<{ key: string }>) => Object.fromEntries(rows.map((r) => [r.key, r]));

  it('by the next level of the tree: townships, the industry union, and the county itself', async () => {
    const res = await staff.get('/api/coverage/breakdown?by=tree');
    expect(res.status).toBe(200);
    const rows = byKey(res.body.rows);
    expect(Object.keys(rows).sort()).toEqual([t.orgs.root, t.orgs.townA, t.orgs.townB, industryUnion].map(String).sort());
    expect(rows[t.orgs.root]).toMatchObject({ label: '测试县总工会（本级）', directOnly: true, employers: 1, unionizedEmployers: 0, unionizationRate: 0, employees: 0, membershipRate: null });
    expect(rows[t.orgs.townA]).toMatchObject({
      label: '甲镇总工会', employers: 3, unionizedEmployers: 2, unionizationRate: 0.6667, employees: 23, members: 9, membershipRate: 0.3913,
      migrantEmployees: 6, migrantMembers: 3, dispatchedEmployees: 2, dispatchedMembers: 1, platformEmployees: 6, platformMembers: 3,
    });
    expect(rows[t.orgs.townB]).toMatchObject({
      label: '乙镇总工会', employers: 2, unionizedEmployers: 1, unionizationRate: 0.5, employees: 32, members: 10, membershipRate: 0.3125,
      migrantEmployees: 3, migrantMembers: 0, migrantMembershipRate: 0, dispatchedEmployees: 5, dispatchedMembers: 2, dispatchedMembershipRate: 0.4,
    });
    expect(rows[industryUnion]).toMatchObject({ employers: 0, unionizationRate: null, membershipRate: null });
    // the rows add up to the county
    expect(res.body.total).toMatchObject({ employers: 6, unionizedEmployers: 3, employees: 55, members: 19, unionizationRate: 0.5, membershipRate: 0.3455 });
  });

  it('below a township: its unions and the township itself', async () => {
    const res = await cadreA.get('/api/coverage/breakdown?by=tree');
    const rows = byKey(res.body.rows);
    expect(Object.keys(rows).sort()).toEqual([t.orgs.townA, t.orgs.unionA].map(String).sort());
    expect(rows[t.orgs.townA]).toMatchObject({ label: '甲镇总工会（本级）', employers: 2, unionizedEmployers: 1, employees: 13, members: 3 });
    expect(rows[t.orgs.unionA]).toMatchObject({ employers: 1, unionizedEmployers: 1, employees: 10, members: 6, membershipRate: 0.6 });
  });

  it('by industry section, in GB/T 4754 order', async () => {
    const res = await staff.get('/api/coverage/breakdown?by=industry');
    expect(res.body.rows.map((r: { key: string }) => r.key)).toEqual(['C', 'F', 'G', 'H', 'P']);
    const rows = byKey(res.body.rows);
    expect(rows.C).toMatchObject({ label: '制造业', employers: 2, unionizedEmployers: 2, unionizationRate: 1, employees: 30, members: 16, membershipRate: 0.5333 });
    expect(rows.F).toMatchObject({ employers: 1, unionizedEmployers: 0, unionizationRate: 0, employees: 12, members: 0, membershipRate: 0 });
    expect(rows.G).toMatchObject({ employers: 1, unionizedEmployers: 1, employees: 8, members: 3, membershipRate: 0.375, platformEmployees: 6, platformMembers: 3 });
    expect(rows.P).toMatchObject({ employers: 1, employees: 0, membershipRate: null });
  });

  it('by ownership, non-public marked', async () => {
    const res = await staff.get('/api/coverage/breakdown?by=ownership');
    expect(res.body.rows.map((r: { key: string }) => r.key)).toEqual(['state', 'private', 'hmt', 'individual', 'public_institution']);
    const rows = byKey(res.body.rows);
    expect(rows.private).toMatchObject({ label: '私营', nonPublic: true, employers: 2, unionizedEmployers: 2, employees: 18, members: 9, membershipRate: 0.5 });
    expect(rows.state).toMatchObject({ label: '国有', nonPublic: false, employers: 1, employees: 20, members: 10, membershipRate: 0.5 });
    expect(rows.hmt).toMatchObject({ nonPublic: true, employers: 1, unionizedEmployers: 0, unionizationRate: 0 });
    expect(rows.individual).toMatchObject({ nonPublic: true, employers: 1, employees: 5 });
    const cadre = await cadreA.get('/api/coverage/breakdown?by=ownership');
    expect(cadre.body.rows.map((r: { key: string }) => r.key)).toEqual(['private', 'individual']);
  });

  it('refuses an unknown grouping', async () => {
    const res = await staff.get('/api/coverage/breakdown?by=color');
    expect(res.status).toBe(400);
  });
});

describe('employers without a union (drill-down)', () => {
  const names = (body: { items: Array<{ name: string }> }) => body.items.map((i) => i.name);

  it('lists only employers without a union, largest first', async () => {
    const res = await staff.get('/api/coverage/employers-without-union');
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['乙镇惠民超市', '甲镇小餐馆', '县直某服务中心']);
    expect(res.body.total).toBe(3);
    expect(res.body.items[0]).toMatchObject({
      id: e.E5, creditCode: makeCreditCode('370523', 'MA3C4D5E6'), townshipName: '乙镇总工会', orgName: '乙镇总工会',
      ownership: 'hmt', ownershipLabel: '港澳台', nonPublic: true, industry: 'F', industryLabel: '批发和零售业', employees: 12, migrantEmployees: 3,
    });
  });

  it('filters by subtree, industry, ownership, non-public and name', async () => {
    expect(names((await staff.get(`/api/coverage/employers-without-union?orgId=${t.orgs.townB}`)).body)).toEqual(['乙镇惠民超市']);
    expect(names((await staff.get(`/api/coverage/employers-without-union?orgId=${t.orgs.root}&directOnly=1`)).body)).toEqual(['县直某服务中心']);
    expect(names((await staff.get('/api/coverage/employers-without-union?industry=H')).body)).toEqual(['甲镇小餐馆']);
    expect(names((await staff.get('/api/coverage/employers-without-union?ownership=public_institution')).body)).toEqual(['县直某服务中心']);
    expect(names((await staff.get('/api/coverage/employers-without-union?nonPublic=1&sort=name')).body).sort()).toEqual(['乙镇惠民超市', '甲镇小餐馆'].sort());
    expect(names((await staff.get('/api/coverage/employers-without-union?q=超市')).body)).toEqual(['乙镇惠民超市']);
    expect(names((await staff.get(`/api/coverage/employers-without-union?q=${makeCreditCode('370523', 'MA3C4D5E6').toLowerCase()}`)).body)).toEqual(['乙镇惠民超市']);
    expect((await staff.get('/api/coverage/employers-without-union?industry=Z')).status).toBe(400);
  });

  it('never shows a township cadre another township, in the list or the export', async () => {
    const own = await cadreA.get('/api/coverage/employers-without-union');
    expect(names(own.body)).toEqual(['甲镇小餐馆']);
    expect((await cadreA.get(`/api/coverage/employers-without-union?orgId=${t.orgs.townB}`)).status).toBe(404);
    expect((await cadreA.get(`/api/coverage/employers-without-union/export.xlsx?orgId=${t.orgs.townB}`)).status).toBe(404);
    const exported = await t.app.inject({ method: 'GET', url: '/api/coverage/employers-without-union/export.xlsx', headers: { cookie: cadreA.cookie } });
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain('甲镇小餐馆');
    expect(cells.some((c) => c.includes('乙镇'))).toBe(false);
  });
});
