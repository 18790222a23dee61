import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import type { Client, TestContext } from '../../../test-support/test-app.js';

let seq = 100;
/** A member of the client's union (unionA for chairA/cadreA, unionB for cadreB): its id and ID number. */
export async function newMember(t: TestContext, client: Client, orgId: number, name = '王小明', birth = '1980-06-15') {
  const idNumber = makeIdNumber('370523', birth, (seq += 2) + 1);
  const res = await client.post('/api/members', { orgId, name, idNumber });
  if (res.status !== 201) throw new Error(`member: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.member.id as number, idNumber, name };
}

/** A household of three: worker (2,000 元/month), spouse (no income), a child entering college. */
export function application(memberId: number, overrides: Record<string, unknown> = {}) {
  return {
    memberId,
    health: 'chronic',
    workStatus: 'employed',
    hukou: 'urban',
    housing: 'rented',
    employerCondition: 'difficult',
    mainCause: 'illness',
    secondaryCause: 'schooling',
    situation: '配偶患尿毒症长期透析，子女今年考入大学。',
    bankName: '中国农业银行',
    bankAccount: '6228480012345678901',
    household: [
      { name: 'ignored', relation: 'self', incomeFen: 2_400_000, health: 'healthy', insurance: 'employee_medical', schoolStage: 'none' },
      { name: '李桂兰', relation: 'spouse', idNumber: makeIdNumber('370523', '1982-02-02', 22), incomeFen: 0, health: 'serious_illness', insurance: 'resident_medical', schoolStage: 'none' },
      { name: '王一帆', relation: 'child', birthDate: '2008-09-01', incomeFen: 0, health: 'healthy', insurance: 'resident_medical', schoolStage: 'college_entrant' },
    ],
    lines: [
      { direction: 'expense', item: 'medical', amountFen: 1_200_000, note: '透析自付' },
      { direction: 'income', item: 'subsidy', amountFen: 120_000 },
    ],
    ...overrides,
  };
}
