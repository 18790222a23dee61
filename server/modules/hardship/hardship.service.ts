import type { Selectable } from 'kysely';
import { computeHardshipLevel, dibaoLineFor, type LevelBasis } from '../../../lib/hardship-level.js';
import { parseIdNumber } from '../../../lib/validators/id-number.js';
import { maskIdFromLast4 } from '../../../lib/masking.js';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import { fieldLabel } from '../../../lib/i18n/zh-cn.js';
import { putSetting } from '../../platform/settings.js';
import { ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { assertCode, isUniqueViolation } from '../membership/common.js';
import type { HardshipArchiveTable, HardshipStatus } from './tables.js';

export type ArchiveRow = Selectable<HardshipArchiveTable>;

// ---------------------------------------------------------------- 低保 line (a per-year setting)

export const DIBAO_SETTING = 'hardship.dibao';
/**
 * The demo county's line: 山东 county-level 城乡低保 (urban and rural unified), monthly per
 * person: 790 元 in 2025, 820 元 in 2026. County staff edit it on the 低保标准 page.
 */
export const defaultDibaoLines: Record<string, number> = { '2025': 79_000, '2026': 82_000 };

export async function dibaoLines(db: Db | Tx): Promise<Record<string, number>> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', DIBAO_SETTING).executeTakeFirst();
  return row ? (row.value as Record<string, number>) : { ...defaultDibaoLines };
}

export async function setDibaoLines(db: Db, actor: Actor, lines: Record<string, number>) {
  await db.transaction().execute(async (tx) => {
    const before = await dibaoLines(tx);
    await putSetting(tx, DIBAO_SETTING, lines, actor.id);
    await audit(tx, actor, { action: 'update', entity: 'setting', entityId: DIBAO_SETTING, summary: '修改低保标准', before, after: lines });
  });
  return dibaoLines(db);
}

/** The line of the current year (by the product clock); a 400 when none is set for it. */
export async function currentDibaoLine(db: Db | Tx) {
  const year = Number(clock.today().slice(0, 4));
  const line = dibaoLineFor(await dibaoLines(db), year);
  if (!line) throw conflict(`尚未设置${year}年的低保标准，请先在“低保标准”中设置`);
  return line;
}

// ---------------------------------------------------------------- the archive's figures

export interface HouseholdMemberInput {
  /** a stored row of this archive: its ID number is kept when idNumber is empty */
  id?: number;
  name: string;
  relation: string;
  idNumber?: string | null;
  birthDate?: string | null;
  incomeFen: number;
  health: string;
  insurance: string;
  schoolStage: string;
  occupation?: string | null;
}

export interface FinanceLineInput {
  direction: 'income' | 'expense' | 'hardship_cost';
  item: string;
  amountFen: number;
  note?: string | null;
}

export interface ArchiveFieldsInput {
  ethnicity?: string | null;
  health: string;
  disability: string;
  workStatus: string;
  hukou: string;
  housing: string;
  employerName?: string | null;
  employerCondition: string;
  modelWorker: boolean;
  address?: string | null;
  mainCause: string;
  secondaryCause?: string | null;
  situation?: string | null;
  bankName?: string | null;
  /** absent: keep the stored account; null or '': remove it */
  bankAccount?: string | null;
  household: HouseholdMemberInput[];
  lines: FinanceLineInput[];
}

/** Household income: every household member's income plus the household's income lines. */
export function householdTotals(household: { incomeFen: number }[], lines: { direction: string; amountFen: number }[]) {
  const sum = (dir: string) => lines.filter((l) => l.direction === dir).reduce((s, l) => s + l.amountFen, 0);
  return {
    householdSize: household.length,
    incomeFen: household.reduce((s, m) => s + m.incomeFen, 0) + sum('income'),
    expenseFen: sum('expense'),
    hardshipCostsFen: sum('hardship_cost'),
  };
}

