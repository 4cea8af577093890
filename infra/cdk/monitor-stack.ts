/**
 * The monitor in AWS, composed of constructs per concern. Storage from the shared key schema;
 * queues, functions and schedules from the topology the local runtime also reads.
 */
import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { StorageConstruct } from './constructs/storage.ts';
import { PipelineConstruct } from './constructs/pipeline.ts';
import { SchedulesConstruct } from './constructs/schedules.ts';
import { ObservabilityConstruct } from './constructs/observability.ts';

export interface MonitorStackProps extends StackProps {
  /** The verified SES identity the digest is sent from: an address, or an address at a verified domain. */
  mailFrom: string;
  /** The SES identity's name as verified (the domain, or the address); defaults to the sender's domain. */
  sesIdentity?: string | undefined;
  sesConfigurationSet?: string | undefined;
  feedRegistry?: 'live' | 'sample';
  pollCron?: string | undefined;
  alarmTopicArn?: string | undefined;
}

export class MonitorStack extends Stack {
  readonly storage: StorageConstruct;
  readonly pipeline: PipelineConstruct;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, props);
    this.storage = new StorageConstruct(this, 'Storage');
    const address = props.mailFrom.replace(/^.*<|>$/g, '').trim();
    const identity = props.sesIdentity ?? address.split('@')[1]!;
    const secret = new secretsmanager.Secret(this, 'UnsubscribeSigningKey', {
      description: 'Signs the unsubscribe links in the weekly digest',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: 'Rotating the signing key would break the unsubscribe links in digests already sent.' });
    this.pipeline = new PipelineConstruct(this, 'Pipeline', {
      table: this.storage.table,
      feedRegistry: props.feedRegistry ?? 'live',
      mail: { from: props.mailFrom, identityArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }), configurationSet: props.sesConfigurationSet },
      unsubscribeSecretArn: secret.secretArn,
    });
    new SchedulesConstruct(this, 'Schedules', { functions: this.pipeline.functions, pollCron: props.pollCron });
    new ObservabilityConstruct(this, 'Observability', { functions: this.pipeline.functions, queues: this.pipeline.queues, alarmTopicArn: props.alarmTopicArn });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'UnsubscribeUrl', { value: this.pipeline.unsubscribeUrl.url });
    new CfnOutput(this, 'WebUrl', { value: this.pipeline.webUrl.url, description: 'Bevakningen på webben (sign in with a subscribed address)' });
    // The CLI's --aws commands read the key subscriber ids are made with from here.
    new CfnOutput(this, 'UnsubscribeSecretArn', { value: secret.secretArn });
  }
}
