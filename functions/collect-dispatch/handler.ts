import { awsTableClients } from '../../shared/store/table-clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { SqsCollectQueue } from '../../shared/queues/sqs';
import { dispatchDueSources } from '../../shared/collect/dispatch';
import type { CollectQueue } from '../../shared/queues/messages';
import { environment } from '../../shared/env';
import { createLogger } from '../../shared/observability/logger';

const logger = createLogger('collect-dispatch');

/** Builds the handler over explicit dependencies (the local runtime passes its own queue). */
export function createDispatchHandler(deps: { sources: SourcesRepository; queue: CollectQueue; now?: () => Date }) {
  return async (): Promise<{ dispatched: number }> => {
    const dispatched = await dispatchDueSources({ ...deps, now: deps.now ?? (() => new Date()) });
    logger.info('dispatched due sources', { dispatched });
    return { dispatched };
  };
}

let defaultHandler: ReturnType<typeof createDispatchHandler> | undefined;

/** The Lambda entry point: EventBridge Scheduler invokes it every 30 minutes. */
export const handler = async (): Promise<{ dispatched: number }> => {
  defaultHandler ??= createDispatchHandler({
    sources: new SourcesRepository(awsTableClients()),
    queue: new SqsCollectQueue(environment().COLLECT_QUEUE_URL ?? ''),
  });
  return defaultHandler();
};
