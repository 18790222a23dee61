// 法律服务: labels and the pure rules shared by the server and the console.
import { addDays } from './working-days.js';

export const legalAidStatusLabels = {
  applied: '待审查',
  assigned: '办理中',
  refused: '不予援助',
  closed: '已结案',
  archived: '已归档',
} as const;

export const mediationStatusLabels = {
  accepted: '已受理',
  mediating: '调解中',
  agreement: '达成协议',
  failed: '调解不成',
  withdrawn: '已撤回',
} as const;

export const legalAidOutcomeLabels = {
  won: '胜诉/支持',
  partly_won: '部分支持',
  mediated: '调解结案',
  lost: '败诉/驳回',
  withdrawn: '撤回',
  other: '其他',
} as const;

export const providerKindLabels = { lawyer: '律师', volunteer: '志愿者' } as const;

/**
 * 《劳动争议调解仲裁法》第十四条：自劳动争议调解组织收到调解申请之日起十五日内未达成调解协议的，
 * 当事人可以依法申请仲裁。Calendar days, counted from the day of acceptance.
 */
export const MEDIATION_LIMIT_DAYS = 15;
/** a case due within this many days is flagged 即将到期 */
export const MEDIATION_WARN_DAYS = 3;

export function mediationDueOn(acceptedOn: string): string {
  return addDays(acceptedOn, MEDIATION_LIMIT_DAYS);
}

export type DeadlineState = 'ok' | 'due_soon' | 'overdue';
export const deadlineLabels: Record<DeadlineState, string> = { ok: '期限内', due_soon: '即将到期', overdue: '已超期' };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The warning of an open mediation case on `today`: past the due date → 已超期; due in ≤ 3 days
 * → 即将到期. A closed case has no warning (null).
 */
export function mediationDeadline(dueOn: string, today: string, open: boolean): { state: DeadlineState; daysLeft: number } | null {
  if (!open) return null;
  const daysLeft = daysBetween(today, dueOn);
  const state: DeadlineState = daysLeft < 0 ? 'overdue' : daysLeft <= MEDIATION_WARN_DAYS ? 'due_soon' : 'ok';
  return { state, daysLeft };
}

/** A legal-aid application still waiting for review after its due date is overdue. */
export function reviewOverdue(status: string, reviewDue: string, today: string): boolean {
  return status === 'applied' && today > reviewDue;
}

/** ¥ with two decimals from fen. */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen == null) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

const compoundSurnames = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '夏侯', '轩辕', '端木', '南宫', '司徒', '申屠', '太史', '西门'];
const legalForms = /(有限责任公司|股份有限公司|有限公司|公司|厂|店|合作社|中心|集团)$/;
const regionPrefix = /^.{1,8}?(省|市|县|区|镇|乡|街道)/;

/** The forms an organization's name takes in prose, longest first: full, without the region, the core, the 字号. */
function organizationForms(name: string): { form: string; keepsSuffix: boolean }[] {
  const forms = [{ form: name, keepsSuffix: true }];
  const local = name.replace(regionPrefix, '');
  if (local !== name && local.length >= 4) forms.push({ form: local, keepsSuffix: true });
  const core = local.replace(legalForms, '');
  if (core !== local && core.length >= 2) forms.push({ form: core, keepsSuffix: false });
  if (core.length >= 4) forms.push({ form: core.slice(0, 2), keepsSuffix: false });
  return forms;
}

/**
 * 典型案例 anonymization: every occurrence of each given name is replaced — a person 张三明 →
 * 张某 (欧阳明辉 → 欧阳某, and the given name 明辉 alone → 某), an organization
 * 广饶县宏达机械有限公司 → X有限公司 (also its short forms 宏达机械有限公司, 宏达机械, 宏达), so the
 * write-up keeps its sense without naming anyone. The editor still reviews it.
 */
export function anonymize(text: string, people: readonly string[], organizations: readonly string[]): string {
  let out = text;
  const letters = 'XYZWVU';
  const orgs = [...new Set(organizations.map((o) => o.trim()).filter((o) => o.length >= 2))];
  const replacements: { from: string; to: string }[] = [];
  orgs.forEach((name, i) => {
    const letter = letters[i % letters.length];
    const suffix = legalForms.exec(name)?.[1] ?? '单位';
    for (const f of organizationForms(name)) replacements.push({ from: f.form, to: f.keepsSuffix ? `${letter}${suffix}` : letter });
  });
  for (const raw of new Set(people.map((p) => p.trim()).filter((p) => p.length >= 2))) {
    const surname = compoundSurnames.find((c) => raw.startsWith(c) && raw.length > c.length) ?? raw[0];
    replacements.push({ from: raw, to: `${surname}某` });
    const given = raw.slice(surname.length);
    if (given.length >= 2) replacements.push({ from: given, to: '某' });
  }
  // longest first, so a short form never cuts into a longer one
  replacements.sort((a, b) => b.from.length - a.from.length);
  for (const r of replacements) out = out.split(r.from).join(r.to);
  return out;
}
