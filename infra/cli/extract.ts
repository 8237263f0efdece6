/**
 * `cchc extract`: the extractor on one saved body, offline and
 * deterministic. It prints what the collector would store, one JSON line per
 * item, and is how a source's selectors are tried before they go live.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig, parseSource, readJsonFile } from '../../shared/config/load';
import type { Source } from '../../shared/config/schema';
import { discoverFeedUrlFromBody, extractAuto, extractItems, ExtractError } from '../../shared/extract/extract';
import type { ExtractedItem } from '../../shared/extract/types';
import { parseVietnameseDate } from '../../shared/text/dates';
import { CliError, type CommandIo } from './io';

const USAGE =
  'usage: cchc extract --source FILE --file BODY [--url URL] [--content-type CT] [--feed-file FEED] [--now ISO] [--source-id ID]\n';

const OPTIONS = {
  source: { type: 'string' },
  file: { type: 'string' },
  url: { type: 'string' },
  'content-type': { type: 'string' },
  'feed-file': { type: 'string' },
  now: { type: 'string' },
  'source-id': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type ParseConfig = { options: typeof OPTIONS; strict: true; allowPositionals: false };
type Options = ReturnType<typeof parseArgs<ParseConfig>>['values'];

function parseOptions(argv: string[]): Options {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message} (try "cchc extract --help")`);
  }
}

/** "ENOENT", "EACCES" … or the message: short enough for one line. */
const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${reason(error)}`);
  }
}

/** FILE is one source entry, validated alone, or a whole configuration with --source-id. */
async function loadSource(path: string, sourceId: string | undefined): Promise<Source> {
  let raw: unknown;
  try {
    raw = await readJsonFile(path);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new CliError(`cannot read source file ${path}: ${reason(error)}`);
  }
  const isConfig = typeof raw === 'object' && raw !== null && Array.isArray((raw as { sources?: unknown }).sources);
  if (sourceId === undefined) {
    if (isConfig) throw new CliError(`${path} is a whole configuration: pass --source-id ID to pick a source`);
    return parseSource(raw);
  }
  if (!isConfig) throw new CliError(`--source-id needs a whole configuration, but ${path} has no "sources" list`);
  const source = parseConfig(raw).sources.find((candidate) => candidate.id === sourceId);
  if (!source) throw new CliError(`${path}: no source with id "${sourceId}"`);
  return source;
}

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  // ISO 8601 only; a zone-less time is Vietnam time, as everywhere else.
  const instant = /^\d{4}-\d{2}-\d{2}/.test(value) ? parseVietnameseDate(value, new Date()) : null;
  if (!instant) throw new CliError(`--now: not an ISO 8601 time: "${value}" (e.g. 2025-04-01T08:00:00+07:00)`);
  return instant;
}

function parseUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    throw new CliError(`--url: not an absolute URL: "${value}"`);
  }
}

async function extract(options: Options): Promise<ExtractedItem[]> {
  if (!options.source) throw new CliError('missing --source FILE (try "cchc extract --help")');
  if (!options.file) throw new CliError('missing --file BODY (try "cchc extract --help")');
  const source = await loadSource(options.source, options['source-id']);
  const now = parseNow(options.now);
  const url = parseUrl(options.url ?? source.url);
  const contentType = options['content-type'] ?? null;
  const body = await readBytes(options.file, 'body');
  if (options['feed-file'] !== undefined && source.kind !== 'auto') {
    throw new CliError(`--feed-file is only for auto sources; source "${source.id}" is kind ${source.kind}`);
  }
  if (source.kind !== 'auto') return extractItems({ source, body, url, contentType, now });

  const page = { body, url, contentType };
  const feedUrl = discoverFeedUrlFromBody(body, url, contentType, source.encoding);
  // The source's URL may serve a feed itself; then there is nothing to fetch.
  if (feedUrl === url) return extractAuto(page, null, source, now);
  if (options['feed-file'] === undefined) {
    const hint = `the page links its feed at ${feedUrl}; offline, pass that feed's body with --feed-file FEED`;
    throw new ExtractError(hint, 'no-feed-link');
  }
  const feedBody = await readBytes(options['feed-file'], 'feed');
  // Offline, the feed "fetched" from the discovered URL is the file given.
  return extractAuto(page, { body: feedBody, url: feedUrl, contentType: null }, source, now);
}

/** The contract's line: exactly these four fields, in this order. */
const toJsonLine = ({ title, url, publishedAt, summary }: ExtractedItem) =>
  JSON.stringify({ title, url, publishedAt, summary }) + '\n';

const oneLine = (message: string) => message.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Runs `cchc extract`. Exit codes: 0 items printed (possibly none), 1 the
 * body could not be extracted (nothing printed), 2 bad invocation or input.
 */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      io.stdout(USAGE);
      return 0;
    }
    const items = await extract(options);
    // Printed only once everything is extracted: a failure leaves stdout empty.
    io.stdout(items.map(toJsonLine).join(''));
    return 0;
  } catch (error) {
    if (error instanceof ExtractError) {
      io.stderr(`cchc extract: ${oneLine(error.message)}\n`);
      return 1;
    }
    if (error instanceof CliError || error instanceof ConfigError) {
      io.stderr(`cchc extract: ${oneLine(error.message)}\n`);
      return error instanceof CliError ? error.exitCode : 2;
    }
    io.stderr(`cchc extract: unexpected error: ${oneLine((error as Error)?.message ?? String(error))}\n`);
    return 1;
  }
}
