/** A request to fetch a new story's article page, sent by the collector. */
export interface ArticleJob {
  storyId: string;
  url: string;
}

/** Where the collector sends article jobs: SQS in AWS, an in-process queue locally. */
export interface ArticleJobQueue {
  enqueue(jobs: ArticleJob[]): Promise<void>;
}
