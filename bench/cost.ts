/**
 * The monthly cost model (issue 7): what the pipeline costs in
 * ap-southeast-1 at the province's expected load, before free tiers, line by
 * line, from the unit prices in `cost/prices-ap-southeast-1.json` (list
 * prices; recheck them) and the workload below. `npm run bench` prints it
 * with the figures it measured (a poll's duration, a page's, each bundle's
 * cold start, the size of a log line); `BENCH_ONLY=cost npm run bench`
 * prints it with the defaults alone.
 *
 * Every number that is not measured is an assumption, named in
 * {@link DEFAULT_INPUTS} with its reason, so the province can redo the sum
 * with its own: change the inputs, keep the formula.
 */
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { FUNCTIONS, FUNCTION_NAMES, QUEUES, QUEUE_NAMES, type FunctionName } from '../infra/definitions/functions';
import { SCHEDULES } from '../shared/schedules';
import { METRICS, type MetricName } from '../shared/observability/metric-names';
import { countMetric, createMetrics } from '../shared/observability/metrics';
import { median } from './stats';

/** The unit prices (see the JSON file's `note` and `recheck`). */
export type Prices = typeof import('./cost/prices-ap-southeast-1.json');

export function loadPrices(): Prices {
  return JSON.parse(readFileSync(new URL('./cost/prices-ap-southeast-1.json', import.meta.url), 'utf8')) as Prices;
}

const DAYS = 30.4;

/**
 * The share X-Ray's default sampling rule (1 a second, then 5%) records of a
 * burst of `calls` invocations lasting `durationMs` each, `concurrency` at a time.
 */
export function burstTracedShare(calls: number, durationMs: number, concurrency: number): number {
  const seconds = Math.max(1, (calls * durationMs) / 1000 / concurrency);
  const recorded = Math.min(calls, seconds) + 0.05 * Math.max(0, calls - seconds);
  return recorded / calls;
}
const HOURS = 730;

/** The workload and the per-operation figures the model multiplies. */
export interface CostInputs {
  sources: number;
  pollsPerSourcePerDay: number;
  newItemsPerDay: number;
  editors: number;
  pageViewsPerEditorPerDay: number;
  /** Editors work on working days only. */
  workingDaysPerMonth: number;
  exportsPerEditorPerMonth: number;
  /** "Thử nguồn này" runs a month (admins adding or repairing sources). */
  sourceTestsPerMonth: number;
  digestRecipients: number;
  /** Reminder e-mails a month: 2 thresholds a quarter × (laggards + Sở Nội vụ's roll-up), spread over 3 months. */
  remindersPerMonth: number;
  /** Receipts of direct submissions a month. */
  receiptsPerMonth: number;
  /** Billed milliseconds per invocation. */
  durationMs: Record<FunctionName, number>;
  /** Module initialisation per cold start (billed since 2025-08), ms. */
  initMs: Record<FunctionName, number>;
  coldStartsPerMonth: Record<FunctionName, number>;
  /** Bytes of CloudWatch Logs per invocation: Lambda's START/END/REPORT lines plus our JSON lines and EMF. */
  logBytesPerInvocation: Record<FunctionName, number>;
  /** DynamoDB request units per operation (writes in transactions count twice). */
  units: {
    pollRead: number;
    pollWrite: number;
    newItemRead: number;
    newItemWrite: number;
    dispatchRead: number;
    pageViewRead: number;
    pageViewWrite: number;
    digestRead: number;
    digestWritePerRecipient: number;
    remindersReadPerRun: number;
  };
  /** Bytes kept per story in the table (story, text, fingerprint, credits, desk copies, history). */
  tableBytesPerStory: number;
  /** Raw bodies kept in S3 per new item (its list page share and its article page). */
  bucketBytesPerNewItem: number;
  /** Months of data accumulated (the model's month: the end of the first year). */
  monthsOfData: number;
  /**
   * Collect-queue messages per collect-source invocation (the batch size is
   * QUEUES.collect.batchSize). The dispatcher queues every due source at
   * once, so receives come back nearly full; fewer at a cycle's tail and
   * when one host has several sources.
   */
  collectBatchFill: number;
  /**
   * A collect-source batch's duration if sources shared hosts as in the
   * bench (4 a host, a batch waiting on its hosts' politeness gaps), for the
   * lever that prices it; set from the bench's polls when it runs.
   */
  collectBatchMsSharedHosts?: number;
  /** Concurrent long polls Lambda keeps on each queue, 20 s each (3 requests a minute each), even when the queue is empty. */
  sqsPollersPerQueue: number;
  /**
   * Share of each function's invocations X-Ray records. The default rule
   * records the first request each second and 5% of the rest: a function
   * called less than once a second is recorded almost always (share 1), but
   * a collection cycle polls 200 sources in a burst of a few tens of seconds,
   * so most of its polls are not. Functions absent here: 1.
   */
  tracedShare: Partial<Record<FunctionName, number>>;
  /** One Errors alarm per function instead of one on the account's total (`cchc:alarms` errorsPerFunction). */
  errorsPerFunction: boolean;
  /** Functions with active tracing (the stack: the collection functions, infra/definitions/functions.ts). */
  tracedFunctions: readonly FunctionName[];
  /** Memory per function (the stack: infra/definitions/functions.ts). */
  memoryMb: Record<FunctionName, number>;
  /** Bytes sent to browsers per page view. */
  pageBytes: number;
  /** CloudWatch Logs storage is billed compressed; the stack keeps a month. */
  logsCompression: number;
  logsRetentionMonths: number;
  /** Bytes per HTTP API access-log line. */
  accessLogBytes: number;
  /** Where a figure was measured rather than assumed (printed with the table). */
  measured: string[];
}

