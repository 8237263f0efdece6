/**
 * How many times an article page is tried before the story's article is
 * marked failed (the story itself stays visible). The article queue's
 * maxReceiveCount is this number, in AWS and locally.
 */
export const MAX_ARTICLE_ATTEMPTS = 5;
