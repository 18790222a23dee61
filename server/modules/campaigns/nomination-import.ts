import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { AppError, conflict, fieldError } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { orgInScopeOrThrow, pathInScope, type ScopePaths } from '../../platform/scope.js';
import { codeTables } from '../../../lib/code-tables.js';
import { openXlsx, peekSheets, readRows } from '../member-import/xlsx-reader.js';
import { detectHeader, HEADER_SEARCH_ROWS } from '../member-import/header-detect.js';
import { classifyRow } from '../member-import/sheet-rows.js';
import { cellText, cleanText, idFromCell, normalizePersonName, orgNameKey } from '../member-import/cell-values.js';
import { maskedRaw } from '../member-import/pipeline.js';
import { writeOutcomeReport, type ReportRow } from '../member-import/report.js';
import type { FieldDef } from '../member-import/import-fields.js';
import { editionVisibleOrThrow, advanceEdition } from './edition.service.js';
import { getCampaignSettings, insertCandidates, type Candidate } from './recipient.service.js';

/**
 * 提名名单导入: a union's Excel list of people to nominate. It uses the member import's
 * reader, header detection, row classification, cell parsing and report writer. A list is a
 * few hundred rows, so it runs in the request: a dry run answers every row's outcome, a
 * commit adds the valid rows in one statement, and the report is the same workbook the
 * member import gives.
 */
