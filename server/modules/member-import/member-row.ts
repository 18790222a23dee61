import { codeLabel } from '../../../lib/code-tables.js';
import {
  cleanText, idFromCell, isBlank, normalizePersonName, orgNameKey, parseDateCell, parsePhoneCell, parseSex, type CellValue,
} from './cell-values.js';
import { lookupCode, type Vocabulary, type VocabularyTable } from './vocabulary.js';
import { memberFields } from './import-fields.js';
import type { RowOutcome } from './tables.js';
import { isMemberUnionKind } from '../membership/common.js';

/**
 * The rules for one member row, as pure functions: validateMemberRow reads and checks the
 * cells, resolveMemberRefs finds the union and employer by name, decideMember compares with
 * the member already on record. Every message names the column by its header in the file.
 */
export interface RowContext {
  today: string;
  vocab: Vocabulary;
  /** field → 1-based column */
  mapping: Record<string, number>;
  /** field → the header as written in the file */
  headerText: Record<string, string>;
}

export interface MemberDraft {
  rowNumber: number;
  errors: string[];
  notes: string[];
  id: { value: string; sex: 'M' | 'F'; birthDate: string; upgradedFrom15: boolean } | null;
  name: string | null;
  /** normalized mobile number; null when the cell is empty */
  phone: string | null;
  ethnicity: string | null;
  education: string | null;
  politicalStatus: string | null;
  category: string | null;
  joinDate: string | null;
  employerText: string | null;
  unionText: string | null;
  /** resolved by resolveMemberRefs; null when the cell is empty */
  employerId: number | null;
  orgId: number | null;
}

const standardLabel = Object.fromEntries(memberFields.map((f) => [f.key, f.label]));

export function columnLabel(ctx: Pick<RowContext, 'headerText'>, field: string): string {
  return ctx.headerText[field] || standardLabel[field] || field;
}

export function cellOf(cells: readonly CellValue[], mapping: Record<string, number>, field: string): CellValue {
  const column = mapping[field];
  return column ? cells[column - 1] ?? null : null;
}

const coded: Array<[field: 'ethnicity' | 'education' | 'politicalStatus' | 'category', table: VocabularyTable, hint: string]> = [
  ['ethnicity', 'ethnicity', ''],
  ['education', 'education', '，如“大学本科”“大专”“高中”'],
  ['politicalStatus', 'political_status', '，如“中共党员”“共青团员”“群众”'],
  ['category', 'worker_category', '，应为一般职工、农民工、劳务派遣工或新就业形态劳动者'],
];