/** The defaults: every assumption, with why. */
export const DEFAULT_INPUTS: CostInputs = {
  sources: 200,
  // Every 30 minutes, as COLLECT_SCHEDULE.
  pollsPerSourcePerDay: 48,
  newItemsPerDay: 300,
  editors: 20,
  pageViewsPerEditorPerDay: 200,
  workingDaysPerMonth: 22,
  exportsPerEditorPerMonth: 4,
  // ≈ 2 sources added or repaired a working day, each tested a few times.
  sourceTestsPerMonth: 150,
  digestRecipients: 200,
  // ≈ 50 laggards of 200 agencies + 1 roll-up, at 2 thresholds a quarter.
  remindersPerMonth: Math.round((2 * 51) / 3),
  // ≈ 200 agencies × 10 submissions a year, most of them collected from their sites instead.
  receiptsPerMonth: 170,
  durationMs: {
    // Query the due sources, send them in batches of 10.
    'collect-dispatch': 500,
    // A batch: its hosts at once, so about its slowest poll. Measured by the
    // collection bench when it runs (second cycle, one poll a host, in
    // batches of collectBatchFill, each batch's slowest, median: ≈ 410 ms).
    'collect-source': 450,
    // One article page fetched and stored (the bench's article stage: 16 in flight at ≈ 16 pages/s).
    article: 1000,
    // Measured by the desks bench when it runs (queue page p95).
    api: 60,
    exports: 1500,
    // One page (two for an `auto` source) fetched from a government site and previewed.
    'source-preview': 2000,
    reminders: 3000,
    // Send day: 200 recipients one at a time through SES (≈ 100 ms each) plus building; the 08:00 check is 1 query.
    digest: 12_000,
    // A few hundred conditional puts, almost all refused (already there), and two Queries.
    'config-seed': 3000,
  },
  // Measured by the bundles bench when it runs.
  initMs: { 'collect-dispatch': 150, 'collect-source': 300, article: 300, api: 300, exports: 300, 'source-preview': 300, reminders: 150, digest: 200, 'config-seed': 150 },
  coldStartsPerMonth: {
    // Every cycle finds its environments reclaimed after 30 idle minutes: reserved concurrency 5.
    'collect-source': 48 * DAYS * 5,
    'collect-dispatch': 48 * DAYS,
    article: 48 * DAYS * 2,
    // Editors' first requests after idle spells, on working days.
    api: 22 * 20,
    exports: 80,
    'source-preview': 100,
    reminders: DAYS,
    digest: 2 * (DAYS / 7),
    'config-seed': 1,
  },
  // Replaced by measured lines (measureLogBytes) when the bench runs: Lambda's platform lines ≈ 350 B, a JSON line ≈ 600 B, EMF ≈ 500 B.
  logBytesPerInvocation: { 'collect-dispatch': 950, 'collect-source': 1450, article: 950, api: 350, exports: 350, 'source-preview': 350, reminders: 1450, digest: 1450, 'config-seed': 950 },
  units: {
    // Get the source / update its ≈ 1 KB record (its last poll's items live in an item of their own, written only when the page changed) and the cycle record.
    // Metered on DynamoDB Local by the bench: 0.1 RRU / 2.0 WRU a poll (200 sources; 3.0 while a healthy
    // source's index key moved at every poll, 6.0 while the seen set was on the source record).
    pollRead: 0.5,
    pollWrite: 2,
    // Batched existence checks and desk routing reads / the story's transaction (story, fingerprint, credit, article marker, desk copies: ×2 for the transaction) and the article stage's update and re-routing.
    newItemRead: 10,
    newItemWrite: 50,
    // The due-sources query: 200 source items of ≈ 1 KB, eventually consistent.
    dispatchRead: 25,
    // A queue page: one Query of 50 compact copies (≈ 25 KB) + the session.
    pageViewRead: 8,
    // ≈ 1 editor action in 20 views, a transaction of 2–4 items ×2.
    pageViewWrite: 0.4,
    // The week's stories and the quarter view.
    digestRead: 1500,
    // Recipient marker claim + sent, mail log, recipient record.
    digestWritePerRecipient: 4,
    // The quarter view's rows, daily.
    remindersReadPerRun: 1000,
  },
  tableBytesPerStory: 8_000,
  bucketBytesPerNewItem: 150_000,
  monthsOfData: 12,
  collectBatchFill: 8,
  sqsPollersPerQueue: 5,
  tracedShare: {
    // A cycle's invocations spread over (invocations × duration / concurrency) seconds: one recorded a second, plus 5% of the others.
    'collect-source': burstTracedShare(200 / 8, 450, 5),
  },
  errorsPerFunction: false,
  tracedFunctions: FUNCTION_NAMES.filter((name) => FUNCTIONS[name].tracing === 'active'),
  memoryMb: Object.fromEntries(FUNCTION_NAMES.map((name) => [name, FUNCTIONS[name].memoryMb])) as Record<FunctionName, number>,
  // A desk queue page: ≈ 45 kB of HTML, sent gzipped (functions/api/compress.ts); measured by the desks bench when it runs.
  pageBytes: 8_000,
  logsCompression: 0.15,
  logsRetentionMonths: 1,
  accessLogBytes: 300,
  measured: [],
};

