import { z } from 'zod';
import { isRealDate } from '../../../lib/validators/id-number.js';

// zod schemas of the appeals API. Codes are checked against the code tables in the service
// (the administrator may have added local items); phones and ID numbers by lib/validators.

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isRealDate, '不是有效的日期');
const id = z.coerce.number().int().positive();
const code = (empty: string) => z.string().trim().min(1, empty).max(40);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish().transform((v) => (v ? v : null));

export const intakeBody = z.object({
  orgId: id,
  channel: code('请选择受理渠道'),
  type: code('请选择诉求类型'),
  subject: code('请选择诉求事项'),
  tier: code('请选择办理难度'),
  workersAffected: z.number().int('应为整数').min(1, '至少1人').max(100000, '不能超过100000人').default(1),
  amountFen: z.number().int('应为整数（分）').min(0, '不能为负数').max(100_000_000_000, '金额过大').nullish(),
  employerId: id.nullish(),
  employerName: optionalText(200),
  memberId: id.nullish(),
  workerName: optionalText(50),
  phone: z.string().max(40).nullish(),
  idNumber: z.string().max(40).nullish(),
  content: z.string().trim().min(1, '请填写诉求内容').max(5000, '不能超过5000个字'),
});

const comment = optionalText(2000);

export const assignBody = z.object({ orgId: id, assigneeId: id.nullish(), comment });
export const commentBody = z.object({ comment });
export const requiredCommentBody = z.object({ comment: z.string().trim().min(1, '请填写').max(2000, '不能超过2000个字') });
export const replyBody = z.object({ reply: z.string().trim().min(1, '请填写答复内容').max(5000, '不能超过5000个字') });
export const visitBody = z.object({ satisfaction: z.enum(['satisfied', 'basically', 'dissatisfied'], '请选择满意度'), comment });
export const superviseBody = z.object({ comment: z.string().trim().min(1, '请填写督办意见').max(1000, '不能超过1000个字'), deadline: date });
export const transferBody = z.object({
  kind: z.enum(['legal_aid', 'mediation', 'hardship'], '请选择转办类型'),
  memberId: id.nullish(),
  mainCause: z.string().trim().max(40).nullish(),
  comment,
});
export const revealBody = z.object({ field: z.enum(['phone', 'id_number']) });

const flag = z.enum(['true', 'false']).optional();
export const ticketFilters = {
  status: z.enum(['accepted', 'assigned', 'handling', 'replied', 'visited', 'closed', 'returned', 'transferred', 'open']).optional(),
  type: z.string().trim().max(40).optional(),
  subject: z.string().trim().max(40).optional(),
  tier: z.string().trim().max(40).optional(),
  channel: z.string().trim().max(40).optional(),
  orgId: id.optional(),
  timeStatus: z.enum(['normal', 'due_soon', 'overdue']).optional(),
  supervised: flag,
  warning: flag,
  memberId: id.optional(),
  employerId: id.optional(),
  from: date.optional(),
  to: date.optional(),
  q: z.string().trim().max(100).optional(),
};

export const warningFilters = {
  open: flag,
};

export const figuresQuery = z.object({
  orgId: id.optional(),
  from: date.optional(),
  to: date.optional(),
  topEmployers: z.coerce.number().int().min(1).max(50).optional(),
});

export const ackBody = z.object({ note: optionalText(1000) });
