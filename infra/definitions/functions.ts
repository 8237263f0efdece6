/**
 * The Lambda functions of the pipeline and the queues between them, defined
 * once. The CDK stack builds functions, queues and event source mappings from
 * this file; the local runtime reads the same file for handler paths,
 * timeouts, batch sizes and retry limits, so that a message which would end in
 * a dead-letter queue in AWS ends in one on a laptop too.
 *
 * Plain data on purpose: no CDK (or any other runtime) import, so that
 * importing it costs nothing and pulls nothing into the local runtime.
 * Schedules live next door in `shared/schedules.ts` (their `target` is a
 * {@link FunctionName}).
 */
import type { Environment } from '../../shared/env';
import { MAX_ARTICLE_ATTEMPTS } from '../../shared/articles/max-attempts';

/** A folder under `functions/`; also the function's name in logs and schedules. */
export type FunctionName = 'collect-dispatch' | 'collect-source' | 'article' | 'api' | 'reminders' | 'exports' | 'source-preview' | 'digest' | 'config-seed';

/** A queue between two functions. */
export type QueueName = 'collect' | 'article';

/** An environment variable that carries a queue URL (spelled as in `shared/env.ts`). */
export type QueueUrlVariable = Extract<keyof Environment, `${string}_QUEUE_URL`>;

/** The exported name every handler module uses. */
export const HANDLER_EXPORT = 'handler';

/** What a function may do with the one table. */
export type TableAccess = 'read' | 'readWrite';

/** One Lambda function. */
export interface FunctionDefinition {
  readonly name: FunctionName;
  /** The handler module, relative to the repository root (POSIX separators). */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  /** Lambda's hard limit; the local runtime aborts a handler after the same time. */
  readonly timeoutSeconds: number;
  /**
   * Concurrency reserved for (and capping) the function. Only the collector
   * has one: it is the global limit on how many sources are polled at once.
   */
  readonly reservedConcurrency?: number;
  /**
   * X-Ray: `active` records (a sample of) the function's invocations
   * (and its role may send segments); `off` records nothing. Traced are the
   * collection functions, where time goes to 200 outside sites, S3 and the
   * table and a slow poll needs a picture; the HTTP functions have their
   * access log and the desks benchmark, and tracing every page view would
   * cost more than all the pipeline's traces (README: Cost).
   */
  readonly tracing: 'active' | 'off';
  /** Access to the table; every function reads it, so this is never absent. */
  readonly table: TableAccess;
  /**
   * Write access to the bucket, limited to one key prefix. Put only: writers
   * never need to read back or delete what they stored (keys are content
   * addresses, so a repeated put is harmless).
   */
  readonly bucketPutPrefix?: string;
  /**
   * Read, write and delete under one key prefix: the api function signs the
   * direct submissions' presigned POSTs with its own role (so the role must
   * be allowed to put there), reads the head of each upload to check its
   * type, and deletes a refused one.
   */
  readonly bucketUploadsPrefix?: string;
  /** Queues the function sends to (it gets the URL variable and SendMessage). */
  readonly sendsTo: readonly QueueName[];
  /**
   * The function routes stories to the editorial desks or serves them: it
   * gets the `desks` section of the configuration as `CCHC_DESKS`.
   */
  readonly desks?: boolean;
}

/** One SQS queue, its dead-letter queue and its consumer. */
export interface QueueDefinition {
  readonly name: QueueName;
  /**
   * FIFO for the collect queue: the dispatcher sets MessageGroupId to the
   * source's host, and SQS hands out one message of a group at a time, so a
   * host is polled by one collector at a time however many run in parallel.
   */
  readonly fifo: boolean;
  /** The function the queue's messages are delivered to. */
  readonly consumer: FunctionName;
  /** How producers learn the queue's URL. */
  readonly urlVariable: QueueUrlVariable;
  /** Messages per invocation. */
  readonly batchSize: number;
  /** Deliveries before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /**
   * Upper bound on concurrent invocations from this queue (the event source
   * mapping's maximum concurrency; at least 2). Kept at or below the
   * consumer's reserved concurrency so the poller never takes more messages
   * than the function may run, which would throttle and burn receive counts.
   */
  readonly maxConcurrency: number;
  /**
   * How long a received message stays hidden. Six times the consumer's
   * timeout, as AWS recommends for Lambda consumers, so a retried batch is
   * not delivered again while the first attempt may still be running.
   */
  readonly visibilityTimeoutSeconds: number;
  /** How long a dead-lettered message waits for someone to look at it. */
  readonly deadLetterRetentionDays: number;
}

