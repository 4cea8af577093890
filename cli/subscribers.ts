/** `monitor subscribers add|list|rekey|remove|import`: the weekly letter's readers, in the stores only. */
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { plural, withStores, subscriberIdKey, type StoreOptions, type Write } from './compose.ts';
import { alertsFor, legacySubscriberId, list, normaliseEmail, subscriberId, validateSubscriber } from '#shared/domain/subscriber.ts';
import { csvRows, sniffCsv } from './subscriber-csv.ts';

const members = (domain: DomainConfig) => new Set(domain.municipalities.municipalities.map((m) => m.name));

export async function subscribersAdd(
  domain: DomainConfig,
  opts: StoreOptions & { email: string; name: string; role: string; municipalities?: string; topics?: string; alerts?: string; resubscribe?: boolean },
  write: Write,
): Promise<number> {
  const v = validateSubscriber(
    { email: opts.email, name: opts.name, role: opts.role, municipalities: list(opts.municipalities), ...(opts.topics ? { topics: list(opts.topics) } : {}), ...(opts.alerts ? { alerts: opts.alerts } : {}) },
    members(domain),
    await subscriberIdKey(opts),
  );
  if (!v.ok) {
    write(`Ogiltig prenumerant: ${v.reason}`);
    return 2;
  }
  const added = await withStores(domain, opts, async (d) => {
    // Someone who unsubscribed stays unsubscribed until they ask again themselves (--resubscribe).
    const ids = [v.subscriber.id, legacySubscriberId(v.subscriber.email)];
    if (await d.stores.subscribers.isSuppressed(...ids)) {
      if (!opts.resubscribe) return false;
      await d.stores.subscribers.clearSuppression(...ids);
    }
    await d.stores.subscribers.put(v.subscriber);
    return true;
  });
  write(added ? `Lade till ${v.subscriber.email} (${v.subscriber.role}).` : `${v.subscriber.email} har avslutat prenumerationen och läggs inte till igen; använd --resubscribe om personen själv har bett om det.`);
  return added ? 0 : 1;
}

export async function subscribersList(domain: DomainConfig, opts: StoreOptions & { json?: boolean }, write: Write): Promise<number> {
  const list = await withStores(domain, opts, (d) => d.stores.subscribers.list());
  for (const s of list.sort((a, b) => a.email.localeCompare(b.email))) {
    write(opts.json ? JSON.stringify(s) : `${s.active ? ' ' : '-'} ${s.email.padEnd(44)} ${s.role.padEnd(13)} ${s.municipalities.join(', ') || '–'}  [${s.topics.join(', ')}]  debatt: ${alertsFor(s) === 'daily' ? 'dagligen' : 'av'}`);
  }
  if (!opts.json) write(`${plural(list.length, 'prenumerant', 'prenumeranter')}, ${list.filter((s) => s.active).length} ${list.filter((s) => s.active).length === 1 ? 'aktiv' : 'aktiva'}.`);
  return 0;
}

/**
 * `monitor subscribers rekey`: moves subscribers stored under the old unkeyed ids to keyed ids
 * (suppression kept). Run it before the first digest goes out: links in letters sent earlier carry
 * the old ids.
 */
export async function subscribersRekey(domain: DomainConfig, opts: StoreOptions, write: Write): Promise<number> {
  const key = await subscriberIdKey(opts);
  const moved = await withStores(domain, opts, async (d) => {
    let n = 0;
    for (const s of await d.stores.subscribers.list()) {
      const id = subscriberId(s.email, key);
      if (s.id === id) continue;
      await d.stores.subscribers.put({ ...s, id });
      if (!s.active) await d.stores.subscribers.setActive(id, false);
      await d.stores.subscribers.remove(s.id);
      n++;
    }
    return n;
  });
  write(moved ? `Flyttade ${plural(moved, 'prenumerant', 'prenumeranter')} till nycklade id.` : 'Alla prenumeranter har redan nycklade id.');
  return 0;
}

export async function subscribersRemove(domain: DomainConfig, email: string, opts: StoreOptions, write: Write): Promise<number> {
  const key = await subscriberIdKey(opts);
  const removed = await withStores(domain, opts, async (d) => (await d.stores.subscribers.remove(subscriberId(email, key))) || d.stores.subscribers.remove(legacySubscriberId(email)));
  write(removed ? `Tog bort ${normaliseEmail(email)}.` : `Ingen prenumerant med adressen ${normaliseEmail(email)}.`);
  return removed ? 0 : 1;
}

