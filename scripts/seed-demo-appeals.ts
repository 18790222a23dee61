// The demo county's 12351 desk (appeals module): a few hundred tickets accepted over this year
// across every status, type, subject, township and many employers of the registry — some
// overdue, some due soon, satisfaction on the closed ones — and the early warnings: ONE open
// group wage-arrears warning (30 workers of a construction company) and a few acknowledged ones.
// Deterministic from the seed; written in multi-row inserts inside the seed's transaction.
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../server/platform/db.js';
import type { FieldCrypto } from '../server/platform/crypto.js';
import type { AppealTable, AppealStepTable, AppealStatus, AppealStep, Satisfaction } from '../server/modules/appeals/tables.js';
import { defaultAppealSettings, tierLimit } from '../server/modules/appeals/settings.js';
import { ticketNo } from '../server/modules/appeals/flow.js';
import { WorkingCalendar, addDays } from '../lib/working-days.js';
import { mulberry32 } from './seed-random.js';

export interface AppealsSeedContext {
  crypto: FieldCrypto;
  seed: number;
  /** the demo's today, YYYY-MM-DD (Shanghai) */
  today: string;
  rootId: number;
  userIds: Map<string, number>;
}

export interface AppealsSeedCounts { tickets: number; open: number; overdue: number; warningsOpen: number; warningsAcked: number }

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['建国', '秀英', '桂兰', '志强', '海燕', '明', '丽', '伟', '军', '红梅', '春生', '玉华', '晓东', '磊', '静', '国庆', '凤英', '金龙', '冬梅', '永刚'];

const CONTENT: Record<string, string[]> = {
  wage_arrears: ['反映单位拖欠工资{m}个月未发，多次催要无果', '项目完工后包工头以未结算为由拒付工资', '单位以经营困难为由停发工资，请求工会协调'],
  labor_contract: ['单位未签订书面劳动合同，要求补签并支付二倍工资', '合同到期单位不续签也不支付经济补偿', '单位单方变更工作岗位和工资标准'],
  social_insurance: ['单位未为其缴纳社会保险', '单位社保缴费基数低于实际工资', '离职后单位不办理社保转移手续'],
  work_injury: ['工作中受伤，单位不申报工伤认定', '工伤认定后单位不支付停工留薪期工资', '咨询工伤伤残等级鉴定程序'],
  assistance: ['家中老人重病，生活困难，申请帮扶', '子女考上大学，学费困难，咨询金秋助学', '本人失业后生活困难，请求临时救助'],
  other: ['咨询带薪年休假的规定', '反映单位加班不支付加班费', '咨询女职工产假待遇'],
};
const REPLIES = ['经协调，单位已承诺按期支付', '已向职工解释相关政策规定', '已督促单位整改，职工表示认可', '经调解双方达成一致', '已引导职工通过劳动仲裁维权'];

