/**
 * The `monitor` CLI: the main job (`run`) and the tools around it. Help text is Swedish for the
 * people who run it; output contracts (JSON lines) are the ones written in the issues.
 */
import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { loadConfigDir } from '#shared/config/config-dir.ts';

// Each command's module is loaded when that command runs: `monitor parse` does not load the web app or the stack.
import { commanderLine, SwedishHelp, userErrorLine, UserError } from './errors.ts';

const program = new Command();
// Swedish help and errors on every command; commander's errors become one line and exit code 2.
program.createHelp = () => new SwedishHelp();
program.configureOutput({ outputError: () => undefined });
program.exitOverride();
program.helpOption('-h, --help', 'visa hjälp');
program.helpCommand('help [kommando]', 'visa hjälp för ett kommando');
const out = (s: string) => process.stdout.write(`${s}\n`);
// A reader that stops early (`| head`) closes the pipe: that ends the output, it is no error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const defaultConfigDir = resolve(import.meta.dirname, '../config');

program
  .name('monitor')
  .description('Industrikommunernas mediebevakning: bevakar nyheter och opinion för Nätverket för starka industrikommuner')
  .option('--config-dir <dir>', 'mapp med konfigurationsfiler', defaultConfigDir);

const config = () => loadConfigDir(program.opts<{ configDir: string }>().configDir);

program
  .command('classify')
  .description('klassificera artiklar (JSON-rader med id, title, text) och skriv en JSON-rad per artikel')
  .argument('<fil>', 'JSON lines-fil, eller - för standard in')
  .action(async (file: string) => (await import('./classify.ts')).runClassify(config(), file, out));

program
  .command('eval')
  .description('mät klassificeraren mot märkta artiklar (precision, täckning, F1, genreträffsäkerhet), eller med --opinion sammanfattaren')
  .argument('[fil]', 'JSON lines-fil med labels per rad')
  .addOption(new Option('--json', 'skriv rapporten som JSON'))
  .option('--feed-length', 'klassificera varje text som ett flöde ger den: rubrik och de två första meningarna')
  .option('--opinion <fil>', 'mät opinionssammanfattningen (tes, skribent, replik) mot märkta debattinlägg')
  .action(async (file: string | undefined, opts: { json?: boolean; feedLength?: boolean; opinion?: string }) => {
    if (opts.opinion) return void (await (await import('./opinion.ts')).runEvalOpinion(opts.opinion, opts, out));
    if (!file) throw new UserError('ange en fil med märkta artiklar, eller --opinion FIL');
    await (await import('./classify.ts')).runEval(config(), file, opts, out);
  });

program
  .command('summarize')
  .description('sammanfatta debattinlägg: tes (ordagrant), skribent och roll, vem inlägget svarar; en JSON-rad per rad in')
  .argument('<fil>', 'JSON lines-fil (som monitor classify läser), eller - för standard in')
  .action(async (file: string) => (await import('./opinion.ts')).runSummarize(config(), file, out));

program
  .command('run')
  .description('huvudjobbet: hämta flöden, klassificera, lagra och skriv veckans brev till out/ (lokal stack)')
  .option('--data-dir <dir>', 'var DynamoDB- och SQS-data sparas mellan körningar', '.data')
  .option('--fresh', 'börja om från tomt: töm datamappen först')
  .option('--out <dir>', 'mapp för veckobreven', 'out')
  .option('--force', 'skriv veckobrev även om de redan skickats den här veckan')
  .option('--live', 'använd det riktiga flödesregistret i stället för provflödena (kräver internet)')
  .option('--week <vecka>', 'ISO-vecka för brevet, t.ex. 2026-W48 (standard: denna vecka)')
  .option('--every <intervall>', 'kör om och om igen, t.ex. 15m, som schemat i molnet')
  .option('--feeds <register.json>', 'hämta flödena i detta register (samma format som config/feeds.*.json) i stället för provflödena')
  .option('--allow-loopback', 'tillåt flöden på 127.0.0.1 (din egen flödesserver)')
  .action(async (opts) => (await import('./run.ts')).runMain(config(), opts, out));

program
  .command('parse')
  .description('tolka flödesfiler som fetch-feed gör; en JSON-rad per fil')
  .argument('<filer...>')
  .option('--items', 'en JSON-rad per behållen post (giltig indata för monitor classify)')
  .action(async (files: string[], opts: { items?: boolean }) => (await import('./parse.ts')).runParse(files, out, opts));

