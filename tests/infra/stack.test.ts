/** The deployable stack: parity with the topology, the properties operations sign off on, and cdk-nag. */
import { beforeAll, describe, expect, it } from 'vitest';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MonitorStack } from '#infra/cdk/monitor-stack.ts';
import { MAX_MESSAGE_BYTES } from '#shared/messages.ts';
import { functionNames, topology } from '#infra/topology.ts';
import { localQueueAttributes } from '#infra/local/resources.ts';
import { tableSchema } from '#shared/storage/table-schema.ts';
import { envName } from '#shared/config/env.ts';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundling } from '#infra/cdk/constructs/monitor-function.ts';
import { REPO_ROOT, validatedConfigModule } from '#infra/cdk/constructs/validated-config.ts';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { DEFAULT_REGION, parseContext } from '#infra/cdk/context.ts';

const env = { account: '123456789012', region: 'eu-north-1' };
let app: App;
let template: Template;
beforeAll(() => {
  app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  template = Template.fromStack(new MonitorStack(app, 'Test', { mailFrom: 'Bevakningen <bevakning@example.se>', env }));
}, 120_000);

const policiesOf = (fnName: string) => {
  const fnId = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, r]) => (r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME as string) === fnName)![0];
  const roleRef = template.findResources('AWS::Lambda::Function')[fnId]!.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleRef))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> }>);
};
const actionsOf = (fnName: string) => policiesOf(fnName).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('topology parity', () => {
  it('every queue has the visibility timeout and redrive the local runtime uses, SSE and a DLQ', () => {
    for (const [name, q] of Object.entries(topology.queues)) {
      const local = localQueueAttributes(name as 'articles', 'arn:dlq');
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: Number(local.VisibilityTimeout),
        MessageRetentionPeriod: Number(local.MessageRetentionPeriod),
        MaximumMessageSize: Number(local.MaximumMessageSize),
        RedrivePolicy: Match.objectLike({ maxReceiveCount: JSON.parse(local.RedrivePolicy!).maxReceiveCount }),
        SqsManagedSseEnabled: true,
      });
      expect(q.maxReceiveCount).toBeGreaterThanOrEqual(3);
      expect(q.maxReceiveCount).toBeLessThanOrEqual(5);
      // Producers check every message against MAX_MESSAGE_BYTES, which the queue must accept.
      expect(q.maxMessageBytes).toBeGreaterThanOrEqual(MAX_MESSAGE_BYTES);
    }
    template.resourceCountIs('AWS::SQS::Queue', Object.keys(topology.queues).length * 2);
  });

  it('every function runs on Node.js 24 arm64 with its timeout and memory; every SQS trigger has its batch size', () => {
    for (const f of Object.values(topology.functions)) {
      template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: f.timeoutSeconds, MemorySize: f.memoryMb, Description: f.description });
      if (f.trigger.kind === 'sqs') {
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          BatchSize: f.trigger.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: f.trigger.maxConcurrency },
        });
        // AWS guidance: visibility timeout at least six times the consumer's timeout.
        expect(topology.queues[f.trigger.queue].visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * f.timeoutSeconds);
      }
    }
    template.resourceCountIs('AWS::Lambda::Function', functionNames.length);
  });

  it('every schedule runs in Europe/Stockholm with its cron and input', () => {
    for (const s of Object.values(topology.schedules)) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: s.cron,
        ScheduleExpressionTimezone: 'Europe/Stockholm',
        ...('input' in s ? { Target: Match.objectLike({ Input: JSON.stringify(s.input) }) } : {}),
      });
    }
    template.resourceCountIs('AWS::Scheduler::Schedule', Object.keys(topology.schedules).length);
  });
});

describe('storage', () => {
  it('the table has the shared key schema, on-demand billing, PITR, deletion protection and TTL, and is retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({ IndexName: tableSchema.indexes.byList.name }),
          // The sparse digest index projects only the compact entry, never the evidence.
          Match.objectLike({ IndexName: tableSchema.indexes.relevant.name, Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...tableSchema.indexes.relevant.projected] } }),
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      }),
    });
  });
});

