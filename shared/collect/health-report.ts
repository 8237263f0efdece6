import type { SourceRecord } from '../store/sources-repo';
import { isFailing } from './health';

/** The `/health` answer of the contract: counts only. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  stories: number;
  sources: { total: number; failing: number; needsRepair: number };
  lastCycleAt: string | null;
}

/**
 * Builds the health report: `degraded` when a source fails or needs repair,
 * or no cycle has finished within twice the schedule's interval.
 */
export function healthReport(input: {
  stories: number;
  sources: SourceRecord[];
  lastCycleAt: string | null;
  intervalMinutes: number;
  now: Date;
}): HealthReport {
  const active = input.sources.filter((r) => !r.source.paused);
  const failing = active.filter((r) => isFailing(r.health)).length;
  const needsRepair = active.filter((r) => r.health.needsRepair).length;
  const stale =
    !input.lastCycleAt || input.now.getTime() - new Date(input.lastCycleAt).getTime() > 2 * input.intervalMinutes * 60_000;
  return {
    status: failing > 0 || needsRepair > 0 || stale ? 'degraded' : 'ok',
    stories: input.stories,
    sources: { total: input.sources.length, failing, needsRepair },
    lastCycleAt: input.lastCycleAt,
  };
}
