/** Bad input at the entrances: CLI arguments, config files, stored items that fail to decode. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { keys, tableSchema } from '#shared/storage/table-schema.ts';
import { startLocalStack } from '#infra/local/stack.ts';

const run = promisify(execFile);
const monitor = (...args: string[]) =>
  run(process.execPath, ['bin/monitor.mjs', ...args], { encoding: 'utf8', env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('CLI arguments', () => {
  it('a bad week, interval or role is a clear error and a non-zero exit', async () => {
    // One Swedish line, exit code 2, no stack trace
    const oneLine = (r: { code: number; stderr: string }) => {
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    };
    const week = await monitor('digest', '--week', '2026-48', '--out', mkdtempSync(join(tmpdir(), 'd-')), '--samples');
    oneLine(week);
    expect(week.stderr).toMatch(/Ogiltig vecka: 2026-48/);
    const every = await monitor('run', '--every', '5x', '--data-dir', mkdtempSync(join(tmpdir(), 'd-')));
    oneLine(every);
    expect(every.stderr).toMatch(/--every/);
    const role = await monitor('subscribers', 'add', '--email', 'a@example.se', '--name', 'A', '--role', 'chef', '--data-dir', mkdtempSync(join(tmpdir(), 'd-')));
    expect(role.code).toBe(2);
    expect(role.stdout).toMatch(/role/);
    const unknown = await monitor('run', '--bogus');
    oneLine(unknown);
    expect(unknown.stderr).toMatch(/Okänd flagga --bogus/);
    const badJson = join(mkdtempSync(join(tmpdir(), 's-')), 'u.json');
    writeFileSync(badJson, '{ inte json');
    const statement = await monitor('statements', 'add', badJson, '--data-dir', mkdtempSync(join(tmpdir(), 'd-')));
    oneLine(statement);
    expect(statement.stderr).toMatch(/inte giltig JSON/);
    for (const [content, message] of [
      ['null', /ett utspel är ett JSON-objekt/],
      ['{"id":"u1","date":"2026-11-01","title":"Utspel","keyPhrases":["elnätet"],"url":"javascript:alert(1)"}', /u1: url: en http\(s\)-adress/],
    ] as const) {
      writeFileSync(badJson, content);
      const r = await monitor('statements', 'add', badJson, '--data-dir', mkdtempSync(join(tmpdir(), 'd-')));
      oneLine(r);
      expect(r.stderr).toMatch(message);
    }
    // A BOM before valid JSON is fine
    writeFileSync(badJson, '\uFEFF{"id":"u1","date":"2026-11-01","title":"Utspel","keyPhrases":["elnätet"]}');
    expect((await monitor('statements', 'add', badJson, '--data-dir', mkdtempSync(join(tmpdir(), 'd-')))).code).toBe(0);
    const aws = await monitor('subscribers', 'list', '--aws');
    oneLine(aws);
    expect(aws.stderr).toMatch(/TABLE_NAME/);
    // Every other command the same way
    for (const [args, message] of [
      [['classify', '/finns/inte.jsonl'], /Filen finns inte/],
      [['eval', '/finns/inte.jsonl'], /Filen finns inte/],
      [['parse'], /Argumentet filer saknas/],
      [['coverage', '--format', 'xml'], /tar inte xml; möjliga värden: table, json, csv, html/],
      [['subscribers', 'import', '/finns/inte.csv'], /Filen finns inte/],
    ] as const) {
      const r = await monitor(...args);
      oneLine(r);
      expect(r.stderr).toMatch(message);
    }
    const unknownFeed = await monitor('feeds', 'enable', 'finns-inte', '--data-dir', mkdtempSync(join(tmpdir(), 'd-')));
    expect(unknownFeed.code).toBe(2);
    expect(unknownFeed.stdout).toMatch(/Okänt flöde: finns-inte/);
    const help = await monitor('subscribers', 'add', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Användning: monitor subscribers add \[flaggor\]/);
    expect(help.stdout).not.toMatch(/Usage|Options|default:/);
  }, 60_000);

  it('classify: a malformed line gets an error line and the rest still go through', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'c-')), 'in.jsonl');
    writeFileSync(file, ['{"id":"1","title":"Stålverket i Luleå","text":"Industrin investerar."}', '{broken', '{"id":"3","title":7}', '{"id":"4","title":"Elpriset","text":"Elnätet och effektbristen."}'].join('\n'));
    const out = await monitor('classify', file);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: '1', municipalities: ['Luleå'] });
    expect(lines[1]).toMatchObject({ id: null, error: expect.stringMatching(/JSON/) });
    expect(lines[2]).toMatchObject({ id: '3', error: expect.stringMatching(/title/) });
    expect(lines[3]).toMatchObject({ id: '4', topics: ['energy'] });
  }, 30_000);

  it('an invalid config file stops the program before it touches stored data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    cpSync('config', dir, { recursive: true });
    writeFileSync(join(dir, 'topics.json'), '{"topics": [{"id": "weather", "label": "Väder", "threshold": 3, "terms": []}]}');
    const r = await monitor('--config-dir', dir, 'run');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/topics\.json[\s\S]*topics\[0\][\s\S]*field id/);
  }, 30_000);
});

describe('stored items', () => {
  it('an item that fails to decode is reported, not silently skipped', async () => {
    const stack = await startLocalStack({ domain: loadConfigDir('config'), outboxDir: mkdtempSync(join(tmpdir(), 'o-')) });
    try {
      await stack.clients.dynamodb.send(
        new PutItemCommand({
          TableName: stack.runtime.tableName,
          Item: {
            [tableSchema.partitionKey]: { S: keys.article('legacy').pk },
            [tableSchema.sortKey]: { S: 'ARTICLE' },
            [tableSchema.indexes.byList.partitionKey]: { S: keys.weekPartition('2026-W40') },
            [tableSchema.indexes.byList.sortKey]: { S: '2026-10-01T00:00:00Z#legacy' },
            [tableSchema.indexes.relevant.partitionKey]: { S: keys.relevantPartition('2026-W40') },
            [tableSchema.indexes.relevant.sortKey]: { S: '2026-10-01T00:00:00Z#legacy' },
            digestEntry: { M: { id: { S: 'legacy' }, title: { N: '1' } } },
            [tableSchema.versionAttribute]: { N: '0' },
          },
        }),
      );
      const r = await stack.deps.stores.articles.byWeek('2026-W40');
      expect(r.undecodable).toEqual([keys.article('legacy').pk]);
      const plan = await stack.deps.planDigest({ week: '2026-W40' });
      expect(plan.undecodable).toEqual([keys.article('legacy').pk]);
      expect(plan.stories).toBe(0);
    } finally {
      await stack.stop();
    }
  });
});
