import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import { createTestContext, testDbKind, type Client, type TestContext } from '../../../test-support/test-app.js';
import { toleratePoolTeardown } from '../../membership/test/helpers.js';

// Building a list from the hardship archive: the rule's levels, the college child of 金秋助学,
// the township's part, and 签收 marking the archive as assisted.
let t: TestContext;
let staff: Client, cadreA: Client;
const archives: Record<string, { archiveId: number; memberId: number }> = {};

beforeAll(async () => {
  t = await createTestContext();
  if (testDbKind === 'postgres') toleratePoolTeardown(t);
  [staff, cadreA] = await Promise.all([t.as('staff'), t.as('cadreA')]);
  const db = t.database.db;
  // archived households (the hardship module's flow is tested there; here they are set up directly)
  const make = async (key: string, orgId: number, level: string, seq: number, status = 'archived', college = false) => {
    const m = await staff.post('/api/members', { orgId, name: key, idNumber: makeIdNumber('370523', '1970-03-03', seq) });
    if (m.status !== 201) throw new Error(JSON.stringify(m.body));
    const a = await db.insertInto('hardship_archive').values({
      org_id: orgId, member_id: m.body.member.id, main_cause: 'illness', level, status,
      ...(status === 'archived' ? { archive_no: `KN${seq}`, archived_on: '2026-03-01', next_review_due: '2027-03-01' } : {}),
    } as never).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('hardship_household_member').values({ archive_id: a.id, name: key, relation: 'self' } as never).execute();
    if (college) await db.insertInto('hardship_household_member').values({ archive_id: a.id, name: `${key}之子`, relation: 'child', school_stage: 'college_entrant' } as never).execute();
    archives[key] = { archiveId: a.id, memberId: m.body.member.id };
  };
  await make('甲深困', t.orgs.unionA, 'deep', 1, 'archived', true);
  await make('甲相对', t.orgs.unionA, 'relative', 2);
  await make('甲意外', t.orgs.unionA, 'accidental', 3);
  await make('乙深困', t.orgs.unionB, 'deep', 4);
  await make('乙申请中', t.orgs.unionB, 'deep', 5, 'applied');
});
afterAll(async () => { await t?.close(); });

