import type { Db } from './db.js';
import { randomToken, sha256Hex } from './crypto.js';
import type { SecuritySettings } from './settings.js';
import type { SessionUser } from './access.js';

export const SESSION_COOKIE = 'gh_session';

/** Only the token's hash is stored, so a copy of the database cannot be used to sign in. */
export async function createSession(
  db: Db,
  userId: number,
  settings: SecuritySettings,
  meta: { ip?: string; userAgent?: string },
): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('user_session')
    .values({
      token_hash: sha256Hex(token),
      user_id: userId,
      expires_at: new Date(Date.now() + settings.absoluteTimeoutHours * 3600_000),
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export type SessionLookup =
  | { ok: true; user: SessionUser; tokenHash: string }
  | { ok: false; reason: 'missing' | 'expired' | 'idle' | 'disabled' };

export async function resolveSession(db: Db, token: string | undefined, settings: SecuritySettings): Promise<SessionLookup> {
  if (!token) return { ok: false, reason: 'missing' };
  const tokenHash = sha256Hex(token);
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.last_seen_at', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.org_id', 'u.status',
      'u.must_change_password', 'u.password_changed_at',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'missing' };
  const now = Date.now();
  const idleLimit = settings.idleTimeoutMinutes * 60_000;
  const reason =
    row.status !== 'active' ? 'disabled'
    : new Date(row.expires_at).getTime() <= now ? 'expired'
    : now - row.last_seen_at.getTime() > idleLimit ? 'idle'
    : null;
  if (reason) {
    await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
    return { ok: false, reason };
  }
  // refresh the idle clock, at most every 30 s to spare the database a write per request
  if (now - row.last_seen_at.getTime() > 30_000) {
    await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('token_hash', '=', tokenHash).execute();
  }
  return {
    ok: true,
    tokenHash,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      orgId: row.org_id,
      mustChangePassword: row.must_change_password,
      passwordChangedAt: row.password_changed_at,
    },
  };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', sha256Hex(token)).execute();
}

export async function destroyUserSessions(db: Db, userId: number, exceptTokenHash?: string): Promise<void> {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
  await q.execute();
}

export function passwordExpired(user: SessionUser, settings: SecuritySettings): boolean {
  return Date.now() - user.passwordChangedAt.getTime() > settings.passwordMaxAgeDays * 86400_000;
}