export async function seedAppeals(tx: Tx, ctx: AppealsSeedContext): Promise<AppealsSeedCounts> {
  const rnd = mulberry32((ctx.seed ^ 0x12351) >>> 0);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const weighted = <T>(pairs: ReadonlyArray<readonly [T, number]>): T => {
    let u = rnd() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((u -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  const calendar = new WorkingCalendar((await tx.selectFrom('calendar_day').select(['day', 'working', 'name']).execute())
    .map((r) => ({ date: r.day, working: r.working, name: r.name })));
  const s = defaultAppealSettings;
  const year = Number(ctx.today.slice(0, 4));

  const employers = await tx.selectFrom('employer as e').innerJoin('org as o', 'o.id', 'e.org_id')
    .innerJoin('org as t', (j) => j.on(sql<boolean>`t.path = subpath(o.path, 0, 2)`))
    .select(['e.id', 'e.name', 'e.industry', 'e.employee_count', 't.id as town_id', 't.name as town_name'])
    .where(sql<boolean>`nlevel(o.path) >= 2`).orderBy('e.id').execute();
  const members = await tx.selectFrom('member').select(['id', 'name', 'employer_id', 'phone_enc', 'phone_hash', 'phone_last4', 'id_number_enc', 'id_number_hash', 'id_number_last4'])
    .where('status', '=', 'active').where('employer_id', 'is not', null).orderBy('id').limit(4000).execute();
  const membersByEmployer = new Map<number, typeof members>();
  for (const m of members) membersByEmployer.set(m.employer_id!, [...(membersByEmployer.get(m.employer_id!) ?? []), m]);
  const users = await tx.selectFrom('app_user').select(['id', 'username', 'display_name']).execute();
  const actor = (username: string) => {
    const u = users.find((x) => x.username === username)!;
    return { id: u.id, name: `${u.display_name}(${u.username})` };
  };
  const staff = actor('staff');
  const townActors = new Map<string, { id: number; name: string }>([['稻庄镇总工会', actor('daozhuang')], ['大王镇总工会', actor('dawang')]]);

  // tickets accepted on working days from early January to today
  const start = calendar.addWorkingDays(`${year}-01-04`, 1);
  const days: string[] = [];
  for (let d = start; d <= ctx.today; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  const n = Math.min(380, days.length * 2);

  interface Draft { row: Insertable<AppealTable>; steps: { step: AppealStep; from: AppealStatus | null; to: AppealStatus; day: string; actor: { id: number; name: string }; comment: string | null; data?: unknown }[]; townActor: { id: number; name: string } | null }
  const drafts: Draft[] = [];
  // a time of that day, never later than now (today's tickets were taken this morning at the latest)
  const now = Date.now();
  const past = (ms: number, minutesBack = 30) => new Date(Math.min(ms, now - minutesBack * 60_000));
  const at = (day: string, hour: number) => past(Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00+08:00`), 60);

  const make = (acceptedOn: string, over: Partial<Insertable<AppealTable>> & { subject: string }, plan: { status: AppealStatus; lateClose?: boolean }): Draft => {
    const employer = over.employer_id != null ? employers.find((e) => e.id === over.employer_id)! : pick(employers);
    const tier = (over.tier as string) ?? weighted([['ordinary', 65], ['hard', 25], ['complex', 10]] as const);
    const channel = (over.channel as string) ?? weighted([['phone', 60], ['walk_in', 30], ['letter', 10]] as const);
    const pool = membersByEmployer.get(employer.id) ?? [];
    const member = pool.length && rnd() < 0.55 ? pick(pool) : null;
    const phone = member?.phone_enc ? null : `1${pick(['35', '37', '38', '39', '58', '59', '86', '87'])}${String(int(0, 99_999_999)).padStart(8, '0')}`;
    const subject = over.subject;
    const contentText = over.content ?? pick(CONTENT[subject] ?? CONTENT.other).replace('{m}', String(int(2, 8)));
    const ackDue = calendar.addWorkingDays(acceptedOn, s.ackDays);
    const due = calendar.addWorkingDays(acceptedOn, tierLimit(s, tier));
    const row: Insertable<AppealTable> = {
      ticket_no: '', org_id: ctx.rootId, channel, type: over.type ?? weighted([['consultation', 30], ['help', 30], ['complaint', 25], ['legal_aid', 10], ['suggestion', 5]] as const),
      subject, tier, status: plan.status, workers_affected: over.workers_affected ?? (rnd() < 0.85 ? 1 : int(2, 8)),
      amount_fen: over.amount_fen ?? (subject === 'wage_arrears' ? int(30, 900) * 10_000 : null),
      employer_id: employer.id, employer_name: employer.name, member_id: member?.id ?? null,
      worker_name: member?.name ?? pick(SURNAMES) + pick(GIVEN),
      phone_enc: member?.phone_enc ?? ctx.crypto.encrypt(phone!), phone_hash: member?.phone_hash ?? ctx.crypto.blindIndex('phone', phone!), phone_last4: member?.phone_last4 ?? phone!.slice(-4),
      id_number_enc: member?.id_number_enc ?? null, id_number_hash: member?.id_number_hash ?? null, id_number_last4: member?.id_number_last4 ?? null,
      content: contentText, accepted_on: acceptedOn, accepted_at: at(acceptedOn, int(8, 11)), accepted_by: staff.id, ack_due_on: ackDue, due_on: due,
    };
    const town = { id: employer.town_id, name: employer.town_name };
    const townActor = townActors.get(town.name) ?? null;
    const steps: Draft['steps'] = [{ step: 'accept', from: null, to: 'accepted', day: acceptedOn, actor: staff, comment: '受理' }];
    const order: AppealStatus[] = ['accepted', 'assigned', 'handling', 'replied', 'visited', 'closed'];
    const reach = order.indexOf(plan.status === 'transferred' ? 'handling' : plan.status);
    // the steps spread over the working days up to the limit (or past it for a late one)
    const span = Math.max(1, Math.min(calendar.workingDaysBetween(acceptedOn, ctx.today), plan.lateClose ? tierLimit(s, tier) + int(2, 6) : int(1, tierLimit(s, tier))));
    const dayAt = (k: number) => { const d = calendar.addWorkingDays(acceptedOn, Math.min(span, Math.round((span * k) / 5))); return d > ctx.today ? ctx.today : d; };
    const handler = townActor ?? staff;
    if (reach >= 1) {
      // assigned on the day or the next working day, and never after the later steps
      const d = [calendar.addWorkingDays(acceptedOn, int(0, 1)), dayAt(2), ctx.today].sort()[0];
      Object.assign(row, { assigned_org_id: town.id, assignee_id: townActor?.id ?? null, assigned_by: staff.id, assigned_at: at(d, 14), acknowledged_at: at(d, 14) });
      steps.push({ step: 'assign', from: 'accepted', to: 'assigned', day: d, actor: staff, comment: `分派至 ${town.name}${townActor ? `（${townActor.name.replace(/\(.*/, '')}）` : ''}`, data: { orgId: town.id, orgName: town.name } });
    }
    if (reach >= 2) steps.push({ step: 'progress', from: 'assigned', to: 'handling', day: dayAt(2), actor: handler, comment: pick(['已电话联系职工了解情况', '已约谈企业负责人', '已到企业现场核实']) });
    if (reach >= 3) {
      const reply = pick(REPLIES);
      Object.assign(row, { reply, replied_at: at(dayAt(3), 16) });
      steps.push({ step: 'reply', from: 'handling', to: 'replied', day: dayAt(3), actor: handler, comment: reply });
    }
    if (reach >= 4) {
      const sat: Satisfaction = weighted([['satisfied', 70], ['basically', 22], ['dissatisfied', 8]] as const);
      Object.assign(row, { satisfaction: sat, visited_at: at(dayAt(4), 10) });
      steps.push({ step: 'visit', from: 'replied', to: 'visited', day: dayAt(4), actor: staff, comment: `满意度：${{ satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' }[sat]}` });
    }
    if (reach >= 5) {
      Object.assign(row, { closed_on: dayAt(5), closed_at: at(dayAt(5), 17) });
      steps.push({ step: 'close', from: 'visited', to: 'closed', day: dayAt(5), actor: staff, comment: '办结' });
    }
    return { row, steps, townActor };
  };

  for (let i = 0; i < n; i++) {
    const acceptedOn = days[Math.floor((i * days.length) / n)];
    const age = calendar.workingDaysBetween(acceptedOn, ctx.today);
    const subject = weighted([['wage_arrears', 30], ['labor_contract', 22], ['social_insurance', 16], ['work_injury', 12], ['assistance', 10], ['other', 10]] as const);
    // old tickets are mostly closed; the last weeks hold the open ones, some overdue, some due soon
    const status: AppealStatus = age > 25
      ? weighted([['closed', 96], ['visited', 1], ['handling', 2], ['replied', 1]] as const)
      : age > 8 ? weighted([['closed', 72], ['replied', 8], ['handling', 12], ['assigned', 4], ['visited', 4]] as const)
        : weighted([['accepted', age <= 1 ? 20 : 0], ['assigned', 35], ['handling', 35], ['replied', 15], ['closed', 5]] as const);
    drafts.push(make(acceptedOn, { subject }, { status, lateClose: status === 'closed' && rnd() < 0.12 }));
  }

  // group appeals: acknowledged ones earlier in the year, and ONE open one this week
  const construction = employers.filter((e) => e.industry === 'E');
  const groupEmployer = construction.find((e) => e.town_name === '稻庄镇总工会') ?? construction[0] ?? employers[0];
  const earlier = [days[Math.floor(days.length * 0.2)], days[Math.floor(days.length * 0.5)], days[Math.floor(days.length * 0.75)]];
  const groups: { draft: Draft; ack: boolean }[] = earlier.map((d, k) => ({
    draft: make(d, { subject: 'wage_arrears', type: 'help', tier: 'complex', workers_affected: [14, 22, 12][k], amount_fen: [38_0000_00, 56_0000_00, 18_5000_00][k], employer_id: (construction[k + 1] ?? employers[k]).id, content: `${[14, 22, 12][k]}名农民工反映工程款结算后工资仍未发放` }, { status: 'closed' }),
    ack: true,
  }));
  const lastWorkingDay = days[days.length - 1];
  groups.push({
    draft: make(lastWorkingDay, {
      subject: 'wage_arrears', type: 'help', tier: 'complex', workers_affected: 30, amount_fen: 126_0000_00, employer_id: groupEmployer.id, channel: 'phone',
      content: '30名建筑工人来电反映：工地停工两个月，工资共计126万元未发放，工人情绪激动，准备集体到县政府上访',
    }, { status: 'assigned' }),
    ack: false,
  });
  drafts.push(...groups.map((g) => g.draft));

  // numbers in acceptance order, as the desk would have given them
  drafts.sort((a, b) => (a.row.accepted_on as string).localeCompare(b.row.accepted_on as string) || (a.row.accepted_at as Date).getTime() - (b.row.accepted_at as Date).getTime());
  drafts.forEach((d, i) => { d.row.ticket_no = ticketNo(year, i + 1); });
  await tx.insertInto('appeal_number').values({ year, last: drafts.length }).execute();

  const ids = new Map<Draft, number>();
  for (let i = 0; i < drafts.length; i += 200) {
    const chunk = drafts.slice(i, i + 200);
    const rows = await tx.insertInto('appeal').values(chunk.map((d) => d.row)).returning(['id', 'ticket_no']).execute();
    const byNo = new Map(rows.map((r) => [r.ticket_no, r.id]));
    for (const d of chunk) ids.set(d, byNo.get(d.row.ticket_no as string)!);
  }
  const steps: Insertable<AppealStepTable>[] = drafts.flatMap((d) => d.steps.map((s, k) => ({
    appeal_id: ids.get(d)!, step: s.step, from_status: s.from, to_status: s.to, actor_id: s.actor.id, actor_name: s.actor.name,
    at: k === 0 ? d.row.accepted_at : past(Math.max(Date.parse(`${s.day}T09:00:00+08:00`) + k * 3_600_000, (d.row.accepted_at as Date).getTime() + k * 600_000), 50 - k * 5),
    comment: s.comment, data: s.data ? JSON.stringify(s.data) : null,
  })));
  for (let i = 0; i < steps.length; i += 1000) await tx.insertInto('appeal_step').values(steps.slice(i, i + 1000)).execute();

  for (const g of groups) {
    const r = g.draft.row;
    const w = await tx.insertInto('appeal_warning').values({
      org_id: ctx.rootId, kind: 'ticket', rules: ['workers', 'amount'], title: `群体性诉求：${r.employer_name}`,
      detail: `${r.workers_affected}名职工，欠薪，涉及金额${((r.amount_fen as number) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}元（${r.ticket_no}）`,
      employer_id: r.employer_id, workers_affected: r.workers_affected, amount_fen: r.amount_fen, raised_at: r.accepted_at,
      ...(g.ack ? { acknowledged_at: new Date((r.accepted_at as Date).getTime() + 2 * 3_600_000), acknowledged_by: staff.id, ack_note: '已会同人社局劳动监察大队介入处置' } : {}),
    }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('appeal_warning_ticket').values({ warning_id: w.id, appeal_id: ids.get(g.draft)! }).execute();
  }

  const open = drafts.filter((d) => !['closed', 'transferred'].includes(d.row.status as string));
  return {
    tickets: drafts.length,
    open: open.length,
    overdue: open.filter((d) => (d.row.due_on as string) < ctx.today).length,
    warningsOpen: groups.filter((g) => !g.ack).length,
    warningsAcked: groups.filter((g) => g.ack).length,
  };
}
