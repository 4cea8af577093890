/** EventBridge Scheduler schedules in Europe/Stockholm, from the topology. */
import { Stack, TimeZone, Validations, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { scheduleNames, topology, type FunctionName, type ScheduleSpec } from '../../topology.ts';
import type { MonitorFunction } from './monitor-function.ts';

export interface SchedulesProps {
  functions: Record<FunctionName, MonitorFunction>;
  /** Overrides poll-feeds' cron (CDK context pollMinutes). */
  pollCron?: string | undefined;
}

export class SchedulesConstruct extends Construct {
  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    for (const name of scheduleNames) {
      const s: ScheduleSpec = topology.schedules[name];
      const cron = name === 'poll-feeds' && props.pollCron ? props.pollCron : s.cron;
      const fn = props.functions[s.target];
      // One role per schedule, allowed to invoke this one function.
      const role = new iam.Role(this, `${name}-role`, { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
      const logicalId = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: 'LambdaInvoke grants the function and its versions (`:*`); the role can invoke nothing else.',
      });
      new scheduler.Schedule(this, name, {
        description: s.description,
        schedule: scheduler.ScheduleExpression.expression(cron, TimeZone.of(s.timeZone)),
        target: new targets.LambdaInvoke(fn, {
          role,
          retryAttempts: 2,
          ...(s.input ? { input: scheduler.ScheduleTargetInput.fromObject(s.input) } : {}),
        }),
      });
    }
  }
}
