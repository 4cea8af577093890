/** Wiring for schedule-feeds: feed states (DynamoDB) and the feed-jobs queue. */
import { createDynamoFeedStateStore } from '../adapters/dynamo/index.ts';
import { createSqsClient } from '../aws/sqs.ts';
import type { FeedJob } from '../ports.ts';
import { scheduleFeeds } from '../use-cases/schedule-feeds.ts';
import { common, jobQueue, type WiringInput } from './common.ts';

export function wireScheduleFeeds(input: WiringInput) {
  const c = common(input);
  const sqs = input.overrides?.sqs ?? createSqsClient(input.config);
  return { scheduleFeeds: scheduleFeeds({ feeds: c.feeds, feedStates: createDynamoFeedStateStore(c.table), feedJobs: jobQueue<FeedJob>(sqs, input.config, 'feed-jobs'), clock: c.clock }) };
}
