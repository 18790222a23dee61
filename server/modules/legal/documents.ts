import { fenToYuan } from '../../../lib/legal.js';
import { codeLabel } from '../../../lib/code-tables.js';
import type { Db } from '../../platform/db.js';
import { conflict } from '../../platform/errors.js';
import { renderPdf } from '../../platform/pdf.js';
import type { ScopePaths } from '../../platform/scope.js';
import { legalAidInScopeOrThrow, mediationInScopeOrThrow } from './cases.service.js';
import { issuingFederation } from './legal-aid.service.js';

/** 2026-11-24 → 2026年11月24日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 法律援助委派函: the letter that sends the provider to the applicant's case. */
export async function assignmentLetterPdf(db: Db, scope: ScopePaths, id: number) {
  const c = await legalAidInScopeOrThrow(db, scope, id);
  if (!c.provider_id || !c.letter_no || !c.assigned_on) throw conflict('案件尚未指派承办人，没有委派函');
  const provider = await db.selectFrom('legal_provider').select(['name', 'kind', 'firm', 'license_no']).where('id', '=', c.provider_id).executeTakeFirstOrThrow();
  const federation = await issuingFederation(db, c.org_id);
  const addressee = provider.kind === 'lawyer' ? `${provider.firm ?? ''}${provider.name}律师` : `${provider.name}同志`;
  const subject = codeLabel('appeal_subject', c.subject);
  const pdf = await renderPdf({
    title: `法律援助委派函 ${c.letter_no}`,
    author: federation,
    blocks: [
      { kind: 'title', text: '法律援助委派函' },
      { kind: 'right', text: c.letter_no },
      { kind: 'paragraph', text: `${addressee}：` },
      {
        kind: 'paragraph', indent: true,
        text: `申请人${c.applicant_name}${c.employer_name ? `与${c.employer_name}` : ''}${subject}一案，于${chineseDate(c.applied_on)}向本会申请法律援助。经审查，申请人符合职工法律援助条件，本会决定给予法律援助，现委派你承办该案，请依法维护受援职工的合法权益，并在结案后向本会报送结案报告。`,
      },
      {
        kind: 'fields', rows: [
          ['案号', c.case_no],
          ['受援人', c.applicant_name],
          ['用人单位', c.employer_name ?? ''],
          ['案由', subject],
          ['援助事项', c.claim],
          ['涉及职工', `${c.workers_involved}人`],
          ...(c.amount_claimed_fen != null ? [['请求金额', `${fenToYuan(c.amount_claimed_fen)}元`] as const] : []),
          ['承办人', `${provider.name}（${provider.kind === 'lawyer' ? `律师，执业证号${provider.license_no ?? ''}` : '法律援助志愿者'}）`],
        ],
      },
      { kind: 'paragraph', indent: true, text: '特此函告。' },
      { kind: 'signature', lines: [federation, chineseDate(c.assigned_on)] },
    ],
  });
  return { pdf, filename: `委派函-${c.case_no}.pdf` };
}

/** 不予法律援助通知书: the written refusal with its reason. */
export async function refusalNoticePdf(db: Db, scope: ScopePaths, id: number) {
  const c = await legalAidInScopeOrThrow(db, scope, id);
  if (!c.refusal_reason || !c.refused_on) throw conflict('案件没有不予援助决定');
  const federation = await issuingFederation(db, c.org_id);
  const pdf = await renderPdf({
    title: `不予法律援助通知书 ${c.case_no}`,
    author: federation,
    blocks: [
      { kind: 'title', text: '不予法律援助通知书' },
      { kind: 'right', text: c.case_no },
      { kind: 'paragraph', text: `${c.applicant_name}：` },
      { kind: 'paragraph', indent: true, text: `你于${chineseDate(c.applied_on)}提出的法律援助申请（${c.claim}），经审查，本会决定不予法律援助。理由如下：${c.refusal_reason}` },
      { kind: 'paragraph', indent: true, text: '如对本决定有异议，可以向本会提出复核；你也可以通过劳动争议调解、仲裁或诉讼等途径依法维护自身权益。' },
      { kind: 'signature', lines: [federation, chineseDate(c.refused_on)] },
    ],
  });
  return { pdf, filename: `不予援助通知书-${c.case_no}.pdf` };
}

/** 调解协议书: the parties, the dispute and the terms agreed. */
export async function agreementPdf(db: Db, scope: ScopePaths, id: number) {
  const c = await mediationInScopeOrThrow(db, scope, id);
  if (c.status !== 'agreement' || !c.agreement_terms || !c.closed_on) throw conflict('案件未达成调解协议');
  const federation = await issuingFederation(db, c.org_id);
  const org = await db.selectFrom('org').select('name').where('id', '=', c.org_id).executeTakeFirstOrThrow();
  const pdf = await renderPdf({
    title: `调解协议书 ${c.case_no}`,
    author: federation,
    blocks: [
      { kind: 'title', text: '劳动争议调解协议书' },
      { kind: 'right', text: c.case_no },
      {
        kind: 'fields', rows: [
          ['申请人（职工方）', `${c.worker_name}${c.worker_count > 1 ? `等${c.worker_count}人` : ''}`],
          ['被申请人（用人单位）', c.employer_name],
          ...(c.employer_contact ? [['单位代表', c.employer_contact] as const] : []),
          ['调解组织', org.name],
          ['调解员', c.mediator_name ?? ''],
          ['受理日期', chineseDate(c.accepted_on)],
        ],
      },
      { kind: 'paragraph', bold: true, text: '争议事项' },
      { kind: 'paragraph', indent: true, text: `${codeLabel('appeal_subject', c.subject)}：${c.claim}` },
      { kind: 'paragraph', bold: true, text: '经调解，双方自愿达成如下协议' },
      { kind: 'paragraph', indent: true, text: c.agreement_terms },
      { kind: 'paragraph', indent: true, text: `协议金额：人民币${fenToYuan(c.agreement_amount_fen)}元。` },
      { kind: 'paragraph', indent: true, text: '本协议自双方当事人签名或者盖章、经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，当事人应当履行（《中华人民共和国劳动争议调解仲裁法》第十四条）。本协议一式三份，双方当事人和调解组织各执一份。' },
      { kind: 'space', lines: 1 },
      { kind: 'paragraph', text: '申请人（签名）：                    被申请人（盖章）：' },
      { kind: 'paragraph', text: '调解员（签名）：' },
      { kind: 'signature', lines: [`${org.name}（印章）`, chineseDate(c.closed_on)] },
    ],
  });
  return { pdf, filename: `调解协议书-${c.case_no}.pdf` };
}
