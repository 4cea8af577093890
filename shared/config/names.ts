/** Queue and function names, importable by shared/ without pulling in infra code. */
export type QueueName = 'feed-jobs' | 'articles' | 'digests';
export type FunctionName = 'schedule-feeds' | 'fetch-feed' | 'classify-article' | 'send-digest' | 'deliver-digest' | 'send-alerts' | 'unsubscribe' | 'web';
