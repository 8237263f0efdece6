/**
 * The product's CloudWatch metrics, named once: the functions emit them
 * (Powertools Metrics, embedded metric format) and the stack's alarms read
 * them. Every metric carries only the `service` dimension (the function's
 * name, Powertools' default), so the number of metric series stays fixed no
 * matter how many sources, agencies or recipients there are.
 */

/** The namespace every metric of the product is published in. */
export const METRIC_NAMESPACE = 'CchcPipeline';

/** Metric names, all with unit Count. */
export const METRICS = {
  /** New stories stored by one poll of a source (collect-source). */
  storiesCollected: 'StoriesCollected',
  /**
   * One value per poll of a source (collect-source): 1 when it failed, 0
   * when it did not. Its Average is the failure rate and its SampleCount the
   * number of polls, so one metric serves both.
   */
  sourcesFailed: 'SourcesFailed',
  /** Digest e-mails sent (digest). */
  digestsSent: 'DigestsSent',
  /** Reminder e-mails sent (reminders). */
  remindersSent: 'RemindersSent',
  /**
   * Emitted by the digest function's Monday 08:00 check: 1 when last week's
   * digest has not been sent to every recipient, 0 when it has.
   */
  digestOverdue: 'DigestOverdue',
} as const;

/** One of {@link METRICS}' values. */
export type MetricName = (typeof METRICS)[keyof typeof METRICS];
