import * as z from 'zod';
import { AREA_IDS } from './areas';
import { desksSchema } from '../desks/config';
import { localUsersSchema } from '../auth/users';
import { complianceConfigSchema } from '../compliance/config';
import { mailConfigSchema } from '../mail/config';
import { digestConfigSchema } from '../digest/config';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD (Vietnam time)');

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a slug of lower-case letters, digits and hyphens');

/** An agency: data with validity dates and a successor link, never code. */
export const agencySchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    kind: z.enum(['department', 'district', 'commune', 'central', 'association', 'press', 'office']),
    leadAreas: z.array(z.enum(AREA_IDS)).default([]),
    contacts: z.array(z.string().email()).default([]),
    validFrom: isoDate,
    validTo: isoDate.nullable().default(null),
    successorId: slug.nullable().default(null),
  })
  .strict();

/** CSS selectors for an HTML list page; all relative to `item` except `item`. */
export const htmlSelectorsSchema = z
  .object({
    item: z.string().min(1),
    title: z.string().min(1),
    link: z.string().min(1),
    date: z.string().min(1).optional(),
    summary: z.string().min(1).optional(),
  })
  .strict();

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'expected an http(s) URL');

/** A source: the whole per-site knowledge in a few lines of data. */
export const sourceSchema = z
  .object({
    id: slug,
    agencyId: slug,
    kind: z.enum(['rss', 'atom', 'html', 'auto']),
    url: httpUrl,
    html: htmlSelectorsSchema.optional(),
    encoding: z.string().min(1).nullable().optional(),
    /** Minutes between polls; defaults to the schedule's interval. */
    intervalMinutes: z.number().int().positive().optional(),
    paused: z.boolean().optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.kind === 'html' && !source.html) {
      ctx.addIssue({ code: 'custom', path: ['html'], message: 'an html source needs its selectors' });
    }
  });

/** The configuration file: agencies and sources; later sections are optional. */
export const configSchema = z
  .object({
    agencies: z.array(agencySchema),
    sources: z.array(sourceSchema),
    /** Editorial desks (newspaper, TV, …); absent means none. */
    desks: desksSchema.optional(),
    /** Local sign-in users (the local runtime only; AWS uses Cognito). */
    users: localUsersSchema.optional(),
    /** Compliance: the yearly target and reminder thresholds; absent means the defaults. */
    compliance: complianceConfigSchema.optional(),
    /** Who sends the product's e-mail and Sở Nội vụ's addresses (reminders). */
    mail: mailConfigSchema.optional(),
    /** The weekly digest's recipients (by role and list). */
    digest: digestConfigSchema.optional(),
  })
  .passthrough();

export type Agency = z.infer<typeof agencySchema>;
export type Source = z.infer<typeof sourceSchema>;
export type HtmlSelectors = z.infer<typeof htmlSelectorsSchema>;
export type CchcConfig = z.infer<typeof configSchema>;
