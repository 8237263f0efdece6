import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { freePort, isPortOpen, startChildService, type ChildService } from './child-process';

/** Starts s3rver, an S3-compatible server on a local folder, as a child process. */
export async function startS3Local(options: { dataDir: string; port?: number }): Promise<ChildService> {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('s3rver/package.json')), 'bin', 's3rver.js');
  const port = options.port ?? (await freePort());
  if (await isPortOpen(port)) throw new Error(`port ${port} for the local S3 is already in use`);
  mkdirSync(options.dataDir, { recursive: true });
  return startChildService({
    name: 's3rver',
    command: process.execPath,
    args: [bin, '--directory', options.dataDir, '--address', '127.0.0.1', '--port', String(port), '--silent', '--no-vhost-buckets'],
    endpoint: `http://127.0.0.1:${port}`,
    ready: () => isPortOpen(port),
  });
}
