/** Bulk-loads generated items into the local stack's table: BatchWriteItem, 25 a call, 8 in flight, unprocessed items retried. */
import { BatchWriteItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export async function writeItems(client: DynamoDBClient, tableName: string, items: Array<Record<string, AttributeValue>>): Promise<void> {
  const batches: Array<Array<Record<string, AttributeValue>>> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let request: Record<string, Array<{ PutRequest: { Item: Record<string, AttributeValue> } }>> | undefined = {
          [tableName]: batches[next++]!.map((Item) => ({ PutRequest: { Item } })),
        };
        while (request && Object.keys(request).length) {
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: request }));
          request = out.UnprocessedItems as typeof request;
        }
      }
    }),
  );
}
