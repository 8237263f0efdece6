/** Where a command writes; tests pass their own to capture output in-process. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard input as text (UTF-8), read on demand. */
  readStdin(): Promise<string>;
  /** Whether stderr is a terminal (progress bars only then). */
  isTty: boolean;
}

/** A bad invocation or unusable input: printed as one line, exit code 2 unless given. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** The real process's streams. */
export function processIo(): CommandIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTty: Boolean(process.stderr.isTTY),
  };
}
