import { copyFile, readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, migrate } from '../server/platform/db.js';

// Restores an embedded-database backup into an empty DATA_DIR (the server stopped).
const file = process.argv[2];
const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
if (!file || !existsSync(file)) {
  console.error('用法：npm run restore -- <备份文件.tar.gz>');
  process.exit(2);
}
if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
  console.error(`数据目录 ${dataDir} 不是空的：请先移走它，再恢复`);
  process.exit(2);
}
const database = await openDatabase({ dataDir, loadDataDir: new Blob([await readFile(file)]) });
// a backup from an older version is brought up to date like any start
const applied = await migrate(database.db);
const orgs = await database.db.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
await database.close();
if (existsSync(`${file}.key`)) await copyFile(`${file}.key`, path.join(dataDir, 'secret.key'));
console.log(`已恢复到 ${dataDir}：${orgs.n} 个组织${applied.length ? `，并执行迁移 ${applied.join(', ')}` : ''}`);
