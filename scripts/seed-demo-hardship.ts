import { sql } from 'kysely';
import type { Tx } from '../server/platform/db.js';
import type { FieldCrypto } from '../server/platform/crypto.js';
import { clock } from '../server/platform/clock.js';
import { makeIdNumber } from '../lib/validators/id-number.js';
import { addDays, WorkingCalendar } from '../lib/working-days.js';
import { computeHardshipLevel, type HardshipLevel } from '../lib/hardship-level.js';
import { defaultDibaoLines, DIBAO_SETTING } from '../server/modules/hardship/hardship.service.js';
import { FEMALE_MID, FEMALE_OLD, MALE_MID, MALE_OLD } from './seed-demo-data.js';
import type { HardshipStatus } from '../server/modules/hardship/tables.js';
import { mulberry32 } from './seed-random.js';

// The demo county's 困难职工档案: about 300 households across levels and states, most of them
// archived (建档), some in the flow right now (in 公示 around today so the public page shows
// some), some resolved, exited or rejected; with household members, incomes and expenses,
// timelines, home visits and a few 公示 objections. Deterministic: its own mulberry32 seed.

export interface HardshipSeedContext {
  crypto: FieldCrypto;
  /** the chair's union (the `chair` demo account) */
  chairUnionId: number;
  /** demo accounts by username: id and display name */
  users: Map<string, { id: number; display: string }>;
}

export interface HardshipSeedCounts {
  archives: number;
  archived: number;
  inFlow: number;
  inNotice: number;
  closed: number;
}

function seededPicker(seed: number) {
  const float = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(float() * (hi - lo + 1));
  const pick = <T,>(arr: readonly T[]): T => arr[Math.floor(float() * arr.length)]!;
  const chance = (p: number) => float() < p;
  const weighted = <T,>(pairs: ReadonlyArray<readonly [T, number]>): T => {
    let u = float() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) { u -= w; if (u < 0) return v; }
    return pairs[pairs.length - 1]![0];
  };
  return { float, int, pick, chance, weighted };
}

type Cause = 'illness' | 'disability' | 'schooling' | 'unemployment' | 'accident' | 'disaster' | 'other';

const SITUATIONS: Record<Cause, readonly string[]> = {
  illness: ['本人患慢性肾病需长期透析，医疗费用负担重。', '配偶确诊乳腺癌，正在化疗，家庭积蓄已用尽。', '本人脑梗后遗症，行动不便，收入大幅下降。', '子女患白血病，多次住院治疗。'],
  disability: ['本人因工致残（四级），只能从事轻体力劳动。', '配偶二级肢体残疾，需专人照料。', '子女先天智力残疾，长期康复训练。'],
  schooling: ['两个子女同时就读高中、大学，教育支出大。', '子女今年考入大学，学费生活费无着落。', '子女就读中职，家庭收入低。'],
  unemployment: ['所在企业停产，本人失业后尚未再就业。', '夫妻双方均失业，靠打零工维持生活。', '企业破产后下岗，年龄偏大再就业困难。'],
  accident: ['本人在上下班途中遭遇交通事故，住院手术费用高。', '家中突发火灾，房屋及财物损毁严重。', '配偶意外摔伤致高位截瘫，医疗费用巨大。'],
  disaster: ['暴雨致房屋倒塌，需重建住房。', '冰雹灾害致大棚损毁，种植收入归零。'],
  other: ['单亲家庭，独自抚养两个未成年子女。', '赡养多位老人，家庭负担重。'],
};

const REJECT_REASONS = [
  '入户核查发现家庭有经营性收入，人均收入超过标准，不符合建档条件。',
  '申报的家庭人口与户籍信息不符，且未能补充证明材料。',
  '配偶名下有两套住房及车辆，不符合困难职工认定条件。',
];
const EXIT_REASONS = ['本人已调离本县，档案转出。', '本人已退休并享受养老待遇，收入稳定，退出档案。', '本人不再配合年度复核，经公示后退出。'];
const RESOLVE_NOTES = ['子女大学毕业就业，家庭收入明显增加。', '本人病愈后重新上岗，家庭人均收入超过标准。', '经职工服务中心推荐再就业，家庭脱困。'];

