/** The rows the reminders judge in production: the quarter view's (helper of the handler and the local runtime). */
import { loadQuarterView } from '../compliance/view';
import type { AwsClients } from '../store/clients';
import { SourcesRepository } from '../store/sources-repo';
import { StoriesRepository } from '../store/stories-repo';
import type { RemindersDeps } from './run';

/** Loads a quarter's rows (with their sources' health) from the store, as /compliance shows them. */
export function quarterViewRows(clients: AwsClients): RemindersDeps['loadRows'] {
  const deps = { stories: new StoriesRepository(clients), sources: new SourcesRepository(clients) };
  return async (quarter, now) => (await loadQuarterView(deps, quarter, now)).rows;
}
