import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { toleratePoolTeardown } from '../../membership/test/helpers.js';
import { archiveRef, archivesOfMember, eligibleArchives, markAssisted, openHardshipApplication } from '../hardship.exports.js';
import { application, newMember } from './helpers.js';

let t: TestContext;
let chairA: Client;
let cadreA: Client;
let cadreB: Client;
let staff: Client;

beforeAll(async () => {
  t = await createTestContext();
  toleratePoolTeardown(t);
  [chairA, cadreA, cadreB, staff] = await Promise.all([t.as('chairA'), t.as('cadreA'), t.as('cadreB'), t.as('staff')]);
});
afterAll(async () => { await t?.close(); });

describe('filing an application', () => {
  it('stores the household, computes the level from the 低保 line and writes the timeline and audit', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '王小明');
    const res = await chairA.post('/api/hardship/archives', { ...application(m.id), submit: true });
    expect(res.status).toBe(201);
    // income 24,000 + 1,200 − 12,000 expenses = 13,200 a year for 3: 366.66 a month < 820 → deep
    expect(res.body).toMatchObject({
      status: 'applied', level: 'deep', org: { id: t.orgs.unionA }, member: { id: m.id, name: '王小明' },
      figures: { householdSize: 3, incomeFen: 2_520_000, expenseFen: 1_200_000, dibaoLineFen: 82_000 },
      worker: { bankAccount: '****8901' },
    });
    expect(res.body.levelBasis).toMatchObject({ netFen: 1_320_000, perCapitaMonthlyFen: 36_666, deepBelowFen: 2_952_000, isDeep: true });
    expect(res.body.household[0]).toMatchObject({ relation: 'self', name: '王小明', idNumber: expect.stringMatching(/^\*+\d{3}[\dX]$/) });
    expect(res.body.household[1].idNumber).not.toContain('370523');
    expect(res.body.timeline).toEqual([expect.objectContaining({ step: 'apply', toStatus: 'applied', actor: '测试chairA(chairA)' })]);
    const row = await t.database.db.selectFrom('hardship_archive').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(t.app.fieldCrypto.decrypt(row.bank_account_enc!)).toBe('6228480012345678901');
    const hh = await t.database.db.selectFrom('hardship_household_member').selectAll().where('archive_id', '=', row.id).orderBy('sort_order').execute();
    expect(hh[1].id_number_hash!.equals(t.app.fieldCrypto.blindIndex('id_number', application(0).household[1].idNumber as string))).toBe(true);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'org_id']).where('entity', '=', 'hardship_archive').where('entity_id', '=', String(row.id)).execute();
    expect(audit).toEqual([{ action: 'hardship_apply', org_id: t.orgs.unionA }]);
  });

  it('refuses a second active application for the same worker with 409', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '赵一');
    expect((await chairA.post('/api/hardship/archives', application(m.id))).status).toBe(201);
    const again = await chairA.post('/api/hardship/archives', { ...application(m.id), submit: true });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已有在办的申请');
  });

  it('names the field of a bad code or ID number in Chinese', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '钱二');
    const bad = await chairA.post('/api/hardship/archives', application(m.id, { mainCause: 'bad' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('主要致困原因');
    const badId = await chairA.post('/api/hardship/archives', application(m.id, { household: [{ name: '孙', relation: 'spouse', idNumber: '123', incomeFen: 0 }] }));
    expect(badId.status).toBe(400);
    expect(Object.keys(badId.body.error.fields)).toEqual(['household.0.idNumber']);
    expect(badId.body.error.message).toMatch(/^家庭成员第1行的身份证号：/);
  });

  it('keeps a township cadre of another township out: 404 on read, on edit, and on filing for its member', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '孙三');
    const a = (await chairA.post('/api/hardship/archives', application(m.id))).body;
    expect((await cadreB.get(`/api/hardship/archives/${a.id}`)).status).toBe(404);
    expect((await cadreB.request('PUT', `/api/hardship/archives/${a.id}`, application(m.id))).status).toBe(404);
    expect((await cadreB.post('/api/hardship/archives', application(m.id))).status).toBe(404);
    expect((await cadreA.get(`/api/hardship/archives/${a.id}`)).status).toBe(200);
    const list = await cadreB.get('/api/hardship/archives');
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(a.id);
  });
});

