/**
 * Editorial desks as configuration: a desk's routing rules, its slots and
 * their budget are data, so a third desk (the provincial portal, say) is an
 * entry in the configuration file, not code.
 */
import * as z from 'zod';
import { AREA_IDS } from '../config/areas';

const AGENCY_KINDS = ['department', 'district', 'commune', 'central', 'association', 'press', 'office'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD (Vietnam time)');

/** Which relevant stories a desk is offered. An empty list means "any". */
export const deskRulesSchema = z
  .object({
    /** The story must have at least one of these areas (primary or secondary). */
    areas: z.array(z.enum(AREA_IDS)).default([]),
    /** The story's first publisher must be of one of these kinds. */
    agencyKinds: z.array(z.enum(AGENCY_KINDS)).default([]),
    /** Only stories at most this many days old (by their counting instant) when routed. */
    freshnessDays: z.number().int().positive().max(3660),
    /** Stories the classifier is less sure of than this are not offered (a human's label counts as 1). */
    minConfidence: z.number().min(0).max(1).default(0),
  })
  .strict();

/** A monthly page (the newspaper's): slot ids `YYYY-MM`, budget in stories and words. */
export const monthlyPageSchema = z
  .object({
    kind: z.literal('monthly-page'),
    maxStories: z.number().int().positive(),
    maxWords: z.number().int().positive(),
  })
  .strict();

/**
 * A segment on air every `everyDays` days from `anchorDate` (the TV
 * station's, every 14 days): slot ids are air dates `YYYY-MM-DD`, the budget
 * is airtime, each story's estimated from its words at a read-aloud rate.
 */
export const recurringSegmentSchema = z
  .object({
    kind: z.literal('recurring-segment'),
    anchorDate: isoDate,
    everyDays: z.number().int().positive().max(366),
    minSeconds: z.number().int().positive(),
    maxSeconds: z.number().int().positive(),
    /** Vietnamese news read aloud: words (syllables) per minute. */
    wordsPerMinute: z.number().positive().max(1000),
    /** Lead-in and pictures around each story's reading. */
    perStorySeconds: z.number().int().min(0).max(600).default(0),
    /** A story is never estimated shorter than this (a title with no article text). */
    minStorySeconds: z.number().int().min(0).max(3600).default(30),
  })
  .strict()
  .refine((segment) => segment.minSeconds <= segment.maxSeconds, { path: ['minSeconds'], message: 'is above maxSeconds' });

/** One desk: an id used in URLs and the API, its Vietnamese name, its rules and its slots. */
export const deskSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'expected a short slug'),
    name: z.string().min(1),
    /** The roles whose users edit this desk (admins always may). */
    editorRoles: z.array(z.string().min(1)).min(1),
    rules: deskRulesSchema,
    slot: z.discriminatedUnion('kind', [monthlyPageSchema, recurringSegmentSchema]),
  })
  .strict();

/** The optional `desks` section of the configuration file. */
export const desksSchema = z.array(deskSchema).superRefine((desks, ctx) => {
  const seen = new Set<string>();
  desks.forEach((desk, index) => {
    if (seen.has(desk.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate desk id "${desk.id}"` });
    seen.add(desk.id);
  });
});

export type DeskRules = z.infer<typeof deskRulesSchema>;
export type MonthlyPage = z.infer<typeof monthlyPageSchema>;
export type RecurringSegment = z.infer<typeof recurringSegmentSchema>;
export type SlotDefinition = MonthlyPage | RecurringSegment;
/** A desk as configured (defaults applied). */
export type Desk = z.infer<typeof deskSchema>;
