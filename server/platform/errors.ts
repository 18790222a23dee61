import { fieldLabel } from '../../lib/i18n/zh-cn.js';

/** The one error shape of the API: { error: { code, message, fields? } }. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

/** A bad value in one field: the message names the field in Chinese. */
export function fieldError(field: string, reason: string): AppError {
  const text = namedReason(field, reason);
  return new AppError(400, 'VALIDATION', text, { [field]: text });
}

// "身份证号：校验位错误", but a reason that names the field already ("身份证号校验位错误",
// "性别与身份证号不符") is kept as it is
function namedReason(field: string, reason: string): string {
  const label = fieldLabel(field);
  return reason.includes(label) ? reason : `${label}：${reason}`;
}

export function fieldErrors(fields: Record<string, string>): AppError {
  const named = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, namedReason(k, v)]));
  return new AppError(400, 'VALIDATION', Object.values(named).join('；'), named);
}

// 404 for both "missing" and "outside your scope": a record in another subtree must not be
// distinguishable from one that does not exist.
export const notFound = (what = '记录') => new AppError(404, 'NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
export const forbidden = (message = '没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message);
export const conflict = (message: string, fields?: Record<string, string>) => new AppError(409, 'CONFLICT', message, fields);
