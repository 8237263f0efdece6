import { VIETNAM_TIME_ZONE } from './time/vietnam';

/** A recurring job, defined once for EventBridge Scheduler and the local cron. */
export interface ScheduleDefinition {
  id: string;
  /** Which function it invokes (a folder under `functions/`). */
  target: string;
  /** EventBridge Scheduler expression. */
  awsExpression: string;
  /** The same rule for a five-field cron library. */
  cron: string;
  timeZone: string;
  /** The interval, for health checks ("no cycle within twice the interval"). */
  intervalMinutes: number;
  description: string;
}

/** Every schedule of the product. */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  {
    id: 'collect',
    target: 'collect-dispatch',
    awsExpression: 'cron(0/30 * * * ? *)',
    cron: '*/30 * * * *',
    timeZone: VIETNAM_TIME_ZONE,
    intervalMinutes: 30,
    description: 'Poll the sources that are due, every 30 minutes',
  },
  {
    id: 'reminders',
    target: 'reminders',
    awsExpression: 'cron(0 8 * * ? *)',
    cron: '0 8 * * *',
    timeZone: VIETNAM_TIME_ZONE,
    intervalMinutes: 24 * 60,
    description: 'E-mail the quarterly reminders that are due, daily at 08:00',
  },
  {
    id: 'digest',
    target: 'digest',
    awsExpression: 'cron(0 7 ? * MON *)',
    cron: '0 7 * * 1',
    timeZone: VIETNAM_TIME_ZONE,
    intervalMinutes: 7 * 24 * 60,
    description: 'E-mail the weekly digest of the week that ended, Mondays at 07:00',
  },
  {
    id: 'digest-check',
    target: 'digest',
    awsExpression: 'cron(0 8 ? * MON *)',
    cron: '0 8 * * 1',
    timeZone: VIETNAM_TIME_ZONE,
    intervalMinutes: 7 * 24 * 60,
    description: 'Check that the week that ended reached every digest recipient (metric DigestOverdue), Mondays at 08:00',
  },
];

/** The collection schedule (the health check compares against its interval). */
export const COLLECT_SCHEDULE = SCHEDULES.find((s) => s.id === 'collect')!;

/** The reminders' daily round (08:00 Vietnam time). */
export const REMINDERS_SCHEDULE = SCHEDULES.find((s) => s.id === 'reminders')!;

/** The weekly digest (Mondays 07:00 Vietnam time). */
export const DIGEST_SCHEDULE = SCHEDULES.find((s) => s.id === 'digest')!;

/**
 * The digest's watchdog (Mondays 08:00 Vietnam time, an hour after the send
 * and its retries): the digest function, invoked with this schedule's id,
 * emits DigestOverdue instead of sending.
 */
export const DIGEST_CHECK_SCHEDULE = SCHEDULES.find((s) => s.id === 'digest-check')!;
