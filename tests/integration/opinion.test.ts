/**
 * The opinion contracts as tools call them (#20): `monitor summarize` line by line, `monitor eval
 * --opinion`, and after `monitor run` on the sample feeds, `monitor opinion` with the week's debates
 * and the communicator's letter opening with "Veckans opinion". The real CLI on the local stack.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isoWeekOf } from '#shared/domain/week.ts';

const run = promisify(execFile);
const monitor = async (...args: string[]) => (await run(process.execPath, ['bin/monitor.mjs', ...args], { encoding: 'utf8', env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' } })).stdout;

describe('monitor summarize', () => {
  it('writes one line per record with the contract\'s keys, each thesis sentence verbatim from the record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summarize-'));
    const file = join(dir, 'in.jsonl');
    const records = [
      { id: 'a', url: 'https://tidning.example/debatt/el', title: 'Om kraften i norr', text: 'Jag har bott här i trettio år.\nVi menar att staten måste bygga ut elnätet till Luleå, skriver Anna Ek, kommunalråd i Luleå.', outlet: 'tidning.example' },
      { id: 'b', url: 'https://tidning.example/asikt/svar', title: 'Replik: Elnätet växer redan', summary: 'Anna Ek har fel om elnätet. Det skriver Per Berg, generaldirektör.', author: 'Per Berg' },
      { id: 'c', title: 'saknar text' },
    ];
    writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const lines = (await monitor('summarize', file)).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0])).toEqual(['id', 'genre', 'opinion', 'thesis', 'author', 'authorRole', 'repliesTo']);
    expect(lines[0]).toMatchObject({ id: 'a', thesis: ['Vi menar att staten måste bygga ut elnätet till Luleå, skriver Anna Ek, kommunalråd i Luleå.'], author: 'Anna Ek', authorRole: 'kommunalråd i Luleå', repliesTo: null });
    // "Anna Ek har fel om …": the writer answered.
    expect(lines[1].repliesTo).toEqual({ title: null, author: 'Anna Ek', url: null });
    expect(lines[1].author).toBe('Per Berg');
    for (const [i, l] of lines.slice(0, 2).entries()) for (const t of l.thesis) expect(`${records[i]!.title}\n${records[i]!.text ?? records[i]!.summary}`).toContain(t);
    expect(lines[2]).toMatchObject({ id: 'c' });
    expect(lines[2].error).toMatch(/text/);
  });

  it('monitor eval --opinion reports thesis accuracy beside the title baseline, author and reply precision/recall', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-opinion-'));
    const file = join(dir, 'labels.jsonl');
    const labelled = [
      { id: 'x1', title: 'Staten måste bygga ut elnätet', text: 'Elen räcker inte.', labels: { thesis: ['Staten måste bygga ut elnätet'], author: null, replies_to: null } },
      { id: 'x2', title: 'Om skolan', text: 'Förr var det bättre. Vi menar att yrkesprogrammen måste finnas kvar, skriver Eva Lund.', labels: { thesis: ['Vi menar att yrkesprogrammen måste finnas kvar, skriver Eva Lund.'], author: 'Eva Lund', replies_to: null } },
      { id: 'x3', title: 'Replik: Skolan är inte problemet', text: 'Eva Lund har fel.', labels: { thesis: ['Replik: Skolan är inte problemet'], author: null, replies_to: { title: null, author: 'Eva Lund' } } },
    ];
    writeFileSync(file, labelled.map((r) => JSON.stringify(r)).join('\n'));
    const report = JSON.parse(await monitor('eval', '--opinion', file, '--json'));
    expect(report.count).toBe(3);
    expect(report.thesis.accuracy).toBe(1);
    expect(report.thesis.titleBaseline).toBeCloseTo(2 / 3);
    expect(report.author).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(report.reply).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });
});

describe('Veckans opinion after monitor run', () => {
  it('gives the week\'s debates with a thesis per piece, and the communicator\'s letter opens with them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opinion-run-'));
    const data = join(dir, 'data');
    const out = join(dir, 'out');
    await monitor('run', '--data-dir', data, '--out', out);
    const week = isoWeekOf(new Date());
    const report = JSON.parse(await monitor('opinion', '--week', week, '--data-dir', data, '--format', 'json'));
    expect(Object.keys(report)).toEqual(['week', 'pieces', 'debates']);
    expect(report.pieces).toBeGreaterThan(5);
    const grid = report.debates.find((d: { pieces: Array<{ own: boolean; title: string }> }) => d.pieces.some((p) => p.own && /ge oss elen/.test(p.title)));
    expect(Object.keys(grid)).toEqual(['id', 'subject', 'themes', 'towns', 'open', 'replyBy', 'pieces']);
    expect(Object.keys(grid.pieces[0])).toEqual(['url', 'title', 'outlet', 'genre', 'publishedAt', 'author', 'authorRole', 'thesis', 'repliesTo', 'own', 'stanceToNetwork']);
    // The editorial that backs the network and the grid agency's rebuttal, which does not name it, are in the network's debate.
    const byTitle = (re: RegExp) => grid.pieces.find((p: { title: string }) => re.test(p.title));
    expect(byTitle(/har rätt om elnätet/).stanceToNetwork).toBe('stöder');
    expect(byTitle(/^REPLIK/)).toMatchObject({ stanceToNetwork: 'kritiserar', repliesTo: byTitle(/ge oss elen/).url });
    for (const d of report.debates) for (const p of d.pieces) expect(p.thesis.length).toBeGreaterThan(0);
    // The text is for people: themes in Swedish, a town-only letter not offered for reply.
    const text = await monitor('opinion', '--week', week, '--data-dir', data, '--format', 'text');
    expect(text).toMatch(/\[[^\]]*Energi[^\]]*\]/);
    expect(text).not.toMatch(/\[[^\]]*\b(?:energy|industry|skills|procurement)\b[^\]]*\]/);
    const thanks = text.split('\n').find((l) => /^Tack till personalen/.test(l));
    expect(thanks).toMatch(/\[Södertälje\]/);
    expect(thanks).not.toMatch(/öppen/);
    expect(text).toMatch(/ge oss elen .*öppen, svara senast/);
    const letter = readdirSync(join(out, 'digests')).find((f) => f.includes('communicator') && f.endsWith('.html'))!;
    const html = readFileSync(join(out, 'digests', letter), 'utf8');
    const body = html.slice(html.indexOf('Hej '));
    expect(body.indexOf('Veckans opinion')).toBeGreaterThan(0);
    expect(body.indexOf('Veckans opinion')).toBeLessThan(body.indexOf('Veckans läge'));
    expect(body).toContain('Vi är beredda att bära industrins omställning – ge oss elen');
    expect(body).toContain('kritiserar nätverket');
  });
});
