import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../platform/db.js';
import { createFieldCrypto } from '../platform/crypto.js';
import { CSRF_HEADER, CSRF_VALUE, type App } from '../platform/http.js';
import { buildApp } from '../app.js';
import { FIXTURE_PASSWORD, fixtureOrgIds, type FixtureOrg, type FixtureUser } from './fixture.js';

export const testDbKind = (process.env.GONGHUI_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

export interface TestContext {
  app: App;
  database: Database;
  orgs: Record<FixtureOrg, number>;
  /** Signs in as a fixture account and returns a client bound to its session cookie. */
  as(user: FixtureUser | string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Response<T = any> { status: number; body: T; headers: Record<string, unknown>; raw: string }

export interface Client {
  cookie: string;
  get<T = any>(url: string, headers?: Record<string, string>): Promise<Response<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  put<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  delete<T = any>(url: string): Promise<Response<T>>;
  request<T = any>(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
}

/** A fresh database (copied from the run's template) and the real app over it. */
export async function createTestContext(opts: { loginRateLimit?: number } = {}): Promise<TestContext> {
  const template = inject('dbTemplate');
  let dropDb: (() => Promise<void>) | null = null;
  let database: Database;
  if (testDbKind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `gonghui_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    database = await openDatabase({ url: target.toString() });
    dropDb = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dump = await readFile(template);
    database = await openDatabase({ loadDataDir: new Blob([dump]) });
  }
  const fieldCrypto = createFieldCrypto('test-secret-0123456789abcdef');
  const app = await buildApp({ db: database.db, fieldCrypto, loginRateLimit: opts.loginRateLimit ?? 1000, databaseKind: database.kind, database, webDir: '/nonexistent' });
  await app.ready();
  const orgs = await fixtureOrgIds(database.db);

  const client = (cookie: string): Client => {
    const request = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { ...(method === 'GET' ? {} : { [CSRF_HEADER]: CSRF_VALUE }), ...(cookie ? { cookie } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      let parsed: unknown = res.body;
      if (String(res.headers['content-type'] ?? '').includes('json')) parsed = res.json();
      return { status: res.statusCode, body: parsed as any, headers: res.headers, raw: res.body };
    };
    return {
      cookie,
      request,
      get: (url, headers) => request('GET', url, undefined, headers),
      post: (url, body, headers) => request('POST', url, body ?? {}, headers),
      patch: (url, body) => request('PATCH', url, body ?? {}),
      put: (url, body) => request('PUT', url, body ?? {}),
      delete: (url) => request('DELETE', url),
    };
  };

  return {
    app,
    database,
    orgs,
    anonymous: client(''),
    async as(user, password = FIXTURE_PASSWORD) {
      const res = await client('').post('/api/auth/login', { username: user, password });
      if (res.status !== 200) throw new Error(`login ${user} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const setCookie = String(res.headers['set-cookie']);
      return client(setCookie.split(';')[0]);
    },
    async close() {
      await app.close();
      await database.close();
      if (dropDb) await dropDb();
    },
  };
}
