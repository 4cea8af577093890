/** Queue and function names, importable by shared/ without pulling in infra code. */
export type QueueName = 'feed-jobs' | 'articles' | 'article-pages' | 'digests';
export type FunctionName = 'schedule-feeds' | 'fetch-feed' | 'classify-article' | 'read-article-page' | 'send-digest' | 'deliver-digest' | 'send-alerts' | 'unsubscribe' | 'web';

/** Deliveries of a page job before SQS moves it to the DLQ; on the last one a busy host keeps the teaser. */
export const ARTICLE_PAGES_MAX_RECEIVES = 5;
