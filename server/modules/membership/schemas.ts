import { z } from 'zod';
import { isRealDate } from '../../../lib/validators/id-number.js';

// zod schemas of the membership API. Personal numbers and credit codes are plain strings
// here: their validators (lib/validators) run in the services, with messages that name them.

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isRealDate, '不是有效的日期');
const text = (max: number, empty = '请填写') => z.string().trim().min(1, empty).max(max, `不能超过${max}个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish().transform((v) => (v ? v : null));
const count = z.number().int('应为整数').min(0, '不能为负数').max(10_000_000);
const id = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false']).optional();

// ---------------------------------------------------------------- 用人单位

export const employerBody = z.object({
  orgId: id,
  name: text(200, '请填写单位名称'),
  creditCode: z.string().max(40).nullish(),
  ownership: z.string().trim().min(1, '请选择所有制').max(40),
  industry: z.string().trim().min(1, '请选择所属行业').max(2),
  townshipCode: z.string().trim().regex(/^\d{9}(\d{3})?$/, '应为9位或12位乡镇(街道)代码').nullish(),
  address: optionalText(200),
  employeeCount: count.optional(),
  womenCount: count.optional(),
  migrantCount: count.optional(),
  dispatchedCount: count.optional(),
  platformCount: count.optional(),
  hasUnion: z.boolean().optional(),
  coveringUnionId: id.nullish(),
});

export const employerFilters = {
  q: z.string().trim().max(100).optional(),
  creditCode: z.string().trim().max(40).optional(),
  ownership: z.string().trim().max(40).optional(),
  industry: z.string().trim().max(2).optional(),
  township: id.optional(),
  coveringUnionId: id.optional(),
  hasUnion: flag,
  nonPublic: flag,
};

// ---------------------------------------------------------------- 工会档案

const person = z.object({ name: text(50, '请填写姓名'), position: optionalText(50) });
const people = z.array(person).max(200, '不能超过200人').default([]);

export const unionProfileBody = z.object({
  foundedOn: date.nullish(),
  chairName: optionalText(50),
  viceChairs: z.array(text(50, '请填写姓名')).max(20, '不能超过20人').default([]),
  committeeMembers: people,
  auditCommittee: people,
  womenCommittee: people,
  termStart: date.nullish(),
  termEnd: date.nullish(),
  jointKind: z.enum(['regional', 'sectoral']).nullish(),
});

// ---------------------------------------------------------------- 会员

export const memberBody = z.object({
  orgId: id,
  name: text(50, '请填写姓名'),
  idNumber: z.string().max(40),
  sex: z.enum(['M', 'F']).nullish(),
  phone: z.string().max(40).nullish(),
  ethnicity: z.string().trim().max(40).nullish(),
  education: z.string().trim().max(40).nullish(),
  politicalStatus: z.string().trim().max(40).nullish(),
  category: z.string().trim().max(40).optional(),
  employerId: id.nullish(),
  joinDate: date.nullish(),
});

export const memberStatusBody = z.object({
  status: z.enum(['withdrawn', 'deceased', 'active']),
  date,
  reason: optionalText(200),
});

export const memberFilters = {
  q: z.string().trim().max(50).optional(),
  orgId: id.optional(),
  employerId: id.optional(),
  category: z.string().trim().max(40).optional(),
  status: z.enum(['active', 'transferred_out', 'withdrawn', 'deceased']).optional(),
  sex: z.enum(['M', 'F']).optional(),
  ageFrom: z.coerce.number().int().min(0).max(150).optional(),
  ageTo: z.coerce.number().int().min(0).max(150).optional(),
};

// ---------------------------------------------------------------- 会员关系接转

export const transferStartBody = z.object({ toOrgId: id, reason: optionalText(200) });
export const transferAcceptBody = z.object({ employerId: id.nullish(), note: optionalText(200) });
export const transferRefuseBody = z.object({ reason: text(200, '请填写拒绝原因') });
export const transferCancelBody = z.object({ note: optionalText(200) });
export const transferFilters = {
  direction: z.enum(['incoming', 'outgoing']).optional(),
  status: z.enum(['pending', 'accepted', 'refused', 'cancelled']).optional(),
  q: z.string().trim().max(50).optional(),
};
