import type { Fetcher } from '../collect/fetch/fetcher';
import type { ArticleJob } from '../collect/article-jobs';
import { decodeBody } from '../extract/decode';
import type { StoriesRepository } from '../store/stories-repo';
import { countingInstant } from '../stories/story';
import { isoWeekOf, quarterOf, toVietnamIso } from '../time/vietnam';
import { readArticlePage } from './article-page';
import { machineLabelOf, type StoryClassifier } from '../stories/labels';
import { MAX_ARTICLE_ATTEMPTS } from './max-attempts';
import type { StoryRouter } from '../collect/collect-source';

/** An article fetch that failed and should be retried later (with backoff). */
export class ArticleFetchError extends Error {
  override name = 'ArticleFetchError';
}

/** How many attempts an article gets; the article queue's maxReceiveCount. */
export { MAX_ARTICLE_ATTEMPTS };

/** What the article stage needs. */
export interface ArticleDeps {
  stories: StoriesRepository;
  fetcher: Pick<Fetcher, 'fetch'>;
  now: () => Date;
  /** Labels the story again once its article text is known. */
  classifier?: StoryClassifier;
  /** Re-routes the story to the desks with its new label and word count. */
  router?: StoryRouter;
}

/**
 * Fetches a new story's article page and stores its main text, and the
 * description and date where the list lacked them. Idempotent: a story whose
 * article is no longer pending is left alone.
 * @param attempt 1 for the first delivery of the job.
 * @throws ArticleFetchError when the fetch failed and another attempt is due.
 */
export async function fetchArticle(deps: ArticleDeps, job: ArticleJob, attempt: number): Promise<'done' | 'skipped' | 'failed'> {
  const story = await deps.stories.get(job.storyId);
  if (!story || story.article.status !== 'pending') return 'skipped';
  try {
    const response = await deps.fetcher.fetch({ url: job.url, accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5' });
    if (response.kind !== 'ok') throw new Error('the article answered 304 to a request without validators');
    const { text: html } = decodeBody(response.body, response.contentType, null);
    const now = deps.now();
    const page = readArticlePage(html, now);
    const publishedAt = story.publishedAt ?? (page.publishedAt ? toVietnamIso(page.publishedAt) : null);
    const sortAt = countingInstant(publishedAt, new Date(story.collectedAt));
    await deps.stories.saveArticle(story, {
      text: page.text,
      wordCount: page.wordCount,
      summary: story.summary ?? page.description,
      publishedAt,
      sortAt: toVietnamIso(sortAt),
      quarter: quarterOf(sortAt),
      week: isoWeekOf(sortAt),
      fetchedAt: toVietnamIso(now),
    });
    if (deps.classifier) {
      const label = machineLabelOf(deps.classifier, { title: story.title, summary: story.summary ?? page.description, body: page.text }, now);
      await deps.stories.saveMachineLabel(story.id, label);
    }
    if (deps.router) {
      const updated = await deps.stories.get(story.id);
      if (updated) await deps.router.route(updated, now);
    }
    return 'done';
  } catch (error) {
    if (typeof error === 'object' && error !== null && '$metadata' in error) throw error; // the store, not the site
    const reason = (error as Error).message ?? String(error);
    const final = attempt >= MAX_ARTICLE_ATTEMPTS;
    await deps.stories.recordArticleFailure(story.id, attempt, reason, final);
    if (final) return 'failed';
    throw new ArticleFetchError(`article ${job.url}: ${reason}`, { cause: error });
  }
}
