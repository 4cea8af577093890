/** Weekly editions: gzip'd JSON in parts, the head written last. */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EditionNotReadyError, type WeekEdition } from '../../domain/digest/edition.ts';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { EditionStore } from '../../ports.ts';
import { type Item, m, V, type TableRef, queryAll, expiresAfter, weekEnd, DERIVED_RETENTION_DAYS } from './table.ts';

/** DynamoDB's item limit is 400 KB: the compressed edition is split into parts well below it. */
const EDITION_PART_BYTES = 300 * 1024;

/**
 * A week's edition as gzip'd JSON in parts under one partition. The head item is written last and
 * names the build, so a reader never mixes parts of two builds (it retries instead).
 */
export function createDynamoEditionStore(ref: TableRef): EditionStore {
  return {
    async get(week) {
      const items = (await queryAll(ref, keys.editionPartition(week), false, true)).map((i) => unmarshall(i));
      const head = items.find((i) => i[tableSchema.sortKey] === 'HEAD');
      if (!head) return undefined;
      const parts = items.filter((i) => String(i[tableSchema.sortKey]).startsWith('PART#')).sort((a, b) => String(a[tableSchema.sortKey]).localeCompare(String(b[tableSchema.sortKey])));
      const mine = parts.slice(0, Number(head.parts));
      if (mine.length !== Number(head.parts) || mine.some((p) => p.builtAt !== head.builtAt)) throw new EditionNotReadyError(`edition ${week} is being rebuilt; try again`);
      const json = gunzipSync(Buffer.concat(mine.map((p) => Buffer.from(p.data as Uint8Array)))).toString('utf8');
      const edition = JSON.parse(json) as WeekEdition;
      if (edition.v !== 1 || edition.week !== week) throw new Error(`edition ${week}: unsupported or foreign item`);
      return edition;
    },
    async put(edition) {
      const data = gzipSync(JSON.stringify(edition));
      const expiry = expiresAfter(weekEnd(edition.week), DERIVED_RETENTION_DAYS);
      const parts = Math.max(1, Math.ceil(data.length / EDITION_PART_BYTES));
      for (let i = 0; i < parts; i++) {
        const chunk = data.subarray(i * EDITION_PART_BYTES, (i + 1) * EDITION_PART_BYTES);
        await ref.client.send(
          new PutItemCommand({
            TableName: ref.tableName,
            Item: { ...m({ ...keys.edition(edition.week, `PART#${String(i).padStart(4, '0')}`), [V]: SCHEMA_VERSION, builtAt: edition.builtAt, ...expiry }), data: { B: chunk } },
          }),
        );
      }
      await ref.client.send(
        new PutItemCommand({
          TableName: ref.tableName,
          Item: m({ ...keys.edition(edition.week, 'HEAD'), [V]: SCHEMA_VERSION, builtAt: edition.builtAt, parts, stories: edition.stories.length, bytes: data.length, ...expiry }),
        }),
      );
    },
  };
}

