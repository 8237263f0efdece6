/**
 * The compliance section of the configuration: the plan's yearly target per
 * agency and the reminder thresholds (days before a quarter ends).
 */
import * as z from 'zod';

/** The plan's target: 10 counted items a year per agency. */
export const DEFAULT_YEARLY_TARGET = 10;
/** Reminders go out this many days before a quarter ends. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [21, 7];

/** `compliance` in the configuration file; every field optional. */
export const complianceConfigSchema = z
  .object({
    yearlyTarget: z.number().int().min(1).max(1000).default(DEFAULT_YEARLY_TARGET),
    reminderDays: z
      .array(z.number().int().min(1).max(92))
      .max(10)
      .default([...DEFAULT_REMINDER_DAYS])
      .refine((days) => new Set(days).size === days.length, 'reminder days must differ'),
  })
  .strict();

export type ComplianceConfig = z.infer<typeof complianceConfigSchema>;

/** The defaults when the section is absent. */
export const DEFAULT_COMPLIANCE_CONFIG: ComplianceConfig = { yearlyTarget: DEFAULT_YEARLY_TARGET, reminderDays: [...DEFAULT_REMINDER_DAYS] };

/** The section of a parsed configuration (or the defaults). */
export function complianceConfigOf(config: { compliance?: ComplianceConfig | undefined } | null | undefined): ComplianceConfig {
  return config?.compliance ?? DEFAULT_COMPLIANCE_CONFIG;
}