async function checkCodes(db: Db | Tx, input: ArchiveFieldsInput) {
  const checks: [string, string | null | undefined, string][] = [
    ['hardship_health', input.health, 'health'],
    ['disability_grade', input.disability, 'disability'],
    ['work_status', input.workStatus, 'workStatus'],
    ['hukou_kind', input.hukou, 'hukou'],
    ['housing_kind', input.housing, 'housing'],
    ['employer_condition', input.employerCondition, 'employerCondition'],
    ['hardship_cause', input.mainCause, 'mainCause'],
    ['hardship_cause', input.secondaryCause, 'secondaryCause'],
    ['ethnicity', input.ethnicity, 'ethnicity'],
  ];
  for (const [table, value, field] of checks) if (value) await assertCode(db, table, value, field);
  if (input.secondaryCause && input.secondaryCause === input.mainCause) throw fieldError('secondaryCause', '次要原因不能与主要原因相同');
  const inRow = async (list: 'household' | 'lines', i: number, table: string, value: string, field: string) => {
    try {
      await assertCode(db, table, value, field);
    } catch {
      throw rowError(list, i, field, `“${value}”不是字典中的有效选项`);
    }
  };
  for (const [i, m] of input.household.entries()) {
    await inRow('household', i, 'household_relation', m.relation, 'relation');
    await inRow('household', i, 'hardship_health', m.health, 'health');
    await inRow('household', i, 'insurance_kind', m.insurance, 'insurance');
    await inRow('household', i, 'school_stage', m.schoolStage, 'schoolStage');
  }
  for (const [i, l] of input.lines.entries()) await inRow('lines', i, 'finance_item', l.item, 'item');
}

/** A bad value in one row of the household or the lines: "家庭成员第2行的身份证号：…". */
export function rowError(list: 'household' | 'lines', i: number, field: string, reason: string): AppError {
  const text = `${fieldLabel(list)}第${i + 1}行的${fieldLabel(field)}：${reason}`;
  return new AppError(400, 'VALIDATION', text, { [`${list}.${i}.${field}`]: text });
}

type MemberForArchive = { id: number; name: string; birth_date: string; id_number_enc: Buffer; id_number_hash: Buffer; id_number_last4: string };

/**
 * Replaces the household and the lines, recomputes the totals and the level against the
 * current year's 低保 line, and answers the archive columns to set. The worker is always the
 * household's 'self' row, named and numbered from the member record.
 */
