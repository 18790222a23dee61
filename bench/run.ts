// `npm run bench`: runs every benchmark here, or those named on the command line
// (`npx tsx bench/run.ts member-import`). Each writes its figures to bench/results/<name>.json;
// none passes or fails on time.
const benchmarks: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  'member-import': () => import('./member-import.bench.js'),
  campaign: () => import('./campaign.bench.js'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !benchmarks[w]);
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${Object.keys(benchmarks).join(', ')})`);
  process.exit(2);
}
for (const [name, load] of Object.entries(benchmarks)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n== ${name}`);
  await (await load()).run();
}
// PGlite and the pg pools can leave handles open; the figures are written by now
process.exit(0);

export {};