export const nominationFields: readonly FieldDef[] = [
  { key: 'name', label: '姓名', required: true, synonyms: ['姓名', '职工姓名', '帮扶对象', '对象姓名'] },
  { key: 'idNumber', label: '身份证号', required: true, synonyms: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证'] },
  { key: 'union', label: '所属工会', required: false, synonyms: ['所属工会', '工会名称', '基层工会', '推荐单位', '提名单位'] },
  { key: 'category', label: '对象类别', required: false, synonyms: ['对象类别', '人员类别', '困难类别', '类别'] },
  { key: 'reason', label: '困难情况', required: false, synonyms: ['困难情况', '提名理由', '致困原因', '主要困难', '备注'] },
  { key: 'amount', label: '金额', required: false, synonyms: ['金额', '帮扶金额', '慰问金额', '发放金额'] },
];

const MAX_ROWS = 5000;

interface RowResult extends ReportRow { candidate?: Candidate & { amountFen: number | null } }

export interface ImportResult {
  headerRow: number | null;
  mapping: Record<string, number>;
  counts: { rows: number; new: number; unchanged: number; error: number; skipped: number };
  rows: RowResult[];
}

export async function analyzeNominations(db: Db, crypto: FieldCrypto, scope: ScopePaths, editionId: number, file: Buffer, defaultOrgId: number | null): Promise<ImportResult & { headers: { column: number; text: string; field: string | null }[] }> {
  const edition = await editionVisibleOrThrow(db, editionId, scope);
  const xlsx = openXlsx(file);
  const peeks = await peekSheets(xlsx, HEADER_SEARCH_ROWS);
  let best: { sheetNo: number; guess: ReturnType<typeof detectHeader> } | null = null;
  for (const [sheetNo, rows] of peeks) {
    const guess = detectHeader(rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells.map(cellText) })), nominationFields);
    if (guess.headerRow && (!best || guess.score > best.guess.score)) best = { sheetNo, guess };
  }
  if (!best || best.guess.missing.length) {
    const missing = best ? best.guess.missing : ['name', 'idNumber'];
    throw fieldError('file', `没有找到表头：缺少${missing.map((k) => nominationFields.find((f) => f.key === k)!.label).join('、')}列`);
  }
  const { guess } = best;
  const sheet = xlsx.sheets.find((s) => s.sheetNo === best!.sheetNo)!;
  const col = guess.mapping;
  // the unions a row may name: in the edition's subtree and the caller's scope
  const orgs = await db.selectFrom('org').select(['id', 'name', 'short_name'])
    .where(pathInScope('path', scope)).where('path', '<@', edition.org_path as never).execute();
  const orgByName = new Map<string, number>();
  for (const o of orgs) { orgByName.set(orgNameKey(o.name), o.id); if (o.short_name) orgByName.set(orgNameKey(o.short_name), o.id); }
  const defaultOk = defaultOrgId != null && orgs.some((o) => o.id === defaultOrgId);
  const categories = new Map(codeTables.campaign_category.items.map((i) => [i.label, i.code]));
  const today = clock.today();
  const counts = { rows: 0, new: 0, unchanged: 0, error: 0, skipped: 0 };
  const rows: RowResult[] = [];
  const seen = new Map<string, number>();
  const keyColumns = [col.name, col.idNumber];
  const width = guess.columns.length;
  for await (const row of readRows(xlsx, sheet)) {
    if (row.rowNumber <= guess.headerRow!) continue;
    const texts = row.cells.map(cellText);
    if (classifyRow(texts, guess.columns, keyColumns)) { counts.skipped++; continue; }
    if (++counts.rows > MAX_ROWS) throw fieldError('file', `一次最多导入${MAX_ROWS}行`);
    const messages: string[] = [];
    const header = (k: string) => guess.columns[col[k] - 1]?.text || nominationFields.find((f) => f.key === k)!.label;
    const cell = (k: string) => (col[k] ? row.cells[col[k] - 1] ?? null : null);
    const name = normalizePersonName(cell('name'));
    if (!name) messages.push(`${header('name')}：不能为空`);
    const id = idFromCell(cell('idNumber'), today);
    if (!id.ok) messages.push(`${header('idNumber')}：${id.reason}`);
    let orgId = defaultOk ? defaultOrgId : null;
    const unionText = cleanText(cell('union'));
    if (unionText) {
      orgId = orgByName.get(orgNameKey(unionText)) ?? null;
      if (!orgId) messages.push(`${header('union')}：不是本次活动范围内您管辖的工会`);
    } else if (!orgId) messages.push(`${header('union')}：请填写（或在导入时选择负责的工会）`);
    const catText = cleanText(cell('category'));
    const category = catText ? categories.get(catText) ?? (categories.has(`困难${catText}`) ? categories.get(`困难${catText}`)! : null) : null;
    if (catText && !category) messages.push(`${header('category')}：“${catText}”不是可选的对象类别（${[...categories.keys()].join('、')}）`);
    const amountText = cleanText(cell('amount'));
    let amountFen: number | null = null;
    if (amountText) {
      const n = Number(amountText.replace(/[元,，]/g, ''));
      if (!Number.isFinite(n) || n <= 0 || Math.round(n * 100) !== Math.round(n * 100 * 1000) / 1000) messages.push(`${header('amount')}：应为大于0的金额（元）`);
      else amountFen = Math.round(n * 100);
    }
    const raw = maskedRaw(texts, width, { id: col.idNumber });
    if (id.ok) {
      const earlier = seen.get(id.value);
      if (earlier) messages.push(`${header('idNumber')}：与第${earlier}行重复`);
      else seen.set(id.value, row.rowNumber);
    }
    if (messages.length || !id.ok || !orgId) {
      counts.error++;
      rows.push({ row_number: row.rowNumber, outcome: 'error', messages, raw });
      continue;
    }
    const hash = crypto.blindIndex('id_number', id.value);
    rows.push({
      row_number: row.rowNumber, outcome: 'new', messages: [], raw,
      candidate: { archiveId: null, memberId: null, orgId, level: null, personHash: hash, name, idEnc: null, last4: id.value.slice(-4), category, reason: cleanText(cell('reason')) || null, amountFen, _id: id.value } as never,
    });
  }
  // already on this edition's list → 无变化
  const hashes = rows.filter((r) => r.candidate).map((r) => r.candidate!.personHash);
  if (hashes.length) {
    const listed = await db.selectFrom('campaign_recipient').select('person_hash').where('edition_id', '=', editionId)
      .where('status', '<>', 'cancelled').where('person_hash', 'in', hashes).execute();
    const listedSet = new Set(listed.map((l) => l.person_hash.toString('hex')));
    const members = await db.selectFrom('member').select(['id', 'id_number_hash']).where('id_number_hash', 'in', hashes).execute();
    const memberOf = new Map(members.map((m) => [m.id_number_hash.toString('hex'), m.id]));
    for (const r of rows) {
      if (!r.candidate) continue;
      const key = r.candidate.personHash.toString('hex');
      r.candidate.memberId = memberOf.get(key) ?? null;
      if (listedSet.has(key)) { r.outcome = 'unchanged'; r.messages = ['已在本期活动名单中']; }
    }
  }
  for (const r of rows) if (r.outcome === 'new') counts.new++; else if (r.outcome === 'unchanged') counts.unchanged++;
  return { headerRow: guess.headerRow, mapping: guess.mapping, headers: guess.columns, counts, rows };
}