describe('the exported service API', () => {
  it('opens an application from a ticket, answers refs and member archives in scope, and lists eligible archives', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '周四');
    const actor = { id: null, name: '诉求转办' };
    const { id } = await t.database.db.transaction().execute((tx) => openHardshipApplication(tx, actor, { orgId: t.orgs.townA, memberId: m.id, mainCause: 'unemployment', sourceTicketId: 77 }));
    const row = await t.database.db.selectFrom('hardship_archive').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'applied', source_ticket_id: 77, main_cause: 'unemployment', household_size: 1, level: 'deep' });
    // a member outside the org's subtree: 404
    await expect(t.database.db.transaction().execute((tx) => openHardshipApplication(tx, actor, { orgId: t.orgs.townB, memberId: m.id }))).rejects.toMatchObject({ statusCode: 404 });

    const paths = await t.database.db.selectFrom('org').select(['id', 'path']).execute();
    const pathOf = (orgId: number) => paths.find((p) => p.id === orgId)!.path;
    expect(await archiveRef(t.database.db, [pathOf(t.orgs.townA)], id)).toMatchObject({ id, workerName: '周四', status: 'applied', orgId: t.orgs.unionA });
    expect(await archiveRef(t.database.db, [pathOf(t.orgs.townB)], id)).toBeNull();
    expect(await archivesOfMember(t.database.db, [pathOf(t.orgs.root)], m.id)).toEqual([expect.objectContaining({ id, status: 'applied' })]);
    expect(await archivesOfMember(t.database.db, [pathOf(t.orgs.townB)], m.id)).toEqual([]);

    // only archived (建档) households are eligible
    expect((await eligibleArchives(t.database.db, { scope: [pathOf(t.orgs.root)] })).map((e) => e.archiveId)).not.toContain(id);
    await t.database.db.updateTable('hardship_archive').set({ status: 'archived', archive_no: 'KN2026-99999', archived_on: '2026-01-05', next_review_due: '2027-01-05' }).where('id', '=', id).execute();
    const all = await eligibleArchives(t.database.db, { scope: [pathOf(t.orgs.root)] });
    const mine = all.find((e) => e.archiveId === id)!;
    expect(mine).toMatchObject({ memberId: m.id, orgId: t.orgs.unionA, level: 'deep', workerName: '周四', archiveNo: 'KN2026-99999' });
    expect(mine.personHash.equals(t.app.fieldCrypto.blindIndex('id_number', m.idNumber))).toBe(true);
    expect((await eligibleArchives(t.database.db, { scope: [pathOf(t.orgs.root)], levels: ['relative'] })).map((e) => e.archiveId)).not.toContain(id);
    expect((await eligibleArchives(t.database.db, { scope: [pathOf(t.orgs.root)], withCollegeChild: true })).map((e) => e.archiveId)).not.toContain(id);
    expect((await eligibleArchives(t.database.db, { scope: [pathOf(t.orgs.root)], orgId: t.orgs.townB })).map((e) => e.archiveId)).not.toContain(id);
    expect((await eligibleArchives(t.database.db, { scope: [pathOf(t.orgs.root)], orgId: t.orgs.townA })).map((e) => e.archiveId)).toContain(id);

    await t.database.db.transaction().execute((tx) => markAssisted(tx, id, '2026-02-01'));
    await t.database.db.transaction().execute((tx) => markAssisted(tx, id, '2026-01-01'));
    expect((await t.database.db.selectFrom('hardship_archive').select('last_assisted_on').where('id', '=', id).executeTakeFirstOrThrow()).last_assisted_on).toBe('2026-02-01');
    void staff;
  });
});
