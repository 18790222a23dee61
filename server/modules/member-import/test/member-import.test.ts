import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { idCheckDigit, makeIdNumber, upgradeIdNumber15 } from '../../../../lib/validators/id-number.js';
import { allRows, commit, download, readWorkbook, upload, uploadAndDryRun, waitJob, workbookBuffer } from './helpers.js';

let t: TestContext;
let cadreA: Client;
let cadreB: Client;
let staff: Client;
let chairA: Client;
const employers: Record<'bracket' | 'plain', number> = { bracket: 0, plain: 0 };
const members: Record<'other' | 'same' | 'changed' | 'moving', number> = { other: 0, same: 0, changed: 0, moving: 0 };

// the people of the sheet
const idA = makeIdNumber('370523', '1990-01-01', 123); // 男
const id15 = '370523850312121'; // 1985-03-12, 男
const id15Upgraded = upgradeIdNumber15(id15);
const idX = (() => {
  for (let seq = 0; seq < 1000; seq++) {
    const id = makeIdNumber('370523', '1988-08-08', seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
})();
const idXSex = Number(idX[16]) % 2 ? '男' : '女';
const idBadCheck = (() => {
  const ok = makeIdNumber('370523', '1979-05-06', 111);
  return ok.slice(0, 17) + (ok[17] === '1' ? '2' : '1');
})();
const idSexMismatch = makeIdNumber('370523', '1980-02-02', 135); // 男, written 女
const idUnknownUnion = makeIdNumber('370523', '1981-03-03', 147);
const idOtherUnion = makeIdNumber('370523', '1982-04-04', 159);
const idSame = makeIdNumber('370523', '1983-05-05', 162);
const idChanged = makeIdNumber('370523', '1984-06-06', 174);
const idBirthMismatch = makeIdNumber('370523', '1990-07-07', 183);
const idUnknownEmployer = makeIdNumber('370523', '1991-08-08', 195);
const idMerged1 = makeIdNumber('370523', '1992-09-09', 201);
const idMerged2 = makeIdNumber('370523', '1993-10-10', 212);
const idMoving = makeIdNumber('370523', '1986-11-11', 225);
const idNoUnion = makeIdNumber('370523', '1987-12-12', 237);
const unionA = '甲镇某机械有限公司工会';
const serialOf = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** A 花名册 as staff keep it: title rows, merged cells, 序号, blank rows, totals and 填表人 at the bottom. */
async function messyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本表按县总工会要求填报']);
  const ws = wb.addWorksheet('会员花名册');
  ws.getCell('A1').value = '甲镇总工会会员花名册（2024年）';
  ws.mergeCells('A1:M1');
  ws.getCell('A2').value = '填报单位：甲镇总工会';
  ws.mergeCells('A2:F2');
  ws.getCell('J2').value = '填报时间：2024年5月';
  ws.getRow(4).values = ['序号', '姓名', '性别', '公民身份号码', '出生日期', '民族', '文化程度', '政治面貌', '手机号码', '工作单位', '所属工会', '用工形式', '入会时间'];
  const rows: Record<number, unknown[]> = {
    5: [1, '张三', '男', idA, new Date(Date.UTC(1990, 0, 1)), '汉族', '大学本科', '中共党员', '13812345678', '山东甲镇机械(集团)有限公司', '甲镇某机械有限公司工会', '农民工', new Date(Date.UTC(2019, 2, 5))],
    6: [2, '李　四', null, Number(id15), '1985.3.12', '汉', '大专', '群众', '１３９ ０００ ０１２３４', '甲镇某机械有限公司', unionA, null, '2019.3.5'],
    7: [3, '阿依古丽.买买提', idXSex, ` ${toFullWidth(idX.slice(0, 6))} ${toFullWidth(idX.slice(6, 14))} ${toFullWidth(idX.slice(14, 17))}ｘ `, serialOf('1988-08-08'), '维吾尔族', '高中', '共青团员', null, '甲镇某机械有限公司', unionA, '劳务派遣', '2019年3月5日'],
    8: [17, '甲调动', null, idMoving, null, null, null, null, null, null, '甲镇某纺织有限公司工会'],
    9: [4, '王五', '男', Number('370523199203041234'), null, '汉族'],
    10: [5, '赵六', '男', '3.70523E+17'],
    11: [6, '钱七', '男', idBadCheck],
    12: [7, '孙八', '女', idSexMismatch],
    13: [8, '周九', null, idUnknownUnion, null, null, null, null, null, null, '丙镇某公司工会'],
    14: [9, '张三', '男', idA],
    15: [10, '乙会员', null, idOtherUnion],
    16: [11, '甲老会员', null, idSame, null, '汉族', '本科', '群众', null, null, '甲镇某机械有限公司工会', null, '20190305'],
    17: [12, '甲更新', null, idChanged, null, '汉族', '大学本科', '群众', null, null, '甲镇某机械有限公司工会', null, '2019/3/5'],
    18: [13, '吴十', '男', idBirthMismatch, '1991-01-01'],
    19: [14, '郑一', null, idUnknownEmployer, null, null, null, null, null, '不存在的公司'],
    20: [15, '冯二', null, idMerged1, null, null, null, null, null, '山东甲镇机械 （集团） 有限公司', unionA, null, '2019-03-05'],
    21: [16, '陈三', null, idMerged2],
    22: ['合计', null, '共16人'],
    23: [18, '无工会', null, idNoUnion],
  };
  for (const [n, values] of Object.entries(rows)) ws.getRow(Number(n)).values = values as ExcelJS.CellValue[];
  ws.mergeCells('J20:J21');
  ws.mergeCells('K20:K21');
  ws.getCell('A24').value = '填表人：王小明';
  ws.mergeCells('A24:D24');
  ws.getCell('F24').value = '审核人：李主席';
  ws.getCell('J24').value = '日期：2024年5月20日';
  ws.getCell('A25').value = '注：本表由各基层工会填报，身份证号请核对。';
  return workbookBuffer(wb);
}

beforeAll(async () => {
  t = await createTestContext();
  [cadreA, cadreB, staff, chairA] = await Promise.all([t.as('cadreA'), t.as('cadreB'), t.as('staff'), t.as('chairA')]);
  const db = t.database.db;
  const crypto = t.app.fieldCrypto;
  const employer = (orgId: number, name: string) => db.insertInto('employer').values({ org_id: orgId, name, ownership: 'private', industry: 'C' })
    .returning('id').executeTakeFirstOrThrow().then((r) => r.id);
  employers.bracket = await employer(t.orgs.townA, '山东甲镇机械（集团）有限公司');
  employers.plain = await employer(t.orgs.unionA, '甲镇某机械有限公司');
  await employer(t.orgs.townB, '乙镇某化工有限公司');
  const textile = await db.insertInto('org').values({ name: '甲镇某纺织有限公司工会', kind: 'grassroots', parent_id: t.orgs.townA }).returning('id').executeTakeFirstOrThrow();
  const member = (orgId: number, name: string, id: string, extra: Record<string, unknown>, card: string) => db.insertInto('member').values({
    org_id: orgId, name, id_number_enc: crypto.encrypt(id), id_number_hash: crypto.blindIndex('id_number', id), id_number_last4: id.slice(-4),
    sex: Number(id[16]) % 2 ? 'M' : 'F', birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, card_no: card,
    updated_at: new Date('2024-01-01T00:00:00Z'), ...extra,
  }).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
  members.other = await member(t.orgs.unionB, '乙会员', idOtherUnion, {}, '37052300000005');
  members.same = await member(t.orgs.unionA, '甲老会员', idSame, { ethnicity: '01', education: 'bachelor', political_status: 'masses', join_date: '2019-03-05' }, '37052300000006');
  members.changed = await member(t.orgs.unionA, '甲更新', idChanged, { ethnicity: '01', education: 'high_school', political_status: 'masses', join_date: '2019-03-05' }, '37052300000007');
  members.moving = await member(t.orgs.unionA, '甲调动', idMoving, {}, '37052300000004');
  expect(textile.id).toBeGreaterThan(0);
});
afterAll(async () => { await t?.close(); });

let firstBatch: string;
let file: Buffer;

describe('a messy 花名册, end to end', () => {
  it('finds the sheet, the header row under the title and the columns by their names', async () => {
    file = await messyWorkbook();
    const res = await upload(cadreA, 'members', t.orgs.townA, file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'uploaded', sheetName: '会员花名册', headerRow: 4, orgName: '甲镇总工会', missing: [], fileName: '花名册.xlsx' });
    expect(res.body.mapping).toEqual({
      name: 2, sex: 3, idNumber: 4, birthDate: 5, ethnicity: 6, education: 7, politicalStatus: 8, phone: 9, employer: 10, union: 11, category: 12, joinDate: 13,
    });
    expect(res.body.headers[0]).toMatchObject({ column: 1, letter: 'A', text: '序号', field: null });
    // the preview starts below the header and never shows a full ID number or phone
    expect(res.body.preview[0][1]).toBe('张三');
    expect(res.body.preview[0][3]).toBe(`3705**********${idA.slice(-4)}`);
    expect(JSON.stringify(res.body.preview)).not.toContain(idA);
    expect(JSON.stringify(res.body.preview)).not.toContain('13812345678');
    firstBatch = res.body.id;
  });

  it('refuses a mapping without a required column, naming it', async () => {
    const res = await cadreA.put(`/api/imports/members/${firstBatch}/mapping`, { mapping: { name: 2, sex: 3 } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('身份证号');
    const twice = await cadreA.put(`/api/imports/members/${firstBatch}/mapping`, { mapping: { name: 2, idNumber: 2 } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('同一列');
    const dry = await cadreA.post(`/api/imports/members/${firstBatch}/dry-run`);
    expect(dry.status).toBe(409);
    expect(dry.body.error.message).toContain('确认列对应关系');
  });

  it('dry run: every row gets its outcome, errors name the column and the reason', async () => {
    const mapped = await cadreA.put(`/api/imports/members/${firstBatch}/mapping`, { mapping: (await cadreA.get(`/api/imports/members/${firstBatch}`)).body.mapping });
    expect(mapped.status).toBe(200);
    expect(mapped.body.status).toBe('mapped');
    const started = await cadreA.post(`/api/imports/members/${firstBatch}/dry-run`);
    expect(started.status).toBe(202);
    const job = await waitJob(cadreA, started.body.jobId);
    expect(job.status, job.message).toBe('succeeded');
    expect(job.result.counts).toMatchObject({ rows: 18, new: 5, update: 1, unchanged: 1, error: 9, transfer_suggested: 2 });
    expect(job.result.counts.skippedByReason).toMatchObject({ totals: 1, footer: 2 });

    const rows = await allRows(cadreA, 'members', firstBatch);
    const outcome = (n: number) => rows.get(n)?.outcome;
    const messages = (n: number) => rows.get(n)?.messages.join('；') ?? '';
    expect([5, 6, 7, 20, 21].map(outcome)).toEqual(['new', 'new', 'new', 'new', 'new']);
    expect(messages(6)).toContain('公民身份号码：15位旧号码已升级为18位');
    expect(outcome(9)).toBe('error');
    expect(messages(9)).toBe('公民身份号码：已被 Excel 转为科学计数法，末尾数字丢失，请将该列设为文本后重新填写');
    expect(messages(10)).toContain('公民身份号码：已被 Excel 转为科学计数法');
    expect(messages(11)).toBe('公民身份号码：校验位错误');
    expect(messages(12)).toBe('性别：与身份证号不符');
    expect(messages(13)).toBe('所属工会：未找到“丙镇某公司工会”，须为甲镇总工会或其下级工会');
    expect(messages(14)).toBe('公民身份号码：与第5行重复');
    expect(outcome(15)).toBe('transfer_suggested');
    expect(messages(15)).toBe('该职工已是其他工会会员，请办理会员关系接转');
    expect(rows.get(15)!.currentUnion).toBeNull(); // another township's union is not named to cadreA
    expect(outcome(16)).toBe('unchanged');
    expect(outcome(17)).toBe('update');
    expect(messages(17)).toBe('更新：学历');
    expect(messages(18)).toBe('出生日期：与身份证号不符');
    expect(messages(19)).toBe('工作单位：未找到用人单位“不存在的公司”，请先登记或导入用人单位');
    expect(outcome(8)).toBe('transfer_suggested'); // another union of the township: the union changes only by transfer
    expect(messages(8)).toBe('该职工现为“甲镇某机械有限公司工会”会员，变更所属工会请办理会员关系接转');
    expect(messages(23)).toBe('所属工会：导入到“甲镇总工会”时须填写会员所在的基层工会');
    for (const n of [9, 10, 11, 12, 13, 14, 18, 19, 23]) expect(outcome(n), `row ${n}`).toBe('error');
    expect([...rows.keys()].sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23]);
    // nothing written yet
    expect(await t.database.db.selectFrom('member').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 4 });
    // rows keep no full ID number
    const stored = await t.database.db.selectFrom('import_row').select(['raw', 'data', 'messages']).where('batch_id', '=', firstBatch).execute();
    expect(JSON.stringify(stored)).not.toContain(idA);
    expect(JSON.stringify(stored)).not.toContain(id15Upgraded);
  });

  it('filters rows by outcome, and names the other union to someone who may see it', async () => {
    const errors = await cadreA.get(`/api/imports/members/${firstBatch}/rows?outcome=error&pageSize=5&page=2`);
    expect(errors.body.total).toBe(9);
    expect(errors.body.items.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([14, 18, 19, 23]);
    const asStaff = await staff.get(`/api/imports/members/${firstBatch}/rows?outcome=transfer_suggested`);
    expect(asStaff.body.items.map((r: { currentUnion: string }) => r.currentUnion)).toEqual(['甲镇某机械有限公司工会', '乙镇某化工有限公司工会']);
  });

  it('the error report lists every row, errors first, ID numbers masked', async () => {
    const res = await download(t.app, cadreA, `/api/imports/members/${firstBatch}/report.xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('导入结果_花名册'));
    const wb = await readWorkbook(res.buffer);
    const ws = wb.getWorksheet('导入结果')!;
    expect(ws.getRow(1).getCell(1).value).toBe('Excel行号');
    expect(ws.getRow(1).getCell(7).value).toBe('公民身份号码');
    const lines: Array<{ row: number; outcome: string; message: string; cells: string[] }> = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
      lines.push({ row: Number(values[0]), outcome: values[1], message: values[2], cells: values.slice(3) });
    });
    expect(lines).toHaveLength(18);
    expect(lines.slice(0, 9).map((l) => l.outcome)).toEqual(Array(9).fill('错误'));
    expect(lines.slice(0, 9).map((l) => l.row)).toEqual([9, 10, 11, 12, 13, 14, 18, 19, 23]);
    expect(lines.slice(9, 11)).toMatchObject([{ row: 8, outcome: '需办理接转' }, { row: 15, outcome: '需办理接转' }]);
    expect(lines.find((l) => l.row === 11)!.message).toBe('公民身份号码：校验位错误');
    expect(lines.find((l) => l.row === 5)!.cells[3]).toBe(`3705**********${idA.slice(-4)}`);
    const everything = JSON.stringify(lines);
    for (const id of [idA, idBadCheck, idSexMismatch, idOtherUnion, id15]) expect(everything).not.toContain(id);
    expect(everything).not.toContain('13812345678');
    expect(wb.getWorksheet('汇总')).toBeTruthy();
  });

  it('commit writes the new and changed members, in one audited transaction', async () => {
    const before = await t.database.db.selectFrom('member').select(['id', 'updated_at']).execute();
    const job = await commit(cadreA, 'members', firstBatch);
    expect(job.result.written).toEqual({ created: 5, updated: 1 });
    const db = t.database.db;
    const crypto = t.app.fieldCrypto;
    const byId = async (id: string) => db.selectFrom('member').selectAll().where('id_number_hash', '=', crypto.blindIndex('id_number', id)).executeTakeFirstOrThrow();

    const zhang = await byId(idA);
    expect(crypto.decrypt(zhang.id_number_enc)).toBe(idA);
    expect(zhang).toMatchObject({
      name: '张三', name_initials: 'zs', sex: 'M', birth_date: '1990-01-01', org_id: t.orgs.unionA, employer_id: employers.bracket,
      ethnicity: '01', education: 'bachelor', political_status: 'cpc_member', category: 'migrant', join_date: '2019-03-05', phone_last4: '5678', status: 'active',
    });
    expect(zhang.phone_hash).toEqual(crypto.blindIndex('phone', '13812345678'));
    expect(zhang.card_no).toMatch(/^370523\d{8}$/);
    expect(zhang.card_no > '37052300000007').toBe(true);

    const li = await byId(id15Upgraded);
    expect(li).toMatchObject({ name: '李四', sex: 'M', birth_date: '1985-03-12', org_id: t.orgs.unionA, employer_id: employers.plain, category: 'regular', education: 'college', join_date: '2019-03-05', phone_last4: '1234' });
    expect(crypto.decrypt(li.id_number_enc)).toBe(id15Upgraded);
    const ayi = await byId(idX);
    expect(ayi).toMatchObject({ name: '阿依古丽·买买提', ethnicity: '05', category: 'dispatched', political_status: 'cyl_member', birth_date: '1988-08-08' });
    expect((await byId(idMerged1)).employer_id).toBe(employers.bracket);
    expect((await byId(idMerged2)).employer_id).toBe(employers.bracket); // merged 工作单位 cell
    const cards = new Set((await db.selectFrom('member').select('card_no').execute()).map((r) => r.card_no));
    expect(cards.size).toBe(9);

    const changed = await byId(idChanged);
    expect(changed.education).toBe('bachelor');
    const after = new Map((await db.selectFrom('member').select(['id', 'updated_at']).execute()).map((r) => [r.id, r.updated_at.getTime()]));
    for (const m of before) {
      if (m.id === members.changed) expect(after.get(m.id)).not.toBe(m.updated_at.getTime());
      else expect(after.get(m.id), `member ${m.id}`).toBe(m.updated_at.getTime());
    }
    expect((await db.selectFrom('member').select('org_id').where('id', '=', members.other).executeTakeFirstOrThrow()).org_id).toBe(t.orgs.unionB);

    const audits = await db.selectFrom('audit_log').select(['summary', 'org_id', 'before', 'after']).where('entity', '=', 'import_batch').where('entity_id', '=', firstBatch).execute();
    expect(audits).toHaveLength(1);
    expect(audits[0].summary).toContain('新增5人，更新1人');
    expect(audits[0].org_id).toBe(t.orgs.townA);
    expect(audits[0].before).toEqual({ members: { [members.changed]: { education: 'high_school' } } });
    expect(JSON.stringify(audits)).not.toContain(idA);

    const batch = await cadreA.get(`/api/imports/members/${firstBatch}`);
    expect(batch.body).toMatchObject({ status: 'committed', statusLabel: '已导入' });
    const stored = await db.selectFrom('import_batch').select(['file_enc', 'file_key']).where('id', '=', firstBatch).executeTakeFirstOrThrow();
    expect(stored).toEqual({ file_enc: null, file_key: null });
    const again = await cadreA.post(`/api/imports/members/${firstBatch}/commit`);
    expect(again.status).toBe(409);
  });

  it('re-running the same file changes nothing', async () => {
    const db = t.database.db;
    const snapshot = async () => JSON.stringify(await db.selectFrom('member').selectAll().orderBy('id').execute());
    const before = await snapshot();
    const up = await upload(cadreA, 'members', t.orgs.townA, file);
    expect(up.body.sameFileAs).toMatchObject({ id: firstBatch });
    const { id, job } = await uploadAndDryRun(cadreA, 'members', t.orgs.townA, file);
    expect(job.result.counts).toMatchObject({ rows: 18, new: 0, update: 0, unchanged: 7, error: 9, transfer_suggested: 2 });
    const rows = await allRows(cadreA, 'members', id);
    for (const n of [5, 6, 7, 16, 17, 20, 21]) expect(rows.get(n)!.outcome, `row ${n}`).toBe('unchanged');
    const committed = await commit(cadreA, 'members', id);
    expect(committed.result.written).toEqual({ created: 0, updated: 0 });
    expect(await snapshot()).toBe(before);
    const audits = await db.selectFrom('audit_log').select('summary').where('entity', '=', 'import_batch').where('entity_id', '=', id).execute();
    expect(audits.map((a) => a.summary)).toEqual([expect.stringContaining('无新增、无更新')]);
  });
});

describe('scope', () => {
  let batchB: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([['姓名', '身份证号'], ['乙镇人', makeIdNumber('370523', '1977-07-07', 219)]]);
    batchB = (await uploadAndDryRun(cadreB, 'members', t.orgs.townB, await workbookBuffer(wb))).id;
  });

  it('cadreA cannot read, map, run, commit or download a batch of township B', async () => {
    const base = `/api/imports/members/${batchB}`;
    for (const res of [
      await cadreA.get(base), await cadreA.get(`${base}/rows`), (await download(t.app, cadreA, `${base}/report.xlsx`)),
      await cadreA.put(`${base}/mapping`, { mapping: { name: 1, idNumber: 2 } }), await cadreA.post(`${base}/dry-run`),
      await cadreA.post(`${base}/commit`), await cadreA.delete(base),
    ]) {
      expect(res.status).toBe(404);
    }
    const list = await cadreA.get('/api/imports/members?pageSize=100');
    expect(list.body.items.map((b: { id: string }) => b.id)).not.toContain(batchB);
    // the batch stays as it was
    expect((await cadreB.get(base)).body.status).toBe('dry_run');
  });

  it('refuses a target union outside the scope, and an employer batch under the member URLs', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([['姓名', '身份证号'], ['某人', makeIdNumber('370523', '1977-07-07', 231)]]);
    const buf = await workbookBuffer(wb);
    expect((await upload(cadreA, 'members', t.orgs.townB, buf)).status).toBe(404);
    expect((await upload(chairA, 'members', t.orgs.townA, buf)).status).toBe(404);
    expect((await upload(chairA, 'members', t.orgs.unionA, buf)).status).toBe(201);
    expect((await upload(chairA, 'employers', t.orgs.unionA, buf)).status).toBe(403);
    expect((await cadreB.get(`/api/imports/employers/${batchB}`)).status).toBe(404);
  });

  it('refuses what is not an .xlsx, in Chinese', async () => {
    const res = await upload(cadreA, 'members', t.orgs.townA, Buffer.from('姓名,身份证号\n'), 'a.csv');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.file).toMatch(/^文件：.*\.xlsx/);
    const xls = await upload(cadreA, 'members', t.orgs.townA, Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), 'a.xlsx');
    expect(xls.status).toBe(400);
    expect(xls.body.error.message).toContain('另存为');
    const json = await cadreA.post('/api/imports/members', { orgId: t.orgs.townA });
    expect(json.status).toBe(400);
  });
});

describe('template', () => {
  it('downloads a template whose filled-in copy imports cleanly', async () => {
    const res = await download(t.app, cadreA, '/api/imports/members/template.xlsx');
    expect(res.status).toBe(200);
    const wb = await readWorkbook(res.buffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('会员信息');
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['序号', '*姓名', '*身份证号', '性别']);
    expect(ws.getColumn(3).numFmt).toBe('@');
    expect(String(ws.getCell('A1').value)).toContain('填写说明');
    expect(wb.getWorksheet('填写说明')).toBeTruthy();
    const id = makeIdNumber('370523', '1995-12-31', 246);
    ws.getRow(3).values = [1, '模板人', id, '女', '1995-12-31', '13912345678', '汉族', '本科', '群众', '甲镇某机械有限公司', unionA, '一般职工', '2020-01-01'];
    const { id: batchId, upload: up, job } = await uploadAndDryRun(cadreA, 'members', t.orgs.townA, await workbookBuffer(wb));
    expect(up.headerRow).toBe(2);
    expect(up.sheetName).toBe('会员信息');
    expect(job.result.counts).toMatchObject({ rows: 1, new: 1, error: 0 });
    expect(batchId).toBeTruthy();
  });
});

it('the check digit helper used above agrees with the validator', () => {
  expect(idBadCheck.slice(0, 17) + idCheckDigit(idBadCheck.slice(0, 17))).not.toBe(idBadCheck);
});