/** One line of the bill. */
export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  usd: number;
  /** The free-tier allowance this line draws on (prices JSON `freeTier`), if any. */
  pool?: FreePool;
}

/** A free-tier allowance of the prices file. */
export type FreePool = Exclude<keyof Prices['freeTier'], 'note'>;

/**
 * The custom metric series: one per metric and the function that emits it
 * (the only dimension is `service`), with the hours a month it is sent —
 * CloudWatch prorates custom metrics by the hour they are sent in.
 */
export const METRIC_SERIES: readonly { metric: MetricName; service: FunctionName; hoursPerMonth: number }[] = [
  { metric: METRICS.storiesCollected, service: 'collect-source', hoursPerMonth: HOURS },
  { metric: METRICS.sourcesFailed, service: 'collect-source', hoursPerMonth: HOURS },
  { metric: METRICS.digestsSent, service: 'digest', hoursPerMonth: DAYS / 7 },
  { metric: METRICS.digestOverdue, service: 'digest', hoursPerMonth: DAYS / 7 },
  { metric: METRICS.remindersSent, service: 'reminders', hoursPerMonth: DAYS },
];

/**
 * The alarms of infra/constructs/alarms.ts, counted as CloudWatch bills
 * them (per metric an alarm reads): one per dead-letter queue (each
 * queue's, and the schedules' undeliverable ticks'), one on Lambda's Errors
 * total for the account (or, with `errorsPerFunction`, one per function but
 * config-seed, whose failure fails its deploy), the source failure rate
 * (SourcesFailed's average and sample count: 2 metrics) and DigestOverdue.
 */
export function alarmMetricCount(options: { errorsPerFunction?: boolean } = {}): number {
  const deadLetterQueues = QUEUE_NAMES.length + 1;
  const errors = options.errorsPerFunction ? FUNCTION_NAMES.filter((name) => name !== 'config-seed').length : 1;
  return deadLetterQueues + errors + 2 + 1;
}