async function writeFigures(tx: Tx, crypto: FieldCrypto, archiveId: number, member: MemberForArchive, input: ArchiveFieldsInput) {
  const selfRows = input.household.filter((m) => m.relation === 'self');
  if (selfRows.length > 1) throw fieldError('household', '家庭成员中只能有一名“本人”');
  // the worker first when the form left the 'self' row out
  const household = selfRows.length === 1 ? input.household : [
    { name: member.name, relation: 'self', incomeFen: 0, health: input.health, insurance: 'none', schoolStage: 'none' } as HouseholdMemberInput,
    ...input.household,
  ];
  const offset = household.length - input.household.length;
  // the stored rows, so an edit that leaves an ID number empty keeps the number on file
  const stored = new Map((await tx.selectFrom('hardship_household_member').select(['id', 'id_number_enc', 'id_number_hash', 'id_number_last4'])
    .where('archive_id', '=', archiveId).execute()).map((r) => [r.id, r]));
  const today = clock.today();
  const rows = household.map((m, at) => {
    const i = at - offset; // the row's index in the input, for error messages
    if (m.relation === 'self') {
      return {
        archive_id: archiveId, name: member.name, relation: 'self', id_number_enc: member.id_number_enc, id_number_hash: member.id_number_hash,
        id_number_last4: member.id_number_last4, birth_date: member.birth_date, income_fen: m.incomeFen, health: m.health,
        insurance: m.insurance, school_stage: m.schoolStage, occupation: m.occupation ?? null, sort_order: 0,
      };
    }
    const kept = m.id !== undefined ? stored.get(m.id) : undefined;
    let enc: Buffer | null = kept?.id_number_enc ?? null, hash: Buffer | null = kept?.id_number_hash ?? null;
    let last4: string | null = kept?.id_number_last4 ?? null, birth = m.birthDate ?? null;
    if (m.idNumber) {
      const parsed = parseIdNumber(m.idNumber, { today });
      if (!parsed.ok) throw rowError('household', i, 'idNumber', parsed.message);
      enc = crypto.encrypt(parsed.value);
      hash = crypto.blindIndex('id_number', parsed.value);
      last4 = parsed.value.slice(-4);
      birth = birth ?? parsed.birthDate;
    }
    return {
      archive_id: archiveId, name: m.name, relation: m.relation, id_number_enc: enc, id_number_hash: hash, id_number_last4: last4,
      birth_date: birth, income_fen: m.incomeFen, health: m.health, insurance: m.insurance, school_stage: m.schoolStage,
      occupation: m.occupation ?? null, sort_order: at,
    };
  });
  await tx.deleteFrom('hardship_household_member').where('archive_id', '=', archiveId).execute();
  await tx.insertInto('hardship_household_member').values(rows).execute();
  await tx.deleteFrom('hardship_finance_line').where('archive_id', '=', archiveId).execute();
  if (input.lines.length > 0) {
    await tx.insertInto('hardship_finance_line').values(input.lines.map((l, i) => ({
      archive_id: archiveId, direction: l.direction, item: l.item, amount_fen: l.amountFen, note: l.note ?? null, sort_order: i,
    }))).execute();
  }
  const totals = householdTotals(household, input.lines);
  const line = await currentDibaoLine(tx);
  const basis = computeHardshipLevel({ ...totals, dibaoLineFen: line.lineFen });
  return {
    household_size: totals.householdSize, yearly_income_fen: totals.incomeFen, rigid_expense_fen: totals.expenseFen,
    hardship_costs_fen: totals.hardshipCostsFen, level: basis.level, level_basis: JSON.stringify({ ...basis, dibaoYear: line.year }),
    dibao_year: line.year, dibao_line_fen: line.lineFen,
  };
}

function workerColumns(crypto: FieldCrypto, input: ArchiveFieldsInput) {
  const bank = input.bankAccount === undefined ? {} : input.bankAccount
    ? { bank_account_enc: crypto.encrypt(input.bankAccount), bank_account_last4: input.bankAccount.slice(-4) }
    : { bank_account_enc: null, bank_account_last4: null };
  return {
    ethnicity: input.ethnicity ?? null, health: input.health, disability: input.disability, work_status: input.workStatus,
    hukou: input.hukou, housing: input.housing, employer_name: input.employerName ?? null, employer_condition: input.employerCondition,
    model_worker: input.modelWorker, address: input.address ?? null, main_cause: input.mainCause, secondary_cause: input.secondaryCause ?? null,
    situation: input.situation ?? null, bank_name: input.bankName ?? null, ...bank,
  };
}

// ---------------------------------------------------------------- loading through scope

export async function archiveInScopeOrThrow(db: Db | Tx, id: number, scope: ScopePaths, lock = false): Promise<ArchiveRow> {
  let q = db.selectFrom('hardship_archive').selectAll().where('id', '=', id).where(ownedInScope('org_id', scope));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('困难职工档案');
  return row;
}

/** Writes a timeline row; call inside the transition's transaction. */
export async function addStep(tx: Tx, actor: Actor, archiveId: number, step: string, from: HardshipStatus | null, to: HardshipStatus | null, comment?: string | null) {
  await tx.insertInto('hardship_step').values({
    archive_id: archiveId, step, from_status: from, to_status: to, actor_id: actor.id, actor_name: actor.name, comment: comment ?? null, at: clock.now(),
  }).execute();
}

function activeConflict(err: unknown): never {
  if (isUniqueViolation(err, 'hardship_archive_one_active')) throw conflict('该职工已有在办的申请或有效的困难职工档案');
  throw err;
}

// ---------------------------------------------------------------- create / edit

export interface CreateArchiveInput extends ArchiveFieldsInput {
  memberId: number;
  submit: boolean;
  sourceTicketId?: number | null;
  note?: string | null;
}

