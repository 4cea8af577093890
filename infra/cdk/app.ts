/**
 * The CDK app. Context (validated, see context.ts): mailFrom (the digest's sender, required),
 * region (default eu-north-1, never the CLI's default), sesIdentity, sesConfigurationSet,
 * feedRegistry (live|sample), pollMinutes, alarmTopicArn, nag (false skips cdk-nag).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MonitorStack } from './monitor-stack.ts';
import { ContextError, parseContext, stackProps } from './context.ts';

const app = new App();
let context;
try {
  context = parseContext(app.node.getAllContext());
} catch (e) {
  if (!(e instanceof ContextError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}
if (context.nag !== 'false') Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
// Said out loud: where the subscribers' personal data will live.
process.stderr.write(`Industrikommunerna-Mediebevakning: region ${context.region}${context.region.startsWith('eu-') ? '' : ' (outside the EU!)'}\n`);
new MonitorStack(app, 'Industrikommunerna-Mediebevakning', stackProps(context, process.env.CDK_DEFAULT_ACCOUNT));
