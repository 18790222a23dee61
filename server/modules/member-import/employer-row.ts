import {
  cleanText, isBlank, orgNameKey, parseCount, parseCreditCodeCell, parseYesNo, type CellValue,
} from './cell-values.js';
import { lookupCode, vocabKey, type Vocabulary } from './vocabulary.js';
import { employerFields } from './import-fields.js';
import type { RowOutcome } from './tables.js';
import { cellOf } from './member-row.js';
import { coveringUnionKinds } from '../membership/common.js';

/** The rules for one employer row (用人单位), pure: read and check, resolve the union, compare. */
export interface EmployerRowContext {
  today: string;
  vocab: Vocabulary;
  mapping: Record<string, number>;
  headerText: Record<string, string>;
  /** the county's townships (name or code → 9-digit code); null when the county is unknown */
  townships: ReadonlyMap<string, string> | null;
}

export const countFields = ['employeeCount', 'womenCount', 'migrantCount', 'dispatchedCount', 'platformCount'] as const;
export type CountField = (typeof countFields)[number];

export interface EmployerDraft {
  rowNumber: number;
  errors: string[];
  notes: string[];
  name: string | null;
  nameKey: string | null;
  creditCode: string | null;
  ownership: string | null;
  industry: string | null;
  townshipCode: string | null;
  address: string | null;
  counts: Record<CountField, number | null>;
  hasUnion: boolean | null;
  unionText: string | null;
  coveringUnionId: number | null;
}

const standardLabel = Object.fromEntries(employerFields.map((f) => [f.key, f.label]));
export const employerColumnLabel = (ctx: Pick<EmployerRowContext, 'headerText'>, field: string) => ctx.headerText[field] || standardLabel[field] || field;

export function validateEmployerRow(rowNumber: number, cells: readonly CellValue[], ctx: EmployerRowContext): EmployerDraft {
  const errors: string[] = [];
  const err = (field: string, reason: string) => errors.push(`${employerColumnLabel(ctx, field)}：${reason}`);
  const cell = (field: string) => cellOf(cells, ctx.mapping, field);
  const draft: EmployerDraft = {
    rowNumber, errors, notes: [], name: null, nameKey: null, creditCode: null, ownership: null, industry: null, townshipCode: null,
    address: null, counts: { employeeCount: null, womenCount: null, migrantCount: null, dispatchedCount: null, platformCount: null },
    hasUnion: null, unionText: null, coveringUnionId: null,
  };

  const name = cleanText(cell('name'));
  if (!name) err('name', '不能为空');
  else if (name.length > 200) err('name', '不能超过200个字');
  else { draft.name = name; draft.nameKey = orgNameKey(name); }

  const code = parseCreditCodeCell(cell('creditCode'));
  if (code && !code.ok) err('creditCode', code.reason);
  else if (code) draft.creditCode = code.value;

  for (const [field, table, hint] of [
    ['ownership', 'ownership', '，如“国有”“私营”“外资”“事业单位”'],
    ['industry', 'industry', '，请写国民经济行业门类，如“制造业”或“C”'],
  ] as const) {
    const v = cell(field);
    if (isBlank(v)) continue;
    const text = cleanText(v);
    const found = lookupCode(ctx.vocab, table, text);
    if (found) draft[field] = found;
    else err(field, `无法识别“${text.slice(0, 20)}”${hint}`);
  }

  const town = cleanText(cell('township'));
  if (town) {
    const key = vocabKey(town);
    const found = ctx.townships
      ? ctx.townships.get(key) ?? ctx.townships.get(key + '镇') ?? ctx.townships.get(key + '街道') ?? ctx.townships.get(key + '乡')
      : /^\d{9}$/.test(key) ? key : undefined;
    if (found) draft.townshipCode = found;
    else err('township', ctx.townships ? `未找到“${town.slice(0, 20)}”，应为本县的乡镇或街道` : '请填写9位乡镇(街道)区划代码');
  }

  const address = cleanText(cell('address'));
  if (address) {
    if (address.length > 200) err('address', '不能超过200个字');
    else draft.address = address;
  }

  for (const field of countFields) {
    const c = parseCount(cell(field));
    if (c && !c.ok) err(field, c.reason);
    else if (c) draft.counts[field] = c.value;
  }

  const has = parseYesNo(cell('hasUnion'));
  if (has && !has.ok) err('hasUnion', has.reason);
  else if (has) draft.hasUnion = has.value;

  const union = cleanText(cell('unionName'));
  if (union) draft.unionText = union;
  return draft;
}

/** The union named in 工会名称: a 基层工会 or 联合基层工会 of the target's subtree (the membership module's rule). */
export function resolveEmployerRefs(
  draft: EmployerDraft,
  refs: { targetOrgName: string; unions: ReadonlyMap<string, ReadonlyArray<{ id: number; name: string; kind: string }>> },
  ctx: Pick<EmployerRowContext, 'headerText'>,
): void {
  if (!draft.unionText) return;
  const found = refs.unions.get(orgNameKey(draft.unionText)) ?? [];
  const label = employerColumnLabel(ctx, 'unionName');
  if (found.length === 0) draft.errors.push(`${label}：未找到“${draft.unionText}”，须为${refs.targetOrgName}或其下级工会`);
  else if (found.length > 1) draft.errors.push(`${label}：有${found.length}个名为“${draft.unionText}”的组织，无法区分，请联系上级工会`);
  else if (!(coveringUnionKinds as readonly string[]).includes(found[0].kind)) draft.errors.push(`${label}：“${found[0].name}”不是基层工会或联合基层工会`);
  else draft.coveringUnionId = found[0].id;
}

