import type { AreaId } from '../../../shared/config/areas';
import type { Story } from '../types';

/**
 * Builds a story: `areas` primary first, or `null` for agency news that is
 * not about administrative reform (see domain.md's labelling rules).
 */
export function story(key: string, areas: AreaId[] | null, title: string, summary: string, ...paragraphs: string[]): Story {
  return { key, title, summary, paragraphs, label: { relevant: areas !== null, areas: areas ?? [] } };
}