/** Source polls a month. */
const polls = (inputs: CostInputs) => inputs.sources * inputs.pollsPerSourcePerDay * DAYS;

/** Invocations a month per function. */
export function invocations(inputs: CostInputs): Record<FunctionName, number> {
  const weeks = DAYS / 7;
  const collectSchedules = SCHEDULES.filter((s) => s.target === 'collect-dispatch').length;
  return {
    'collect-dispatch': collectSchedules * (24 * 60) / 30 * DAYS,
    'collect-source': polls(inputs) / inputs.collectBatchFill,
    // Conservative: one message per invocation (the queue's batch size is 5, rarely filled at this rate).
    article: inputs.newItemsPerDay * DAYS,
    api: inputs.editors * inputs.pageViewsPerEditorPerDay * inputs.workingDaysPerMonth,
    exports: inputs.editors * inputs.exportsPerEditorPerMonth,
    'source-preview': inputs.sourceTestsPerMonth,
    reminders: DAYS,
    // The send and the 08:00 check.
    digest: SCHEDULES.filter((s) => s.target === 'digest').length * weeks,
    // Once per deploy that changes config/agencies.json: say one a month.
    'config-seed': 1,
  };
}

/** The bill, line by line. */
export function costModel(inputs: CostInputs = DEFAULT_INPUTS, prices: Prices = loadPrices()): { lines: CostLine[]; total: number; afterFreeTier: number } {
  const lines: CostLine[] = [];
  const add = (service: string, item: string, quantity: number, unit: string, usd: number, pool?: FreePool) => lines.push({ service, item, quantity, unit, usd, ...(pool ? { pool } : {}) });
  const calls = invocations(inputs);
  const totalCalls = FUNCTION_NAMES.reduce((sum, name) => sum + calls[name], 0);
  const weeks = DAYS / 7;
  const newItems = inputs.newItemsPerDay * DAYS;
  const polled = polls(inputs);

  // Lambda: requests, and GB-seconds of invocations and cold starts (Arm).
  add('Lambda', 'requests', totalCalls, 'requests', (totalCalls / 1e6) * prices.lambda.perMillionRequests, 'lambdaRequests');
  for (const name of FUNCTION_NAMES) {
    const gb = inputs.memoryMb[name] / 1024;
    const seconds = (calls[name] * inputs.durationMs[name] + inputs.coldStartsPerMonth[name] * inputs.initMs[name]) / 1000;
    add('Lambda', `${name} compute (${inputs.memoryMb[name]} MB)`, gb * seconds, 'GB-s', gb * seconds * prices.lambda.perGbSecondArm, 'lambdaGbSeconds');
  }

  // DynamoDB on demand.
  const u = inputs.units;
  const reads =
    polled * u.pollRead + newItems * u.newItemRead + calls['collect-dispatch'] * u.dispatchRead + calls.api * u.pageViewRead + weeks * u.digestRead + DAYS * u.remindersReadPerRun;
  // Plus the last-cycle record, once per collect-source invocation (functions/collect-source/handler.ts).
  const writes = polled * u.pollWrite + calls['collect-source'] + newItems * u.newItemWrite + calls.api * u.pageViewWrite + weeks * inputs.digestRecipients * u.digestWritePerRecipient;
  add('DynamoDB', 'read request units', reads, 'RRU', (reads / 1e6) * prices.dynamodb.perMillionReadUnits);
  add('DynamoDB', 'write request units', writes, 'WRU', (writes / 1e6) * prices.dynamodb.perMillionWriteUnits);
  const tableGb = (newItems * inputs.monthsOfData * inputs.tableBytesPerStory) / 1e9;
  add('DynamoDB', `storage after ${inputs.monthsOfData} months`, tableGb, 'GB-month', tableGb * prices.dynamodb.storagePerGbMonth, 'dynamodbStorageGb');
  add('DynamoDB', 'point-in-time recovery', tableGb, 'GB-month', tableGb * prices.dynamodb.pitrPerGbMonth);

  // S3: raw bodies (to Infrequent Access after 90 days), digest archives.
  const perMonthGb = (newItems * inputs.bucketBytesPerNewItem) / 1e9;
  const standardGb = perMonthGb * Math.min(3, inputs.monthsOfData);
  const iaGb = perMonthGb * Math.max(0, inputs.monthsOfData - 3);
  add('S3', 'storage, Standard (last 90 days)', standardGb, 'GB-month', standardGb * prices.s3.standardPerGbMonth, 's3StandardGb');
  add('S3', 'storage, Infrequent Access (older)', iaGb, 'GB-month', iaGb * prices.s3.infrequentAccessPerGbMonth);
  // A changed list page is stored once, whatever number of new items it brought (≤ 1 per new item); article pages are not stored.
  const puts = newItems + weeks * 2;
  add('S3', 'PUT requests (changed list pages, ≤ 1 per new item; digest archive)', puts, 'requests', (puts / 1000) * prices.s3.perThousandPut);
  // Upload checks and archive views: a few thousand.
  const gets = 3000;
  add('S3', 'GET/HEAD requests', gets, 'requests', (gets / 1000) * prices.s3.perThousandGet);

  // SQS: sends in batches of 10; a receive and a (batch) delete per invocation
  // — the article queue counted at one message an invocation; and the
  // poller's idle long polls.
  const idlePolls = inputs.sqsPollersPerQueue * 3 * 60 * 24 * DAYS;
  for (const queue of QUEUE_NAMES) {
    const messages = queue === 'collect' ? polled : newItems;
    const consumed = queue === 'collect' ? calls['collect-source'] : newItems;
    const requests = messages / 10 + consumed * 2 + idlePolls;
    const price = QUEUES[queue].fifo ? prices.sqs.perMillionFifo : prices.sqs.perMillionStandard;
    add('SQS', `${queue} queue${QUEUES[queue].fifo ? ' (FIFO)' : ''}, incl. Lambda's idle long polls`, requests, 'requests', (requests / 1e6) * price, 'sqsRequests');
  }

  const ticks = calls['collect-dispatch'] + calls.reminders + calls.digest;
  add('EventBridge Scheduler', 'invocations', ticks, 'invocations', (ticks / 1e6) * prices.scheduler.perMillionInvocations, 'schedulerInvocations');
  const httpRequests = calls.api + calls.exports + calls['source-preview'];
  add('API Gateway', 'HTTP API requests', httpRequests, 'requests', (httpRequests / 1e6) * prices.apiGateway.perMillionHttpApiRequests, 'apiGatewayRequests');
  const egressGb = (calls.api * inputs.pageBytes) / 1e9;
  add('Data transfer', 'pages to browsers', egressGb, 'GB', egressGb * prices.dataTransfer.outPerGb, 'dataTransferOutGb');

  const emails = weeks * inputs.digestRecipients + inputs.remindersPerMonth + inputs.receiptsPerMonth;
  add('SES', 'e-mails (digest, reminders, receipts)', emails, 'e-mails', (emails / 1000) * prices.ses.perThousandEmails, 'sesEmails');

  // CloudWatch: metrics (prorated by hour sent), alarms, logs.
  for (const series of METRIC_SERIES) {
    add('CloudWatch', `metric ${series.metric} × service ${series.service}`, series.hoursPerMonth / HOURS, 'metric-months', (series.hoursPerMonth / HOURS) * prices.cloudWatch.perMetricMonth, 'cloudWatchMetrics');
  }
  const alarms = alarmMetricCount({ errorsPerFunction: inputs.errorsPerFunction });
  add('CloudWatch', 'alarms (metrics read by alarms)', alarms, 'alarm metrics', alarms * prices.cloudWatch.perAlarmMetricMonth, 'cloudWatchAlarms');
  const logBytes = FUNCTION_NAMES.reduce((sum, name) => sum + calls[name] * inputs.logBytesPerInvocation[name], 0) + httpRequests * inputs.accessLogBytes;
  const logGb = logBytes / 1e9;
  add('CloudWatch', 'logs ingested (functions + HTTP API access log)', logGb, 'GB', logGb * prices.cloudWatch.logsIngestionPerGb, 'cloudWatchLogsGb');
  const storedGb = logGb * inputs.logsCompression * inputs.logsRetentionMonths;
  add('CloudWatch', 'logs stored (compressed, retention)', storedGb, 'GB-month', storedGb * prices.cloudWatch.logsStoragePerGbMonth);

  const traces = inputs.tracedFunctions.reduce((sum, name) => sum + calls[name] * (inputs.tracedShare[name] ?? 1), 0);
  add('X-Ray', 'traces recorded (active tracing, default sampling)', traces, 'traces', (traces / 1e6) * prices.xray.perMillionTracesRecorded, 'xrayTraces');
  add('Cognito', 'monthly active users (Essentials)', inputs.editors, 'MAU', inputs.editors * prices.cognito.perMonthlyActiveUser, 'cognitoMau');

  // The free tier: each allowance is used up by its lines in order.
  const left = new Map<FreePool, number>();
  let afterFreeTier = 0;
  for (const line of lines) {
    if (!line.pool || line.quantity === 0) {
      afterFreeTier += line.usd;
      continue;
    }
    const free = left.get(line.pool) ?? prices.freeTier[line.pool].quantity;
    const covered = Math.min(free, line.quantity);
    left.set(line.pool, free - covered);
    afterFreeTier += line.usd * ((line.quantity - covered) / line.quantity);
  }
  return { lines, total: lines.reduce((sum, line) => sum + line.usd, 0), afterFreeTier };
}