export interface ExistingEmployer {
  id: number;
  /** kept by a union inside the import's target subtree? */
  inside: boolean;
  name: string;
  creditCode: string | null;
  ownership: string;
  industry: string;
  townshipCode: string | null;
  address: string | null;
  employeeCount: number;
  womenCount: number;
  migrantCount: number;
  dispatchedCount: number;
  platformCount: number;
  hasUnion: boolean;
  coveringUnionId: number | null;
}

/** What the commit writes: for an update, null keeps the value on record. */
export interface EmployerData {
  name: string | null;
  creditCode: string | null;
  ownership: string | null;
  industry: string | null;
  townshipCode: string | null;
  address: string | null;
  employeeCount: number | null;
  womenCount: number | null;
  migrantCount: number | null;
  dispatchedCount: number | null;
  platformCount: number | null;
  hasUnion: boolean | null;
  coveringUnionId: number | null;
}

export interface EmployerDecision {
  outcome: RowOutcome;
  messages: string[];
  target: ExistingEmployer | null;
  data: EmployerData | null;
}

const changeLabels: Record<keyof EmployerData, string> = {
  name: '单位名称', creditCode: '统一社会信用代码', ownership: '经济类型', industry: '行业', townshipCode: '所在乡镇', address: '地址',
  employeeCount: '职工人数', womenCount: '女职工人数', migrantCount: '农民工人数', dispatchedCount: '劳务派遣人数', platformCount: '新就业形态劳动者人数',
  hasUnion: '是否建会', coveringUnionId: '工会名称',
};

/**
 * An employer is the same as one on record when their credit codes agree, or, without a
 * code, when their names agree (brackets and spaces aside) inside the target subtree.
 */
export function decideEmployer(
  draft: EmployerDraft,
  match: { byCode: ExistingEmployer | undefined; byName: readonly ExistingEmployer[] },
  ctx: Pick<EmployerRowContext, 'headerText'>,
): EmployerDecision {
  const label = (f: string) => employerColumnLabel(ctx, f);
  const fail = (messages: string[]): EmployerDecision => ({ outcome: 'error', messages, target: null, data: null });
  if (draft.errors.length) return fail([...draft.errors]);

  let existing: ExistingEmployer | null = null;
  if (match.byCode) {
    if (!match.byCode.inside) return fail([`${label('creditCode')}：已由其他工会登记，请联系上级工会核实`]);
    existing = match.byCode;
  } else {
    const named = match.byName;
    if (named.length > 1) return fail([`${label('name')}：已登记${named.length}家同名单位，请填写统一社会信用代码以区分`]);
    if (named.length === 1) {
      if (draft.creditCode && named[0].creditCode && named[0].creditCode !== draft.creditCode) {
        return fail([`${label('name')}：已登记的同名单位统一社会信用代码不同，请核对`]);
      }
      existing = named[0];
    }
  }

  const file: EmployerData = {
    name: draft.name, creditCode: draft.creditCode, ownership: draft.ownership, industry: draft.industry, townshipCode: draft.townshipCode,
    address: draft.address, ...draft.counts, hasUnion: draft.hasUnion, coveringUnionId: draft.coveringUnionId,
  };
  // an employer with a union covering it has a union
  if (file.coveringUnionId !== null) {
    if (file.hasUnion === false) return fail([`${label('hasUnion')}：已有覆盖工会的单位应为已建会`]);
    file.hasUnion = true;
  }
  // the head counts as they will stand, for the rule that no part exceeds the whole
  const base = existing ?? { employeeCount: 0, womenCount: 0, migrantCount: 0, dispatchedCount: 0, platformCount: 0 };
  const total = file.employeeCount ?? base.employeeCount;
  const countErrors: string[] = [];
  for (const f of ['womenCount', 'migrantCount', 'dispatchedCount', 'platformCount'] as const) {
    const v = file[f] ?? base[f];
    if (v > total) countErrors.push(`${label(f)}：不能超过${label('employeeCount')}（${total}）`);
  }
  if (!existing) {
    const missing: string[] = [];
    if (!file.ownership) missing.push(`${label('ownership')}：新登记的单位不能为空`);
    if (!file.industry) missing.push(`${label('industry')}：新登记的单位不能为空`);
    if (missing.length || countErrors.length) return fail([...missing, ...countErrors]);
    return { outcome: 'new', messages: draft.notes, target: null, data: file };
  }
  if (countErrors.length) return fail(countErrors);

  const changes: string[] = [];
  const data: EmployerData = { ...file };
  // the same name up to brackets and spaces is not a change: the spelling on record stays
  if (data.name && orgNameKey(data.name) === orgNameKey(existing.name)) data.name = null;
  for (const key of Object.keys(changeLabels) as Array<keyof EmployerData>) {
    const next = data[key];
    if (next === null) continue;
    if (next === existing[key]) data[key] = null;
    else changes.push(changeLabels[key]);
  }
  if (!changes.length) return { outcome: 'unchanged', messages: draft.notes, target: existing, data: null };
  return { outcome: 'update', messages: [`更新：${changes.join('、')}`, ...draft.notes], target: existing, data };
}