export function validateMemberRow(rowNumber: number, cells: readonly CellValue[], ctx: RowContext): MemberDraft {
  const errors: string[] = [];
  const notes: string[] = [];
  const err = (field: string, reason: string) => errors.push(`${columnLabel(ctx, field)}：${reason}`);
  const cell = (field: string) => cellOf(cells, ctx.mapping, field);
  const draft: MemberDraft = {
    rowNumber, errors, notes, id: null, name: null, phone: null, ethnicity: null, education: null, politicalStatus: null,
    category: null, joinDate: null, employerText: null, unionText: null, employerId: null, orgId: null,
  };

  const name = normalizePersonName(cell('name'));
  if (!name) err('name', '不能为空');
  else if (Array.from(name).length > 50) err('name', '不能超过50个字');
  else if (/\d/.test(name)) err('name', '不应含有数字');
  else draft.name = name;

  const id = idFromCell(cell('idNumber'), ctx.today);
  if (!id.ok) err('idNumber', id.reason);
  else {
    draft.id = { value: id.value, sex: id.sex, birthDate: id.birthDate, upgradedFrom15: id.upgradedFrom15 };
    if (id.upgradedFrom15) notes.push(`${columnLabel(ctx, 'idNumber')}：15位旧号码已升级为18位`);
  }

  const sex = parseSex(cell('sex'));
  if (sex && !sex.ok) err('sex', sex.reason);
  else if (sex && draft.id && sex.value !== draft.id.sex) err('sex', '与身份证号不符');

  const birth = parseDateCell(cell('birthDate'), { today: ctx.today });
  if (birth && !birth.ok) err('birthDate', birth.reason);
  else if (birth && birth.ok && draft.id && draft.id.birthDate.slice(0, birth.date.length) !== birth.date) err('birthDate', '与身份证号不符');

  const phone = parsePhoneCell(cell('phone'));
  if (phone && !phone.ok) err('phone', phone.reason);
  else if (phone) draft.phone = phone.value;

  for (const [field, table, hint] of coded) {
    const v = cell(field);
    if (isBlank(v)) continue;
    const text = cleanText(v);
    const code = lookupCode(ctx.vocab, table, text);
    if (code) draft[field] = code;
    else err(field, `无法识别“${text.slice(0, 20)}”${hint}`);
  }

  const join = parseDateCell(cell('joinDate'), { today: ctx.today });
  if (join && !join.ok) err('joinDate', join.reason);
  else if (join && join.ok) {
    draft.joinDate = join.monthOnly ? `${join.date}-01` : join.date;
    if (join.monthOnly) notes.push(`${columnLabel(ctx, 'joinDate')}：只有年月，按当月1日记录`);
    if (draft.id && draft.joinDate < draft.id.birthDate) err('joinDate', '早于出生日期');
  }

  const employer = cleanText(cell('employer'));
  if (employer) draft.employerText = employer;
  const union = cleanText(cell('union'));
  if (union) draft.unionText = union;
  return draft;
}

export interface MemberRefs {
  target: { id: number; name: string; kind: string };
  /** orgNameKey(name or short name) → the organizations of the target's subtree so named */
  unions: ReadonlyMap<string, ReadonlyArray<{ id: number; name: string; kind: string }>>;
  /** orgNameKey(name) → ids of the employers kept in the target's subtree */
  employers: ReadonlyMap<string, readonly number[]>;
}

/**
 * Finds the named union and employer inside the target organization's subtree. Members
 * belong to a 基层工会 or 联合基层工会 (the membership module's rule); an empty 所属工会 means
 * the target itself, which then has to be one.
 */
export function resolveMemberRefs(draft: MemberDraft, refs: MemberRefs, ctx: Pick<RowContext, 'headerText'>): void {
  const err = (field: string, reason: string) => draft.errors.push(`${columnLabel(ctx, field)}：${reason}`);
  if (draft.unionText) {
    const found = refs.unions.get(orgNameKey(draft.unionText)) ?? [];
    if (found.length === 0) err('union', `未找到“${draft.unionText}”，须为${refs.target.name}或其下级工会`);
    else if (found.length > 1) err('union', `有${found.length}个名为“${draft.unionText}”的组织，无法区分，请联系上级工会`);
    else if (!isMemberUnionKind(found[0].kind)) err('union', `“${found[0].name}”不是基层工会或联合基层工会，请填写会员所在的基层工会`);
    else draft.orgId = found[0].id;
  }
  if (draft.employerText) {
    const ids = refs.employers.get(orgNameKey(draft.employerText)) ?? [];
    if (ids.length === 0) err('employer', `未找到用人单位“${draft.employerText}”，请先登记或导入用人单位`);
    else if (ids.length > 1) err('employer', `有${ids.length}家名为“${draft.employerText}”的用人单位，无法区分，请先合并`);
    else draft.employerId = ids[0];
  }
}

/** The member on record with the same ID number. */
export interface ExistingMember {
  id: number;
  orgId: number;
  /** is the member's union inside the import's target subtree? */
  inside: boolean;
  /** the member's union, named in a message only when it lies inside the target subtree */
  unionName: string;
  status: string;
  name: string;
  sex: string;
  birthDate: string;
  phoneHash: string | null;
  ethnicity: string | null;
  education: string | null;
  politicalStatus: string | null;
  employerId: number | null;
  category: string;
  joinDate: string | null;
}