/** Target of issue 7, before free tiers. */
export const COST_TARGET_USD = 5;

/**
 * Bytes of one JSON log line and one EMF line as the functions write them
 * (Powertools, captured from stdout), plus the fields Lambda's context adds
 * in AWS (function ARN, request id, cold start, memory: ≈ 250 B) and
 * Lambda's own START/END/REPORT lines (≈ 350 B with a trace id).
 */
export function measureLogBytes(): { jsonLine: number; emfLine: number; platform: number } {
  const captured: string[] = [];
  const write = process.stdout.write;
  const previous = { level: process.env.POWERTOOLS_LOG_LEVEL, metrics: process.env.POWERTOOLS_METRICS_DISABLED };
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.stdout.write = ((chunk: string | Uint8Array) => (captured.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    new Logger({ serviceName: 'collect-source' }).info('polled source', {
      sourceId: 'so-tu-phap-tin-tuc',
      outcome: 'not-modified',
      newStories: 0,
      seen: 0,
      syndicated: 0,
      error: null,
      needsRepair: false,
      durationMs: 412,
    });
    const metrics = createMetrics('collect-source');
    countMetric(metrics, METRICS.sourcesFailed, 0);
    countMetric(metrics, METRICS.storiesCollected, 0);
    metrics.publishStoredMetrics();
  } finally {
    process.stdout.write = write;
    process.env.POWERTOOLS_LOG_LEVEL = previous.level;
    process.env.POWERTOOLS_METRICS_DISABLED = previous.metrics;
    if (previous.level === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
    if (previous.metrics === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
  }
  const lines = captured.join('').split('\n').filter(Boolean);
  const json = lines.find((line) => line.includes('polled source')) ?? '';
  const emf = lines.find((line) => line.includes('"_aws"')) ?? '';
  return { jsonLine: Buffer.byteLength(json) + 250, emfLine: Buffer.byteLength(emf), platform: 350 };
}

/**
 * Each host's quickest poll of a cycle: the one that did not wait behind
 * another poll of its host. The bench puts 4 sources on each of its 50
 * hosts to load the politeness rules; the province's sources are one site
 * per agency (config/demo.json: 16 sources, 16 hosts), where no poll waits
 * for another.
 */
function firstPolls(polls: readonly { host: string; ms: number }[]): number[] {
  const quickest = new Map<string, number>();
  for (const { host, ms } of polls) quickest.set(host, Math.min(ms, quickest.get(host) ?? Infinity));
  return [...quickest.values()];
}

/**
 * How long a collect-source invocation takes, from the polls of one cycle:
 * one poll per host ({@link firstPolls}), in dispatch order, cut into
 * batches of `fill`; a batch lasts as long as its slowest poll (its hosts
 * are polled at once); the median batch.
 */
export function batchDurationMs(polls: readonly { host: string; ms: number }[], fill: number): number {
  return median(chunkMaxima(firstPolls(polls), fill));
}

/** The largest value of each run of `size` values. */
function chunkMaxima(values: readonly number[], size: number): number[] {
  const maxima: number[] = [];
  for (let start = 0; start < values.length; start += size) maxima.push(Math.max(...values.slice(start, start + size)));
  return maxima;
}

/** The inputs with what this run measured. */
export function withMeasured(
  base: CostInputs,
  measured: {
    /** Each poll of a cycle: its source's host and its duration, in dispatch order (bench, second cycle). */
    collectPolls?: readonly { host: string; ms: number }[];
    apiPageMs?: number;
    /** A desk queue page as sent (gzipped), from the desks bench. */
    pageBytes?: number;
    initMs?: Partial<Record<FunctionName, number>>;
    logs?: ReturnType<typeof measureLogBytes>;
    /** Request units per steady-state poll and per new item, metered on DynamoDB Local (meterCapacity). */
    units?: { pollRead: number; pollWrite: number; newItemRead?: number; newItemWrite?: number };
  },
): CostInputs {
  const inputs: CostInputs = { ...base, durationMs: { ...base.durationMs }, initMs: { ...base.initMs }, logBytesPerInvocation: { ...base.logBytesPerInvocation }, units: { ...base.units }, measured: [...base.measured] };
  if (measured.units) {
    const { pollRead, pollWrite, newItemRead, newItemWrite } = measured.units;
    Object.assign(inputs.units, { pollRead, pollWrite }, newItemRead !== undefined ? { newItemRead } : {}, newItemWrite !== undefined ? { newItemWrite } : {});
    inputs.measured.push(
      `DynamoDB units a poll ${pollRead.toFixed(1)} RRU / ${pollWrite.toFixed(1)} WRU` +
        (newItemWrite !== undefined ? `, a new item ${newItemRead!.toFixed(1)} RRU / ${newItemWrite.toFixed(1)} WRU (collection only; the article stage adds its own)` : '') +
        ' (bench, metered on DynamoDB Local)',
    );
  }
  if (measured.collectPolls?.length) {
    const batchMs = batchDurationMs(measured.collectPolls, inputs.collectBatchFill);
    inputs.durationMs['collect-source'] = batchMs;
    inputs.collectBatchMsSharedHosts = median(chunkMaxima(measured.collectPolls.map((poll) => poll.ms), inputs.collectBatchFill));
    inputs.tracedShare = { ...inputs.tracedShare, 'collect-source': burstTracedShare(inputs.sources / inputs.collectBatchFill, batchMs, FUNCTIONS['collect-source'].reservedConcurrency ?? 1) };
    inputs.measured.push(
      `collect-source ${batchMs.toFixed(0)} ms a batch of ${inputs.collectBatchFill} (bench, second cycle: each host's quickest poll, median ${median(firstPolls(measured.collectPolls)).toFixed(0)} ms, in batches of ${inputs.collectBatchFill} hosts, the median of each batch's slowest)`,
    );
  }
  if (measured.pageBytes !== undefined) {
    inputs.pageBytes = measured.pageBytes;
    inputs.measured.push(`${(measured.pageBytes / 1000).toFixed(1)} kB a page view (bench, a desk queue page, gzipped)`);
  }
  if (measured.apiPageMs !== undefined) {
    inputs.durationMs.api = measured.apiPageMs;
    inputs.measured.push(`api ${measured.apiPageMs.toFixed(0)} ms a page view (bench, desk queue page p95)`);
  }
  if (measured.initMs) {
    for (const [name, ms] of Object.entries(measured.initMs) as [FunctionName, number][]) inputs.initMs[name] = ms;
    inputs.measured.push('cold start per function: init + every deferred chunk (bundles bench)');
  }
  if (measured.logs) {
    const { jsonLine, emfLine, platform } = measured.logs;
    const withLines = (json: number, emf: number) => platform + json * jsonLine + emf * emfLine;
    inputs.logBytesPerInvocation = {
      'collect-dispatch': withLines(1, 0),
      // A line per poll, one EMF line per invocation.
      'collect-source': withLines(inputs.collectBatchFill, 1),
      article: withLines(1, 0),
      api: withLines(0, 0),
      exports: withLines(0, 0),
      'source-preview': withLines(0, 0),
      reminders: withLines(1, 1),
      digest: withLines(1, 1),
      'config-seed': withLines(1, 0),
    };
    inputs.measured.push(`log bytes: a JSON line ${jsonLine} B (with Lambda's context fields), an EMF line ${emfLine} B, platform lines ${platform} B`);
  }
  return inputs;
}

const usd = (value: number) => (value < 0.005 && value > 0 ? '< $0.01' : `$${value.toFixed(2)}`);
const qty = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(value >= 1 ? 1 : 3));

/** Prints the bill, its biggest lines first within each service, and the total against the target. */
export function printCost(inputs: CostInputs = DEFAULT_INPUTS): { total: number; lines: CostLine[] } {
  const { lines, total, afterFreeTier } = costModel(inputs);
  console.log('');
  console.log(`    monthly cost, ap-southeast-1, list prices before free tiers (bench/cost/prices-ap-southeast-1.json — recheck)`);
  for (const line of lines) console.log(`    ${`${line.service}: ${line.item}`.padEnd(78)} ${`${qty(line.quantity)} ${line.unit}`.padStart(24)} ${usd(line.usd).padStart(9)}`);
  const top = [...lines].sort((a, b) => b.usd - a.usd).slice(0, 3);
  const mark = total <= COST_TARGET_USD ? '✓' : '✗';
  console.log(`${mark} ${'total a month'.padEnd(44)} ${`$${total.toFixed(2)}`.padStart(14)}   target ≤ $${COST_TARGET_USD}`);
  console.log(`    after the free tier (always-free and first-year allowances, prices JSON): $${afterFreeTier.toFixed(2)}`);
  console.log(`    biggest: ${top.map((line) => `${line.service} ${line.item} ${usd(line.usd)}`).join('; ')}`);
  if (inputs.measured.length) console.log(`    measured: ${inputs.measured.join('; ')}`);
  for (const lever of leverTotals(inputs)) console.log(`    with ${lever.name}: $${lever.total.toFixed(2)}`);
  return { total, lines };
}

/**
 * Changes that would lower the bill, each priced by the same model: what to
 * decide (they belong to the stack and the functions' definitions), not
 * applied here.
 */
export const LEVERS: readonly { name: string; apply(inputs: CostInputs): CostInputs }[] = [
  {
    name: 'one Errors alarm per function (cchc:alarms errorsPerFunction, for a shared account)',
    apply: (inputs) => ({ ...inputs, errorsPerFunction: true }),
  },
  {
    name: 'active tracing on every function',
    apply: (inputs) => ({ ...inputs, tracedFunctions: FUNCTION_NAMES }),
  },
  {
    name: 'sources 4 to a host, as in the bench (each batch waits on its hosts’ politeness gaps)',
    apply: (inputs) =>
      inputs.collectBatchMsSharedHosts === undefined ? inputs : { ...inputs, durationMs: { ...inputs.durationMs, 'collect-source': inputs.collectBatchMsSharedHosts } },
  },
];

/** The total with each lever alone and with all of them. */
export function leverTotals(inputs: CostInputs): { name: string; total: number }[] {
  // A lever whose figure this run did not measure changes nothing: left out.
  const levers = LEVERS.filter((lever) => lever.apply(inputs) !== inputs);
  const each = levers.map((lever) => ({ name: lever.name, total: costModel(lever.apply(inputs)).total }));
  const all = levers.reduce((current, lever) => lever.apply(current), inputs);
  return [...each, { name: 'all of the above', total: costModel(all).total }];
}

/**
 * Sums the request units DynamoDB reports for every call of a client from
 * now on: each command asks for ReturnConsumedCapacity TOTAL (DynamoDB
 * Local reports it as DynamoDB would bill an on-demand table).
 */
export function meterCapacity(client: { middlewareStack: { add(middleware: unknown, options: unknown): void } }): { read: number; write: number; reset(): void } {
  const meter = { read: 0, write: 0, reset: () => Object.assign(meter, { read: 0, write: 0 }) };
  type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand', 'PutCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand', 'TransactWriteCommand']);
  client.middlewareStack.add(
    (next: (args: { input: Record<string, unknown> }) => Promise<{ output: { ConsumedCapacity?: Consumed | Consumed[] } }>, context: { commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        args.input.ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const consumed = result.output.ConsumedCapacity;
        for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          const isWrite = WRITES.has(context.commandName ?? '');
          meter.read += entry.ReadCapacityUnits ?? (isWrite ? 0 : (entry.CapacityUnits ?? 0));
          meter.write += entry.WriteCapacityUnits ?? (isWrite ? (entry.CapacityUnits ?? 0) : 0);
        }
        return result;
      },
    { step: 'initialize', name: 'cchcMeterCapacity' },
  );
  return meter;
}
