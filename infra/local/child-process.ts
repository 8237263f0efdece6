import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A service running as a child process of the local runtime. */
export interface ChildService {
  name: string;
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a TCP port accepts connections. */
export async function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a child process and waits until `ready()` says yes. The child dies
 * with us: it is killed on `stop()` and when this process exits.
 */
export async function startChildService(options: {
  name: string;
  command: string;
  args: string[];
  endpoint: string;
  ready: () => Promise<boolean>;
  timeoutMs?: number;
  cwd?: string;
}): Promise<ChildService> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so Ctrl-C in a terminal reaches us first and we
    // stop it in order rather than racing the signal.
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  child.once('error', (error) => {
    output += `\n${error.message}`;
    exited = true;
  });
  const killOnExit = () => {
    if (!exited) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 3000);
    await exitedPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`${options.name} exited while starting: ${output.trim().split('\n').slice(-3).join(' | ')}`);
    }
    if (await options.ready().catch(() => false)) {
      return { name: options.name, endpoint: options.endpoint, process: child, stop };
    }
    await sleep(150);
  }
  await stop();
  throw new Error(`${options.name} did not become ready within ${options.timeoutMs ?? 30_000} ms`);
}