describe('least privilege', () => {
  it('each function gets only the grants it uses', () => {
    expect(actionsOf('schedule-feeds')).not.toContain('dynamodb:PutItem');
    expect(actionsOf('schedule-feeds')).toContain('sqs:SendMessage');
    // classify-article sends only page jobs; the page reader sends nothing and mails nothing.
    const sends = policiesOf('classify-article').filter((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]).some((a) => a.startsWith('sqs:Send')));
    expect(sends).toHaveLength(1);
    expect(JSON.stringify(sends[0]!.Resource)).toMatch(/ArticlePages/i);
    expect(actionsOf('read-article-page').some((a) => a.startsWith('sqs:Send') || a.startsWith('ses:'))).toBe(false);
    // The page reader drains its own queue on a schedule: receive and delete there only, one reader at a time, no event source.
    const consumes = policiesOf('read-article-page').filter((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]).includes('sqs:ReceiveMessage'));
    expect(consumes).toHaveLength(1);
    expect(JSON.stringify(consumes[0]!.Resource)).toMatch(/ArticlePages/i);
    expect(consumes[0]!.Action).toContain('sqs:DeleteMessage');
    const reader = Object.values(template.findResources('AWS::Lambda::Function')).find((r) => r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'read-article-page')!;
    expect(reader.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).some((m) => JSON.stringify(m.Properties.EventSourceArn).match(/ArticlePages/i))).toBe(false);
    expect(actionsOf('unsubscribe').some((a) => a.startsWith('sqs:') || a.startsWith('ses:'))).toBe(false);
    // Mail: the letters, the daily alert and the web app's sign-in links; nothing else.
    for (const fn of functionNames) expect(actionsOf(fn).includes('ses:SendRawEmail')).toBe(fn === 'deliver-digest' || fn === 'send-alerts' || fn === 'web');
    // The web app sends only to the articles queue (new statements), and reads the signing key.
    expect(actionsOf('web').filter((a) => a.startsWith('sqs:'))).toEqual(expect.arrayContaining(['sqs:SendMessage']));
    expect(actionsOf('web')).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('web')).not.toContain('dynamodb:Scan');
    expect(actionsOf('send-alerts').some((a) => a.startsWith('sqs:'))).toBe(false);
    expect(JSON.stringify(policiesOf('deliver-digest'))).toContain('identity/example.se');
    // send-digest plans (edition + jobs); only deliver-digest and send-alerts mail and read the signing key.
    expect(actionsOf('send-digest')).toContain('sqs:SendMessage');
    expect(actionsOf('send-digest')).not.toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('deliver-digest')).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('deliver-digest').some((a) => a.startsWith('sqs:Send'))).toBe(false);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/dynamodb:\*|"index\/\*"/);
  });

  it('the unsubscribe key is a secret, never a plain environment value', () => {
    for (const f of Object.values(template.findResources('AWS::Lambda::Function'))) expect(f.Properties.Environment.Variables[envName.unsubscribeSecret]).toBeUndefined();
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });
});

