/**
 * The `cchc` command: one dispatcher, one module per sub-command. Each
 * sub-command exports `run(argv, io)` and returns an exit code.
 */
import type { CommandIo } from './io';
import { processIo, CliError } from './io';

type Command = { summary: string; load: () => Promise<{ run(argv: string[], io: CommandIo): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  start: { summary: 'run the whole pipeline locally (what npm start runs)', load: () => import('./start') },
  extract: { summary: 'extract items from a fetched page or feed, offline', load: () => import('./extract') },
  collect: { summary: 'run one collection cycle on the local store (--once)', load: () => import('./collect') },
  classify: { summary: 'classify news items (JSON Lines on stdin)', load: () => import('./classify') },
  reclassify: { summary: 'label again the stories of an older classifier version', load: () => import('./reclassify') },
  label: { summary: "correct a story's relevance and areas by hand", load: () => import('./label') },
  'export-labels': { summary: 'write every human-labelled story in the dev-set format', load: () => import('./export-labels') },
  token: { summary: 'issue, list or revoke API tokens for integrations (local)', load: () => import('./token') },
  digest: { summary: "render (and with --send e-mail) an ISO week's digest", load: () => import('./digest') },
  reminders: { summary: 'send the quarterly reminders that are due, once each, into the local outbox', load: () => import('./reminders') },
  compliance: { summary: 'quarterly submissions per agency: a quarter, half-year or year (json, csv, xlsx)', load: () => import('./compliance') },
  config: { summary: 'export the table\'s agencies and sources as a configuration file, or import one (diff, --dry-run)', load: () => import('./config') },
};

const USAGE = `usage: cchc <command> [options]\n\ncommands:\n${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(14)} ${command.summary}`)
  .join('\n')}\n\nRun "cchc <command> --help" for a command's options.\n`;

async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`cchc: unknown command "${name}" (try "cchc --help")\n`);
    return 2;
  }
  const module = await command.load();
  return module.run(rest, io);
}

const io = processIo();
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof CliError ? error.message : `unexpected error: ${(error as Error)?.message ?? error}`;
    io.stderr(`cchc: ${message.split('\n')[0]}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  },
);