program
  .command('fetch')
  .description('hämta och tolka ett flöde som fetch-feed gör; ett JSON-objekt')
  .argument('<url>')
  .option('--allow-loopback', 'tillåt 127.0.0.1 (för lokala testservrar)')
  .option('--items', 'en JSON-rad per behållen post (giltig indata för monitor classify)')
  .action(async (url: string, opts: { allowLoopback?: boolean; items?: boolean }) => (await import('./parse.ts')).runFetch(url, opts, out));

const feeds = program.command('feeds').description('flödesregistret');
feeds
  .command('check')
  .description('hämta varje flöde nu och visa en hälsotabell (status, poster, senast ok, fel)')
  .option('--live', 'kontrollera det riktiga registret (kräver internet)')
  .option('--data-dir <dir>', 'läs lagrat flödestillstånd härifrån')
  .option('--aws', 'visa den driftsatta pipelinens flödeshälsa ur tabellen (TABLE_NAME och AWS-uppgifter i miljön); hämtar inget')
  .option('--json', 'en JSON-rad per flöde')
  .action(async (opts) => {
    exitWith((await (await import('./feeds.ts')).runFeedsCheck(config(), opts, out)) ? 1 : 0);
  });

const storeOptions = (c: Command) =>
  c
    .option('--data-dir <dir>', 'den lokala stackens data (standard .data)')
    .option('--aws', 'arbeta mot den driftsatta tabellen (TABLE_NAME och AWS-uppgifter i miljön)');
const exitWith = (code: number) => {
  process.exitCode = code;
};

storeOptions(feeds.command('enable').description('slå på ett avstängt flöde igen; det hämtas vid nästa körning').argument('<id>')).action(
  async (id: string, opts: { dataDir?: string; aws?: boolean }) => exitWith(await (await import('./feeds.ts')).runFeedsEnable(config(), id, opts, out)),
);

const subscribers = program.command('subscribers').description('prenumeranter på veckobrevet');
storeOptions(
  subscribers
    .command('add')
    .description('lägg till eller uppdatera en prenumerant')
    .requiredOption('--email <adress>')
    .requiredOption('--name <namn>')
    .requiredOption('--role <roll>', 'member, secretariat eller communicator')
    .option('--municipalities <lista>', 'medlemskommuner, kommaseparerade')
    .option('--topics <lista>', 'industry, energy, procurement, skills (standard: alla)')
    .addOption(new Option('--alerts <val>', 'Dagens debatt: daily eller off (standard: daily för communicator, annars off)').choices(['daily', 'off']))
    .option('--resubscribe', 'lägg till igen någon som har avslutat prenumerationen (bara på personens egen begäran)'),
).action(async (opts) => exitWith(await (await import('./subscribers.ts')).subscribersAdd(config(), opts, out)));
storeOptions(subscribers.command('list').description('lista prenumeranter').option('--json', 'en JSON-rad per prenumerant')).action(async (opts) =>
  exitWith(await (await import('./subscribers.ts')).subscribersList(config(), opts, out)),
);
storeOptions(subscribers.command('rekey').description('flytta prenumeranter från gamla onycklade id till nycklade (före första utskicket)')).action(async (opts) =>
  exitWith(await (await import('./subscribers.ts')).subscribersRekey(config(), opts, out)),
);
storeOptions(subscribers.command('remove').description('ta bort en prenumerant').argument('<adress>')).action(async (email: string, opts) =>
  exitWith(await (await import('./subscribers.ts')).subscribersRemove(config(), email, opts, out)),
);
storeOptions(
  subscribers
    .command('import')
    .description('importera prenumeranter från CSV (email,name,role,municipalities,topics)')
    .argument('<fil.csv>')
    .option('--resubscribe', 'lägg till igen de som har avslutat prenumerationen (bara på deras egen begäran)')
    .option('--partial', 'importera de giltiga raderna även om andra rader har fel')
    .option('--dry-run', 'kontrollera hela filen utan att spara något'),
).action(async (file: string, opts) => exitWith(await (await import('./subscribers.ts')).subscribersImport(config(), file, opts, out)));

