/**
 * The CDK app. Context: mailFrom (the digest's sender, required to deploy), sesIdentity,
 * sesConfigurationSet, feedRegistry (live|sample), pollMinutes, alarmTopicArn, nag (false skips cdk-nag).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MonitorStack } from './monitor-stack.ts';
import { pollCron } from '../topology.ts';

const app = new App();
const ctx = (k: string) => app.node.tryGetContext(k) as string | undefined;
if (ctx('nag') !== 'false') Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new MonitorStack(app, 'Industrikommunerna-Mediebevakning', {
  env: { region: process.env.CDK_DEFAULT_REGION ?? 'eu-north-1', account: process.env.CDK_DEFAULT_ACCOUNT },
  mailFrom: ctx('mailFrom') ?? 'bevakning@example.invalid',
  sesIdentity: ctx('sesIdentity'),
  sesConfigurationSet: ctx('sesConfigurationSet'),
  feedRegistry: (ctx('feedRegistry') as 'live' | 'sample' | undefined) ?? 'live',
  pollCron: ctx('pollMinutes') ? pollCron(Number(ctx('pollMinutes'))) : undefined,
  alarmTopicArn: ctx('alarmTopicArn'),
});
