import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermission } from '../../../lib/permissions.js';
import { builtinRoles } from '../../../lib/permissions.js';
import { createTestContext, type Client, type TestContext } from '../../test-support/test-app.js';
import { fixtureUsers, type FixtureUser } from '../../test-support/fixture.js';
import { makeIdNumber } from '../../../lib/validators/id-number.js';
import { makeCreditCode } from '../../../lib/validators/credit-code.js';
import { saveFile } from '../files.js';

// The authorization matrix: every registered route × every role × in scope / out of scope.
let t: TestContext;
const clients = {} as Record<FixtureUser, Client>;
let outside: { org: number; user: number; audit: number } & Partial<Record<ScopedEntity, number | string>>;
let inside: { org: number; user: number; audit: number } & Partial<Record<ScopedEntity, number | string>>;
let chairRoleId: number;

beforeAll(async () => {
  t = await createTestContext();
  for (const name of Object.keys(fixtureUsers) as FixtureUser[]) clients[name] = await t.as(name);
  const db = t.database.db;
  // one audit record owned by each township's union
  await clients.admin.patch(`/api/orgs/${t.orgs.unionB}`, { shortName: '乙化工' });
  await clients.admin.patch(`/api/orgs/${t.orgs.unionA}`, { shortName: '甲机械' });
  const auditOf = async (orgId: number) => (await db.selectFrom('audit_log').select('id').where('org_id', '=', orgId).executeTakeFirstOrThrow()).id;
  const userOf = async (name: string) => (await db.selectFrom('app_user').select('id').where('username', '=', name).executeTakeFirstOrThrow()).id;
  outside = { org: t.orgs.unionB, user: await userOf('cadreB'), audit: await auditOf(t.orgs.unionB) };
  inside = { org: t.orgs.unionA, user: await userOf('chairA'), audit: await auditOf(t.orgs.unionA) };
  chairRoleId = (await db.selectFrom('role').select('id').where('code', '=', 'grassroots_chair').executeTakeFirstOrThrow()).id;
});
// committee: a township federation's term and member in each township (committee module)
beforeAll(async () => {
  const db = t.database.db;
  const term = async (orgId: number, person: string) => {
    const { id } = await db.insertInto('committee_term').values({ org_id: orgId, name: '第三届', start_date: '2023-01-10' }).returning('id').executeTakeFirstOrThrow();
    const m = await db.insertInto('committee_member').values({ term_id: id, name: person, roles: ['committee'] }).returning('id').executeTakeFirstOrThrow();
    return { committeeTerm: id, committeeMember: m.id };
  };
  Object.assign(outside, await term(t.orgs.townB, '乙镇委员'));
  Object.assign(inside, await term(t.orgs.townA, '甲镇委员'));
});
// membership: an employer, a member and a pending transfer in each township, made through the
// API by county staff (membership module). townB's transfer stays inside townB; townA's goes to
// unionB, so cadreA reads it as the sender.
beforeAll(async () => {
  // pg-pool's end() resolves before its idle sockets close, and the pool has no 'error' listener
  // (server/platform/db.ts): the forced drop of the test database at teardown can surface as an
  // unhandled 57P01. Tolerated here until the platform listens for pool errors.
  t.database.pool.on('error', (err: Error & { code?: string }) => { if (err.code !== '57P01') throw err; });
  const staff = clients.staff;
  const created = async (res: { status: number; body: any }) => {
    if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const employer = async (orgId: number, name: string, body9: string) =>
    (await created(await staff.post('/api/employers', { orgId, name, creditCode: makeCreditCode('370523', body9), ownership: 'private', industry: 'C', employeeCount: 10 }))).id as number;
  const member = async (orgId: number, employerId: number, name: string, seq: number) =>
    (await created(await staff.post('/api/members', { orgId, employerId, name, idNumber: makeIdNumber('370523', '1988-03-04', seq), phone: `1380000${String(seq).padStart(4, '0')}` }))).member.id as number;
  const transfer = async (memberId: number, toOrgId: number) =>
    (await created(await staff.post(`/api/members/${memberId}/transfers`, { toOrgId, reason: '工作调动' }))).id as number;
  const jointB = (await created(await clients.admin.post('/api/orgs', { parentId: t.orgs.townB, name: '乙镇商贸联合工会', kind: 'joint_grassroots' }))).id as number;
  const employerB = await employer(t.orgs.unionB, '乙镇某化工有限公司', 'MA0000B01');
  const employerA = await employer(t.orgs.unionA, '甲镇某机械有限公司', 'MA0000A01');
  const memberB = await member(t.orgs.unionB, employerB, '乙会员', 201);
  const memberA = await member(t.orgs.unionA, employerA, '甲会员', 101);
  Object.assign(outside, { employer: employerB, member: await member(t.orgs.unionB, employerB, '乙会员二', 202), transfer: await transfer(memberB, jointB) });
  Object.assign(inside, { employer: employerA, member: await member(t.orgs.unionA, employerA, '甲会员二', 102), transfer: await transfer(memberA, t.orgs.unionB) });
});
// member-import: a dry-run batch of each kind in each township (uuid ids)
beforeAll(async () => {
  const db = t.database.db;
  const batch = async (kind: 'members' | 'employers', orgId: number) => {
    const id = crypto.randomUUID();
    await db.insertInto('import_batch').values({
      id, kind, org_id: orgId, file_name: '矩阵.xlsx', file_size: 0, file_sha256: '0', status: 'dry_run', header_row: 1,
      counts: JSON.stringify({ rows: 0, new: 0, update: 0, unchanged: 0, error: 0, transfer_suggested: 0, skipped: 0, skippedByReason: {} }),
    }).execute();
    return id;
  };
  Object.assign(outside, { memberImport: await batch('members', t.orgs.townB), employerImport: await batch('employers', t.orgs.townB) });
  Object.assign(inside, { memberImport: await batch('members', t.orgs.townA), employerImport: await batch('employers', t.orgs.townA) });
});
// campaigns: a township's own edition with one nominated recipient, in each township (campaigns module)
beforeAll(async () => {
  const db = t.database.db;
  const edition = async (orgId: number, town: string, seq: number) => {
    const e = await db.insertInto('campaign_edition').values({
      org_id: orgId, kind: 'winter_warmth', year: 2026, name: `${town}送温暖`, budget_fen: 1_000_000, fund_source: 'county_fund',
      rule: '{}', standard_fen: 50_000, start_date: '2026-01-05',
    }).returning('id').executeTakeFirstOrThrow();
    const r = await db.insertInto('campaign_recipient').values({
      edition_id: e.id, org_id: orgId, source: 'nomination', person_hash: Buffer.from(`matrix-person-${seq}`), name: `${town}对象`,
      id_number_last4: '0012', amount_fen: 50_000, status: 'approved',
    }).returning('id').executeTakeFirstOrThrow();
    return { campaignEdition: e.id, campaignRecipient: r.id };
  };
  Object.assign(outside, await edition(t.orgs.townB, '乙镇', 2));
  Object.assign(inside, await edition(t.orgs.townA, '甲镇', 1));
});
// appeals: a ticket taken by each township's desk, and a group-appeal warning it raised (appeals module)
beforeAll(async () => {
  const ticket = async (client: Client, orgId: number, name: string) => {
    const res = await client.post('/api/appeals', {
      orgId, channel: 'walk_in', type: 'help', subject: 'work_injury', tier: 'ordinary', workersAffected: 12, workerName: name, content: '矩阵诉求',
    });
    if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { appeal: res.body.id as number, appealWarning: res.body.warnings[0].id as number };
  };
  Object.assign(outside, await ticket(clients.cadreB, t.orgs.townB, '乙职工'));
  Object.assign(inside, await ticket(clients.cadreA, t.orgs.townA, '甲职工'));
});
// hardship: an application in each township, filed through the API by county staff for a new
// member of each union (hardship module)
beforeAll(async () => {
  const staff = clients.staff;
  const archive = async (orgId: number, name: string, seq: number) => {
    const m = await staff.post('/api/members', { orgId, name, idNumber: makeIdNumber('370523', '1975-05-05', seq) });
    const res = await staff.post('/api/hardship/archives', { memberId: m.body.member.id, mainCause: 'illness', submit: true });
    if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as number;
  };
  // a document and a 公示 objection on each
  const extras = async (archiveId: number, orgId: number) => {
    const file = await saveFile(t.database.db, t.app.fieldCrypto, { ownerEntity: 'hardship_archive', ownerId: archiveId, orgId, name: '诊断证明.pdf', content: Buffer.from('%PDF-1.4 test'), createdBy: null });
    const ob = await t.database.db.insertInto('hardship_objection').values({ archive_id: archiveId, content: '矩阵异议' }).returning('id').executeTakeFirstOrThrow();
    return { hardshipFile: file.id, hardshipObjection: ob.id };
  };
  const archiveB = await archive(t.orgs.unionB, '乙困难职工', 301);
  const archiveA = await archive(t.orgs.unionA, '甲困难职工', 311);
  Object.assign(outside, { hardshipArchive: archiveB, ...await extras(archiveB, t.orgs.unionB) });
  Object.assign(inside, { hardshipArchive: archiveA, ...await extras(archiveA, t.orgs.unionA) });
});
// legal: a legal-aid case, a mediation case, a roster entry, a typical case and a 法治宣传 event
// in each township (legal module); one county provider that both may pick
let countyProvider = 0;
beforeAll(async () => {
  const db = t.database.db;
  countyProvider = (await db.insertInto('legal_provider').values({ org_id: t.orgs.root, kind: 'volunteer', name: '县志愿者' }).returning('id').executeTakeFirstOrThrow()).id;
  const legal = async (orgId: number, town: string) => {
    const aid = await db.insertInto('legal_aid_case').values({ case_no: `矩阵法援${orgId}`, org_id: orgId, applicant_name: `${town}申请人`, claim: '欠薪', applied_on: '2026-01-05', review_due: '2026-01-12' }).returning('id').executeTakeFirstOrThrow();
    const med = await db.insertInto('mediation_case').values({ case_no: `矩阵调${orgId}`, org_id: orgId, worker_name: `${town}职工`, employer_name: `${town}单位`, claim: '加班费', accepted_on: '2026-01-05' }).returning('id').executeTakeFirstOrThrow();
    const provider = await db.insertInto('legal_provider').values({ org_id: orgId, kind: 'volunteer', name: `${town}志愿者` }).returning('id').executeTakeFirstOrThrow();
    const typical = await db.insertInto('typical_case').values({ org_id: orgId, title: `${town}案例`, body: '正文' }).returning('id').executeTakeFirstOrThrow();
    const event = await db.insertInto('legal_event').values({ org_id: orgId, held_on: '2026-03-15', place: `${town}广场`, topic: '普法' }).returning('id').executeTakeFirstOrThrow();
    // the printable documents exist once the case is assigned, refused or agreed
    const assigned = await db.insertInto('legal_aid_case').values({ case_no: `矩阵法援A${orgId}`, org_id: orgId, applicant_name: `${town}受援人`, claim: '欠薪', applied_on: '2026-01-05', review_due: '2026-01-12',
      status: 'assigned', provider_id: provider.id, assigned_on: '2026-01-08', letter_no: `矩阵委${orgId}` }).returning('id').executeTakeFirstOrThrow();
    const refused = await db.insertInto('legal_aid_case').values({ case_no: `矩阵法援R${orgId}`, org_id: orgId, applicant_name: `${town}申请人`, claim: '欠薪', applied_on: '2026-01-05', review_due: '2026-01-12',
      status: 'refused', refused_on: '2026-01-08', refusal_reason: '不符合条件' }).returning('id').executeTakeFirstOrThrow();
    const agreed = await db.insertInto('mediation_case').values({ case_no: `矩阵调A${orgId}`, org_id: orgId, worker_name: `${town}职工`, employer_name: `${town}单位`, claim: '加班费', accepted_on: '2026-01-05',
      mediator_name: '调解员', status: 'agreement', agreement_terms: '支付加班费', agreement_amount_fen: 100000, closed_on: '2026-01-10' }).returning('id').executeTakeFirstOrThrow();
    return { legalAid: aid.id, mediation: med.id, legalProvider: provider.id, typicalCase: typical.id, legalEvent: event.id, legalAidAssigned: assigned.id, legalAidRefused: refused.id, mediationAgreed: agreed.id };
  };
  Object.assign(outside, await legal(t.orgs.unionB, '乙镇'));
  Object.assign(inside, await legal(t.orgs.unionA, '甲镇'));
});
// pairing: a round organized by each township, a pair of an archived household of each
// township's union with one visit and its photo (pairing module; the archive row is a fixture)
beforeAll(async () => {
  const db = t.database.db;
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const pairing = async (townId: number, unionId: number, name: string, seq: number) => {
    const round = await db.insertInto('pairing_round').values({ org_id: townId, name: '第三轮', start_date: '2025-03-01' }).returning('id').executeTakeFirstOrThrow();
    const idNumber = makeIdNumber('370523', '1979-04-12', seq);
    const member = await db.insertInto('member').values({
      org_id: unionId, name, id_number_enc: t.app.fieldCrypto.encrypt(idNumber), id_number_hash: t.app.fieldCrypto.blindIndex('id_number', idNumber),
      id_number_last4: idNumber.slice(-4), sex: 'M', birth_date: '1979-04-12', card_no: `PM-${seq}`,
    }).returning('id').executeTakeFirstOrThrow();
    const archive = await db.insertInto('hardship_archive').values({
      org_id: unionId, member_id: member.id, main_cause: 'illness', level: 'deep', status: 'archived',
      archive_no: `KN2025-9${seq}`, archived_on: '2025-01-10', last_reviewed_on: '2025-01-10', next_review_due: '2026-01-10',
    }).returning('id').executeTakeFirstOrThrow();
    const pair = await db.insertInto('pairing').values({
      round_id: round.id, archive_id: archive.id, member_id: member.id, org_id: unionId, helper_kind: 'cadre', helper_name: `${name}结对干部`,
      start_date: '2025-06-01', contact_phone_enc: t.app.fieldCrypto.encrypt('13900001111'), contact_phone_last4: '1111',
    }).returning('id').executeTakeFirstOrThrow();
    const visit = await db.insertInto('pairing_visit').values({ pairing_id: pair.id, visit_date: '2025-07-01', visitors: '矩阵', kinds: ['condolence'] })
      .returning('id').executeTakeFirstOrThrow();
    const photo = await saveFile(db, t.app.fieldCrypto, { ownerEntity: 'pairing_visit', ownerId: visit.id, orgId: unionId, name: '走访.png', content: png, createdBy: null });
    return { pairingRound: round.id, pairing: pair.id, pairingVisit: visit.id, pairingPhoto: photo.id };
  };
  Object.assign(outside, await pairing(t.orgs.townB, t.orgs.unionB, '乙镇困难职工', 301));
  Object.assign(inside, await pairing(t.orgs.townA, t.orgs.unionA, '甲镇困难职工', 302));
});
afterAll(async () => { await t?.close(); });

const apiRoutes = () => t.app.routeRegistry.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');

/** Routes that take the id of a scoped record, with a valid body so that only scope can refuse. */
type ScopedEntity = 'org' | 'user' | 'audit' | 'committeeTerm' | 'committeeMember' | 'employer' | 'member' | 'transfer' | 'memberImport' | 'employerImport'
  | 'appeal' | 'appealWarning' | 'hardshipArchive' | 'hardshipFile' | 'hardshipObjection'
  | 'legalAid' | 'mediation' | 'legalProvider' | 'typicalCase' | 'legalEvent' | 'legalAidAssigned' | 'legalAidRefused' | 'mediationAgreed'
  | 'pairingRound' | 'pairing' | 'pairingVisit' | 'pairingPhoto' | 'campaignEdition' | 'campaignRecipient';
/** reader: who reads the in-scope record when no township fixture account holds the permission */
const scopedRoutes: Record<string, { entity: ScopedEntity; body?: () => unknown; reader?: FixtureUser }> = {
  'GET /api/orgs/:id': { entity: 'org' },
  'PATCH /api/orgs/:id': { entity: 'org', body: () => ({ shortName: '改' }) },
  'POST /api/orgs/:id/move': { entity: 'org', body: () => ({ parentId: t.orgs.townA }) },
  'DELETE /api/orgs/:id': { entity: 'org' },
  'GET /api/users/:id': { entity: 'user' },
  'PATCH /api/users/:id': { entity: 'user', body: () => ({ displayName: '改名' }) },
  'POST /api/users/:id/status': { entity: 'user', body: () => ({ status: 'disabled' }) },
  'POST /api/users/:id/reset-password': { entity: 'user' },
  'POST /api/users/:id/unlock': { entity: 'user' },
  'POST /api/users/:id/reveal-phone': { entity: 'user' },
  'POST /api/users/:id/grants': { entity: 'user', body: () => ({ roleId: chairRoleId, orgId: t.orgs.townA }) },
  'POST /api/users/:id/grants/revoke': { entity: 'user', body: () => ({ roleId: chairRoleId, orgId: t.orgs.townA }) },
  'GET /api/audit/:id': { entity: 'audit' },
  'GET /api/committee/terms/:id': { entity: 'committeeTerm', reader: 'staff' },
  'PATCH /api/committee/terms/:id': { entity: 'committeeTerm', body: () => ({ remark: '改' }) },
  'GET /api/committee/terms/:id/roster.xlsx': { entity: 'committeeTerm', reader: 'staff' },
  'POST /api/committee/terms/:id/members': { entity: 'committeeTerm', body: () => ({ name: '矩阵委员' }) },
  'POST /api/committee/terms/:id/replacements': { entity: 'committeeTerm', body: () => ({ leavingMemberId: outside.committeeMember, reason: '测试', meeting: '测试会议', date: '2024-01-01', newMember: { name: '矩阵委员' } }) },
  'GET /api/committee/members/:id': { entity: 'committeeMember', reader: 'staff' },
  'PATCH /api/committee/members/:id': { entity: 'committeeMember', body: () => ({ position: '改' }) },
  'POST /api/committee/members/:id/leave': { entity: 'committeeMember', body: () => ({ leftOn: '2024-01-01', reason: '测试' }) },
  'GET /api/employers/:id': { entity: 'employer', reader: 'cadreA' },
  'PATCH /api/employers/:id': { entity: 'employer', body: () => ({ address: '改' }) },
  'GET /api/unions/:id/profile': { entity: 'org' },
  'PUT /api/unions/:id/profile': { entity: 'org', body: () => ({ chairName: '改' }) },
  'GET /api/members/:id': { entity: 'member', reader: 'cadreA' },
  'PATCH /api/members/:id': { entity: 'member', body: () => ({ education: 'bachelor' }) },
  'POST /api/members/:id/status': { entity: 'member', body: () => ({ status: 'withdrawn', date: '2024-01-01', reason: '测试' }) },
  'POST /api/members/:id/reveal-id': { entity: 'member' },
  'POST /api/members/:id/reveal-phone': { entity: 'member' },
  'POST /api/members/:id/transfers': { entity: 'member', body: () => ({ toOrgId: t.orgs.unionA, reason: '测试' }) },
  'GET /api/transfers/:id': { entity: 'transfer', reader: 'cadreA' },
  'POST /api/transfers/:id/accept': { entity: 'transfer', body: () => ({}) },
  'POST /api/transfers/:id/refuse': { entity: 'transfer', body: () => ({ reason: '测试' }) },
  'POST /api/transfers/:id/cancel': { entity: 'transfer', body: () => ({}) },
  'GET /api/appeals/:id': { entity: 'appeal', reader: 'cadreA' },
  'POST /api/appeals/:id/assign': { entity: 'appeal', body: () => ({ orgId: t.orgs.townA }) },
  'POST /api/appeals/:id/reassign': { entity: 'appeal', body: () => ({ orgId: t.orgs.townA }) },
  'POST /api/appeals/:id/return': { entity: 'appeal', body: () => ({ comment: '测试' }) },
  'POST /api/appeals/:id/progress': { entity: 'appeal', body: () => ({ comment: '测试' }) },
  'POST /api/appeals/:id/reply': { entity: 'appeal', body: () => ({ reply: '测试' }) },
  'POST /api/appeals/:id/visit': { entity: 'appeal', body: () => ({ satisfaction: 'satisfied' }) },
  'POST /api/appeals/:id/close': { entity: 'appeal', body: () => ({}) },
  'POST /api/appeals/:id/supervise': { entity: 'appeal', body: () => ({ comment: '测试', deadline: '2099-01-01' }) },
  'POST /api/appeals/:id/transfer': { entity: 'appeal', body: () => ({ kind: 'legal_aid' }) },
  'POST /api/appeals/:id/reveal': { entity: 'appeal', body: () => ({ field: 'phone' }) },
  'GET /api/appeal-warnings/:id': { entity: 'appealWarning', reader: 'cadreA' },
  'POST /api/appeal-warnings/:id/acknowledge': { entity: 'appealWarning', body: () => ({ note: '测试' }) },
  'GET /api/hardship/archives/:id': { entity: 'hardshipArchive', reader: 'cadreA' },
  'PUT /api/hardship/archives/:id': { entity: 'hardshipArchive', body: () => ({ mainCause: 'illness' }) },
  'GET /api/hardship/members/:id/archives': { entity: 'member', reader: 'cadreA' },
  'POST /api/hardship/archives/:id/submit': { entity: 'hardshipArchive' },
  'POST /api/hardship/archives/:id/review': { entity: 'hardshipArchive' },
  'POST /api/hardship/archives/:id/visit': { entity: 'hardshipArchive', body: () => ({ visitDate: '2026-01-05', visitors: '矩阵', findings: '矩阵', conclusion: 'confirmed' }) },
  'POST /api/hardship/archives/:id/notice': { entity: 'hardshipArchive' },
  'POST /api/hardship/archives/:id/approve': { entity: 'hardshipArchive' },
  'POST /api/hardship/archives/:id/return': { entity: 'hardshipArchive', body: () => ({ reason: '矩阵' }) },
  'POST /api/hardship/archives/:id/reject': { entity: 'hardshipArchive', body: () => ({ reason: '矩阵' }) },
  'POST /api/hardship/archives/:id/yearly-review': { entity: 'hardshipArchive', body: () => ({ mainCause: 'illness' }) },
  'POST /api/hardship/archives/:id/resolve': { entity: 'hardshipArchive' },
  'POST /api/hardship/archives/:id/exit': { entity: 'hardshipArchive', body: () => ({ reason: '矩阵' }) },
  'POST /api/hardship/archives/:id/files': { entity: 'hardshipArchive' },
  'GET /api/hardship/files/:id': { entity: 'hardshipFile', reader: 'cadreA' },
  'DELETE /api/hardship/files/:id': { entity: 'hardshipFile' },
  'POST /api/hardship/objections/:id/handle': { entity: 'hardshipObjection', body: () => ({ note: '矩阵' }) },
  'POST /api/hardship/objections/:id/reveal-contact': { entity: 'hardshipObjection' },
  'GET /api/legal/aid/:id': { entity: 'legalAid', reader: 'cadreA' },
  'POST /api/legal/aid/:id/assign': { entity: 'legalAid', body: () => ({ providerId: countyProvider }) },
  'POST /api/legal/aid/:id/refuse': { entity: 'legalAid', body: () => ({ reason: '测试' }) },
  'POST /api/legal/aid/:id/stages': { entity: 'legalAid', body: () => ({ kind: 'filing', heldOn: '2026-02-01' }) },
  'POST /api/legal/aid/:id/close': { entity: 'legalAid', body: () => ({ outcome: 'won', amountRecoveredFen: 100, workersBenefited: 1, closingReport: '测试' }) },
  'POST /api/legal/aid/:id/archive': { entity: 'legalAid' },
  'GET /api/legal/aid/:id/letter.pdf': { entity: 'legalAidAssigned', reader: 'cadreA' },
  'GET /api/legal/aid/:id/refusal.pdf': { entity: 'legalAidRefused', reader: 'cadreA' },
  'POST /api/legal/aid/:id/typical': { entity: 'legalAid' },
  'POST /api/legal/aid/:id/reveal': { entity: 'legalAid', body: () => ({ field: 'phone' }) },
  'POST /api/legal/mediation/:id/reveal': { entity: 'mediation', body: () => ({ field: 'phone' }) },
  'GET /api/legal/mediation/:id': { entity: 'mediation', reader: 'cadreA' },
  'POST /api/legal/mediation/:id/mediator': { entity: 'mediation', body: () => ({ name: '调解员' }) },
  'POST /api/legal/mediation/:id/sessions': { entity: 'mediation', body: () => ({ heldOn: '2026-01-06' }) },
  'POST /api/legal/mediation/:id/agreement': { entity: 'mediation', body: () => ({ agreementTerms: '测试', agreementAmountFen: 100 }) },
  'POST /api/legal/mediation/:id/fail': { entity: 'mediation', body: () => ({ failureReason: '测试' }) },
  'POST /api/legal/mediation/:id/withdraw': { entity: 'mediation', body: () => ({ reason: '测试' }) },
  'GET /api/legal/mediation/:id/agreement.pdf': { entity: 'mediationAgreed', reader: 'cadreA' },
  'POST /api/legal/mediation/:id/typical': { entity: 'mediation' },
  'PATCH /api/legal/providers/:id': { entity: 'legalProvider', body: () => ({ note: '改' }) },
  'GET /api/legal/typical/:id': { entity: 'typicalCase', reader: 'cadreA' },
  'PATCH /api/legal/typical/:id': { entity: 'typicalCase', body: () => ({ title: '改' }) },
  'PATCH /api/legal/events/:id': { entity: 'legalEvent', body: () => ({ topic: '改' }) },
  ...Object.fromEntries((['members', 'employers'] as const).flatMap((kind) => {
    const entity: ScopedEntity = kind === 'members' ? 'memberImport' : 'employerImport';
    const base = `/api/imports/${kind}/:id`;
    return [
      [`GET ${base}`, { entity, reader: 'cadreA' }],
      [`PUT ${base}/mapping`, { entity, body: () => ({ mapping: { name: 1, idNumber: 2 } }) }],
      [`POST ${base}/dry-run`, { entity }],
      [`POST ${base}/commit`, { entity }],
      [`DELETE ${base}`, { entity }],
      [`GET ${base}/rows`, { entity, reader: 'cadreA' }],
      [`GET ${base}/report.xlsx`, { entity, reader: 'cadreA' }],
    ] as const;
  })),
  'PATCH /api/pairing/rounds/:id': { entity: 'pairingRound', body: () => ({ remark: '改' }) },
  'GET /api/pairing/pairs/:id': { entity: 'pairing', reader: 'cadreA' },
  'PATCH /api/pairing/pairs/:id': { entity: 'pairing', body: () => ({ goals: '改' }) },
  'PUT /api/pairing/pairs/:id/result': { entity: 'pairing', body: () => ({ resultOutcome: 'improved' }) },
  'POST /api/pairing/pairs/:id/end': { entity: 'pairing', body: () => ({ endedOn: '2025-12-31', endReason: '测试' }) },
  'POST /api/pairing/pairs/:id/reveal-phone': { entity: 'pairing' },
  'POST /api/pairing/pairs/:id/visits': { entity: 'pairing', body: () => ({ visitedOn: '2025-08-01', visitParty: '矩阵', visitKinds: ['condolence'] }) },
  'POST /api/pairing/visits/:id/photos': { entity: 'pairingVisit', body: () => ({}) },
  'GET /api/pairing/photos/:id': { entity: 'pairingPhoto', reader: 'cadreA' },
  'DELETE /api/pairing/photos/:id': { entity: 'pairingPhoto' },
  'GET /api/campaigns/editions/:id': { entity: 'campaignEdition', reader: 'cadreA' },
  'PATCH /api/campaigns/editions/:id': { entity: 'campaignEdition', body: () => ({ remark: '改' }) },
  'POST /api/campaigns/editions/:id/close': { entity: 'campaignEdition' },
  'POST /api/campaigns/editions/:id/build': { entity: 'campaignEdition', body: () => ({}) },
  'POST /api/campaigns/editions/:id/nominations': { entity: 'campaignEdition', body: () => ({ name: '矩阵对象', idNumber: makeIdNumber('370523', '1980-01-01', 901), orgId: t.orgs.unionA }) },
  'POST /api/campaigns/editions/:id/nominations/import': { entity: 'campaignEdition', body: () => ({}) },
  'POST /api/campaigns/editions/:id/approve': { entity: 'campaignEdition', body: () => ({}) },
  'GET /api/campaigns/editions/:id/gongshi': { entity: 'campaignEdition', reader: 'cadreA' },
  'POST /api/campaigns/recipients/:id/cancel': { entity: 'campaignRecipient', body: () => ({ reason: '测试' }) },
  'POST /api/campaigns/recipients/:id/distribution': { entity: 'campaignRecipient', body: () => ({ method: 'cash', receivedBy: '本人' }) },
  'GET /api/members/:id/assistance': { entity: 'member', reader: 'cadreA' },
};
// Routes with an id that is not a scoped record: roles and code tables are deployment-wide
// (their writes need a root scope), a job is visible to its creator only.
const unscopedIdRoutes = new Set(['PATCH /api/roles/:id', 'DELETE /api/roles/:id', 'GET /api/jobs/:id', 'PUT /api/code-tables/:table/items/:code',
  // one calendar for the deployment; changing it needs a root-level grant (requireTop)
  'PUT /api/calendar/days/:date', 'DELETE /api/calendar/days/:date',
  // public 公示: anyone may object to a record that is in its 公示 period (no scope to hold)
  'POST /api/public/hardship/notices/:id/objections',
  // the public 公示 of an approved campaign edition: no login, masked names only
  'GET /api/public/campaigns/:id/gongshi']);

const permissionsOf = (user: FixtureUser) => new Set(builtinRoles.find((r) => r.code === fixtureUsers[user].role)!.permissions as readonly string[]);
const fill = (url: string) => url.replace(':id', '999999').replace(':table', 'sex').replace(':code', 'X');

describe('authorization matrix', () => {
  it('every route declares its access', () => {
    const undeclared = apiRoutes().filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(apiRoutes().length).toBeGreaterThan(25);
  });

  it('every route that takes an id is classified as scoped or deployment-wide', () => {
    const unclassified = apiRoutes().filter((r) => r.url.includes(':'))
      .map((r) => `${r.method} ${r.url}`).filter((k) => !scopedRoutes[k] && !unscopedIdRoutes.has(k));
    expect(unclassified).toEqual([]);
  });

  it('refuses every non-public route without a session', async () => {
    for (const r of apiRoutes()) {
      if (r.access === 'public') continue;
      const res = await t.anonymous.request(r.method, fill(r.url), r.method === 'GET' ? undefined : {});
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('answers 403 exactly when the role lacks the declared permission', async () => {
    for (const user of Object.keys(fixtureUsers) as FixtureUser[]) {
      const perms = permissionsOf(user);
      for (const r of apiRoutes()) {
        if (r.access === 'public' || r.access === 'authenticated' || r.url === '/api/auth/logout') continue;
        if (!isPermission(r.access!)) throw new Error(`unknown permission ${r.access}`);
        // an id that does not exist: allowed callers get 400/404, never 403, and nothing changes
        const res = await clients[user].request(r.method, fill(r.url), r.method === 'GET' ? undefined : {});
        const allowed = perms.has(r.access!);
        const rootOnly = res.body?.error?.message?.includes('根组织');
        if (allowed && !rootOnly) expect(res.status, `${user} ${r.method} ${r.url}`).not.toBe(403);
        if (!allowed) expect(res.status, `${user} ${r.method} ${r.url}`).toBe(403);
      }
    }
  });

  it('answers 404 for a record of another township, through every scoped route', async () => {
    const townshipUsers = (Object.keys(fixtureUsers) as FixtureUser[]).filter((u) => fixtureUsers[u].org === 'townA');
    let checked = 0;
    for (const user of townshipUsers) {
      const perms = permissionsOf(user);
      for (const r of apiRoutes()) {
        const spec = scopedRoutes[`${r.method} ${r.url}`];
        if (!spec || !perms.has(r.access!)) continue;
        const url = r.url.replace(':id', String(outside[spec.entity]));
        const res = await clients[user].request(r.method, url, spec.body ? spec.body() : r.method === 'GET' ? undefined : {});
        expect(res.status, `${user} ${r.method} ${url}`).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('乙镇');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
    // and the record is still as it was
    const unionB = await t.database.db.selectFrom('org').select(['short_name', 'parent_id']).where('id', '=', t.orgs.unionB).executeTakeFirstOrThrow();
    expect(unionB).toEqual({ short_name: '乙化工', parent_id: t.orgs.townB });
    const cadreB = await t.database.db.selectFrom('app_user').select(['status', 'display_name']).where('username', '=', 'cadreB').executeTakeFirstOrThrow();
    expect(cadreB).toEqual({ status: 'active', display_name: '测试cadreB' });
  });

  it('reads a record of its own township through the same routes', async () => {
    for (const [key, spec] of Object.entries(scopedRoutes)) {
      if (!key.startsWith('GET')) continue;
      const user: FixtureUser = spec.reader ?? (spec.entity === 'audit' ? 'auditorA' : 'adminA');
      const res = await clients[user].get(key.slice(4).replace(':id', String(inside[spec.entity])));
      expect(res.status, `${user} ${key}`).toBe(200);
    }
  });

  it('keeps lists, exports and the tree inside the township', async () => {
    const cadre = clients.cadreA;
    const orgs = await cadre.get('/api/orgs?pageSize=200');
    expect(orgs.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['甲镇总工会', '甲镇某机械有限公司工会']);
    const roots = await cadre.get('/api/orgs/children');
    expect(roots.body.items.map((o: { id: number }) => o.id)).toEqual([t.orgs.townA]);
    expect((await cadre.get(`/api/orgs/children?parentId=${t.orgs.townB}`)).status).toBe(404);
    const users = await cadre.get('/api/users?pageSize=200');
    expect(users.body.items.length).toBeGreaterThan(0);
    expect(users.body.items.every((u: { orgName: string }) => u.orgName.startsWith('甲镇'))).toBe(true);
    const audit = await clients.auditorA.get('/api/audit?pageSize=200');
    expect(audit.body.items.map((a: { id: number }) => a.id)).toContain(inside.audit);
    expect(audit.body.items.map((a: { id: number }) => a.id)).not.toContain(outside.audit);
    const exported = await cadre.get('/api/users/export.xlsx');
    expect(exported.status).toBe(200);
    expect(exported.raw).not.toContain('cadreB');
  });

  it('refuses an organization switch outside the scope', async () => {
    const res = await clients.cadreA.get('/api/orgs?pageSize=10', { 'x-org-id': String(t.orgs.townB) });
    expect(res.status).toBe(403);
    const narrowed = await clients.staff.get('/api/orgs?pageSize=200', { 'x-org-id': String(t.orgs.townB) });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.items.every((o: { name: string }) => o.name.startsWith('乙镇'))).toBe(true);
  });
});
