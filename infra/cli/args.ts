import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, type CommandIo } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'];

/**
 * Parses a sub-command's options strictly; `--help` prints the usage line
 * and yields null (the command then exits 0); a bad option is a one-line
 * CliError that repeats the usage.
 */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O, usage: string, io: CommandIo): Values<O> | null {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message} (${usage.trim()})`);
  }
  if (values.help) {
    io.stdout(usage);
    return null;
  }
  return values as Values<O>;
}
