/** The table, from the shared key schema: on-demand, PITR, deletion protection, TTL, retained. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableSchema } from '../../../shared/storage/table-schema.ts';

export class StorageConstruct extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const gsi = tableSchema.indexes.byList;
    const rel = tableSchema.indexes.relevant;
    const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: key(tableSchema.partitionKey),
      sortKey: key(tableSchema.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableSchema.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: [
        { indexName: gsi.name, partitionKey: key(gsi.partitionKey), sortKey: key(gsi.sortKey) },
        {
          indexName: rel.name,
          partitionKey: key(rel.partitionKey),
          sortKey: key(rel.sortKey),
          projectionType: dynamodb.ProjectionType.INCLUDE,
          nonKeyAttributes: [...rel.projected],
        },
      ],
    });
  }
}