/**
 * The chair (or a township / the county) files for a member of a union in its hardship:apply
 * scope: a draft, or straight away an application (status applied). The archive's owner is
 * the member's union.
 */
export async function createArchive(tx: Tx, crypto: FieldCrypto, actor: Actor, applyScope: ScopePaths, input: CreateArchiveInput): Promise<number> {
  const member = await tx.selectFrom('member').selectAll().where('id', '=', input.memberId).where(ownedInScope('org_id', applyScope)).executeTakeFirst();
  if (!member) throw notFound('会员');
  if (member.status !== 'active') throw fieldError('memberId', '只能为在册会员申报困难职工档案');
  await checkCodes(tx, input);
  const employer = member.employer_id
    ? await tx.selectFrom('employer').select('name').where('id', '=', member.employer_id).executeTakeFirst()
    : undefined;
  const status: HardshipStatus = input.submit ? 'applied' : 'draft';
  const inserted = await tx.insertInto('hardship_archive').values({
    org_id: member.org_id, member_id: member.id, ...workerColumns(crypto, input),
    ethnicity: input.ethnicity ?? member.ethnicity, employer_name: input.employerName ?? employer?.name ?? null,
    status, source_ticket_id: input.sourceTicketId ?? null, created_by: actor.id,
    applied_by: input.submit ? actor.id : null, applied_at: input.submit ? clock.now() : null,
  }).returning('id').executeTakeFirstOrThrow().catch(activeConflict);
  const figures = await writeFigures(tx, crypto, inserted.id, member, input);
  await tx.updateTable('hardship_archive').set(figures).where('id', '=', inserted.id).execute();
  await addStep(tx, actor, inserted.id, input.submit ? 'apply' : 'draft', null, status,
    input.note ?? (input.sourceTicketId ? `由诉求工单 #${input.sourceTicketId} 转入` : null));
  await audit(tx, actor, {
    action: input.submit ? 'hardship_apply' : 'create', entity: 'hardship_archive', entityId: inserted.id, orgId: member.org_id,
    summary: `${input.submit ? '申报' : '新建草稿'}困难职工档案：${member.name}`, after: { status, level: figures.level, memberId: member.id },
  });
  return inserted.id;
}

/** Editable by the applicant while draft, returned or applied (before the township acts). */
export const editableStatuses: readonly HardshipStatus[] = ['draft', 'returned', 'applied'];

export async function updateArchive(db: Db, crypto: FieldCrypto, actor: Actor, applyScope: ScopePaths, id: number, input: ArchiveFieldsInput): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await archiveInScopeOrThrow(tx, id, applyScope, true);
    if (!editableStatuses.includes(before.status)) throw conflict('档案已进入审核流程，不能再修改（年度复核时可更新家庭情况）');
    await saveFiguresOf(tx, crypto, before, input);
    await audit(tx, actor, {
      action: 'update', entity: 'hardship_archive', entityId: id, orgId: before.org_id, summary: '修改困难职工档案',
      before: { level: before.level, income: before.yearly_income_fen }, after: input,
    });
  });
}

/** Writes the worker's fields and figures of an archive (edit and 年度复核). */
export async function saveFiguresOf(tx: Tx, crypto: FieldCrypto, archive: ArchiveRow, input: ArchiveFieldsInput) {
  await checkCodes(tx, input);
  const member = await tx.selectFrom('member').selectAll().where('id', '=', archive.member_id).executeTakeFirstOrThrow();
  const figures = await writeFigures(tx, crypto, archive.id, member, input);
  await tx.updateTable('hardship_archive').set({ ...workerColumns(crypto, input), ...figures, updated_at: new Date() })
    .where('id', '=', archive.id).execute();
  return figures;
}

// ---------------------------------------------------------------- the archive page

