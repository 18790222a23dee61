import path from 'node:path';
import { openDatabase, migrate, dataDirExists } from './platform/db.js';
import { createFieldCrypto, resolveSecret } from './platform/crypto.js';
import { createInitialAdministrators, isEmpty, syncBuiltinRoles } from './platform/bootstrap.js';
import { failInterruptedJobs } from './platform/jobs.js';
import { buildApp } from './app.js';

// Start-up: open the database (PGlite in ./data unless DATABASE_URL), migrate, seed on first
// start, serve the API and the built console.
const noDemo = process.argv.includes('--no-demo') || process.env.GONGHUI_NO_DEMO === '1';
const url = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

const fresh = !url && !dataDirExists(dataDir);
console.log(url ? `数据库：PostgreSQL (${new URL(url).host}${new URL(url).pathname})` : `数据库：内置 PGlite，数据目录 ${dataDir}${fresh ? '（首次启动，正在创建）' : ''}`);
const database = await openDatabase(url ? { url } : { dataDir });
const fieldCrypto = createFieldCrypto(resolveSecret({ dataDir, embedded: !url }));
const applied = await migrate(database.db);
if (applied.length) console.log(`已执行数据库迁移：${applied.join(', ')}`);
await syncBuiltinRoles(database.db);
const interrupted = await failInterruptedJobs(database.db);
if (interrupted) console.log(`上次运行中断的后台任务 ${interrupted} 个，已标记为失败`);

if (await isEmpty(database.db)) {
  if (noDemo) {
    const admins = await createInitialAdministrators(database.db, process.env.GONGHUI_ROOT_NAME ?? '县总工会');
    console.log('\n已创建空白系统与三员管理员账号。初始密码只显示这一次，首次登录须修改：');
    for (const a of admins) console.log(`  ${a.username.padEnd(10)} ${a.password}  (${a.role})`);
  } else {
    const started = Date.now();
    console.log('正在生成演示县（广饶县总工会）数据…');
    // loaded only here: faker and the name lists are not needed on an ordinary start
    const { seedDemo } = await import('../scripts/seed-demo.js');
    const summary = await seedDemo(database.db, fieldCrypto, { seed: 20261124 });
    console.log(`演示数据已生成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：${summary}`);
  }
}

const app = await buildApp({
  db: database.db,
  fieldCrypto,
  logger: process.env.LOG_LEVEL !== 'silent',
  databaseKind: database.kind,
  database,
  loginRateLimit: Number(process.env.LOGIN_RATE_LIMIT ?? 20),
});
const shutdown = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ port, host });
console.log(`\n工会工作平台已启动：http://localhost:${port}    API 文档：http://localhost:${port}/api/docs`);
const deployment = await database.db.selectFrom('setting').select('value').where('key', '=', 'deployment').executeTakeFirst();
if ((deployment?.value as { demo?: boolean } | undefined)?.demo) {
  const { demoAccounts } = await import('../scripts/seed-demo.js');
  console.log('演示账号（仅用于演示环境）：');
  for (const a of demoAccounts) console.log(`  ${a.username.padEnd(12)} ${a.password.padEnd(16)} ${a.label}`);
}