export const TRANSFER_MESSAGE = '该职工已是其他工会会员，请办理会员关系接转';

export interface MemberDecision {
  outcome: RowOutcome;
  messages: string[];
  /** labels of the fields an update changes */
  changes: string[];
}

/**
 * new, update, unchanged, error or transfer_suggested. An empty cell keeps what is on
 * record. A member's union changes only by a transfer, confirmed by both unions: a member of
 * a union outside the target subtree is not touched and that union is not named; one whose
 * row names another union of the subtree is a transfer suggestion too.
 */
export function decideMember(
  draft: MemberDraft, existing: ExistingMember | undefined, phoneHash: string | null, ctx: Pick<RowContext, 'headerText'>, target: MemberRefs['target'],
): MemberDecision {
  if (draft.errors.length) return { outcome: 'error', messages: [...draft.errors, ...draft.notes], changes: [] };
  if (!existing) {
    if (draft.orgId === null && !isMemberUnionKind(target.kind)) {
      return { outcome: 'error', messages: [`${columnLabel(ctx, 'union')}：导入到“${target.name}”时须填写会员所在的基层工会`], changes: [] };
    }
    return { outcome: 'new', messages: draft.notes, changes: [] };
  }
  if (!existing.inside) return { outcome: 'transfer_suggested', messages: [TRANSFER_MESSAGE, ...draft.notes], changes: [] };
  if (existing.status !== 'active') {
    const label = codeLabel('member_status', existing.status);
    return { outcome: 'error', messages: [`${columnLabel(ctx, 'idNumber')}：该职工的会员状态为“${label}”，不能通过导入恢复，请在会员管理中办理`], changes: [] };
  }
  if (draft.orgId !== null && draft.orgId !== existing.orgId) {
    return { outcome: 'transfer_suggested', messages: [`该职工现为“${existing.unionName}”会员，变更所属工会请办理会员关系接转`, ...draft.notes], changes: [] };
  }
  const changes: string[] = [];
  const differs = (label: string, next: unknown, current: unknown) => {
    if (next !== null && next !== undefined && next !== current) changes.push(label);
  };
  differs('姓名', draft.name, existing.name);
  differs('性别', draft.id?.sex, existing.sex);
  differs('出生日期', draft.id?.birthDate, existing.birthDate);
  differs('手机号码', phoneHash, existing.phoneHash);
  differs('民族', draft.ethnicity, existing.ethnicity);
  differs('学历', draft.education, existing.education);
  differs('政治面貌', draft.politicalStatus, existing.politicalStatus);
  differs('工作单位', draft.employerId, existing.employerId);
  differs('职工类别', draft.category, existing.category);
  differs('入会日期', draft.joinDate, existing.joinDate);
  if (!changes.length) return { outcome: 'unchanged', messages: draft.notes, changes };
  return { outcome: 'update', messages: [`更新：${changes.join('、')}`, ...draft.notes], changes };
}

/** What the commit writes for a row. For an update, null keeps the value on record (the union always). */
export interface MemberData {
  name: string;
  nameInitials: string | null;
  sex: 'M' | 'F';
  birthDate: string;
  ethnicity: string | null;
  education: string | null;
  politicalStatus: string | null;
  employerId: number | null;
  orgId: number | null;
  category: string | null;
  joinDate: string | null;
}

export function memberData(draft: MemberDraft, outcome: RowOutcome, targetOrgId: number, nameInitials: string | null): MemberData {
  const isNew = outcome === 'new';
  return {
    name: draft.name!,
    nameInitials,
    sex: draft.id!.sex,
    birthDate: draft.id!.birthDate,
    ethnicity: draft.ethnicity,
    education: draft.education,
    politicalStatus: draft.politicalStatus,
    employerId: draft.employerId,
    orgId: isNew ? draft.orgId ?? targetOrgId : null,
    category: draft.category ?? (isNew ? 'regular' : null),
    joinDate: draft.joinDate,
  };
}
