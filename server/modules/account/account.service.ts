import type { Db } from '../../platform/db.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/passwords.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { SecuritySettings } from '../../platform/settings.js';
import { audit, orgPathOf, type Actor } from '../../platform/audit.js';
import { destroyUserSessions } from '../../platform/sessions.js';

// Verifying against a fixed hash when the user does not exist keeps the answer time the same,
// so response times do not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; error: AppError };

export async function checkLogin(
  db: Db,
  username: string,
  password: string,
  settings: SecuritySettings,
  meta: { ip?: string; userAgent?: string },
): Promise<LoginResult> {
  const user = await db.selectFrom('app_user').selectAll().where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
  const log = (success: boolean, reason: string | null, userId: number | null = user?.id ?? null) =>
    db.insertInto('login_log').values({ username: username.slice(0, 60), user_id: userId, org_id: user?.org_id ?? null, org_path: orgPathOf(user?.org_id), ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null, success, reason }).execute();
  const wrong = new AppError(401, 'BAD_CREDENTIALS', '用户名或密码错误');

  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password-Aa1!');
    await verifyPassword(await dummyHash, password);
    await log(false, 'unknown_user', null);
    return { ok: false, error: wrong };
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await log(false, 'locked');
    const until = user.locked_until.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
    return { ok: false, error: new AppError(423, 'ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请于 ${until} 后重试`) };
  }
  if (user.status !== 'active') {
    await log(false, 'disabled');
    return { ok: false, error: new AppError(401, 'ACCOUNT_DISABLED', '账号已停用，请联系系统管理员') };
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= settings.lockoutThreshold;
    await db.updateTable('app_user').set({
      failed_logins: lock ? 0 : failures,
      locked_until: lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000) : user.locked_until,
    }).where('id', '=', user.id).execute();
    await log(false, lock ? 'bad_password_locked' : 'bad_password');
    if (lock) {
      return { ok: false, error: new AppError(423, 'ACCOUNT_LOCKED', `密码连续错误${settings.lockoutThreshold}次，账号已锁定${settings.lockoutMinutes}分钟`) };
    }
    return { ok: false, error: wrong };
  }
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', user.id).execute();
  await log(true, null);
  return { ok: true, userId: user.id };
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor & { id: number },
  input: { oldPassword: string; newPassword: string },
  keepSessionHash: string | undefined,
): Promise<void> {
  const user = await db.selectFrom('app_user').select(['id', 'username', 'password_hash', 'org_id']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.oldPassword))) throw fieldError('oldPassword', '原密码不正确');
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw fieldError('newPassword', problem);
  if (await verifyPassword(user.password_hash, input.newPassword)) throw fieldError('newPassword', '新密码不能与原密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('app_user').set({ password_hash: passwordHash, must_change_password: false, password_changed_at: new Date(), updated_at: new Date() }).where('id', '=', user.id).execute();
    await audit(tx, actor, { action: 'change_password', entity: 'user', entityId: user.id, orgId: user.org_id, summary: '修改本人密码' });
  });
  // other sessions of this account end: a changed password must lock out whoever had the old one
  await destroyUserSessions(db, user.id, keepSessionHash);
}