/** Every function of the product, by name. */
export const FUNCTIONS: Readonly<Record<FunctionName, FunctionDefinition>> = {
  'collect-dispatch': {
    name: 'collect-dispatch',
    entry: 'functions/collect-dispatch/handler.ts',
    description: 'Finds the sources due for a poll and queues one message per source',
    memoryMb: 256,
    timeoutSeconds: 30,
    tracing: 'active',
    table: 'read',
    sendsTo: ['collect'],
  },
  'collect-source': {
    name: 'collect-source',
    entry: 'functions/collect-source/handler.ts',
    description: 'Polls a batch of sources, their hosts at once: fetch, extract, normalise, dedupe, classify, store',
    // A poll mostly waits on the agency's site; parsing one list page takes
    // milliseconds even at 512 MB's share of a vCPU, and this function is the
    // biggest line of the monthly bill (README: Cost).
    memoryMb: 512,
    // A batch (QUEUES.collect) may hold ten sources of one host, polled one
    // after another: ten polls whose robots.txt and page both time out
    // (15 s each) take 300 s. Hosts that slow back off after their failures.
    timeoutSeconds: 300,
    tracing: 'active',
    reservedConcurrency: 5,
    table: 'readWrite',
    bucketPutPrefix: 'raw/',
    sendsTo: ['article'],
    desks: true,
  },
  article: {
    name: 'article',
    entry: 'functions/article/handler.ts',
    description: 'Fetches the full text of new stories, politely',
    memoryMb: 512,
    timeoutSeconds: 90,
    tracing: 'active',
    table: 'readWrite',
    // No bucket: the article's text is kept on its story; its page is not stored.
    sendsTo: [],
    desks: true,
  },
  api: {
    name: 'api',
    entry: 'functions/api/handler.ts',
    description: 'Server-rendered pages and the JSON API behind the HTTP API',
    memoryMb: 512,
    // API Gateway gives up after 30 s; a page that takes longer is a bug.
    timeoutSeconds: 15,
    tracing: 'off',
    table: 'readWrite',
    bucketUploadsPrefix: 'uploads/',
    sendsTo: [],
    desks: true,
  },
  exports: {
    name: 'exports',
    entry: 'functions/exports/handler.ts',
    description: 'Compliance report downloads (CSV, XLSX, JSON) behind /exports/ on the HTTP API',
    // Building an XLSX of a few hundred rows is quick; the writer wants some memory.
    memoryMb: 512,
    // API Gateway gives up after 30 s.
    timeoutSeconds: 29,
    tracing: 'off',
    // Reads credits, agencies and sessions; writes nothing.
    table: 'read',
    sendsTo: [],
  },
  'source-preview': {
    name: 'source-preview',
    entry: 'functions/source-preview/handler.ts',
    description: '"Thử nguồn này": fetches a source now and previews what collection would extract, behind /sources-preview/ and POST /api/v1/sources/test',
    // Parsing the page with cheerio, as collect-source does, for one page at a time.
    memoryMb: 512,
    // API Gateway gives up after 30 s; a test fetch times out after 5 s (twice for an `auto` source's feed).
    timeoutSeconds: 15,
    tracing: 'off',
    // Reads sessions, tokens, agencies and the source with its history; writes nothing (sessions do not slide).
    table: 'read',
    sendsTo: [],
    // The page's navigation links to the desks.
    desks: true,
  },
  reminders: {
    name: 'reminders',
    entry: 'functions/reminders/handler.ts',
    description: 'E-mails the quarterly reminders that are due (agencies and Sở Nội vụ), once each',
    memoryMb: 256,
    // Well under the claim timeout of shared/reminders/run.ts (15 minutes),
    // so a live run's claims are never taken for a crashed run's.
    timeoutSeconds: 120,
    tracing: 'off',
    // Reads the quarter view; writes the once-only markers and the mail log.
    table: 'readWrite',
    sendsTo: [],
  },
  digest: {
    name: 'digest',
    entry: 'functions/digest/handler.ts',
    description: 'E-mails the weekly digest of the week that ended, once per week and recipient, and archives it in S3',
    memoryMb: 256,
    // Well under the claim timeout of shared/digest/service.ts (15 minutes).
    timeoutSeconds: 300,
    tracing: 'off',
    // Reads the week's stories and the quarter view; writes the week's record, send markers and the mail log.
    table: 'readWrite',
    // The archive; reading it back is granted by the Digest construct (digests/* only).
    bucketPutPrefix: 'digests/',
    sendsTo: [],
    desks: true,
  },
  'config-seed': {
    name: 'config-seed',
    entry: 'functions/config-seed/handler.ts',
    description: 'Seeds the agencies and sources the table lacks from the bundled configuration file, on deploy',
    memoryMb: 256,
    // A few hundred conditional puts and two Queries; the Trigger waits up to its own timeout (infra/constructs/seed.ts).
    timeoutSeconds: 60,
    tracing: 'off',
    // Writes only absent entries (conditional puts), then reads the table to count what differs.
    table: 'readWrite',
    sendsTo: [],
  },
};

