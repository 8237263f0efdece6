/** Stories and sources for the compliance tests, written through the real repositories. */
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../shared/config/load';
import type { AreaId } from '../../shared/config/areas';
import type { Source } from '../../shared/config/schema';
import type { AwsClients } from '../../shared/store/clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { toStory, withMachineLabel, type Story } from '../../shared/stories/story';
import { urlHash } from '../../shared/stories/ids';

export const demoConfig = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));

export function sourceOf(agencyId: string): Source {
  return { id: `${agencyId}-rss`, agencyId, kind: 'rss', url: `https://${agencyId}.example.gov.vn/rss` };
}

/** Agencies of the demo configuration and one source each. */
export async function seedAgencies(clients: AwsClients, now: Date): Promise<SourcesRepository> {
  const sources = new SourcesRepository(clients);
  for (const agency of demoConfig.agencies) {
    await sources.putAgency(agency);
    await sources.upsertSource(sourceOf(agency.id), now);
  }
  return sources;
}

let counter = 0;

/** A story of `agencyId` published at `publishedAt`, labelled by the machine. */
export async function seedStory(
  clients: AwsClients,
  agencyId: string,
  publishedAt: string,
  label: { relevant: boolean; areas: AreaId[] },
  collectedAt = new Date('2026-01-15T00:00:00Z'),
): Promise<Story> {
  const stories = new StoriesRepository(clients);
  const n = ++counter;
  const candidate = toStory(
    { title: `Tin cải cách hành chính số ${n} của ${agencyId}`, url: `https://${agencyId}.example.gov.vn/tin/${n}-${Math.random().toString(36).slice(2, 8)}`, publishedAt, summary: null },
    sourceOf(agencyId),
    new Date(Math.max(collectedAt.getTime(), new Date(publishedAt).getTime())),
  );
  const labelled = withMachineLabel(candidate, { ...label, confidence: 0.9, evidence: [], version: 'test', at: collectedAt.toISOString() });
  await stories.create(labelled);
  return (await stories.get(labelled.story.id))!;
}

/** Another agency's copy of a story (syndication). */
export async function syndicate(clients: AwsClients, story: Story, agencyId: string): Promise<Story> {
  const stories = new StoriesRepository(clients);
  const url = `https://${agencyId}.example.gov.vn/dang-lai/${story.id}`;
  await stories.addPublication(story, { agencyId, sourceId: sourceOf(agencyId).id, url, publishedAt: story.publishedAt, collectedAt: story.collectedAt }, urlHash(url));
  return (await stories.get(story.id))!;
}