const outcomeLabels = { new: '将提名', unchanged: '已在名单' } as const;

async function readUpload(req: FastifyRequest): Promise<{ file: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw fieldError('file', '请以 multipart/form-data 上传 Excel 文件');
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') file = await part.toBuffer();
      else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fieldError('file', '上传的内容无法读取，请重新上传');
  }
  if (!file) throw fieldError('file', '请选择要上传的 Excel 文件');
  return { file, fields };
}

export function registerNominationImportRoutes(app: App) {
  app.post('/api/campaigns/editions/:id/nominations/import', {
    config: { access: 'campaign:write' },
    schema: {
      tags: ['帮扶活动'], consumes: ['multipart/form-data'], params: z.object({ id: z.coerce.number().int().positive() }),
      summary: '导入提名名单（multipart：file；orgId 默认负责工会；mode = dry-run 试导入 | commit 导入 | report 下载结果报告）',
    },
  }, async (req, reply) => {
    const scope = accessOf(req).require('campaign:write');
    await editionVisibleOrThrow(app.db, req.params.id, scope); // 404 before reading the upload
    const { file, fields } = await readUpload(req);
    const mode = fields.mode ?? 'dry-run';
    if (!['dry-run', 'commit', 'report'].includes(mode)) throw fieldError('mode', '应为 dry-run、commit 或 report');
    const orgId = fields.orgId ? Number(fields.orgId) : scope.length === 1 ? Number(scope[0].split('.').pop()) : null;
    if (orgId) await orgInScopeOrThrow(app.db, orgId, scope, '工会');
    const result = await analyzeNominations(app.db, app.fieldCrypto, scope, req.params.id, file, orgId);
    const summary = { headerRow: result.headerRow, mapping: result.mapping, counts: result.counts };
    if (mode === 'report') {
      const out = new PassThrough();
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent('提名导入结果')}.xlsx`);
      async function* rowsOf(outcomes: string[]) { yield result.rows.filter((r) => outcomes.includes(r.outcome)); }
      void writeOutcomeReport(out, {
        headers: result.headers, rowsOf: rowsOf as never, labels: outcomeLabels,
        summary: [['数据行', result.counts.rows], ['将提名', result.counts.new], ['已在名单', result.counts.unchanged], ['错误', result.counts.error], ['跳过（空行、合计、落款等）', result.counts.skipped]],
      }).catch((err) => out.destroy(err));
      return reply.send(out);
    }
    const rows = result.rows.map((r) => ({ rowNumber: r.row_number, outcome: r.outcome, messages: r.messages, raw: r.raw }));
    if (mode === 'dry-run') return { ...summary, rows };
    // commit: the valid rows in one transaction and one statement
    const toAdd = result.rows.filter((r) => r.outcome === 'new').map((r) => r.candidate!);
    if (toAdd.length === 0) throw conflict('没有可导入的行');
    const added = await app.db.transaction().execute(async (tx) => {
      const edition = await editionVisibleOrThrow(tx, req.params.id, scope);
      if (edition.status === 'closed') throw conflict('活动已结束，不能再增加名单');
      const { yearlyCapFen } = await getCampaignSettings(tx);
      // sealed here, inside the commit: the dry run never holds a full number longer than needed
      const candidates = toAdd.map((c) => ({ ...c, idEnc: app.fieldCrypto.encrypt((c as unknown as { _id: string })._id) }));
      let n = 0;
      // amounts differ per row only when the sheet gives one: group by amount
      const byAmount = new Map<number | null, typeof candidates>();
      for (const c of candidates) byAmount.set(c.amountFen, [...(byAmount.get(c.amountFen) ?? []), c]);
      for (const [amount, group] of byAmount) {
        n += await insertCandidates(tx, { ...edition, standard_fen: amount ?? Number(edition.standard_fen), rule: amount ? {} : edition.rule }, scope, group, actorOf(req).id, yearlyCapFen);
      }
      if (n > 0) await advanceEdition(tx, edition.id, 'listing');
      await audit(tx, actorOf(req), { action: 'import', entity: 'campaign_edition', entityId: edition.id, orgId: edition.org_id, summary: `${edition.name} 导入提名名单：${toAdd.length}行有效，新增${n}人`, after: { rows: result.counts, added: n } });
      return n;
    });
    return reply.code(201).send({ ...summary, rows, added, skipped: toAdd.length - added });
  });
}
