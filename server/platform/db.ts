import { readdir, readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB } from './db-types.js';

// int8 ids and counts fit in a JS number for any deployment we plan (< 2^53);
// dates stay 'YYYY-MM-DD' strings so no time zone can shift a business date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the root handle or a transaction: functions that only read or write take this. */
export type Queryable = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  pool: pg.Pool;
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; when absent, the embedded PGlite is used */
  url?: string;
  /** PGlite data directory; absent = in memory */
  dataDir?: string;
  /** PGlite: start from a dump made by dumpDataDir (fast fresh databases for tests) */
  loadDataDir?: Blob | File;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: Number(process.env.DB_POOL_SIZE ?? 10) });
    // an idle connection dropped by the server (restart, timeout) must not end the process;
    // the pool replaces it on the next query
    pool.on('error', (err) => console.error('数据库空闲连接中断：', err.message));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  const pglite = new PGlite(opts.dataDir ?? 'memory://', {
    extensions: { ltree, pg_trgm },
    loadDataDir: opts.loadDataDir,
  });
  await pglite.waitReady;
  // PGlite is one connection: a pool of one serializes transactions instead of interleaving them.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool,
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsDir = path.resolve(here, '../db/migrations');

/** Applies the numbered SQL files not yet applied, each in its own transaction. */
export async function migrate(db: Db): Promise<string[]> {
  await sql`create table if not exists schema_migration (
    version text primary key, applied_at timestamptz not null default now())`.execute(db);
  const done = new Set(
    (await sql<{ version: string }>`select version from schema_migration`.execute(db)).rows.map((r) => r.version),
  );
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const text = await readFile(path.join(migrationsDir, file), 'utf8');
    await db.transaction().execute(async (tx) => {
      await sql.raw(text).execute(tx);
      await sql`insert into schema_migration (version) values (${file})`.execute(tx);
    });
    applied.push(file);
  }
  return applied;
}

export function dataDirExists(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}
