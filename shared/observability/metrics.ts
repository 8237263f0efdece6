/**
 * The product's CloudWatch metrics (Powertools Metrics, embedded metric
 * format), one instance per function, like `createLogger` (logger.ts).
 *
 * - Namespace {@link METRIC_NAMESPACE}; the only dimension is `service`
 *   (the function's name: the stack sets POWERTOOLS_SERVICE_NAME to it), so
 *   the series are a fixed list — metric × function — whatever the number of
 *   sources or recipients (see metric-names.ts).
 * - A handler records counts during an invocation and {@link flushMetrics}
 *   writes them as one EMF line to stdout at its end, success or failure;
 *   Lambda's log pipeline turns that line into metrics (no PutMetricData
 *   call, no SDK client, nothing added to the cold start but Powertools).
 * - Off the Lambda runtime (`npm start`, the `cchc` commands, benchmarks)
 *   `bin/quiet-warnings.mjs` sets Powertools' own POWERTOOLS_METRICS_DISABLED,
 *   so the terminal shows the runtime's progress lines, not EMF JSON; the
 *   counts are still taken and cleared per invocation.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@aws-lambda-powertools/logger';
import { METRIC_NAMESPACE, type MetricName } from './metric-names';

export type { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * A function's metrics. `logger` receives Powertools' own warnings (an
 * invalid metric, say) as structured log lines instead of bare console text.
 */
export function createMetrics(serviceName: string, logger?: Logger): Metrics {
  return new Metrics({ namespace: METRIC_NAMESPACE, serviceName, ...(logger ? { logger } : {}) });
}

/** Adds `value` to one of the product's counts for this invocation. */
export function countMetric(metrics: Metrics, name: MetricName, value: number): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/**
 * Writes the invocation's counts (one EMF line) and clears them. Does
 * nothing when none were recorded — Powertools would warn about an empty
 * flush, which would be noise on every invocation that counts nothing.
 */
export function flushMetrics(metrics: Metrics): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/** Runs one invocation and flushes its counts afterwards, whether it returned or threw. */
export async function withMetrics<T>(metrics: Metrics, invocation: () => Promise<T>): Promise<T> {
  try {
    return await invocation();
  } finally {
    flushMetrics(metrics);
  }
}
