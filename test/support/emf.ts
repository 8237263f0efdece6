/**
 * Capturing what Powertools Metrics writes: the embedded-metric-format lines
 * a function prints on stdout, which CloudWatch turns into metrics. Tests
 * assert on those lines — the real output — rather than on a mock.
 */
import { vi } from 'vitest';
import { createMetrics, type Metrics } from '../../shared/observability/metrics';

/** One EMF line as Powertools writes it. */
export interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  service: string;
  [metric: string]: unknown;
}

/**
 * A function's metrics switched on (vitest.config.ts turns them off, as the
 * local runtime does) and the EMF lines they print from now on.
 */
export function capturedMetrics(serviceName: string): { metrics: Metrics; lines(): EmfLine[]; restore(): void } {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const metrics = createMetrics(serviceName);
  vi.unstubAllEnvs();
  const lines: EmfLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const emf = text.split('\n').filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as EmfLine);
    if (emf.length) {
      lines.push(...emf);
      return true;
    }
    return write(chunk, ...(rest as []));
  }) as typeof process.stdout.write);
  return { metrics, lines: () => [...lines], restore: () => spy.mockRestore() };
}

/** The values a metric took in one line (Powertools writes a list when a metric was added more than once). */
export function valuesOf(line: EmfLine, name: string): number[] {
  const value = line[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as number[]) : [value as number];
}

/** A metric's total over the lines. */
export function total(lines: readonly EmfLine[], name: string): number {
  return lines.flatMap((line) => valuesOf(line, name)).reduce((sum, value) => sum + value, 0);
}
