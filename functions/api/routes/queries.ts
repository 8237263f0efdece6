/**
 * The inputs routes share, validated once with zod: a desk queue's filters
 * (pages and `GET /api/v1/stories` read the same ones), transitions and labels.
 */
import * as z from 'zod';
import { AREA_IDS } from '../../../shared/config/areas';
import { DESK_STATUSES } from '../../../shared/desks/workflow';
import { searchWords } from '../../../shared/desks/desk-service';
import type { QueueQuery } from '../../../shared/store/desks-repo';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** A desk queue's filters as a query string carries them. */
export const queueFiltersSchema = z.object({
  status: z.preprocess(emptyToUndefined, z.enum(DESK_STATUSES).default('proposed')),
  area: z.preprocess(emptyToUndefined, z.enum(AREA_IDS).optional()),
  agency: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'expected an agency id').optional()),
  q: z.preprocess(emptyToUndefined, z.string().max(100, 'at most 100 characters').optional()),
  from: z.preprocess(emptyToUndefined, isoDate.optional()),
  to: z.preprocess(emptyToUndefined, isoDate.optional()),
  cursor: z.preprocess(emptyToUndefined, z.string().max(600).optional()),
  limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).optional()),
});
export type QueueFiltersInput = z.infer<typeof queueFiltersSchema>;

/** The repository query of validated filters. */
export function toQueueQuery(desk: string, filters: QueueFiltersInput): QueueQuery {
  return {
    desk,
    status: filters.status,
    ...(filters.area ? { area: filters.area } : {}),
    ...(filters.agency ? { agencyId: filters.agency } : {}),
    ...(filters.q ? { words: searchWords(filters.q) } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
    ...(filters.limit ? { limit: filters.limit } : {}),
  };
}

/** A workflow step as the JSON API and the story page's forms send it. */
export const transitionSchema = z
  .object({
    desk: z.string().min(1).max(32),
    to: z.enum(DESK_STATUSES),
    slot: z.string().max(20).nullish(),
    note: z.string().max(500).nullish(),
    version: z.coerce.number().int().positive(),
  })
  .strict();

/** A label correction as the JSON API sends it. */
export const labelsSchema = z
  .object({
    relevant: z.boolean(),
    areas: z.array(z.enum(AREA_IDS)).max(AREA_IDS.length).default([]),
    version: z.number().int().positive(),
  })
  .strict();

/** An airtime edit. */
export const airtimeSchema = z
  .object({
    desk: z.string().min(1).max(32),
    seconds: z.coerce.number().int(),
    version: z.coerce.number().int().positive(),
  })
  .strict();

/** A story id in a path (the ids this product mints: base64url, 22 characters; a little slack). */
export const STORY_ID = '([A-Za-z0-9_-]{1,64})';
/** A desk id in a path. */
export const DESK_ID = '([a-z][a-z0-9-]{0,31})';
