// The demo county's 法律服务: a roster of lawyers and volunteers, legal-aid cases and labor-
// dispute mediations in every state (dated relative to the product's today, so some reviews are
// overdue and one or two mediations are near or past the 15-day limit), typical cases and
// 2026's 法治宣传 events. Deterministic: its own mulberry32 from a fixed seed.
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Tx } from '../server/platform/db.js';
import type { LegalAidCaseTable, MediationCaseTable, MediationStatus } from '../server/modules/legal/tables.js';
import type { FieldCrypto } from '../server/platform/crypto.js';
import { clock } from '../server/platform/clock.js';
import { workingCalendar } from '../server/modules/calendar/calendar.service.js';
import { addDays } from '../lib/working-days.js';
import { anonymize, fenToYuan, legalAidOutcomeLabels } from '../lib/legal.js';
import { codeLabel } from '../lib/code-tables.js';
import { mulberry32 } from './seed-random.js';

export interface LegalSeedContext { rootId: number; crypto: FieldCrypto }
export interface LegalSeedCounts { providers: number; legalAid: number; mediation: number; typical: number; events: number }

const lawyers = [
  ['孙立平', '山东广饶正义律师事务所'], ['韩雪梅', '山东广饶正义律师事务所'], ['高建军', '山东乐安律师事务所'], ['冯晓东', '山东乐安律师事务所'],
  ['宋玉兰', '山东孙武律师事务所'], ['崔国强', '山东孙武律师事务所'], ['任志宏', '山东东营黄河律师事务所'], ['郭丽娜', '山东东营黄河律师事务所'],
] as const;
const volunteers = [['李德福', '县司法局退休干部'], ['马春华', '县法律援助中心'], ['周海燕', '稻庄镇司法所'], ['王振山', '大王镇司法所']] as const;
const claims: Record<string, string[]> = {
  wage_arrears: ['追讨拖欠的工资', '要求支付拖欠的加班工资', '要求结清离职前三个月工资'],
  labor_contract: ['要求支付未签订书面劳动合同的二倍工资', '要求支付违法解除劳动合同赔偿金', '要求支付解除劳动合同经济补偿金'],
  social_insurance: ['要求补缴社会保险费', '要求赔偿未缴纳失业保险造成的损失'],
  work_injury: ['要求支付工伤医疗费和停工留薪期工资', '要求支付一次性伤残就业补助金'],
  other: ['要求退还押金和扣留的证件', '要求支付高温津贴'],
};
const places = ['县劳动人事争议仲裁院', '广饶县人民法院', '县职工服务中心', '稻庄镇司法所', '大王镇工会调解室'];
const eventTopics = [
  ['lecture', '《劳动合同法》解读讲座'], ['consultation', '职工维权法律咨询'], ['into_enterprise', '送法进企业 —— 工资支付与加班费'],
  ['training', '工会干部劳动法律监督培训'], ['exhibition', '《工会法》宣传展板'], ['lecture', '女职工权益保护专题讲座'],
  ['consultation', '农民工欠薪维权咨询'], ['into_enterprise', '安全生产与工伤保险进车间'],
] as const;

