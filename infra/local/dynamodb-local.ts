import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { freePort, isPortOpen, startChildService, type ChildService } from './child-process';

/** Where the DynamoDB Local jar lives: shipped inside the amplify-dynamodb-simulator package. */
function emulatorFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/** Fails with one clear line when the machine has no usable Java. */
export function checkJava(): void {
  try {
    const out = execFileSync('java', ['-version'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString() ;
    void out;
  } catch {
    throw new Error('DynamoDB Local needs Java 17 or newer: install it (Debian: apt-get install openjdk-17-jre-headless) and retry');
  }
}

/**
 * Starts the official DynamoDB Local as a child process. `-sharedDb` makes
 * every client see the same tables whatever its region or credentials.
 */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number } = {}): Promise<ChildService> {
  checkJava();
  const port = options.port ?? (await freePort());
  if (await isPortOpen(port)) throw new Error(`port ${port} for DynamoDB Local is already in use`);
  const folder = emulatorFolder();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  return startChildService({
    name: 'DynamoDB Local',
    command: 'java',
    args: [
      '-Xmx1g',
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(folder, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
      '-port',
      String(port),
    ],
    cwd: folder,
    endpoint,
    ready: () => isPortOpen(port),
    timeoutMs: 60_000,
  });
}
