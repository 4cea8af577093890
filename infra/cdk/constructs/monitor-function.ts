/**
 * The base function: Node.js 24 on arm64, an esbuild ESM bundle minified with source maps, an
 * explicit log group, and `bind*` helpers that grant access and set the variable in one call, so
 * a permission and its environment variable cannot drift apart.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { resolve } from 'node:path';
import { REPO_ROOT, validatedConfigModule } from './validated-config.ts';
import { envName } from '../../../shared/config/env.ts';
import { keys, tableSchema } from '../../../shared/storage/table-schema.ts';
import type { QueueName } from '../../../shared/config/names.ts';
import type { FunctionName, FunctionSpec } from '../../topology.ts';

/**
 * esbuild options shared by the CDK bundles and `npm run bench:bundle`.
 * @default ESM, minified, source maps, node24; the AWS SDK clients a function imports are bundled
 * (pinned versions, only what it uses), except SES v2, loaded lazily and provided by the runtime.
 */
export const bundling = {
  minify: true,
  sourceMap: true,
  // Stack traces map to file and line without the sources inside the map: a third of its size,
  // and ~45 ms less of every cold start, which --enable-source-maps spends parsing it.
  sourcesContent: false,
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  // ESM bundles need a require() for the CommonJS dependencies they include.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  externalModules: ['@aws-sdk/client-sesv2'],
  inject: [validatedConfigModule()],
} satisfies NodejsFunctionProps['bundling'];

/** Node options of every function (npm run bench:bundle imports the bundles with the same). */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

export interface MonitorFunctionProps {
  name: FunctionName;
  spec: FunctionSpec;
  environment: Record<string, string>;
}

/** The partition keys the web function may write, from the one key schema. */
export const WEB_WRITABLE_KEYS = [keys.signInToken('*').pk, keys.rateLimit('*', 0).pk, keys.searchShard('*').pk, keys.statement('*').pk, keys.coverage('*', '*').pk, keys.subscriber('*').pk];

export class MonitorFunction extends NodejsFunction {
  constructor(scope: Construct, props: MonitorFunctionProps) {
    super(scope, props.name, {
      entry: resolve(REPO_ROOT, props.spec.entry),
      description: props.spec.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.spec.memoryMb,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      logGroup: new logs.LogGroup(scope, `${props.name}-logs`, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: props.name, NODE_OPTIONS: FUNCTION_NODE_OPTIONS },
      bundling,
      ...(props.spec.reservedConcurrency ? { reservedConcurrentExecutions: props.spec.reservedConcurrency } : {}),
    });
  }

  /**
   * Grants the item-level actions the repositories use, on the table and its two indexes only (not
   * the `index/*` wildcard of `grantReadWriteData`), and sets TABLE_NAME.
   */
  bindTable(table: dynamodb.ITableV2, mode: 'read' | 'readwrite' | 'subscriber-items' | 'web-items'): this {
    if (mode === 'subscriber-items') {
      // Only the items whose partition key is a subscriber's, and only read and update them.
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [keys.subscriber('*').pk] } },
        }),
      );
      this.addEnvironment(envName.table, table.tableName);
      return this;
    }
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];
    const resources = [table.tableArn, ...Object.values(tableSchema.indexes).map((i) => `${table.tableArn}/index/${i.name}`)];
    if (mode === 'web-items') {
      // A public URL's function: it reads what a page shows, and writes only the items it owns,
      // by their partition keys (a sign-in token, a rate counter, a search shard, a statement and
      // its coverage links, a subscriber's own settings and sessions).
      this.addToRolePolicy(new iam.PolicyStatement({ actions: read, resources }));
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: write,
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': WEB_WRITABLE_KEYS } },
        }),
      );
    } else this.addToRolePolicy(new iam.PolicyStatement({ actions: mode === 'read' ? read : [...read, ...write], resources }));
    this.addEnvironment(envName.table, table.tableName);
    return this;
  }

  /** Grants SendMessage on the queue and sets its QUEUE_URL_* variable. */
  bindQueue(name: QueueName, queue: sqs.IQueue): this {
    queue.grantSendMessages(this);
    this.addEnvironment(envName.queueUrl(name), queue.queueUrl);
    return this;
  }

  /** The queue this scheduled function drains itself: receive and delete, never send. */
  bindInbox(name: QueueName, queue: sqs.IQueue): this {
    queue.grantConsumeMessages(this);
    this.addEnvironment(envName.queueUrl(name), queue.queueUrl);
    return this;
  }
}
