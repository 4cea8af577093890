/**
 * The two digest functions as the bench runs them: built by esbuild like the Lambda bundles, one
 * fresh process per function, against the local stack's endpoints (from the environment).
 *   node digest-functions.mjs plan WEEK      → send-digest's scheduled invocation
 *   node digest-functions.mjs deliver         → deliver-digest driven by the digests queue until it is empty
 * Prints one line "RESULT {json}" with the time and the process's peak RSS.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createHandler as planHandler } from '../functions/send-digest.ts';
import { createHandler as deliverHandler } from '../functions/deliver-digest.ts';
import { lazyWiring } from '../shared/wiring/lambda.ts';
import { wireSendDigest } from '../shared/wiring/send-digest.ts';
import { wireDeliverDigest } from '../shared/wiring/deliver-digest.ts';
import { readRuntimeConfig } from '../shared/config/env.ts';
import { createSqsClient } from '../shared/aws/sqs.ts';
import { pollOnce, type SqsHandler } from '../infra/local/poller.ts';
import { topology } from '../infra/topology.ts';
import { oneLine } from './support/bench.ts';

// One line the bench can quote when this process fails: never the minified bundle's source line.
const fail = (e: unknown) => {
  console.log(`ERROR ${oneLine(e)}`);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const [mode, week] = process.argv.slice(2);
const started = performance.now();
// Peak RSS is what the process took (V8 grows its heap lazily on a large machine); the sampled
// peak of live heap + buffers is what the work needed.
let live = 0;
setInterval(() => {
  const m = process.memoryUsage();
  live = Math.max(live, m.heapUsed + m.external);
}, 20).unref();
const peak = () => ({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), peakLiveMb: Math.round(live / 1048576) });

if (mode === 'plan') {
  const plan = await planHandler(lazyWiring(wireSendDigest))({ week });
  console.log(`RESULT ${JSON.stringify({ ms: Math.round(performance.now() - started), ...peak(), plan })}`);
} else if (mode === 'deliver') {
  const config = readRuntimeConfig();
  const sqs = createSqsClient(config);
  const queueUrl = config.queueUrls.digests!;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const handler = deliverHandler(lazyWiring(wireDeliverDigest)) as SqsHandler;
  const spec = topology.functions['deliver-digest'];
  let received = 0;
  let failed = 0;
  let invocations = 0;
  for (;;) {
    const r = await pollOnce({ sqs, queueUrl, queueArn: arn, region: config.region, batchSize: spec.trigger.batchSize, functionName: 'deliver-digest', timeoutSeconds: spec.timeoutSeconds, handler, retryDelaySeconds: 1 });
    if (!r.received) break;
    invocations++;
    received += r.received;
    failed += r.failed;
  }
  console.log(`RESULT ${JSON.stringify({ ms: Math.round(performance.now() - started), ...peak(), invocations, received, failed })}`);
} else {
  console.error('usage: digest-functions.mjs plan WEEK | deliver');
  process.exit(2);
}
