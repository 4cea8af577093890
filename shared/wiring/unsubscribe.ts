/** Wiring for unsubscribe: the subscriber store and the token secret. */
import { createDynamoSubscriberStore } from '../adapters/dynamo/index.ts';
import { common, type WiringInput } from './common.ts';

export function wireUnsubscribe(input: WiringInput) {
  const c = common(input);
  return { subscribers: createDynamoSubscriberStore(c.table), unsubscribeSecret: input.config.unsubscribe.secret };
}