describe('observability', () => {
  it('alarms on every DLQ, every function\u2019s errors, failing feeds and a missing digest, to one topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(Object.keys(topology.queues).length);
    expect(alarms.filter((a) => a.Properties.MetricName === 'Errors')).toHaveLength(functionNames.length);
    expect(alarms.some((a) => a.Properties.MetricName === 'DigestsMissing')).toBe(true);
    expect(alarms.some((a) => JSON.stringify(a.Properties.Metrics ?? '').includes('failed / polled'))).toBe(true);
    expect(alarms.every((a) => a.Properties.AlarmActions?.length === 1)).toBe(true);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('counts articles per topic from the logs, not with a paid custom metric per topic', () => {
    // The dashboard body is JSON inside JSON: read it without its escapes.
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody).replace(/\\/g, '');
    expect(body).toContain('filter message = "article stored"');
    expect(body).toContain('strcontains(topics, "skills")');
    expect(body).not.toContain('"topic"');
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('the stack synthesizes with no unacknowledged finding', () => {
    expect(() => app.synth()).not.toThrow();
  });

  it('the check is live: an unencrypted queue without a DLQ fails it', () => {
    const bad = new App();
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    new sqs.Queue(new Stack(bad, 'Bad', { env }), 'Plain', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => bad.synth()).toThrow();
  });
});

describe('cdk synth', () => {
  it('the CDK CLI synthesizes the app offline, with cdk-nag, to a template', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { mkdtempSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    // No AWS credentials and no account: synth must not need either.
    const env = { PATH: process.env.PATH, HOME: tmpdir(), CDK_DISABLE_VERSION_CHECK: 'true', CDK_CLI_NOTICES: 'false' };
    // The CLI supplies its own default region (us-east-1 without a profile): the app must not take it.
    const r = await promisify(execFile)(process.execPath, ['node_modules/aws-cdk/bin/cdk', 'synth', '--quiet', '--no-notices', '-o', out, '-c', 'mailFrom=bevakning@example.se'], { env: { ...env, CDK_DEFAULT_REGION: 'us-east-1' }, timeout: 120_000 });
    expect(readdirSync(out).filter((f) => f.endsWith('.template.json'))).toEqual(['Industrikommunerna-Mediebevakning.template.json']);
    expect(r.stderr).toContain('region eu-north-1');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { environment?: string }> };
    expect(manifest.artifacts['Industrikommunerna-Mediebevakning']!.environment).toMatch(/\/eu-north-1$/);
    // A mis-cased value fails synth with a message naming the key, not at cold start
    const bad = await promisify(execFile)(process.execPath, ['node_modules/aws-cdk/bin/cdk', 'synth', '--quiet', '--no-notices', '-o', mkdtempSync(join(tmpdir(), 'cdk-bad-')), '-c', 'mailFrom=bevakning@example.se', '-c', 'feedRegistry=Live'], { env, timeout: 120_000 }).then(
      () => null,
      (e: { stderr: string }) => e,
    );
    expect(bad?.stderr).toMatch(/-c feedRegistry: live or sample/);
  }, 240_000);
});

describe('CDK context', () => {
  it('defaults the region to eu-north-1 and validates every value with a message naming the key', () => {
    expect(parseContext({ mailFrom: 'Bevakningen <bevakning@example.se>' })).toMatchObject({ region: DEFAULT_REGION, feedRegistry: 'live' });
    expect(() => parseContext({})).toThrow(/-c mailFrom: is required/);
    expect(() => parseContext({ mailfrom: 'a@b.se' })).toThrow(/-c mailfrom: did you mean mailFrom\?/);
    expect(() => parseContext({ mailFrom: 'inte en adress' })).toThrow(/-c mailFrom: an address/);
    expect(() => parseContext({ mailFrom: 'a@b.se', feedRegistry: 'Live' })).toThrow(/-c feedRegistry: live or sample/);
    expect(() => parseContext({ mailFrom: 'a@b.se', alarmTopicArn: 'larm' })).toThrow(/-c alarmTopicArn: an SNS topic ARN/);
    expect(() => parseContext({ mailFrom: 'a@b.se', pollMinutes: '90' })).toThrow(/-c pollMinutes/);
    // CDK's own keys (feature flags, aws:cdk:*) are not ours to judge
    expect(parseContext({ mailFrom: 'a@b.se', '@aws-cdk/core:stackRelativeExports': true, 'aws:cdk:enable-path-metadata': true }).region).toBe('eu-north-1');
  });
});

describe('safe to operate', () => {
  it('the alarm topic uses a customer-managed key CloudWatch may use, so alarms can arrive', () => {
    const topic = Object.values(template.findResources('AWS::SNS::Topic'))[0]!;
    const keyId = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const key = template.findResources('AWS::KMS::Key')[keyId]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const statements = key.Properties.KeyPolicy.Statement as Array<{ Principal?: { Service?: string }; Action: string[] }>;
    expect(statements.some((st) => st.Principal?.Service === 'cloudwatch.amazonaws.com' && st.Action.includes('kms:GenerateDataKey*') && st.Action.includes('kms:Decrypt'))).toBe(true);
  });

  it('the public unsubscribe function has reserved concurrency and may only read and update subscriber items', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((r) => r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'unsubscribe')!;
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(topology.functions.unsubscribe.reservedConcurrency);
    const dynamo = policiesOf('unsubscribe').filter((st) => [st.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect([dynamo[0]!.Action].flat().sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(JSON.stringify(dynamo[0])).toContain('"dynamodb:LeadingKeys":["SUBSCRIBER#*"]');
    expect(JSON.stringify(dynamo[0]!.Resource)).not.toContain('index');
  });

  it('the public web function writes only the items it owns: every write action carries a dynamodb:LeadingKeys condition (hardening #23, low 8)', () => {
    const dynamo = policiesOf('web').filter((st) => [st.Action].flat().some((a) => a.startsWith('dynamodb:')));
    const writes = dynamo.filter((st) => [st.Action].flat().some((a) => /dynamodb:(PutItem|UpdateItem|DeleteItem|ConditionCheckItem|BatchWriteItem)/.test(a)));
    expect(writes.length).toBeGreaterThan(0);
    for (const st of writes) {
      expect(st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual(['SIGNIN#*', 'RATE#*', 'SEARCH#*', 'STATEMENT#*', 'COVERAGE#*', 'SUBSCRIBER#*']);
      expect(JSON.stringify(st.Resource)).not.toContain('index');
    }
    // Reads stay as wide as the pages need, and the write grants are not also given unconditioned.
    const unconditioned = dynamo.filter((st) => !st.Condition).flatMap((st) => [st.Action].flat());
    expect(unconditioned).not.toContain('dynamodb:PutItem');
    expect(unconditioned).toContain('dynamodb:Query');
  });

  it('alarms when the pipeline falls silent (missing data breaching) and when a member town loses all its feeds', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const silent = alarms.find((a) => a.Properties.MetricName === 'ArticlesStored')!;
    expect(silent.Properties).toMatchObject({ TreatMissingData: 'breaching', EvaluationPeriods: 6, ComparisonOperator: 'LessThanThreshold', Period: 3600 });
    expect(alarms.some((a) => a.Properties.MetricName === 'TownsWithoutHealthyFeed')).toBe(true);
  });
});

describe('config validated at build', () => {
  it('the bundles get the config validated at synth; a bad config fails the build naming file, entry and field', async () => {
    // The module esbuild injects holds exactly what validating the config folder gives
    const file = validatedConfigModule();
    expect(bundling.inject).toEqual([file]);
    const { __MONITOR_CONFIG__ } = (await import(pathToFileURL(file).href)) as { __MONITOR_CONFIG__: unknown };
    expect(__MONITOR_CONFIG__).toEqual(JSON.parse(JSON.stringify(loadConfigDir('config'))));
    // A copy of the config with one broken topic term: the build stops before any bundle exists
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    cpSync('config', dir, { recursive: true });
    const topics = JSON.parse(readFileSync(join(dir, 'topics.json'), 'utf8'));
    topics.topics[0].terms[0].w = -1;
    writeFileSync(join(dir, 'topics.json'), JSON.stringify(topics));
    expect(() => validatedConfigModule(dir)).toThrow(/topics\.json[\s\S]*entry topics\[0\] \(industry\), field terms\.0\.w/);
  });

  it('a bundle built with the CDK bundling options reads the injected config; one built without says so', async () => {
    const entry = "import { bundledConfig } from './shared/config/bundled.ts'; try { console.log(bundledConfig().municipalities.municipalities.length); } catch (e) { console.log(e.message); }";
    const bundleAndRun = async (inject: string[]) => {
      const out = await build({ stdin: { contents: entry, resolveDir: REPO_ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', write: false, inject, logLevel: 'error' });
      const file = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'index.mjs');
      writeFileSync(file, out.outputFiles[0]!.text);
      return execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim();
    };
    expect(await bundleAndRun(bundling.inject)).toBe('18');
    expect(await bundleAndRun([])).toMatch(/^no bundled config/);
  });
});