export async function seedLegal(tx: Tx, ctx: LegalSeedContext): Promise<LegalSeedCounts> {
  const rnd = mulberry32(20261124);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const today = clock.today();
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-05`;
  const span = Math.max(30, Math.round((Date.parse(today) - Date.parse(yearStart)) / 86_400_000));
  const calendar = await workingCalendar(tx);

  // roster
  const providerRows = [
    ...lawyers.map(([name, firm], i) => ({ kind: 'lawyer' as const, name, firm, license_no: `1370520${2010 + (i % 10)}10${String(10000 + i * 137).padStart(6, '0')}` })),
    ...volunteers.map(([name, firm]) => ({ kind: 'volunteer' as const, name, firm, license_no: null })),
  ].map((p, i) => {
    const phone = `139${String(54600000 + i * 7919).padStart(8, '0')}`;
    return {
      org_id: ctx.rootId, ...p, phone_enc: ctx.crypto.encrypt(phone), phone_hash: ctx.crypto.blindIndex('phone', phone), phone_last4: phone.slice(-4),
      specialties: [pick(['wage_arrears', 'labor_contract', 'work_injury']), pick(['social_insurance', 'other', 'labor_contract'])].filter((v, j, a) => a.indexOf(v) === j),
      active: i !== 11,
    };
  });
  const providers = await tx.insertInto('legal_provider').values(providerRows).returning(['id', 'name', 'kind']).execute();
  const activeProviders = providers.slice(0, 11);

  // the parties: members of grassroots unions that cover an employer
  const parties = await tx.selectFrom('member as m').innerJoin('employer as e', 'e.id', 'm.employer_id')
    .select(['m.id', 'm.name', 'm.org_id', 'm.id_number_enc', 'm.id_number_hash', 'm.id_number_last4', 'm.phone_enc', 'm.phone_hash', 'm.phone_last4', 'e.id as employer_id', 'e.name as employer_name'])
    .where(sql<boolean>`m.id % 97 = 3`).orderBy('m.id').limit(400).execute();
  if (parties.length < 100) return { providers: providers.length, legalAid: 0, mediation: 0, typical: 0, events: 0 };

  // ---- legal aid: 60 cases ----
  const aidRows: (Insertable<LegalAidCaseTable> & { letter_no: string | null; subject: string; workers_involved: number })[] = [];
  const subjects = Object.keys(claims);
  for (let i = 0; i < 60; i++) {
    const p = parties[i * 3];
    // the last six are recent applications still waiting for review (two of them overdue)
    const appliedOn = i >= 54 ? addDays(today, -[1, 2, 3, 9, 12, 4][i - 54]) : addDays(yearStart, Math.floor((i / 54) * (span - 20)) + int(0, 6));
    const reviewDue = calendar.addWorkingDays(appliedOn, 5);
    const subject = pick(subjects);
    const workers = rnd() < 0.25 ? int(3, 30) : 1;
    const claimed = int(8, 120) * 100_000 * (workers > 1 ? Math.min(workers, 8) : 1);
    const age = Math.round((Date.parse(today) - Date.parse(appliedOn)) / 86_400_000);
    let status: 'applied' | 'assigned' | 'refused' | 'closed' | 'archived' = 'applied';
    if (i < 54) status = rnd() < 0.1 ? 'refused' : age > 60 && rnd() < 0.75 ? (age > 150 && rnd() < 0.4 ? 'archived' : 'closed') : 'assigned';
    const assigned = status === 'assigned' || status === 'closed' || status === 'archived';
    const provider = assigned ? pick(activeProviders) : null;
    const assignedOn = assigned ? calendar.addWorkingDays(appliedOn, int(1, 4)) : null;
    const closed = status === 'closed' || status === 'archived';
    const closedOn = closed ? addDays(assignedOn!, int(25, Math.min(55, age - 6))) : null;
    const outcome = closed ? pick(['won', 'won', 'partly_won', 'mediated', 'mediated', 'lost'] as const) : null;
    const recovered = !closed ? null : outcome === 'lost' ? 0 : Math.round(claimed * (outcome === 'won' ? 1 : outcome === 'partly_won' ? 0.6 : 0.8));
    aidRows.push({
      case_no: '', org_id: p.org_id, applicant_member_id: p.id, applicant_name: p.name,
      applicant_phone_enc: p.phone_enc, applicant_phone_hash: p.phone_hash, applicant_phone_last4: p.phone_last4,
      applicant_id_enc: p.id_number_enc, applicant_id_hash: p.id_number_hash, applicant_id_last4: p.id_number_last4,
      employer_id: p.employer_id, employer_name: p.employer_name, subject, claim: `${workers > 1 ? `${p.name}等${workers}名职工` : ''}${pick(claims[subject])}`,
      workers_involved: workers, amount_claimed_fen: claimed, status, applied_on: appliedOn, review_due: reviewDue,
      provider_id: provider?.id ?? null, assigned_on: assignedOn, letter_no: null as string | null,
      refusal_reason: status === 'refused' ? pick(['申请事项已超过仲裁时效，且无中止、中断情形', '申请人经济状况不符合职工法律援助条件', '所涉纠纷不属于劳动争议']) : null,
      refused_on: status === 'refused' ? calendar.addWorkingDays(appliedOn, int(2, 5)) : null,
      outcome, amount_recovered_fen: recovered, workers_benefited: closed ? (outcome === 'lost' ? 0 : workers) : null,
      closing_report: closed ? `${legalAidOutcomeLabels[outcome!]}。${outcome === 'lost' ? '已向受援人释明后续救济途径。' : `为职工挽回经济损失${fenToYuan(recovered)}元。`}` : null,
      closed_on: closedOn, archived_at: status === 'archived' ? new Date(`${addDays(closedOn!, 10)}T10:00:00+08:00`) : null,
    });
  }
  // numbers in order of application
  const byDate = aidRows.map((r, i) => ({ r, i })).sort((a, b) => (a.r.applied_on < b.r.applied_on ? -1 : a.r.applied_on > b.r.applied_on ? 1 : a.i - b.i));
  byDate.forEach(({ r }, n) => { r.case_no = `法援〔${year}〕${String(n + 1).padStart(4, '0')}号`; });
  const letters = byDate.filter(({ r }) => r.assigned_on).sort((a, b) => (a.r.assigned_on! < b.r.assigned_on! ? -1 : 1));
  letters.forEach(({ r }, n) => { r.letter_no = `法援委〔${year}〕${String(n + 1).padStart(4, '0')}号`; });
  const aids = await tx.insertInto('legal_aid_case').values(aidRows).returning(['id', 'status', 'applied_on', 'assigned_on', 'closed_on', 'provider_id', 'refused_on', 'refusal_reason', 'archived_at']).execute();

  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const stageRows: { case_id: number; kind: string; held_on: string; place: string | null; note: string | null }[] = [];
  const steps: { case_kind: 'legal_aid' | 'mediation'; case_id: number; step: string; actor_id: null; actor_name: string; at: Date; comment: string | null }[] = [];
  const at = (d: string, h = 10) => new Date(`${d}T${String(h).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00+08:00`);
  const staffName = '王丽华(staff)';
  aids.forEach((c, i) => {
    const r = aidRows[i];
    steps.push({ case_kind: 'legal_aid', case_id: c.id, step: '申请', actor_id: null, actor_name: staffName, at: at(c.applied_on, 9), comment: `受理法律援助申请，审查期限 ${r.review_due}` });
    if (c.refused_on) steps.push({ case_kind: 'legal_aid', case_id: c.id, step: '不予援助', actor_id: null, actor_name: staffName, at: at(c.refused_on, 15), comment: c.refusal_reason });
    if (c.assigned_on) {
      steps.push({ case_kind: 'legal_aid', case_id: c.id, step: '审查通过并指派', actor_id: null, actor_name: staffName, at: at(c.assigned_on, 11), comment: `指派${providerName.get(c.provider_id!)}承办，委派函 ${r.letter_no}` });
      const last = c.closed_on ?? today;
      const kinds = c.closed_on ? ['filing', 'arbitration_hearing', pick(['arbitration_award', 'settlement', 'judgment'])] : ['filing', 'investigation'];
      kinds.slice(0, c.closed_on ? 3 : int(0, 2)).forEach((kind, k) => {
        const held = addDays(c.assigned_on!, Math.min(k * 9 + int(2, 6), Math.max(0, Math.round((Date.parse(last) - Date.parse(c.assigned_on!)) / 86_400_000) - 1)));
        if (held > today) return;
        const place = kind === 'filing' || kind === 'investigation' ? null : pick(places);
        stageRows.push({ case_id: c.id, kind, held_on: held, place, note: null });
        steps.push({ case_kind: 'legal_aid', case_id: c.id, step: codeLabel('legal_stage', kind), actor_id: null, actor_name: staffName, at: at(held, 14), comment: [held, place].filter(Boolean).join('，') });
      });
    }
    if (c.closed_on) steps.push({ case_kind: 'legal_aid', case_id: c.id, step: '结案', actor_id: null, actor_name: staffName, at: at(c.closed_on, 16), comment: r.closing_report ?? null });
    if (c.archived_at) steps.push({ case_kind: 'legal_aid', case_id: c.id, step: '归档', actor_id: null, actor_name: staffName, at: c.archived_at, comment: null });
  });
  if (stageRows.length) await tx.insertInto('legal_aid_stage').values(stageRows).execute();

  // ---- mediation: 40 cases ----
  const medRows: (Insertable<MediationCaseTable> & { employer_contact: string | null; subject: string })[] = [];
  for (let i = 0; i < 40; i++) {
    const p = parties[200 + i * 4];
    // the last eight are open: accepted 2 … 17 days ago (13 → 即将到期, 17 → 已超期)
    const openAge = [2, 5, 8, 10, 13, 14, 17, 6][i - 32];
    const acceptedOn = i >= 32 ? addDays(today, -openAge) : addDays(yearStart, Math.floor((i / 32) * (span - 30)) + int(0, 5));
    const subject = pick(subjects);
    const count = rnd() < 0.2 ? int(2, 12) : 1;
    const claimed = int(5, 80) * 100_000 * Math.min(count, 6);
    const open = i >= 32;
    const status: MediationStatus = open ? (openAge >= 8 || i === 39 ? 'mediating' : 'accepted') : pick(['agreement', 'agreement', 'agreement', 'agreement', 'agreement', 'failed', 'failed', 'withdrawn'] as const);
    const mediator = open && openAge < 5 ? null : pick(activeProviders);
    const closedOn = open ? null : addDays(acceptedOn, int(3, 14));
    medRows.push({
      case_no: `调〔${year}〕${String(i + 1).padStart(4, '0')}号`, org_id: p.org_id, worker_member_id: p.id, worker_name: p.name,
      worker_phone_enc: p.phone_enc, worker_phone_hash: p.phone_hash, worker_phone_last4: p.phone_last4,
      worker_id_enc: p.id_number_enc, worker_id_hash: p.id_number_hash, worker_id_last4: p.id_number_last4,
      worker_count: count, employer_id: p.employer_id, employer_name: p.employer_name, employer_contact: pick(['人事部王经理', '办公室张主任', '财务科李科长', null]),
      subject, claim: pick(claims[subject]), amount_claimed_fen: claimed,
      mediator_provider_id: mediator?.id ?? null, mediator_name: mediator?.name ?? null, accepted_on: acceptedOn, status,
      agreement_terms: status === 'agreement' ? `用人单位于${addDays(closedOn!, 10)}前一次性支付${p.name}${count > 1 ? `等${count}人` : ''}${codeLabel('appeal_subject', subject)}款项，双方再无其他争议。` : null,
      agreement_amount_fen: status === 'agreement' ? Math.round(claimed * (0.6 + rnd() * 0.4) / 100) * 100 : null,
      failure_reason: status === 'failed' ? pick(['用人单位拒不到场调解', '双方对赔偿数额分歧较大，未能达成一致']) : null,
      closed_on: closedOn,
    });
  }
  const meds = await tx.insertInto('mediation_case').values(medRows).returning(['id', 'status', 'accepted_on', 'due_on', 'closed_on', 'mediator_name']).execute();
  const sessionRows: { case_id: number; held_on: string; place: string; attendees: string; note: string }[] = [];
  meds.forEach((c, i) => {
    const r = medRows[i];
    steps.push({ case_kind: 'mediation', case_id: c.id, step: '受理', actor_id: null, actor_name: staffName, at: at(c.accepted_on, 9), comment: `受理调解申请，调解期限至 ${c.due_on}` });
    if (c.mediator_name) steps.push({ case_kind: 'mediation', case_id: c.id, step: '确定调解员', actor_id: null, actor_name: staffName, at: at(addDays(c.accepted_on, 1), 10), comment: c.mediator_name });
    if (c.status !== 'accepted' && c.status !== 'withdrawn') {
      const last = c.closed_on ?? today;
      const n = c.closed_on ? int(1, 2) : 1;
      for (let k = 0; k < n; k++) {
        const held = addDays(c.accepted_on, Math.min(2 + k * 4, Math.max(1, Math.round((Date.parse(last) - Date.parse(c.accepted_on)) / 86_400_000))));
        if (held > today) continue;
        sessionRows.push({ case_id: c.id, held_on: held, place: pick(['县职工服务中心调解室', '镇总工会调解室', '企业会议室']), attendees: `${r.worker_name}、${r.employer_contact ?? '单位代表'}、调解员${c.mediator_name}`, note: k === 0 ? '听取双方陈述，释明法律规定' : '背靠背调解，缩小分歧' });
        steps.push({ case_kind: 'mediation', case_id: c.id, step: '调解', actor_id: null, actor_name: staffName, at: at(held, 14), comment: held });
      }
    }
    if (c.status === 'agreement') steps.push({ case_kind: 'mediation', case_id: c.id, step: '达成协议', actor_id: null, actor_name: staffName, at: at(c.closed_on!, 16), comment: `协议金额 ${fenToYuan(r.agreement_amount_fen)} 元` });
    if (c.status === 'failed') steps.push({ case_kind: 'mediation', case_id: c.id, step: '调解不成', actor_id: null, actor_name: staffName, at: at(c.closed_on!, 16), comment: `${r.failure_reason}；已告知当事人可依法申请劳动争议仲裁` });
    if (c.status === 'withdrawn') steps.push({ case_kind: 'mediation', case_id: c.id, step: '撤回', actor_id: null, actor_name: staffName, at: at(c.closed_on!, 16), comment: '用人单位已主动支付，申请人撤回申请' });
  });
  if (sessionRows.length) await tx.insertInto('mediation_session').values(sessionRows).execute();
  await tx.insertInto('legal_step').values(steps).execute();

  // numbering continues after the demo's cases
  await tx.insertInto('legal_case_counter').values([
    { kind: 'legal_aid', year, last_no: aidRows.length }, { kind: 'mediation', year, last_no: medRows.length }, { kind: 'letter', year, last_no: letters.length },
  ]).execute();

  // ---- 典型案例: ten concluded cases written up and anonymized ----
  const typicalRows = [];
  const closedAids = aids.map((c, i) => ({ c, r: aidRows[i] })).filter((x) => x.c.closed_on && x.r.outcome !== 'lost').slice(0, 6);
  for (const { c, r } of closedAids) {
    const subject = codeLabel('appeal_subject', r.subject);
    const body = `【基本案情】${r.applicant_name}${r.workers_involved > 1 ? `等${r.workers_involved}名职工` : ''}在${r.employer_name}工作，因${subject}问题${r.claim}。\n\n【办理过程】工会审查后指派律师承办，经仲裁、调解等程序依法维权。\n\n【处理结果】${legalAidOutcomeLabels[r.outcome!]}，为职工挽回经济损失${fenToYuan(r.amount_recovered_fen)}元。\n\n【典型意义】用人单位应依法足额支付劳动报酬，职工遇到${subject}问题可向工会申请法律援助。`;
    typicalRows.push({ org_id: r.org_id, title: `${subject}法律援助案`, category: r.subject, summary: `${subject}，挽回${fenToYuan(r.amount_recovered_fen)}元`, body: anonymize(body, [r.applicant_name], [r.employer_name ?? '']), source_kind: 'legal_aid' as const, source_id: c.id });
  }
  const agreed = meds.map((c, i) => ({ c, r: medRows[i] })).filter((x) => x.c.status === 'agreement').slice(0, 4);
  for (const { c, r } of agreed) {
    const subject = codeLabel('appeal_subject', r.subject);
    const body = `【基本案情】${r.worker_name}与${r.employer_name}因${subject}发生争议，${r.claim}。\n\n【调解过程】工会调解员组织双方调解，释法说理。\n\n【调解结果】${r.agreement_terms}\n\n【典型意义】工会调解在十五日内化解争议，节约了双方的维权成本。`;
    typicalRows.push({ org_id: r.org_id, title: `${subject}劳动争议调解案`, category: r.subject, summary: `${subject}争议，达成调解协议`, body: anonymize(body, [r.worker_name], [r.employer_name]), source_kind: 'mediation' as const, source_id: c.id });
  }
  await tx.insertInto('typical_case').values(typicalRows.map((row, i) => ({ ...row, published: i % 4 !== 3, published_at: i % 4 !== 3 ? new Date(`${today}T09:00:00+08:00`) : null }))).execute();

  // ---- 法治宣传: 20 events this year ----
  const townships = await tx.selectFrom('org').select(['id', 'name']).where('kind', '=', 'township').orderBy('id').execute();
  const eventRows = Array.from({ length: 20 }, (_, i) => {
    const [kind, topic] = eventTopics[i % eventTopics.length];
    const org = i % 3 === 0 ? { id: ctx.rootId, name: '县总工会' } : townships[i % Math.max(1, townships.length)] ?? { id: ctx.rootId, name: '县总工会' };
    const heldOn = addDays(yearStart, Math.floor((i / 20) * (span - 5)) + int(0, 4));
    return { org_id: org.id, held_on: heldOn, place: org.id === ctx.rootId ? pick(['县职工服务中心', '县文化广场', '县总工会会议室']) : `${org.name.replace('总工会', '')}文化广场`, topic, kind, attendance: int(30, 400) };
  });
  await tx.insertInto('legal_event').values(eventRows).execute();

  return { providers: providers.length, legalAid: aids.length, mediation: meds.length, typical: typicalRows.length, events: eventRows.length };
}
