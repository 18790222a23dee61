import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, migrate } from '../platform/db.js';
import { seedFixture } from './fixture.js';

/**
 * Builds the migrated, seeded template once per run; every test file then starts from a copy:
 * a PGlite data-dir dump, or a PostgreSQL database created from a template database.
 */
export const templateDir = path.resolve('.tmp');

export default async function setup(project: TestProject) {
  const kind = project.name.endsWith('postgres') ? 'postgres' : 'pglite';
  await mkdir(templateDir, { recursive: true });
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is required for the postgres project');
    const name = `gonghui_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ url: target.toString() });
    await migrate(database.db);
    await seedFixture(database.db);
    await database.close();
    project.provide('dbTemplate', name);
    return async () => {
      // test databases made from the template are dropped by each file; the template last
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({});
  await migrate(database.db);
  await seedFixture(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  const file = path.join(templateDir, `pglite-template-${process.pid}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('dbTemplate', file);
  return async () => {
    await rm(file, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}
