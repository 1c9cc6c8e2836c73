#!/usr/bin/env node
// Builds the static export and runs the Playwright e2e tests in Debian's Chromium against it.
//   node scripts/e2e.mjs [--no-build] [playwright test args...]
// CHROMIUM_PATH picks the browser (default /usr/bin/chromium); nothing is ever downloaded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const passThrough = args.filter((a) => a !== '--no-build');

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: no Chromium at ${chromium}; install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  process.exit(1);
}

/** A tool installed in node_modules/.bin (run directly: faster than npx, and without npm's config warnings). */
function bin(name) {
  return path.join('node_modules', '.bin', name);
}

function run(cmd, cmdArgs) {
  console.log(`$ ${[cmd, ...cmdArgs].join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (!noBuild) {
  const status = run(bin('next'), ['build']);
  if (status !== 0) process.exit(status);
} else if (!existsSync('out/index.html')) {
  console.error('e2e: out/ has no build; run without --no-build');
  process.exit(1);
}

process.exit(run(bin('playwright'), ['test', ...passThrough]));