/** Every function name, in a stable order. */
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** AWS's recommendation for a Lambda consumer's visibility timeout. */
const VISIBILITY_TIMEOUT_FACTOR = 6;

/** Every queue of the product, by name. */
export const QUEUES: Readonly<Record<QueueName, QueueDefinition>> = {
  collect: {
    name: 'collect',
    fifo: true,
    consumer: 'collect-source',
    urlVariable: 'COLLECT_QUEUE_URL',
    // Ten sources per invocation, their hosts polled at once
    // (shared/queues/fifo-groups.ts): an invocation is billed for its wall
    // time, which is mostly waiting on agencies' sites, so ten waits side by
    // side cost about one. One invocation in ten also means a tenth of the
    // receives, deletes and Lambda requests (README: Cost).
    batchSize: 10,
    // AWS suggests at least 5 for a consumer with reserved concurrency.
    maxReceiveCount: 5,
    maxConcurrency: FUNCTIONS['collect-source'].reservedConcurrency!,
    visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_FACTOR * FUNCTIONS['collect-source'].timeoutSeconds,
    deadLetterRetentionDays: 14,
  },
  article: {
    name: 'article',
    fifo: false,
    consumer: 'article',
    urlVariable: 'ARTICLE_QUEUE_URL',
    batchSize: 5,
    // The article stage marks a story's article failed on its last attempt,
    // so the queue must deliver exactly that many times.
    maxReceiveCount: MAX_ARTICLE_ATTEMPTS,
    // Article pages come from the same few government sites: stay gentle.
    maxConcurrency: 2,
    visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_FACTOR * FUNCTIONS.article.timeoutSeconds,
    deadLetterRetentionDays: 14,
  },
};

/** Every queue name, in a stable order. */
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

/** The function behind the HTTP API, and the event shape it receives. */
export const HTTP_API = {
  function: 'api',
  /** API Gateway HTTP API payload format; the local server builds the same events. */
  payloadFormatVersion: '2.0',
} as const satisfies { function: FunctionName; payloadFormatVersion: string };

/**
 * The event a schedule delivers to its target function. EventBridge Scheduler
 * fills `scheduledTime` with the tick's nominal time (ISO 8601, UTC), the same
 * for every retry of that tick, so a target can key its work on it and a
 * retried tick repeats nothing. The local cron sends the same shape.
 */
export interface ScheduledEvent {
  /** The schedule's id in `shared/schedules.ts`. */
  readonly schedule: string;
  readonly scheduledTime: string;
}
