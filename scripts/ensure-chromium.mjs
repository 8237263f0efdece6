#!/usr/bin/env node
/**
 * Run by `npm test` before the tests: the browser tests need Debian's
 * Chromium at /usr/bin/chromium (playwright-core never downloads a browser).
 * Present: nothing to do. Missing, as root with apt-get: install it.
 * Otherwise: fail, naming the command — browser tests never skip silently.
 * Plain Node, no dependencies.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return null;
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.error) fail(`ensure-chromium: ${command} ${args.join(' ')} failed: ${result.error.message}`);
  if (result.status !== 0) fail(`ensure-chromium: \`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal}; install Chromium yourself: ${INSTALL_HINT}`);
}

if (isExecutable(CHROMIUM)) process.exit(0);

const aptGet = findOnPath('apt-get');
if (process.getuid?.() === 0 && aptGet) {
  process.stdout.write(`Chưa có Chromium cho kiểm thử trình duyệt — đang cài bằng apt-get / Chromium is missing for the browser tests — installing it with apt-get.\n`);
  run(aptGet, ['update']);
  run(aptGet, ['install', '-y', '--no-install-recommends', 'chromium']);
  if (!isExecutable(CHROMIUM)) fail(`ensure-chromium: apt-get installed chromium but ${CHROMIUM} ${existsSync(CHROMIUM) ? 'is not executable' : 'is still missing'}; run: ${INSTALL_HINT}`);
  process.exit(0);
}

fail(
  `Browser tests need Chromium at ${CHROMIUM} (Kiểm thử trình duyệt cần Chromium tại ${CHROMIUM}); run: ${INSTALL_HINT}`,
);
