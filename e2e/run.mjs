// Starts a release server on a free port with its own SQLite file and the demo data, runs the
// browser tests against it, then stops it. Usage: SERVER_BIN=… STATIC_DIR=… node run.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = process.env.SERVER_BIN;
const staticDir = process.env.STATIC_DIR;
if (!bin || !staticDir) throw new Error('SERVER_BIN and STATIC_DIR must be set (make e2e does it)');

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'bailleur-e2e-'));
const env = {
  ...process.env,
  BAILLEUR_ADDR: `127.0.0.1:${port}`,
  BAILLEUR_DATA_DIR: dataDir,
  BAILLEUR_STATIC_DIR: staticDir,
  // The development setting: mails go to the outbox the tests read (R-SEC-1).
  BAILLEUR_MAIL_TRANSPORT: 'outbox',
  // Refused requests are part of the tests: keep the log to real errors.
  RUST_LOG: process.env.RUST_LOG ?? 'error',
};
delete env.BAILLEUR_DATABASE_URL;
for (const command of ['migrate', 'seed-demo']) {
  const result = spawnSync(bin, [command], { env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`bailleur ${command} failed`);
}
const server = spawn(bin, ['serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const baseUrl = `http://127.0.0.1:${port}`;
let code = 1;
try {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error('the server did not become ready in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const tests = spawnSync(process.execPath, ['--test', '--test-concurrency=1', 'tests/'], {
    env: { ...process.env, BASE_URL: baseUrl },
    stdio: 'inherit',
  });
  code = tests.status ?? 1;
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
