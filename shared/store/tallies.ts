/**
 * The agencies' quarter tallies in the table (see `shared/compliance/tally.ts`
 * for what a tally is). One item per agency, quarter and source (see
 * `keys.quarterTally` for why per source) holds one attribute per credited
 * story, `s:<storyId>` → its contribution (encoded as one short
 * string: a few hundred agencies' tallies are read on every view, and a string
 * attribute costs far less to read and decode than a nested map), so that every write
 * of a credit can set or remove its story's part in the same transaction —
 * idempotently (a retried SET writes the same value) and without reading the
 * tally first. Adding up the parts is left to the reader.
 */
import { tallyOf, type QuarterTally, type TallyContribution } from '../compliance/tally';
import type { AreaId } from '../config/areas';
import { gsi1, keys } from './table';
import type { TransactItem } from './transactions';

/** A story's part in one agency's quarter tally, through one of its sources: set it, or (`null`) take it out. */
export interface TallyChange {
  agencyId: string;
  quarter: string;
  sourceId: string;
  storyId: string;
  contribution: TallyContribution | null;
}

/** The attribute prefix of a story's contribution. */
const STORY_ATTRIBUTE_PREFIX = 's:';

/** `<1 or 0>|<at>|<area,area…>`: counts, instant, areas (ids never contain `|` or `,`). */
export function encodeContribution(contribution: TallyContribution): string {
  return `${contribution.counts ? 1 : 0}|${contribution.at}|${contribution.areas.join(',')}`;
}

/** The inverse of {@link encodeContribution}. */
export function decodeContribution(encoded: string): TallyContribution {
  const [counts, at = '', areas = ''] = encoded.split('|');
  return { counts: counts === '1', at, areas: (areas ? areas.split(',') : []) as AreaId[] };
}

/**
 * The updates that apply `changes`: one per agency, quarter and source,
 * because a transaction may touch an item only once (a first poll writes
 * many stories of one source together). A later change of the same story
 * wins.
 */
export function tallyUpdates(changes: readonly TallyChange[]): TransactItem[] {
  const byTally = new Map<string, { agencyId: string; quarter: string; sourceId: string; stories: Map<string, TallyContribution | null> }>();
  for (const change of changes) {
    const id = `${change.agencyId}\u0000${change.quarter}\u0000${change.sourceId}`;
    let tally = byTally.get(id);
    if (!tally) byTally.set(id, (tally = { agencyId: change.agencyId, quarter: change.quarter, sourceId: change.sourceId, stories: new Map() }));
    tally.stories.set(change.storyId, change.contribution);
  }
  return [...byTally.values()].map(({ agencyId, quarter, sourceId, stories }) => {
    const names: Record<string, string> = { '#type': 'type' };
    const values: Record<string, unknown> = {
      ':type': 'tally',
      ':gsi1pk': gsi1.quarterTallies(quarter),
      ':gsi1sk': `${agencyId}#${sourceId}`,
      ':agency': agencyId,
      ':quarter': quarter,
      ':source': sourceId,
    };
    const sets = ['#type = :type', 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk', 'agencyId = :agency', 'quarter = :quarter', 'sourceId = :source'];
    const removes: string[] = [];
    let n = 0;
    for (const [storyId, contribution] of stories) {
      const name = `#s${n}`;
      names[name] = `${STORY_ATTRIBUTE_PREFIX}${storyId}`;
      if (contribution) {
        values[`:s${n}`] = encodeContribution(contribution);
        sets.push(`${name} = :s${n}`);
      } else {
        removes.push(name);
      }
      n += 1;
    }
    return {
      Update: {
        TableName: '',
        Key: keys.quarterTally(agencyId, quarter, sourceId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

/** The full item of a tally rebuilt from its stories' contributions (migrations and repairs). */
export function tallyItem(agencyId: string, quarter: string, sourceId: string, contributions: ReadonlyMap<string, TallyContribution>): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...keys.quarterTally(agencyId, quarter, sourceId),
    type: 'tally',
    gsi1pk: gsi1.quarterTallies(quarter),
    gsi1sk: `${agencyId}#${sourceId}`,
    agencyId,
    quarter,
    sourceId,
  };
  for (const [storyId, contribution] of contributions) item[`${STORY_ATTRIBUTE_PREFIX}${storyId}`] = encodeContribution(contribution);
  return item;
}

/** A stored tally item's contributions, by story id (added to `into` when given; a story already there is kept). */
export function contributionsOfItem(item: Record<string, unknown>, into = new Map<string, TallyContribution>()): Map<string, TallyContribution> {
  for (const [name, value] of Object.entries(item)) {
    if (!name.startsWith(STORY_ATTRIBUTE_PREFIX) || typeof value !== 'string') continue;
    const storyId = name.slice(STORY_ATTRIBUTE_PREFIX.length);
    if (!into.has(storyId)) into.set(storyId, decodeContribution(value));
  }
  return into;
}

/**
 * Every agency's tally from a quarter's stored items (one per agency and
 * source): each story once per agency, as countedCredits counts it, when two
 * of the agency's sources published it.
 */
export function talliesFromItems(items: readonly Record<string, unknown>[]): Map<string, QuarterTally> {
  const byAgency = new Map<string, Map<string, TallyContribution>>();
  for (const item of items) {
    const agencyId = item.agencyId as string;
    byAgency.set(agencyId, contributionsOfItem(item, byAgency.get(agencyId)));
  }
  return new Map([...byAgency].map(([agencyId, contributions]) => [agencyId, tallyOf(contributions.values())]));
}
