import { z } from 'zod';
import { isRealDate } from '../../../lib/validators/id-number.js';

// zod schemas of the hardship API; messages in Chinese. Codes are checked against the code
// tables in the service (assertCode), ID numbers by lib/validators in the service.

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isRealDate, '不是有效的日期');
export const text = (max: number, empty = '请填写') => z.string().trim().min(1, empty).max(max, `不能超过${max}个字`);
export const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish().transform((v) => (v ? v : null));
const id = z.coerce.number().int().positive();
const code = z.string().trim().min(1, '请选择').max(40);
/** yearly amounts in fen: whole fen, at most 1 亿元 */
export const fen = z.number().int('金额应为整数（分）').min(0, '金额不能为负数').max(10_000_000_000, '金额过大');

export const householdMemberBody = z.object({
  /** a stored row: its ID number is kept when idNumber is left empty */
  id: z.number().int().positive().optional(),
  name: text(50, '请填写姓名'),
  relation: code,
  idNumber: z.string().trim().max(30).nullish(),
  birthDate: date.nullish(),
  incomeFen: fen.default(0),
  health: code.default('healthy'),
  insurance: code.default('none'),
  schoolStage: code.default('none'),
  occupation: optionalText(50),
});

export const financeLineBody = z.object({
  direction: z.enum(['income', 'expense', 'hardship_cost']),
  item: code,
  amountFen: fen,
  note: optionalText(200),
});

export const archiveFields = {
  ethnicity: z.string().trim().max(4).nullish(),
  health: code.default('healthy'),
  disability: code.default('none'),
  workStatus: code.default('employed'),
  hukou: code.default('urban'),
  housing: code.default('own'),
  employerName: optionalText(200),
  employerCondition: code.default('normal'),
  modelWorker: z.boolean().default(false),
  address: optionalText(200),
  mainCause: code,
  secondaryCause: z.string().trim().max(40).nullish().transform((v) => (v ? v : null)),
  situation: optionalText(2000),
  bankName: optionalText(50),
  bankAccount: z.string().trim().regex(/^\d{8,30}$/, '银行账号应为8至30位数字').nullish().or(z.literal('').transform(() => null)),
  household: z.array(householdMemberBody).max(20, '家庭成员不能超过20人').default([]),
  lines: z.array(financeLineBody).max(50).default([]),
};

export const createArchiveBody = z.object({
  memberId: id,
  ...archiveFields,
  /** false: save a draft; true: file the application (status applied) */
  submit: z.boolean().default(false),
});

export const updateArchiveBody = z.object(archiveFields);

export const commentBody = z.object({ comment: optionalText(1000) });
export const reasonBody = z.object({ reason: text(1000, '请填写理由') });
export const visitBody = z.object({
  visitDate: date,
  visitors: text(200, '请填写核查人员'),
  findings: text(2000, '请填写核查情况'),
  conclusion: z.enum(['confirmed', 'discrepancy']),
  comment: optionalText(1000),
});

export const yearlyReviewBody = z.object({ ...archiveFields, comment: optionalText(1000) });

export const handleObjectionBody = z.object({ note: text(1000, '请填写处理意见') });

export const objectionParams = z.object({ id: id, objectionId: id });
export const fileParams = z.object({ id: id, fileId: id });

export const publicObjectionBody = z.object({
  content: text(1000, '请填写异议内容'),
  contact: z.string().trim().max(50, '联系方式不能超过50个字').nullish().transform((v) => (v ? v : null)),
});

export const dibaoBody = z.object({
  lines: z.record(z.string().regex(/^20\d{2}$/, '年份应为四位数字'), z.number().int('应为整数（分）').min(10_000, '低保标准过低').max(1_000_000, '低保标准过高')),
});

export const levelPreviewBody = z.object({
  household: z.array(z.object({ incomeFen: fen })).min(1, '至少一名家庭成员').max(20),
  lines: z.array(z.object({ direction: z.enum(['income', 'expense', 'hardship_cost']), amountFen: fen })).max(50).default([]),
});

export const archiveFilters = {
  q: z.string().trim().max(50).optional(),
  status: z.string().trim().max(20).optional(),
  level: z.enum(['deep', 'relative', 'accidental', 'none']).optional(),
  orgId: id.optional(),
  cause: z.string().trim().max(40).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  memberId: id.optional(),
};

export const followupFilters = {
  kind: z.enum(['due', 'stale', 'never_assisted']).default('due'),
  orgId: id.optional(),
  q: z.string().trim().max(50).optional(),
};