/**
 * Imports a subscriber list. The whole file is checked first (nothing is written if a row is wrong,
 * unless --partial), then written in a second pass: both passes stream, so memory stays bounded.
 * Someone who unsubscribed is never re-added without --resubscribe.
 */
export async function subscribersImport(
  domain: DomainConfig,
  file: string,
  opts: StoreOptions & { resubscribe?: boolean; partial?: boolean; dryRun?: boolean },
  write: Write,
): Promise<number> {
  const shape = await sniffCsv(file);
  const memberSet = members(domain);
  const idKey = await subscriberIdKey(opts);
  const validate = (row: Record<string, string>) => {
    const topics = list(row.topics);
    return validateSubscriber(
      { email: row.email ?? '', name: row.name ?? '', role: row.role ?? '', municipalities: list(row.municipalities), ...(topics.length ? { topics } : {}), ...(row.alerts ? { alerts: parseAlerts(row.alerts) } : {}), active: row.active ? !/^(nej|no|false|0)$/i.test(row.active) : true },
      memberSet,
      idKey,
    );
  };
  // Pass 1: every row checked, duplicates found; only the first rejections and a 52-bit number per
  // id are kept (a number in a Set costs a fraction of a string; a false "duplicate" in a
  // million-row file has odds of about 1 in 10,000, and names its line).
  const key = (id: string) => parseInt(id.slice(0, 13), 16);
  const seen = new Set<number>();
  const rejected: Array<{ line: number; reason: string }> = [];
  let rejectedCount = 0;
  let good = 0;
  for await (const { line, row } of csvRows(file, shape)) {
    const v = validate(row);
    const reason = !v.ok ? v.reason : seen.has(key(v.subscriber.id)) ? 'adressen finns redan på en tidigare rad' : null;
    if (reason) {
      rejectedCount++;
      if (rejected.length < 50) rejected.push({ line, reason });
      continue;
    }
    seen.add(key((v as { subscriber: { id: string } }).subscriber.id));
    good++;
  }
  const describe = `${file} (${shape.encoding}, avgränsare ${shape.delimiter === '\t' ? 'tabb' : `"${shape.delimiter}"`})`;
  const listRejected = () => {
    for (const r of rejected) write(`  rad ${r.line}: ${r.reason}`);
    if (rejectedCount > rejected.length) write(`  … och ${rejectedCount - rejected.length} till`);
  };
  if (opts.dryRun || (rejectedCount && !opts.partial)) {
    write(
      opts.dryRun
        ? `Kontrollerade ${describe}: ${plural(good, 'giltig rad', 'giltiga rader')}, ${plural(rejectedCount, 'rad', 'rader')} med fel. Inget sparades.`
        : `Inget importerades: ${plural(rejectedCount, 'rad', 'rader')} i ${describe} har fel. Rätta dem, eller importera de giltiga raderna med --partial.`,
    );
    listRejected();
    return rejectedCount ? 2 : 0;
  }
  // Pass 2: the same stream again, writing each good row.
  seen.clear();
  const written = new Set<number>();
  const skipped: string[] = [];
  let skippedCount = 0;
  await withStores(domain, opts, async (d) => {
    for await (const { row } of csvRows(file, shape)) {
      const v = validate(row);
      if (!v.ok || written.has(key(v.subscriber.id))) continue;
      written.add(key(v.subscriber.id));
      const ids = [v.subscriber.id, legacySubscriberId(v.subscriber.email)];
      if (await d.stores.subscribers.isSuppressed(...ids)) {
        if (!opts.resubscribe) {
          skippedCount++;
          if (skipped.length < 50) skipped.push(v.subscriber.email);
          continue;
        }
        await d.stores.subscribers.clearSuppression(...ids);
      }
      await d.stores.subscribers.put(v.subscriber);
    }
  });
  write(`Importerade ${plural(good - skippedCount, 'prenumerant', 'prenumeranter')} från ${describe}; ${plural(rejectedCount, 'rad', 'rader')} avvisades.`);
  listRejected();
  if (skippedCount) write(`${skippedCount} har avslutat prenumerationen och lades inte till igen (--resubscribe om de själva bett om det): ${skipped.join(', ')}${skippedCount > skipped.length ? ' …' : ''}`);
  return rejectedCount ? 3 : 0;
}

/** The alerts cell as people write it: daily/dagligen/ja or off/av/nej (anything else is left for validation to name). */
function parseAlerts(cell: string): string {
  const v = cell.trim().toLowerCase();
  if (/^(daily|dagligen|daglig|ja|yes)$/.test(v)) return 'daily';
  if (/^(off|av|nej|no|inga?)$/.test(v)) return 'off';
  return v;
}
