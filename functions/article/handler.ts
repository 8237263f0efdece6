import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { awsTableClients } from '../../shared/store/table-clients';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { articleMessageSchema } from '../../shared/queues/messages';
import { fetchArticle, type ArticleDeps } from '../../shared/articles/fetch-article';
import { createFetcher } from '../../shared/collect/fetch/fetcher';
import { environment } from '../../shared/env';
import { defaultClassifier } from '../../shared/stories/default-classifier';
import { createDeskService, parseDesksJson } from '../../shared/desks/create';
import { createLogger } from '../../shared/observability/logger';

const logger = createLogger('article');

/** Builds the handler over explicit dependencies. */
export function createArticleHandler(deps: ArticleDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const fetchOne = async (record: SQSRecord) => {
    const parsed = articleMessageSchema.safeParse(JSON.parse(record.body));
    if (!parsed.success) {
      logger.error('malformed article message dropped', { body: record.body.slice(0, 200) });
      return;
    }
    // SQS counts deliveries; a failed attempt is redelivered after the visibility timeout.
    const attempt = Number(record.attributes.ApproximateReceiveCount ?? '1');
    const outcome = await fetchArticle(deps, parsed.data, attempt);
    logger.info('article', { storyId: parsed.data.storyId, outcome, attempt });
  };
  return (event: SQSEvent): Promise<SQSBatchResponse> => processPartialResponse(event, fetchOne, processor);
}

let defaultHandler: ReturnType<typeof createArticleHandler> | undefined;

/** The Lambda entry point: a batch from the article queue. */
export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => {
  const clients = awsTableClients();
  defaultHandler ??= createArticleHandler({
    stories: new StoriesRepository(clients),
    fetcher: createFetcher({ contactUrl: environment().CCHC_CONTACT_URL }),
    now: () => new Date(),
    classifier: defaultClassifier,
    router: createDeskService(clients, parseDesksJson(environment().CCHC_DESKS)),
  });
  return defaultHandler(event);
};