const statements = program.command('statements').description('nätverkets utspel');
storeOptions(
  statements
    .command('add')
    .description('registrera ett utspel (JSON: id, date, until, title, keyPhrases, people, url; utan id görs ett av rubriken) och matcha lagrade artiklar')
    .argument('<fil>')
    .option('--replace', 'ersätt ett registrerat utspel med samma id (annars vägras det)'),
).action(
  async (file: string, opts) => exitWith(await (await import('./statements.ts')).statementsAdd(config(), file, opts, out)),
);
storeOptions(statements.command('list').description('lista utspelen (tabellens och konfigurationens)').option('--json', 'en JSON-rad per utspel')).action(async (opts) =>
  exitWith(await (await import('./statements.ts')).statementsList(config(), opts, out)),
);
storeOptions(statements.command('remove').description('ta bort ett felregistrerat utspel och dess artikellänkar').argument('<id>')).action(async (id: string, opts) =>
  exitWith(await (await import('./statements.ts')).statementsRemove(config(), id, opts, out)),
);

storeOptions(
  program
    .command('coverage')
    .description('mediernas genomslag för nätverkets utspel')
    .option('--statement <id>', 'ett utspel (standard: alla)')
    .option('--since <datum>', 'bara artiklar från och med, t.ex. 2026-11-01')
    .addOption(new Option('--format <format>', 'utdata: tabell, JSON (ett objekt per utspel), CSV för Excel, HTML').choices(['table', 'json', 'csv', 'html']).default('table')),
).action(async (opts) => exitWith(await (await import('./coverage.ts')).coverage(config(), opts, out)));

storeOptions(
  program
    .command('opinion')
    .description('Veckans opinion: veckans debatter med tes, skribent och vem som svarar vem (standard: veckan som nästa veckobrev gäller)')
    .option('--week <vecka>', 'ISO-vecka, t.ex. 2026-W48')
    .addOption(new Option('--format <format>', 'utdata').choices(['json', 'text']).default('json')),
).action(async (opts) => exitWith(await (await import('./opinion.ts')).runOpinion(config(), opts, out)));

storeOptions(
  program
    .command('debates')
    .description('debattinlägg om medlemskommunerna och nätverkets teman, med sista svarsdag')
    .option('--open', 'bara de som fortfarande är öppna för replik')
    .option('--since <datum>', 't.ex. 2026-11-01 (standard: de senaste 14 dagarna)')
    .addOption(new Option('--format <format>', 'utdata').choices(['table', 'json']).default('table')),
).action(async (opts) => exitWith(await (await import('./debates.ts')).debates(config(), opts, out)));

program
  .command('serve')
  .description('Bevakningen på webben lokalt, på 127.0.0.1 mot den lokala stacken')
  .option('--data-dir <mapp>', 'den lokala stackens data (standard: .data)')
  .option('--port <port>', 'port (standard: 8080)')
  .option('--out <mapp>', 'inloggningsbrev hamnar i <mapp>/mail (standard: out)')
  .action(async (opts) => exitWith(await (await import('./serve.ts')).serve(config(), opts, out)));

storeOptions(
  program
    .command('alerts')
    .description('skriv dagens Dagens debatt-brev (HTML och .eml) utan att skicka')
    .option('--day <datum>', 'dagen, t.ex. 2026-11-27 (standard: i dag)')
    .requiredOption('--out <mapp>')
    .option('--samples', 'hämta provflödena i minnet först och använd provprenumeranterna'),
).action(async (opts) => exitWith(await (await import('./alerts.ts')).alertsPreview(config(), opts, out)));

storeOptions(
  program
    .command('digest')
    .description('skriv veckobrevens HTML och .eml utan att skicka')
    .option('--week <vecka>', 'ISO-vecka, t.ex. 2026-W48 (standard: denna vecka)')
    .option('--subscriber <adress>')
    .requiredOption('--out <mapp>')
    .option('--samples', 'hämta provflödena i minnet först och använd provprenumeranterna'),
).action(async (opts) => exitWith(await (await import('./digest.ts')).digestPreview(config(), opts, out)));

// Every subcommand inherits the Swedish help and the error handling.
for (const c of program.commands) inherit(c);
function inherit(c: Command) {
  c.createHelp = () => new SwedishHelp();
  c.configureOutput({ outputError: () => undefined });
  c.exitOverride();
  c.helpOption('-h, --help', 'visa hjälp');
  for (const sub of c.commands) inherit(sub);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version end the program normally.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' || e.exitCode === 0) process.exit(0);
    process.stderr.write(`${commanderLine(e)}\n`);
    process.exit(2);
  }
  const line = userErrorLine(e);
  if (line === null) throw e;
  process.stderr.write(`${line}\n`);
  process.exit(2);
}