const edition = async (body: Record<string, unknown>) => {
  const res = await staff.post('/api/campaigns/editions', {
    kind: 'winter_warmth', year: 2027, budgetFen: 10_000_000, fundSource: 'upper_allocation', standardFen: 30_000, startDate: '2026-12-20', ...body,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.id as number;
};
const names = async (editionId: number) => (await staff.get(`/api/campaigns/recipients?editionId=${editionId}&pageSize=100&sort=name`)).body.items
  .map((i: { name: string; amountFen: number; archiveLevel: string }) => `${i.name}:${i.amountFen}`).sort();

describe('recipients from the archive', () => {
  it('takes the rule\'s levels, archived households only, with the amount per level', async () => {
    const id = await edition({ name: '送温暖', rule: { levels: ['deep', 'relative'], amountByLevel: { deep: 100_000, relative: 50_000 } } });
    const res = await staff.post(`/api/campaigns/editions/${id}/build`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eligible: 3, added: 3 });
    expect(await names(id)).toEqual(['乙深困:100000', '甲深困:100000', '甲相对:50000']);
    // building again adds nobody
    expect((await staff.post(`/api/campaigns/editions/${id}/build`, {})).body).toMatchObject({ eligible: 3, added: 0 });
    const row = await t.database.db.selectFrom('campaign_recipient').select(['source', 'archive_id', 'member_id', 'id_number_last4'])
      .where('edition_id', '=', id).where('name', '=', '甲深困').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'archive', archive_id: archives['甲深困'].archiveId, member_id: archives['甲深困'].memberId });
    expect(row.id_number_last4).toHaveLength(4);
  });

  it('金秋助学 takes only households with a child admitted to college', async () => {
    const id = await edition({ name: '金秋助学', kind: 'autumn_tuition', standardFen: 300_000, rule: { collegeChild: true } });
    expect((await staff.post(`/api/campaigns/editions/${id}/build`, {})).body).toMatchObject({ added: 1 });
    expect(await names(id)).toEqual(['甲深困:300000']);
  });

  it('a township builds its own part only, and refuses a rule without levels', async () => {
    const id = await edition({ name: '乡镇部分', rule: { levels: ['deep', 'relative', 'accidental'] } });
    expect((await cadreA.post(`/api/campaigns/editions/${id}/build`, {})).body).toMatchObject({ eligible: 3, added: 3 });
    expect(await names(id)).toEqual(['甲意外:30000', '甲深困:30000', '甲相对:30000']);
    const none = await edition({ name: '无条件', rule: {} });
    const res = await staff.post(`/api/campaigns/editions/${none}/build`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('请用提名');
  });

  it('a payment marks the archive as assisted; the member page shows archive and payment', async () => {
    const id = await edition({ name: '发放标记', rule: { levels: ['deep'] } });
    await staff.post(`/api/campaigns/editions/${id}/build`, {});
    await staff.post(`/api/campaigns/editions/${id}/approve`, {});
    const mine = (await cadreA.get(`/api/campaigns/recipients?editionId=${id}`)).body.items;
    expect(mine).toHaveLength(1);
    const res = await cadreA.post(`/api/campaigns/recipients/${mine[0].id}/distribution`, { method: 'cash', receivedBy: '甲深困', receivedOn: '2026-01-20' });
    expect(res.status).toBe(201);
    const a = await t.database.db.selectFrom('hardship_archive').select('last_assisted_on').where('id', '=', archives['甲深困'].archiveId).executeTakeFirstOrThrow();
    expect(a.last_assisted_on).toBe('2026-01-20');
    const page = await cadreA.get(`/api/members/${archives['甲深困'].memberId}/assistance`);
    expect(page.status).toBe(200);
    expect(page.body.archives).toHaveLength(1);
    expect(page.body.payments.map((p: { editionName: string; status: string }) => `${p.editionName}:${p.status}`)).toEqual(expect.arrayContaining(['发放标记:distributed', '送温暖:listed', '金秋助学:listed', '乡镇部分:listed']));
    expect(page.body.paidFen).toBe(30_000);
  });

  it('the one-worker page adds the 结对帮扶 visits and counts them per year', async () => {
    const db = t.database.db;
    const { archiveId, memberId } = archives['甲深困'];
    const round = await db.insertInto('pairing_round').values({ org_id: t.orgs.root, name: '第三轮', start_date: '2025-01-01' } as never).returning('id').executeTakeFirstOrThrow();
    const pair = await db.insertInto('pairing').values({
      round_id: round.id, archive_id: archiveId, member_id: memberId, org_id: t.orgs.unionA, helper_kind: 'cadre', helper_name: '王干部', start_date: '2025-02-01',
    } as never).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('pairing_visit').values([
      { pairing_id: pair.id, visit_date: '2025-06-01', visitors: '王干部', kinds: ['condolence'], amount_fen: 20_000 },
      { pairing_id: pair.id, visit_date: '2026-01-20', visitors: '王干部', kinds: ['goods'] },
    ] as never).execute();
    const page = (await cadreA.get(`/api/members/${memberId}/assistance`)).body;
    expect(page.visits.map((v: { date: string; helper: string }) => `${v.date}:${v.helper}`)).toEqual(['2026-01-20:王干部', '2025-06-01:王干部']);
    const byYear = Object.fromEntries(page.totals.map((y: { year: number; visits: number; paidFen: number }) => [y.year, [y.visits, y.paidFen]]));
    expect(byYear[2025]).toEqual([1, 0]);
    expect(byYear[2026]).toEqual([1, 0]);
    // payments count in their edition's year (the year the cap counts): 2027年送温暖
    expect(byYear[2027]).toEqual([0, 30_000]);
  });
});