const FALLBACK: Record<Cause, string> = {
  illness: '本人患慢性病，长期服药治疗，收入下降。', disability: '本人肢体残疾，只能从事轻体力劳动。', schooling: '子女就学，教育支出大，家庭收入低。',
  unemployment: '本人失业后尚未再就业，靠打零工维持生活。', accident: '本人遭遇意外事故，治疗费用高。', disaster: '自然灾害致家庭财产损失严重。', other: '家庭负担重，收入低。',
};

/** A situation text that fits the household: no 配偶 or 子女 where there is none. */
function situationFor(cause: Cause, household: Array<Record<string, unknown>>) {
  const has = (rel: string) => household.some((h) => h.relation === rel);
  const fits = SITUATIONS[cause].filter((s) => (!s.includes('配偶') || has('spouse')) && (!/子女|两个/.test(s) || household.filter((h) => h.relation === 'child').length >= (s.includes('两个') ? 2 : 1)));
  return fits.length > 0 ? fits[(household.length * 7 + cause.length) % fits.length]! : FALLBACK[cause];
}

export async function seedHardship(tx: Tx, ctx: HardshipSeedContext): Promise<HardshipSeedCounts> {
  const r = seededPicker(20261124 ^ 0x5eed);
  const today = clock.today();
  const cal = new WorkingCalendar(
    (await tx.selectFrom('calendar_day').select(['day', 'working', 'name']).execute()).map((d) => ({ date: d.day, working: d.working, name: d.name })),
  );
  const { crypto } = ctx;
  const user = (u: string) => ctx.users.get(u) ?? { id: null as number | null, display: '' };
  const actorName = (u: string) => { const x = ctx.users.get(u); return x ? `${x.display}(${u})` : u; };

  // ---- who: active members, by township (the level-2 organization of the member's union)
  const members = await tx.selectFrom('member as m')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .innerJoin('org as t', (j) => j.on(sql<boolean>`t.path = subpath(o.path, 0, 2)`))
    .leftJoin('employer as e', 'e.id', 'm.employer_id')
    .select(['m.id', 'm.org_id', 'm.name', 'm.sex', 'm.birth_date', 'm.ethnicity', 'm.id_number_enc', 'm.id_number_hash', 'm.id_number_last4', 't.name as town', 't.id as town_id', 'e.name as employer_name'])
    .where('m.status', '=', 'active')
    .where('m.birth_date', '>', '1962-01-01')
    .orderBy('m.id')
    .execute();
  if (members.length < 400) return { archives: 0, archived: 0, inFlow: 0, inNotice: 0, closed: 0 };
  const used = new Set<number>();
  const take = (pool: typeof members, n: number) => {
    const out: typeof members = [];
    for (let guard = 0; out.length < n && guard < n * 50; guard++) {
      const m = pool[r.int(0, pool.length - 1)]!;
      if (!used.has(m.id)) { used.add(m.id); out.push(m); }
    }
    return out;
  };
  const chairPool = members.filter((m) => m.org_id === ctx.chairUnionId);
  const daozhuangPool = members.filter((m) => m.town === '稻庄镇总工会');
  // the chair's union keeps most of its members free of archives: the browser test files one
  const picked = [...take(chairPool, Math.min(8, Math.floor(chairPool.length / 4))), ...take(daozhuangPool, 70), ...take(members, 222)];

  // ---- what: a status for each, most archived
  const plan: HardshipStatus[] = [];
  const counts: Array<[HardshipStatus, number]> = [
    ['draft', 4], ['applied', 12], ['returned', 3], ['reviewed', 8], ['visited', 6], ['notice', 12],
    ['rejected', 14], ['resolved', 24], ['exited', 10],
  ];
  for (const [s, n] of counts) for (let i = 0; i < n; i++) plan.push(s);
  while (plan.length < picked.length) plan.push('archived');
  // shuffle the statuses over the people (the chair's union and 稻庄镇 get a mix)
  for (let i = plan.length - 1; i > 0; i--) { const j = r.int(0, i); [plan[i], plan[j]] = [plan[j]!, plan[i]!]; }

  const workingBefore = (date: string, n: number) => { let d = date; for (let k = 0; k < n;) { d = addDays(d, -1); if (cal.isWorkingDay(d)) k++; } return d; };
  const at = (date: string, hour = r.int(8, 17)) => new Date(`${date}T${String(hour).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+08:00`);
  const lineOf = (date: string) => defaultDibaoLines[date.slice(0, 4)] ?? defaultDibaoLines['2025']!;

  let seq = 0;
  const archives: Array<Record<string, unknown>> = [];
  const extras: Array<{
    household: Array<Record<string, unknown>>; lines: Array<Record<string, unknown>>;
    steps: Array<{ step: string; from: string | null; to: string; actor: string; actorId: number | null; at: Date; comment: string | null }>;
    visit: Record<string, unknown> | null; objections: Array<Record<string, unknown>>;
  }> = [];

  picked.forEach((m, idx) => {
    const status = plan[idx]!;
    const isChair = m.org_id === ctx.chairUnionId;
    const isDz = m.town === '稻庄镇总工会';
    const applicant = isChair ? actorName('chair') : `${m.town.replace('总工会', '')}基层工会主席`;
    const applicantId = isChair ? user('chair').id : null;
    const reviewer = isDz ? actorName('daozhuang') : `${m.town}干部`;
    const reviewerId = isDz ? user('daozhuang').id : null;
    const county = actorName('staff');
    const countyId = user('staff').id;

    // ---- dates of the flow, back from today
    const archived = status === 'archived' || status === 'resolved' || status === 'exited';
    let appliedOn: string;
    let noticeStart: string | null = null;
    let archivedOn: string | null = null;
    let lastReviewed: string | null = null;
    if (status === 'notice') {
      // most still open (started within the last 4 working days), a few over and waiting for the county
      noticeStart = idx % 4 === 0 ? workingBefore(today, r.int(6, 9)) : workingBefore(today, r.int(0, 4));
      appliedOn = addDays(noticeStart, -r.int(12, 30));
    } else if (archived) {
      archivedOn = addDays(today, -r.int(40, 1400));
      noticeStart = workingBefore(addDays(archivedOn, -1), 6);
      appliedOn = addDays(noticeStart, -r.int(12, 30));
      // reviewed once a year since: the last review within the past 15 months (a few overdue, a few due soon)
      const sinceArchive = Math.floor((Date.parse(today) - Date.parse(archivedOn)) / 86_400_000);
      const back = sinceArchive < 365 ? sinceArchive : r.weighted([[r.int(30, 330), 80], [r.int(335, 364), 10], [r.int(366, 450), 10]] as const);
      lastReviewed = addDays(today, -back);
    } else {
      appliedOn = addDays(today, -r.int(2, 40));
    }
    const noticeEnd = noticeStart ? cal.addWorkingDays(noticeStart, 5) : null;

    // ---- the household and its figures, aimed at a level
    const target = r.weighted<HardshipLevel>([['deep', 35], ['relative', 45], ['accidental', 10], ['none', status === 'rejected' ? 40 : 0]]);
    const cause: Cause = target === 'accidental' ? r.pick(['accident', 'illness', 'disaster'] as const)
      : r.weighted<Cause>([['illness', 38], ['disability', 14], ['schooling', 18], ['unemployment', 18], ['accident', 5], ['disaster', 2], ['other', 5]]);
    const birthYear = Number(m.birth_date.slice(0, 4));
    // 子女就学 needs children: three or more
    const size = cause === 'schooling' ? r.weighted([[3, 60], [4, 32], [5, 8]] as const) : r.weighted([[1, 6], [2, 18], [3, 42], [4, 26], [5, 8]] as const);
    const refDate = lastReviewed ?? appliedOn;
    const line = lineOf(refDate);
    const perCapita = target === 'deep' ? r.int(15_000, 78_000) : target === 'relative' ? r.int(84_000, 155_000) : target === 'accidental' ? r.int(170_000, 300_000) : r.int(170_000, 260_000);
    const net = perCapita * 12 * size;
    const expense = cause === 'illness' || cause === 'disability' ? r.int(8, 40) * 100_000 : cause === 'schooling' ? r.int(6, 20) * 100_000 : r.int(0, 3) * 100_000;
    const income = net + expense;
    const costs = target === 'accidental' ? Math.ceil((income * 4) / 5) + r.int(1, 50) * 100_000 : cause === 'accident' ? r.int(5, 30) * 100_000 : 0;
    // the worker earns most of it; a spouse some; the rest 0
    const selfShare = size === 1 ? 1 : r.float() * 0.4 + 0.5;
    const selfIncome = Math.round((income * selfShare) / 100) * 100;
    const others = income - selfIncome;
    const household: Array<Record<string, unknown>> = [{
      name: m.name, relation: 'self', id_number_enc: m.id_number_enc, id_number_hash: m.id_number_hash, id_number_last4: m.id_number_last4,
      birth_date: m.birth_date, income_fen: selfIncome, health: cause === 'illness' && r.chance(0.4) ? 'serious_illness' : cause === 'disability' && r.chance(0.5) ? 'disabled' : r.pick(['healthy', 'healthy', 'chronic'] as const),
      insurance: 'employee_medical', school_stage: 'none', occupation: null, sort_order: 0,
    }];
    const surname = m.name.slice(0, 1);
    let otherIncomeLeft = others;
    for (let k = 1; k < size; k++) {
      const spouse = k === 1 && size >= 2 && r.chance(0.85);
      const parent = !spouse && k === size - 1 && r.chance(0.3);
      const relation = spouse ? 'spouse' : parent ? 'parent' : 'child';
      const sex: 'M' | 'F' = spouse ? (m.sex === 'M' ? 'F' : 'M') : r.chance(0.5) ? 'M' : 'F';
      const thisYear = Number(today.slice(0, 4));
      // 子女就学: the first child was admitted to college this year (金秋助学 lists these)
      const entrant = relation === 'child' && cause === 'schooling' && !household.some((h) => h.relation === 'child');
      const by = relation === 'spouse' ? birthYear + r.int(-3, 3) : relation === 'parent' ? birthYear - r.int(24, 30)
        : entrant ? thisYear - 18 : Math.min(thisYear - 1, birthYear + r.int(22, 34));
      const birth = `${by}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const age = thisYear - by;
      const name = (relation === 'spouse' ? r.pick(['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '马', '高']) : relation === 'parent' ? surname : surname)
        + (sex === 'M' ? r.pick(by < 1975 ? MALE_OLD : MALE_MID) : r.pick(by < 1975 ? FEMALE_OLD : FEMALE_MID));
      const id = makeIdNumber('370523', birth, r.int(0, 499) * 2 + (sex === 'M' ? 1 : 0));
      const incomeFen = k === size - 1 ? otherIncomeLeft : spouse ? Math.min(otherIncomeLeft, Math.round((others * 0.8) / 100) * 100) : 0;
      otherIncomeLeft -= incomeFen;
      const schoolStage = relation !== 'child' ? 'none'
        : age < 6 ? 'preschool' : age < 12 ? 'primary' : age < 15 ? 'junior' : age < 18 ? r.pick(['senior', 'vocational'] as const)
        : age === 18 ? (entrant || r.chance(0.5) ? 'college_entrant' : 'senior') : age < 23 ? 'college' : 'none';
      household.push({
        name, relation, id_number_enc: crypto.encrypt(id), id_number_hash: crypto.blindIndex('id_number', id), id_number_last4: id.slice(-4),
        birth_date: birth, income_fen: incomeFen,
        health: cause === 'illness' && k === 1 && r.chance(0.5) ? 'serious_illness' : cause === 'disability' && k > 1 && r.chance(0.5) ? 'disabled' : 'healthy',
        insurance: relation === 'child' ? 'resident_medical' : r.pick(['resident_medical', 'employee_medical'] as const),
        school_stage: schoolStage, occupation: incomeFen > 0 ? r.pick(['务农', '灵活就业', '保洁员', '超市收银员', '个体']) : null, sort_order: k,
      });
    }
    const lines: Array<Record<string, unknown>> = [];
    if (expense > 0) {
      const item = cause === 'schooling' ? 'schooling' : cause === 'illness' || cause === 'disability' ? 'medical' : r.pick(['rent', 'care', 'other_expense'] as const);
      lines.push({ direction: 'expense', item, amount_fen: expense, note: item === 'medical' ? '医保报销后自付部分' : null, sort_order: 0 });
    }
    if (costs > 0) lines.push({ direction: 'hardship_cost', item: cause === 'disaster' ? 'disaster_loss' : 'accident_cost', amount_fen: costs, note: null, sort_order: 1 });
    const basis = computeHardshipLevel({ incomeFen: income, expenseFen: expense, hardshipCostsFen: costs, householdSize: size, dibaoLineFen: line });
    const bank = `62284800${String(r.int(0, 99_999_999_999)).padStart(11, '0')}`;

    const closedReason = status === 'rejected' ? r.pick(REJECT_REASONS) : status === 'exited' ? r.pick(EXIT_REASONS) : status === 'resolved' ? r.pick(RESOLVE_NOTES) : null;
    const closedOn = status === 'rejected' ? addDays(appliedOn, r.int(5, 25)) : status === 'resolved' || status === 'exited' ? addDays(lastReviewed!, r.int(0, 20)) : null;
    const archiveNo = archived ? `KN${archivedOn!.slice(0, 4)}-${String(++seq).padStart(5, '0')}` : null;
    archives.push({
      archive_no: archiveNo, org_id: m.org_id, member_id: m.id, ethnicity: m.ethnicity, health: household[0]!.health, disability: cause === 'disability' ? r.pick(['grade_3', 'grade_4'] as const) : 'none',
      work_status: cause === 'unemployment' ? r.pick(['unemployed', 'laid_off'] as const) : r.weighted([['employed', 60], ['migrant', 15], ['sick_leave', 10], ['internal_retired', 5], ['retired', 3]] as const),
      hukou: r.chance(0.55) ? 'rural' : 'urban', housing: r.weighted([['own', 60], ['rented', 25], ['public_rental', 10], ['relatives', 5]] as const),
      employer_name: m.employer_name, employer_condition: cause === 'unemployment' ? r.pick(['suspended', 'bankrupt'] as const) : r.weighted([['normal', 75], ['difficult', 25]] as const),
      model_worker: r.chance(0.02), address: null, household_size: size, yearly_income_fen: income, rigid_expense_fen: expense, hardship_costs_fen: costs,
      main_cause: cause, secondary_cause: cause !== 'schooling' && household.some((h) => h.school_stage === 'college_entrant' || h.school_stage === 'college') ? 'schooling' : null,
      situation: situationFor(cause, household), bank_name: r.pick(['中国农业银行广饶支行', '中国工商银行广饶支行', '广饶农村商业银行', '中国邮政储蓄银行广饶县支行']),
      bank_account_enc: crypto.encrypt(bank), bank_account_last4: bank.slice(-4),
      level: basis.level, level_basis: JSON.stringify({ ...basis, dibaoYear: Number(refDate.slice(0, 4)) }), dibao_year: Number(refDate.slice(0, 4)), dibao_line_fen: line,
      status, source_ticket_id: null,
      applied_by: status === 'draft' ? null : applicantId, applied_at: status === 'draft' ? null : at(appliedOn),
      notice_start: noticeStart, notice_end: noticeEnd,
      approved_by: archived ? countyId : null, approved_at: archived ? at(archivedOn!) : null, archived_on: archivedOn,
      last_reviewed_on: lastReviewed, next_review_due: lastReviewed ? addDays(lastReviewed, 365) : null,
      last_assisted_on: archived && r.chance(0.7) ? addDays(today, -r.int(20, 300)) : null,
      closed_on: closedOn, closed_reason: closedReason, created_by: applicantId, created_at: at(appliedOn), updated_at: at(closedOn ?? lastReviewed ?? appliedOn),
    });

    // ---- the timeline
    type Step = (typeof extras)[number]['steps'][number];
    const steps: Step[] = [];
    const add = (step: string, from: string | null, to: string, actor: string, actorId: number | null, date: string, comment: string | null = null) =>
      steps.push({ step, from, to, actor, actorId, at: at(date), comment });
    if (status === 'draft') {
      add('draft', null, 'draft', applicant, applicantId, appliedOn);
    } else {
      add('apply', null, 'applied', applicant, applicantId, appliedOn);
      const reviewedOn = addDays(appliedOn, r.int(1, 4));
      const visitedOn = addDays(reviewedOn, r.int(1, 5));
      const order: HardshipStatus[] = ['applied', 'reviewed', 'visited', 'notice', 'archived'];
      const reach = status === 'returned' ? 1 : status === 'rejected' ? r.int(1, 3) : archived ? 5 : order.indexOf(status) + 1;
      if (reach >= 2) add('review', 'applied', 'reviewed', reviewer, reviewerId, reviewedOn, r.pick([null, '材料齐全，同意上报', '情况基本属实']));
      if (reach >= 3) add('visit', 'reviewed', 'visited', reviewer, reviewerId, visitedOn, `${visitedOn} 入户核查：情况属实`);
      if (reach >= 4 && noticeStart) add('notice', 'visited', 'notice', reviewer, reviewerId, noticeStart, `公示期 ${noticeStart} 至 ${noticeEnd}（5个工作日）`);
      if (reach >= 5) add('approve', 'notice', 'archived', county, countyId, archivedOn!, `档案编号 ${archiveNo}`);
      if (status === 'returned') add('return', 'applied', 'returned', reviewer, reviewerId, reviewedOn, '请补充配偶的诊断证明及近三个月的收入证明');
      if (status === 'rejected') add('reject', order[reach - 1]!, 'rejected', reviewer, reviewerId, closedOn!, closedReason);
      if (archived && lastReviewed && lastReviewed !== archivedOn) {
        add('yearly_review', 'archived', 'archived', reviewer, reviewerId, lastReviewed, `复核后类别：${({ deep: '深度困难', relative: '相对困难', accidental: '意外致困', none: '不符合' } as const)[basis.level]}`);
      }
      if (status === 'resolved') add('resolve', 'archived', 'resolved', reviewer, reviewerId, closedOn!, closedReason);
      if (status === 'exited') add('exit', 'archived', 'exited', reviewer, reviewerId, closedOn!, closedReason);
    }
    const visitStep = steps.find((s) => s.step === 'visit');
    const objections: Array<Record<string, unknown>> = [];
    if (status === 'notice' && idx % 5 === 1) {
      objections.push({ content: '据了解该职工家中另有门面房出租，收入未如实申报。', contact_enc: null, received_at: at(noticeStart!), handled_by: null, handled_at: null, handling_note: null });
    }
    if (status === 'notice' && idx % 7 === 2) {
      objections.push({
        content: '其子女已参加工作，家庭人口申报有误。', contact_enc: crypto.encrypt('13905460000'), received_at: at(noticeStart!),
        handled_by: reviewerId, handled_at: at(addDays(noticeStart!, 1)), handling_note: '经核实，其子女仍在校就读，异议不成立。',
      });
    }
    extras.push({
      household, lines, steps, objections,
      visit: visitStep ? {
        visit_date: visitStep.at.toISOString().slice(0, 10), visitors: isDz ? '刘春燕、稻庄镇总工会干事' : `${m.town}干部二人`,
        findings: `家中${size}口人，陈设简陋，${r.pick(['住房为自建平房', '租住两居室', '住公租房'])}。`, conclusion: 'confirmed',
      } : null,
    });
  });

  const ids = await tx.insertInto('hardship_archive').values(archives as never).returning('id').execute();
  const byIndex = (rows: Array<Record<string, unknown>>, i: number) => rows.map((row) => ({ ...row, archive_id: ids[i]!.id }));
  const chunked = async (table: 'hardship_household_member' | 'hardship_finance_line' | 'hardship_step' | 'hardship_visit' | 'hardship_objection', rows: Array<Record<string, unknown>>) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
  };
  await chunked('hardship_household_member', extras.flatMap((e, i) => byIndex(e.household, i)));
  await chunked('hardship_finance_line', extras.flatMap((e, i) => byIndex(e.lines, i)));
  await chunked('hardship_step', extras.flatMap((e, i) => e.steps.map((s) => ({
    archive_id: ids[i]!.id, step: s.step, from_status: s.from, to_status: s.to, actor_id: s.actorId, actor_name: s.actor, at: s.at, comment: s.comment,
  }))));
  await chunked('hardship_visit', extras.flatMap((e, i) => (e.visit ? [{ ...e.visit, archive_id: ids[i]!.id }] : [])));
  await chunked('hardship_objection', extras.flatMap((e, i) => byIndex(e.objections, i)));
  if (seq > 0) await sql`select setval('hardship_archive_no_seq', ${seq})`.execute(tx);
  await tx.insertInto('setting').values({ key: DIBAO_SETTING, value: JSON.stringify(defaultDibaoLines) })
    .onConflict((oc) => oc.column('key').doNothing()).execute();

  const n = (s: HardshipStatus) => plan.slice(0, picked.length).filter((x) => x === s).length;
  return {
    archives: picked.length,
    archived: n('archived'),
    inFlow: n('draft') + n('applied') + n('returned') + n('reviewed') + n('visited') + n('notice'),
    inNotice: n('notice'),
    closed: n('rejected') + n('resolved') + n('exited'),
  };
}
