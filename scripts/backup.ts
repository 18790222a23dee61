import { copyFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, dataDirExists } from '../server/platform/db.js';

// Backs up the embedded database (the server must be stopped: PGlite is one process's).
// Writes FILE (the data directory as tar.gz) and FILE.key (the key for personal numbers).
const file = process.argv[2];
const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
if (!file) {
  console.error('用法：npm run backup -- <备份文件.tar.gz>');
  process.exit(2);
}
if (process.env.DATABASE_URL) {
  console.error('使用 PostgreSQL 时请用 pg_dump 备份（见 docs/operations.md）');
  process.exit(2);
}
if (!dataDirExists(dataDir)) {
  console.error(`数据目录 ${dataDir} 中没有数据库`);
  process.exit(2);
}
const database = await openDatabase({ dataDir });
const dump = await database.pglite!.dumpDataDir('gzip');
await writeFile(file, Buffer.from(await dump.arrayBuffer()));
await database.close();
const key = path.join(dataDir, 'secret.key');
if (existsSync(key)) await copyFile(key, `${file}.key`);
console.log(`已备份到 ${file}${existsSync(key) ? `，密钥 ${file}.key（请分开妥善保存）` : ''}`);