export async function archiveDetail(db: Db, crypto: FieldCrypto, readScope: ScopePaths, id: number) {
  const a = await archiveInScopeOrThrow(db, id, readScope);
  const [member, org, household, lines, steps, visits, objections] = await Promise.all([
    db.selectFrom('member as m').leftJoin('org as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.sex', 'm.birth_date', 'm.id_number_last4', 'm.phone_last4', 'm.card_no', 'm.status'])
      .where('m.id', '=', a.member_id).executeTakeFirstOrThrow(),
    db.selectFrom('org').select(['id', 'name', 'path']).where('id', '=', a.org_id).executeTakeFirstOrThrow(),
    db.selectFrom('hardship_household_member').selectAll().where('archive_id', '=', id).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('hardship_finance_line').selectAll().where('archive_id', '=', id).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('hardship_step').selectAll().where('archive_id', '=', id).orderBy('at').orderBy('id').execute(),
    db.selectFrom('hardship_visit').selectAll().where('archive_id', '=', id).orderBy('visit_date').orderBy('id').execute(),
    db.selectFrom('hardship_objection as ob').leftJoin('app_user as u', 'u.id', 'ob.handled_by')
      .select(['ob.id', 'ob.content', 'ob.contact_enc', 'ob.received_at', 'ob.handled_at', 'ob.handling_note', 'u.display_name as handled_by_name'])
      .where('ob.archive_id', '=', id).orderBy('ob.received_at').execute(),
  ]);
  void crypto;
  return {
    id: a.id,
    archiveNo: a.archive_no,
    status: a.status,
    level: a.level,
    levelBasis: (a.level_basis ?? null) as (LevelBasis & { dibaoYear: number }) | null,
    org: { id: org.id, name: org.name },
    member: {
      id: member.id, name: member.name, sex: member.sex, birthDate: member.birth_date, cardNo: member.card_no, status: member.status,
      idNumber: maskIdFromLast4(member.id_number_last4),
    },
    worker: {
      ethnicity: a.ethnicity, health: a.health, disability: a.disability, workStatus: a.work_status, hukou: a.hukou, housing: a.housing,
      employerName: a.employer_name, employerCondition: a.employer_condition, modelWorker: a.model_worker, address: a.address,
      bankName: a.bank_name, bankAccount: a.bank_account_last4 ? `****${a.bank_account_last4}` : null,
    },
    mainCause: a.main_cause,
    secondaryCause: a.secondary_cause,
    situation: a.situation,
    figures: {
      householdSize: a.household_size, incomeFen: a.yearly_income_fen, expenseFen: a.rigid_expense_fen, hardshipCostsFen: a.hardship_costs_fen,
      dibaoYear: a.dibao_year, dibaoLineFen: a.dibao_line_fen,
    },
    household: household.map((m) => ({
      id: m.id, name: m.name, relation: m.relation, idNumber: maskIdFromLast4(m.id_number_last4), birthDate: m.birth_date,
      incomeFen: m.income_fen, health: m.health, insurance: m.insurance, schoolStage: m.school_stage, occupation: m.occupation,
    })),
    lines: lines.map((l) => ({ id: l.id, direction: l.direction, item: l.item, amountFen: l.amount_fen, note: l.note })),
    sourceTicketId: a.source_ticket_id,
    appliedAt: a.applied_at,
    noticeStart: a.notice_start,
    noticeEnd: a.notice_end,
    approvedAt: a.approved_at,
    archivedOn: a.archived_on,
    lastReviewedOn: a.last_reviewed_on,
    nextReviewDue: a.next_review_due,
    lastAssistedOn: a.last_assisted_on,
    closedOn: a.closed_on,
    closedReason: a.closed_reason,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    timeline: steps.map((s) => ({ id: s.id, step: s.step, fromStatus: s.from_status, toStatus: s.to_status, actor: s.actor_name, at: s.at, comment: s.comment })),
    visits: visits.map((v) => ({ id: v.id, visitDate: v.visit_date, visitors: v.visitors, findings: v.findings, conclusion: v.conclusion, createdAt: v.created_at })),
    objections: objections.map((o) => ({
      id: o.id, content: o.content, hasContact: o.contact_enc !== null, receivedAt: o.received_at,
      handledAt: o.handled_at, handlingNote: o.handling_note, handledBy: o.handled_by_name ?? null,
    })),
  };
}
export type ArchiveDetail = Awaited<ReturnType<typeof archiveDetail>>;

