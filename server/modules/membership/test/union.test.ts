import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { todayInShanghai } from '../common.js';
import { exportRows, toleratePoolTeardown } from './helpers.js';

let t: TestContext;
let staff: Client;
let cadreA: Client;
let cadreB: Client;
let adminA: Client;
let jointA: number;

const shift = (days: number) => new Date(Date.parse(`${todayInShanghai()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const profile = (over: Record<string, unknown> = {}) => ({
  foundedOn: '2015-05-01', chairName: '王建国', viceChairs: ['李梅'],
  committeeMembers: [{ name: '王建国', position: '主席' }, { name: '李梅', position: '副主席' }, { name: '赵强' }],
  auditCommittee: [{ name: '孙丽', position: '主任' }], womenCommittee: [{ name: '李梅', position: '主任' }],
  termStart: '2021-06-01', termEnd: '2026-06-01', ...over,
});

beforeAll(async () => {
  t = await createTestContext();
  toleratePoolTeardown(t);
  [staff, cadreA, cadreB, adminA] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('cadreB'), t.as('adminA')]);
  jointA = (await staff.post('/api/orgs', { parentId: t.orgs.townA, name: '甲镇餐饮行业联合工会', kind: 'joint_grassroots' })).body.id;
});
afterAll(async () => { await t?.close(); });

describe('union profile', () => {
  it('is empty until saved, then holds the committees and the term', async () => {
    const empty = await cadreA.get(`/api/unions/${t.orgs.unionA}/profile`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ org: { id: t.orgs.unionA, kind: 'grassroots', parent: { id: t.orgs.townA } }, profile: { chairName: null, viceChairs: [], committeeMembers: [] }, memberCount: 0 });
    const saved = await cadreA.put(`/api/unions/${t.orgs.unionA}/profile`, profile());
    expect(saved.status).toBe(200);
    expect(saved.body.profile).toMatchObject({
      foundedOn: '2015-05-01', chairName: '王建国', viceChairs: ['李梅'],
      committeeMembers: [{ name: '王建国', position: '主席' }, { name: '李梅', position: '副主席' }, { name: '赵强', position: null }],
      auditCommittee: [{ name: '孙丽', position: '主任' }], womenCommittee: [{ name: '李梅', position: '主任' }],
      termStart: '2021-06-01', termEnd: '2026-06-01', jointKind: null,
    });
    // a sys admin of the township reads it too (org:read)
    expect((await adminA.get(`/api/unions/${t.orgs.unionA}/profile`)).body.profile.chairName).toBe('王建国');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'org_id']).where('entity', '=', 'union_profile').execute();
    expect(audit).toEqual([{ action: 'create', org_id: t.orgs.unionA }]);
  });

  it('derives the member count, never stores it', async () => {
    const id = makeIdNumber('370523', '1980-01-01', 11);
    expect((await staff.post('/api/members', { orgId: t.orgs.unionA, name: '计数会员', idNumber: id })).status).toBe(201);
    const res = await cadreA.get(`/api/unions/${t.orgs.unionA}/profile`);
    expect(res.body.memberCount).toBe(1);
    expect((await cadreA.get(`/api/unions/${t.orgs.townA}/profile`)).body).toMatchObject({ memberCount: 0, subtreeMemberCount: 1 });
  });

  it('asks a joint union whether it is regional or sectoral, and only a joint union', async () => {
    const missing = await cadreA.put(`/api/unions/${jointA}/profile`, profile());
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.jointKind).toContain('联合基层工会类型');
    const ok = await cadreA.put(`/api/unions/${jointA}/profile`, profile({ jointKind: 'sectoral' }));
    expect(ok.body.profile.jointKind).toBe('sectoral');
    const wrong = await cadreA.put(`/api/unions/${t.orgs.unionA}/profile`, profile({ jointKind: 'regional' }));
    expect(wrong.status).toBe(400);
  });

  it('checks the dates: founded not in the future, the term ends after it starts', async () => {
    expect((await cadreA.put(`/api/unions/${t.orgs.unionA}/profile`, profile({ foundedOn: shift(3) }))).body.error.fields.foundedOn).toBeDefined();
    expect((await cadreA.put(`/api/unions/${t.orgs.unionA}/profile`, profile({ termEnd: '2021-05-01' }))).body.error.fields.termEnd).toBeDefined();
    expect((await cadreA.put(`/api/unions/${t.orgs.unionA}/profile`, profile({ committeeMembers: [{ name: '' }] }))).status).toBe(400);
  });

  it('is read and written through the scope: another township answers 404', async () => {
    expect((await cadreA.get(`/api/unions/${t.orgs.unionB}/profile`)).status).toBe(404);
    expect((await cadreA.put(`/api/unions/${t.orgs.unionB}/profile`, profile())).status).toBe(404);
    const chairA = await t.as('chairA');
    expect((await chairA.put(`/api/unions/${t.orgs.unionA}/profile`, profile())).status).toBe(403);
  });
});

describe('terms running out (换届提醒)', () => {
  beforeAll(async () => {
    await cadreA.put(`/api/unions/${t.orgs.unionA}/profile`, profile({ termStart: '2021-01-01', termEnd: shift(30) }));
    await cadreA.put(`/api/unions/${jointA}/profile`, profile({ jointKind: 'regional', termStart: '2020-01-01', termEnd: shift(-10) }));
    await cadreA.put(`/api/unions/${t.orgs.townA}/profile`, profile({ termStart: '2024-01-01', termEnd: shift(400) }));
    await cadreB.put(`/api/unions/${t.orgs.unionB}/profile`, profile({ termStart: '2021-01-01', termEnd: shift(5) }));
  });

  it('lists the unions in scope whose term ends within N days or has ended, soonest first', async () => {
    const res = await cadreA.get('/api/unions/terms-ending?days=90');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { orgId: number }) => i.orgId)).toEqual([jointA, t.orgs.unionA]);
    expect(res.body.items[0]).toMatchObject({ ended: true, daysLeft: -10, termEnd: shift(-10) });
    expect(res.body.items[1]).toMatchObject({ ended: false, daysLeft: 30, chairName: '王建国' });
    const longer = await cadreA.get('/api/unions/terms-ending?days=500');
    expect(longer.body.items.map((i: { orgId: number }) => i.orgId)).toEqual([jointA, t.orgs.unionA, t.orgs.townA]);
    const county = await staff.get('/api/unions/terms-ending');
    expect(county.body.items.map((i: { orgId: number }) => i.orgId)).toEqual([jointA, t.orgs.unionB, t.orgs.unionA]);
    expect((await cadreA.get(`/api/unions/terms-ending?orgId=${t.orgs.townB}`)).status).toBe(404);
  });

  it('exports the reminder list', async () => {
    const { rows } = await exportRows(t, cadreA, '/api/unions/terms-ending/export.xlsx');
    expect(rows[0]).toEqual(['工会', '类型', '上级组织', '工会主席', '任期开始', '任期届满', '剩余天数']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['甲镇餐饮行业联合工会', '甲镇某机械有限公司工会']);
    expect(rows[1][6]).toBe('已届满10天');
  });
});
