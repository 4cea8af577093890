/** The CDK app. Context: mailFrom (required for deploy), sesConfigurationSet, feedRegistry. */
import { App } from 'aws-cdk-lib';
import { MonitorStack } from './monitor-stack.ts';

const app = new App();
new MonitorStack(app, 'Industrikommunerna-Mediebevakning', {
  env: { region: process.env.CDK_DEFAULT_REGION ?? 'eu-north-1', account: process.env.CDK_DEFAULT_ACCOUNT },
  mailFrom: app.node.tryGetContext('mailFrom') ?? 'bevakning@example.invalid',
  sesConfigurationSet: app.node.tryGetContext('sesConfigurationSet'),
  feedRegistry: app.node.tryGetContext('feedRegistry') ?? 'live',
});
