import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { toleratePoolTeardown } from '../../membership/test/helpers.js';
import { archiveRef, archivesOfMember, eligibleArchives, markAssisted, openHardshipApplication } from '../hardship.exports.js';
import { application, newMember } from './helpers.js';
import { multipart } from '../../member-import/test/helpers.js';

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

describe('editing', () => {
  it('keeps a stored household ID number when the edit leaves it empty, and drops a member who is left out', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '蒋保留');
    const a = (await chairA.post('/api/hardship/archives', application(m.id))).body;
    const [self, spouse] = a.household;
    const edit = application(0, {
      household: [
        { id: self.id, name: 'x', relation: 'self', incomeFen: 1_000_000 },
        { id: spouse.id, name: '李桂兰', relation: 'spouse', incomeFen: 500_000, health: 'serious_illness' },
      ],
    });
    const res = await chairA.request('PUT', `/api/hardship/archives/${a.id}`, { ...edit, memberId: undefined });
    expect(res.status).toBe(200);
    expect(res.body.household).toHaveLength(2);
    expect(res.body.household[1]).toMatchObject({ name: '李桂兰', incomeFen: 500_000, idNumber: spouse.idNumber });
    const row = await t.database.db.selectFrom('hardship_household_member').selectAll().where('archive_id', '=', a.id).where('relation', '=', 'spouse').executeTakeFirstOrThrow();
    expect(t.app.fieldCrypto.decrypt(row.id_number_enc!)).toBe(application(0).household[1].idNumber);
    // an id of another archive's row keeps nothing
    const other = (await chairA.post('/api/hardship/archives', application((await newMember(t, chairA, t.orgs.unionA, '沈其他')).id))).body;
    const foreign = await chairA.request('PUT', `/api/hardship/archives/${other.id}`, { ...application(0, { household: [{ id: spouse.id, name: '冒名', relation: 'spouse', incomeFen: 0 }] }), memberId: undefined });
    expect(foreign.body.household.find((h: { name: string }) => h.name === '冒名').idNumber).toBe('');
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

describe('documents', () => {
  const upload = (client: Client, archiveId: number, name: string, buffer: Buffer, kind = 'diagnosis') => {
    const { body, headers } = multipart({ kind }, { name, buffer });
    return t.app.inject({ method: 'POST', url: `/api/hardship/archives/${archiveId}/files`, payload: body, headers: { ...headers, cookie: client.cookie, 'x-requested-with': 'gonghui' } });
  };

  it('uploads a document sealed in the database, lists it on the archive page and downloads it; another township gets 404', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '韩文件');
    const a = (await chairA.post('/api/hardship/archives', application(m.id))).body;
    const pdf = Buffer.from('%PDF-1.4\n诊断：慢性肾功能衰竭（尿毒症期）\n%%EOF');
    const res = await upload(chairA, a.id, '配偶诊断证明.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const fileId = res.json().id;
    const row = await t.database.db.selectFrom('stored_file').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_entity: 'hardship_archive', owner_id: a.id, org_id: t.orgs.unionA, kind: 'diagnosis', mime: 'application/pdf', size: pdf.length });
    expect(row.content.includes(Buffer.from('%PDF'))).toBe(false);
    expect((await cadreA.get(`/api/hardship/archives/${a.id}`)).body.files).toEqual([expect.objectContaining({ id: fileId, name: '配偶诊断证明.pdf', kind: 'diagnosis', createdByName: '测试chairA' })]);
    const down = await t.app.inject({ method: 'GET', url: `/api/hardship/files/${fileId}`, headers: { cookie: cadreA.cookie } });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('配偶诊断证明.pdf'));
    expect((await cadreB.get(`/api/hardship/files/${fileId}`)).status).toBe(404);
    expect((await upload(cadreB, a.id, 'x.pdf', pdf)).statusCode).toBe(404);
    expect((await cadreB.delete(`/api/hardship/files/${fileId}`)).status).toBe(404);
    expect(await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'hardship_archive').where('entity_id', '=', String(a.id)).where('action', '=', 'file_upload').execute()).toHaveLength(1);
  });

  it('refuses other types, a content that does not match its extension, and a name with markup or a path', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '杨类型');
    const a = (await chairA.post('/api/hardship/archives', application(m.id))).body;
    const exe = await upload(chairA, a.id, 'setup.exe', Buffer.from('MZ....'));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toContain('仅支持');
    const fake = await upload(chairA, a.id, '证明.pdf', Buffer.from('MZ not a pdf'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toContain('不符');
    expect((await upload(chairA, a.id, '<script>.pdf', Buffer.from('%PDF-1.4'))).statusCode).toBe(400);
    // a path is cut to its last part by the multipart parser: stored under its base name only
    const pathName = await upload(chairA, a.id, '../../etc/证明.pdf', Buffer.from('%PDF-1.4'));
    expect(pathName.json().name).toBe('证明.pdf');
    expect((await upload(chairA, a.id, 'ok.pdf', Buffer.from('%PDF-1.4'), 'nonsense')).statusCode).toBe(400);
  });
});
