import { describe, expect, it } from 'vitest';
import { compileClassifier } from '#shared/domain/classify/classifier.ts';
import { leadingLiteral } from '#shared/domain/classify/genre.ts';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import type { Feed } from '#shared/domain/types.ts';
import { evaluate } from '#shared/domain/classify/evaluate.ts';

const config = loadConfigDir('config');
const classifier = compileClassifier(config);
const classify = (title: string, text: string, url?: string) => classifier.classify({ title, text, url });

describe('classifier', () => {
  it('finds a member through its genitive and a compound, and the topic from several words', () => {
    // Act
    const c = classify('Kirunagruvan varslar 200', 'Gruvbolaget varslar anställda i Kiruna. Kirunas kommunalråd kallar varslet ett hårt slag mot industrin.');
    // Assess
    expect(c.municipalities).toEqual(['Kiruna']);
    expect(c.topics).toContain('industry');
    expect(c.evidence.municipalities.Kiruna!.hits.some((h) => h.matched === 'kirunas')).toBe(true);
  });

  it('finds a member through a locality inside it', () => {
    const c = classify('Ny pelletsfabrik i Svappavaara', 'Bygget av fabriken startar i vår och ger 150 nya jobb.');
    expect(c.municipalities).toEqual(['Kiruna']);
    // An industrial park is a place of its municipality too.
    expect(classify('Marken i Torsboda säljs till industrin', 'Tomterna i Torsboda Nord är klara för nya etableringar.').municipalities).toEqual(['Timrå']);
  });

  it('stops a club\'s name only as whole words: "Södertälje SK" is the club, "i Södertälje ska" is the town', () => {
    expect(classify('Nyanställer 400', 'I Södertälje ska 400 personer rekryteras till fabriken.').municipalities).toEqual(['Södertälje']);
    expect(classify('Timrå ikväll', 'Timrå ikväll: kommunen bjuder in till möte om bruket.').municipalities).toEqual(['Timrå']);
    expect(classify('Derbyt', 'Södertälje SK tog emot Mora i kväll.').municipalities).toEqual([]);
    // Every club abbreviation in a stop phrase is written as a whole word.
    const club = /^(?:sk|ik|if|ff|hf|bk|fk|hk|is|aik|gif|bois)$/;
    for (const m of config.municipalities.municipalities) for (const s of m.stop) if (club.test(s.split(' ').at(-1) ?? '')) expect(s, m.name).toMatch(/\$$/);
  });

  it('does not count a hockey team in a match report as the town', () => {
    const c = classify('TIK vann derbyt', 'Timrå tog ledningen i första perioden och höll undan mot Södertälje. Segern ger laget serieledning i tabellen.');
    expect(c.municipalities).toEqual([]);
  });

  it('does not count the company Sandvik as Sandviken', () => {
    const c = classify('Sandvik ökar vinsten', 'Verkstadskoncernen Sandvik redovisar ett starkt kvartal. Sandviks ledning i Stockholm är nöjd med orderingången.');
    expect(c.municipalities).not.toContain('Sandviken');
    expect(c.topics).toContain('industry');
  });

  it('does not confuse a look-alike town with a member', () => {
    const c = classify('Oskarström firar', 'Orten Oskarström i Halmstads kommun firar 150 år med en utställning.');
    expect(c.municipalities).toEqual([]);
  });

  it('treats education full of "industri" words as skills, not industry', () => {
    const c = classify('Fler söker industriprogrammet', 'Gymnasiets industriprogram lockar fler elever. Utbildningen görs tillsammans med arbetsgivarna för att klara kompetensförsörjningen.');
    expect(c.topics).toEqual(['skills']);
  });

  it('finds public procurement in compounds', () => {
    const c = classify('Innovationsupphandlingen överprövas', 'En anbudsgivare begär överprövning av kommunens innovationsupphandling av bussar.');
    expect(c.topics).toEqual(['procurement']);
  });

  it('reads the genre from the URL path, the title marker and the outlet', () => {
    expect(classify('Elen räcker inte', 'Text.', 'https://tidning.example/ledare/elen-racker-inte').genre).toBe('editorial');
    expect(classify('Elen räcker inte', 'Text.', 'https://tidning.example/ledare/kronika/elen').genre).toBe('column');
    expect(classify('DEBATT: Bygg ut elnätet', 'Text.').genre).toBe('debate');
    expect(classify('Skolan', 'Text.', 'https://tidning.example/asikt/insandare/skolan').genre).toBe('letter');
    expect(classify('Nytt avtal', 'Text.', 'https://www.mynewsdesk.com/se/foretag/pressreleases/nytt-avtal').genre).toBe('press_release');
  });

  it('sees the network named, but not the general word industrikommunerna', () => {
    expect(classify('Krav på elnät', 'Nätverket för starka industrikommuner kräver snabbare besked.').mentionsNetwork).toBe(true);
    expect(classify('Industrikommunerna växer', 'Industrikommunerna i landet bidrar till välfärden.').mentionsNetwork).toBe(false);
  });

  it('an accident at a power station or a mine is news at that place, not energy or industry, unless the story goes on to the topic', () => {
    expect(classify('Man omkom vid vattenkraftverket', 'En man i 40-årsåldern hittades död vid vattenkraftverket i går kväll.').topics).toEqual([]);
    expect(classify('Bil körde ner i dagbrottet – föraren död', 'Räddningstjänsten larmades till dagbrottet vid gruvan under natten.').topics).toEqual([]);
    // The same kind of title, but the story is about the plant's production and jobs: the topic holds.
    const plant = classify('Brand i pappersbruket – produktionen stoppad', 'Pappersbruket stoppar produktionen i två veckor och 300 anställda permitteras medan industrin väntar på besked om investeringen.');
    expect(plant.topics).toContain('industry');
  });

  it('investment in the financial sense (banks, shares, funds up front) is not industry; an investment in a plant is', () => {
    expect(classify('Storbanken har tappat 80 procent av sin investering', 'Bankens investering i den schweiziska storbanken har rasat på börsen.').topics).toEqual([]);
    expect(classify('Riskkapitalfonderna drar ner på investeringar', 'Investerarna tvekar och fonderna får in mindre kapital.').topics).toEqual([]);
    expect(classify('Stålverket investerar två miljarder i ny ugn', 'Investeringen i stålverket ger 200 nya jobb i produktionen.').topics).toContain('industry');
  });

  it('the wage round led by industry is an industry story; a wage round elsewhere is not', () => {
    expect(classify('Tio frågor om avtalsrörelsen', 'Varför går industrin först? Och vad betyder det för din lön?').topics).toContain('industry');
    expect(classify('Avtalsrörelsen i handeln drar ut på tiden', 'Handelsanställda och arbetsgivarna möts igen på måndag.').topics).toEqual([]);
  });

  it('a company that works in several places names its town up front, not from the body alone', () => {
    const lead = 'Utredningen gäller hur myndigheten har hanterat tillstånd och anmälningar under flera år. Åklagaren vill veta vem som fattade besluten, när de fattades och varför ingen reagerade trots att flera medarbetare slog larm internt. Myndighetens ledning säger att den välkomnar granskningen och att den ska bidra med allt underlag. ';
    const body = classify('Myndigheten granskas efter tips', `${lead}Bland bolagen som väntar på besked finns LKAB, som enligt uppgift inte fått svar. Även LKAB:s leverantörer väntar.`);
    expect(body.municipalities).toEqual([]);
    expect(classify('LKAB varslar 100 anställda', 'Bolaget minskar bemanningen vid verket.').municipalities).toEqual(['Kiruna']);
  });

  it('a generic word alone in the title (anställda) does not make a story about an authority an industry story', () => {
    const lead = 'Utredningen gäller hur myndigheten har hanterat tillstånd och anmälningar under flera år. Åklagaren vill veta vem som fattade besluten, när de fattades och varför ingen reagerade trots att flera av myndighetens egna handläggare slog larm internt. Ledningen säger att den välkomnar granskningen och ska bidra med allt underlag. ';
    const c = classify('Anställda larmar om myndigheten', `${lead}Ärendena gäller bland annat LKAB och SSAB, och ett gruvområde där mineral bryts. Flera anställda vittnar om tystnad.`);
    expect(c.topics).toEqual([]);
    expect(classify('Anställda på bruket varslas', 'Pappersbruket varslar 120 anställda.').topics).toContain('industry');
  });

  it('a craftsman\u2019s workshop is not manufacturing industry', () => {
    expect(classify('Smeden som gör knivar för hand', 'I sin verkstad tillverkar hantverkaren knivar och yxor till kunder i hela landet.').topics).toEqual([]);
    expect(classify('Verkstaden anställer 40', 'Verkstadsföretaget tillverkar växellådor och bygger ut fabriken.').topics).toContain('industry');
  });

  it('extraction weighs as manufacturing does: mining policy in the lead is an industry story', () => {
    expect(classify('Ett svek mot norra Sverige', 'Regeringen stänger stora områden i fjällen för utvinning av mineral.').topics).toContain('industry');
  });

  it('a company counts in its compounds as in its name (Saabchefen as Volvofabriken), and a word of a topic weighs the same in its forms (direktupphandla as upphandla)', () => {
    const industry = (title: string, text: string) => classify(title, text).evidence.topics.industry?.hits.map((h) => h.matched) ?? [];
    expect(industry('Saabchefen varnar', 'Ett stort uppdrag.')).toContain('saabchefen');
    expect(industry('Volvofabriken varnar', 'Ett stort uppdrag.')).toContain('volvofabriken');
    const weight = (text: string) => classify('', text).evidence.topics.procurement?.score;
    expect(weight('Kommunen direktupphandlade tjänsterna.')).toBe(weight('Kommunen upphandlade tjänsterna.'));
    expect(weight('Regionen upphandlar nu.')).toBe(weight('Regionen upphandla nu.'));
  });

  it('the town is not the company whose name it starts with (Sandviken is not Sandvik)', () => {
    const c = classify('Sandviken växer', 'Kommunen i Sandviken bygger en ny simhall.');
    expect(c.municipalities).toEqual(['Sandviken']);
    expect(c.evidence.topics.industry).toBeUndefined();
  });

  it('a plant named by its site is both the town and the company of the industry topic', () => {
    const c = classify('Försvarsjätten bygger ut', 'BAE Systems Hägglunds bygger en ny verkstad för en kvarts miljard.');
    expect(c.municipalities).toEqual(['Örnsköldsvik']);
    expect(c.evidence.topics.industry?.hits.map((h) => h.matched)).toContain('hägglunds');
  });

  it('one core word in a feed item\u2019s lead decides its topic, unless the item speaks of another sense or another topic carries it by far', () => {
    expect(classify('Beslut dröjer i Skövde', 'Domstolsprocessen tvingade kommunen att direktupphandla asfalten.').topics).toEqual(['procurement']);
    expect(classify('Remissen nådde bara en kommun', 'Lagförslaget om vetot mot vindkraftsutbyggnad skickades ut i somras.').topics).toEqual(['energy']);
    expect(classify('Först i landet', 'Kommunen tankar bussarna med vätgas gjord av solel från taken.').topics).toEqual(['energy']);
    // funds up front: a wave of layoffs among venture capital firms is finance
    expect(classify('Uppstädning bland fonderna', 'Snart kommer varselvågen till riskkapitalbolagen.').topics).toEqual([]);
    // a turbine maker's big order: the nuclear plant it is for is not an energy story
    expect(classify('Stororder till turbinfabriken', 'Fabriken ska tillverka ångturbiner till kärnkraften i Finland, säger företaget.').topics).toEqual(['industry']);
  });

  it('a shortage of a skilled trade is competence supply', () => {
    expect(classify('Varvet växer men saknar folk', 'Bristen på svetsare gör att varvet tackar nej till order.').topics).toContain('skills');
    expect(classify('Ny vårdcentral öppnar', 'Det råder brist på parkeringsplatser vid den nya vårdcentralen.').topics).toEqual([]);
  });

  it('links an article to a statement by phrase and person', () => {
    const st = [{ id: 's1', date: '2026-01-20', title: 'Utspel', keyPhrases: ['innovationsupphandling'], people: ['Anna Berglund'] }];
    const c = classifier.classify({ title: 'Nätverket vill se mer innovationsupphandling', text: 'Det säger Anna Berglund, Nätverket för starka industrikommuner.', date: '2026-02-01' }, st);
    expect(c.statements.map((s) => s.statementId)).toEqual(['s1']);
    const before = classifier.classify({ title: 'Nätverket vill se mer innovationsupphandling', text: 'Det säger Anna Berglund.', date: '2025-12-01' }, st);
    expect(before.statements).toEqual([]);
  });

  it('a member\'s own website names its town when the text names no member, never over another member', () => {
    const c = classifier.classify({ title: 'Kameror på skolgården', text: 'Kommunstyrelsen sa ja till kameror vid Centralskolan.', url: 'https://www.perstorp.se/kommunochpolitik/nyheter/kameror' });
    expect(c.municipalities).toEqual(['Perstorp']);
    expect(classifier.classify({ title: 'Besök från Luleå', text: 'Kommunalråd från Luleå besökte skolan.', url: 'https://www.perstorp.se/nyheter/besok' }).municipalities).toEqual(['Luleå']);
    // The company is not the municipality: perstorp.com is not the member's site.
    expect(classifier.classify({ title: 'Kameror på skolgården', text: 'Kommunstyrelsen sa ja till kameror vid Centralskolan.', url: 'https://www.perstorp.com/news/kameror' }).municipalities).toEqual([]);
  });

  it('a hyperlocal outlet names its town when the text names no member, never over another member', () => {
    const local = compileClassifier({ ...config, liveFeeds: [{ id: 'lokal', url: 'https://lokalbladet.example/feed', outlet: 'Lokalbladet', kind: 'news', municipalities: ['Timrå'], language: 'sv', verified: false, hyperlocal: true }] });
    const c = local.classify({ title: 'Explosion i villaområde', text: 'Polisen spärrade av området under natten.', url: 'https://lokalbladet.example/2026/11/explosion' });
    expect(c.municipalities).toEqual(['Timrå']);
    expect(c.evidence.municipalities['Timrå']!.hits[0]!.field).toBe('outlet');
    const other = local.classify({ title: 'Stålverket i Luleå', text: 'Luleå får nya jobb.', url: 'https://lokalbladet.example/2026/11/lulea' });
    expect(other.municipalities).toEqual(['Luleå']);
  });

  it('a company alone counts for its home town, but not when the article names the member where the plant is', () => {
    expect(classify('Scania varslar 400', 'Lastbilstillverkaren varslar tjänstemän på huvudkontoret.').municipalities).toEqual(['Södertälje']);
    expect(classify('Scania bygger ut hyttfabriken i Oskarshamn', 'Scania investerar i fabriken i Oskarshamn och anställer 200.').municipalities).toEqual(['Oskarshamn']);
  });
});


describe('precision on the stream: general rules an editor would state', () => {
  const withMeta = (input: Partial<Parameters<typeof classifier.classify>[0]>) => classifier.classify({ title: '', text: '', ...input });

  it('a stem inside an unrelated word is not the topic: Massachusetts, kemisk, Linköping, brukar, industriell', () => {
    expect(classify('Forskare i Massachusetts', 'Studien gjordes vid ett universitet i Massachusetts och publicerades i veckan.').topics).toEqual([]);
    expect(classify('Debatt om kemisk kastrering', 'Förslaget om kemisk kastrering väcker kritik.').evidence.topics.industry).toBeUndefined();
    expect(classify('Derbyt i Linköping', 'Linköping tog emot grannen inför fullsatt läktare i Linköping.').evidence.topics.procurement).toBeUndefined();
    expect(classify('Så brukar vi fira jul', 'Många brukar äta skinka.').evidence.topics.industry).toBeUndefined();
    expect(classify('Sortera avfall i industriell skala', 'Insändaren vill sortera avfall i industriell skala.').topics).toEqual([]);
    // …while compounds built on the stem still count
    expect(classify('Ny ordning för innovationsupphandling', 'Kommunens innovationsupphandlingar ska öka, och upphandlingen av skolmat görs om.').topics).toContain('procurement');
  });

  it('false friends from config: an outlet name, other industries, a strike notice, a Spanish article', () => {
    expect(classify('Spelbolaget växer – Dagens Industri', 'Musikindustrin och spelindustrin ökar, skriver Dagens Industri.').topics).toEqual([]);
    expect(classify('Facket lägger varsel om strejk', 'Förbundet har lagt ett varsel om strejk från måndag.').topics).toEqual([]);
    expect(classify('El Paso skakas av skottlossning', 'Polisen i El Paso utreder händelsen.').evidence.topics.energy).toBeUndefined();
  });

  it('words that only look like the topic give it no evidence at all (prize, abuse, farming, roads, troll factories, investors)', () => {
    const none = (title: string, text: string, topic: 'industry' | 'energy' | 'skills') => expect(classify(title, text).evidence.topics[topic], `${title} ${text}`).toBeUndefined();
    none('Nobelpriset delas ut', 'Nobelpriset i litteratur går i år till en poet.', 'energy');
    none('Forskare i Massachusetts', 'Studien gjordes i Massachusetts.', 'industry');
    none('Missbruket ökar bland unga', 'Missbruk och förbrukningen av alkohol oroar.', 'industry');
    none('Lantbruket i kris', 'Jordbruket och skogsbruket drabbas av torkan.', 'industry');
    none('Trollfabriken avslöjad', 'Trollfabrikerna sprider lögner.', 'industry');
    none('Motorvägen stängs', 'Motorsporten flyttar och tillväxtmotorn hackar.', 'industry');
    none('Fler asylsökande', 'Antalet asylsökande ökar.', 'skills');
    none('Investerare flyr', 'Investerarna säljer.', 'industry');
    // A stem of six letters inside a word with more after it is another word (naturbingo, illavarslande)…
    none('Naturbingo i parken', 'Ett illavarslande moln drog in.', 'industry');
    // …while a long stem in a compound still counts (innovationsupphandlingar, above) and a head still does.
    expect(classify('Ny order', 'Ångturbinerna levereras i vår.').evidence.topics.industry).toBeDefined();
  });

  it('generic words deep in a long text do not make a topic without a core term', () => {
    const body = `${'Länsstyrelsen granskas efter larmet. '.repeat(10)}Anställda och medarbetare på LKAB och SSAB har hörts om anläggningen, säger åklagaren.`;
    expect(classify('Krismöte på länsstyrelsen', body).topics).toEqual([]);
  });

  it('the URL section or slug naming a member is evidence of the town', () => {
    expect(withMeta({ title: 'Företaget redovisar sitt år', url: 'https://tidning.example/perstorp/foretaget-redovisar-sitt-ar/' }).municipalities).toEqual(['Perstorp']);
    expect(withMeta({ title: 'Ny förskola invigd', url: 'https://tidning.example/nyheter/ny-forskola-invigd-i-sandviken' }).municipalities).toEqual(['Sandviken']);
  });

  it('a team in a sports headline, a span across the country, one mention in a story elsewhere: none is the town', () => {
    expect(classify('Eos utslaget – föll mot Södertälje', 'Säsongen är över.').municipalities).toEqual([]);
    expect(classify('Kyrkorna svarar', 'Vi har ringt församlingar från Luleå i norr till Ystad i söder.').municipalities).toEqual([]);
    expect(classify('Snövädret slår till i Skåne', `${'Räddningstjänsten i Skåne varnar för snö och vind under torsdagen. '.repeat(6)}Hans syster bor i Trollhättan.`).municipalities).toEqual([]);
  });

  it('genre from the publisher\u2019s own markers: category, lead label, title suffix, byline, letters section', () => {
    expect(withMeta({ title: 'Regeringen sviker', text: 'Ett svek.', url: 'https://www.svd.se/a/x/regeringen', categories: ['Ledare'] }).genre).toBe('editorial');
    expect(withMeta({ title: 'Ny lag behövs', text: 'DEBATT. Konkurrensen måste bli rättvis.', url: 'https://www.svd.se/a/y/ny-lag' }).genre).toBe('debate');
    expect(withMeta({ title: 'En berättelse om två förslag | Anna Berg | SvD Ledare', text: '', url: 'https://www.svd.se/a/z/x' }).genre).toBe('editorial');
    expect(withMeta({ title: 'Karin Lund: Elbilsfabriken som slutade glimra', text: '', url: 'https://www.dn.se/ekonomi/karin-lund-elbilsfabriken' }).genre).toBe('column');
    // An interview quoting a person is news, not a column
    expect(withMeta({ title: 'Anna Berg: ”Jag vill tillbaka”', text: '', url: 'https://www.dn.se/kultur/anna-berg-jag-vill' }).genre).toBe('news');
    expect(withMeta({ title: 'Bygg fler cykelbanor', text: '', url: 'https://www.hd.se/min-mening/bygg-fler-cykelbanor/' }).genre).toBe('letter');
    expect(withMeta({ title: '”Poliser måste få delta”', text: '', url: 'https://www.sydsvenskan.se/opinion/poliser-maste/' }).genre).toBe('debate');
    expect(withMeta({ title: 'Sista chansen för hemmen?', text: '', url: 'https://www.sydsvenskan.se/opinion/sista-chansen/' }).genre).toBe('editorial');
  });
});

describe('statements one by one (hardening #23)', () => {
  it('skips a statement that cannot be compiled, reports it once, and still classifies and matches the rest', () => {
    const errors: string[] = [];
    const c = compileClassifier({ ...config, onStatementError: (s) => errors.push(s.id) });
    const bad = { id: 'trasig', date: '2026-13-01', title: 'Trasigt', keyPhrases: ['utbyggnaden av elnätet'], people: [] };
    const good = { id: 'elnat', date: '2026-11-01', title: 'Ge oss elen', keyPhrases: ['utbyggnaden av elnätet'], people: [] };
    const input = { title: 'Nätverket för starka industrikommuner: utbyggnaden av elnätet måste gå fortare', text: 'Industrin i Luleå väntar på el.', date: '2026-11-10T08:00:00Z' };
    const first = c.classify(input, [bad, good]);
    const second = c.classify(input, [bad, good]);
    expect(first.statements.map((s) => s.statementId)).toEqual(['elnat']);
    expect(second.statements.map((s) => s.statementId)).toEqual(['elnat']);
    expect(first.topics).toContain('energy');
    expect(errors).toEqual(['trasig']);
  });
});

describe('genre from the publisher\'s structure, local papers too (#21)', () => {
  const genre = (title: string, url: string, text = 'Text om kommunen.') => classifier.classify({ title, text, url }).genre;
  it('reads the words of a joined section name, not the slug: åsikt/insändare-debatt is letters', () => {
    expect(genre('Skolan behöver fler lärare', 'https://www.lokaltidning.example/%C3%A5sikt/ins%C3%A4ndare-debatt/skolan-behover-fler-larare')).toBe('letter');
    expect(genre('Ny debatt om skolan', 'https://www.lokaltidning.example/nyheter/ny-debatt-om-skolan')).toBe('news');
  });
  it('knows the sections local papers use: gästkrönika, ledarkrönika, fria ord, åsikt', () => {
    expect(genre('Norrland behöver tåget', 'https://www.lokaltidning.example/ledare/gastkronika/artikel/norrland-behover-taget')).toBe('column');
    expect(genre('Bussen måste gå på söndagar', 'https://www.lokaltidning.example/asikter/fria-ord/bussen')).toBe('letter');
  });
  it('reads a columnist\'s "Namn Namnssons krönika:" and "Fria ord." in the title', () => {
    expect(genre('Anna Eks krönika: Bruket var vårt', 'https://www.lokaltidning.example/artikel/bruket')).toBe('column');
    expect(genre('Fria ord. Fixa gatlamporna', 'https://www.lokaltidning.example/artikel/gatlampor')).toBe('letter');
  });
  it('takes a headline that demands, at a news outlet, for an argument; "Ja till …" is the news of a decision; elsewhere a demand may be a campaign page', () => {
    expect(genre('Släpp nu fram yrkesutbildningarna', 'https://www.nwt.se/2026/11/20/slapp-nu-fram-yrkesutbildningarna/')).toBe('debate');
    expect(genre('Ja till ny kraftledning genom Skövde', 'https://www.nwt.se/2026/11/20/ja-till-ny-kraftledning/')).toBe('news');
    expect(genre('Rädda byskolan', 'https://www.byskolan-kampanj.example/radda-byskolan/')).not.toBe('debate');
  });
  it('reads a letters page\'s own forms at a news outlet: a party-signed title, a letter writer named as such, a politician\'s answer, a reader agreeing with the paper', () => {
    const nws = 'https://www.nwt.se/2026/11/20/';
    expect(genre('(C): Kristinehamn måste ta vara på hamnen', `${nws}hamnen/`)).toBe('letter');
    expect(genre('Insändarskribent vill ha fler bussar', `${nws}bussar/`)).toBe('letter');
    expect(genre('Svar om parken', `${nws}parken/`, 'Insändarskribenten har rätt i att parken behöver skötas bättre.')).toBe('letter');
    expect(genre('Svar om badhuset', `${nws}badhuset/`, 'Tack för att du är engagerad i frågan om badhuset. Kommunen ser över öppettiderna.')).toBe('letter');
    expect(genre('Rätt om järnvägen', `${nws}jarnvagen/`, 'Jag håller helt med gårdagens ledare om järnvägen genom Värmland.')).toBe('letter');
    // The same words in a report stay news.
    expect(genre('C vill ta vara på hamnen', `${nws}hamnen-c/`, 'Centerpartiet i Kristinehamn vill bygga ut hamnen.')).toBe('news');
  });
  it('reads a lead that says what the piece is: "Replik i debatt om …", "Insändare i Tidningen den …", "… i en krönika"', () => {
    const site = 'https://www.okand-sajt.example/2026/11/20/';
    expect(genre('Vilket besked gäller', `${site}besked/`, 'Replik i debatt om elnätet, tidigare inlägg 4 november. Kommunalrådet har fel.')).toBe('debate');
    expect(genre('Tänk om', `${site}tank-om/`, 'Insändare i Lokaltidningen den 29/11: Kommunen måste tänka om.')).toBe('letter');
    expect(genre('Reglerna är inte problemet', `${site}regler/`, 'Reglerna är bättre än sitt rykte, hävdar Anna Ek i en krönika.')).toBe('column');
  });
  it('reads a region\'s own site and an employers\' organisation\'s site as their newsrooms', () => {
    expect(genre('Stark tillväxt i industrin', 'https://www.regionexempel.se/nyheter/visa/stark-tillvaxt')).toBe('press_release');
    expect(genre('Så klarar företagen elpriset', 'https://www.svensktnaringsliv.se/sakomraden/energi/elpriset_123.html')).toBe('press_release');
  });
  it('reads a text an organisation\'s site credits to a named writer (", skriver Namn Namnsson, expert på …") as a signed piece, not a press release', () => {
    const url = 'https://www.svensktnaringsliv.se/sakomraden/energi/elnatet_123.html';
    expect(genre('Elnätet och sen då?', url, 'Strategin har begränsad nytta, skriver Karin Holm, expert på energifrågor.')).toBe('analysis');
    expect(genre('Elnätet och sen då?', url, 'Strategin har begränsad nytta, säger Karin Holm, expert på energifrågor.')).toBe('press_release');
    expect(genre('Elnätet och sen då?', url, 'Strategin har begränsad nytta, skriver Karin Holm i ett pressmeddelande.')).toBe('press_release');
  });
  /** The classifier with one more paper in the registry, Lokalbladet, and what its entry adds. */
  const withLokalbladet = (entry: Partial<Feed> = {}) =>
    compileClassifier({ ...config, liveFeeds: [...config.liveFeeds, { id: 'lokalbladet', url: 'https://www.lokalbladet.example/feed', outlet: 'Lokalbladet', kind: 'news', municipalities: ['Timrå'], language: 'sv', verified: false, ...entry }] });
  it('knows the registry\'s own papers as news outlets: a byline title there is a column', () => {
    const withPaper = withLokalbladet();
    const piece = { title: 'Anna Ek: Bruket var vårt', text: 'Jag växte upp med ljudet från bruket.', url: 'https://www.lokalbladet.example/2026/11/20/bruket/' };
    expect(withPaper.classify(piece).genre).toBe('column');
    expect(classifier.classify(piece).genre).not.toBe('column');
  });
  it('reads a section the registry maps for one outlet: its own meaning first, a mixed opinion section by the piece\'s cues', () => {
    const mapped = withLokalbladet({ sections: { opinion: 'opinion', 'lasarnas-rost': 'letter' } });
    const at = (c: typeof classifier, path: string, title: string, text = 'Kommunen måste bygga om bron.') => c.classify({ title, text, url: `https://www.lokalbladet.example/${path}` }).genre;
    expect(at(mapped, 'lasarnas-rost/bron', 'Bygg om bron')).toBe('letter');
    expect(at(classifier, 'lasarnas-rost/bron', 'Bygg om bron')).not.toBe('letter');
    // Its /opinion/ holds op-eds and letters alike, not the paper's editorials.
    expect(at(mapped, 'opinion/bron', 'Bron behöver byggas om')).toBe('debate');
    expect(at(mapped, 'opinion/bron', 'Bron behöver byggas om', 'Som jag skrev i en insändare förra veckan: bron är farlig.')).toBe('letter');
    expect(at(classifier, 'opinion/bron', 'Bron behöver byggas om')).toBe('editorial');
    // A segment the outlet does not map keeps its common meaning, and another outlet is untouched.
    expect(at(mapped, 'opinion/ledare/bron', 'Bron behöver byggas om')).toBe('editorial');
    expect(classifier.classify({ title: 'Bygg om bron', text: 'Kommunen måste bygga om bron.', url: 'https://www.annantidning.example/lasarnas-rost/bron' }).genre).not.toBe('letter');
  });
  it('reads the label a feed dropped from the title in the slug: "/insandare-…", "/replik-…", not "/debatt-om-…"', () => {
    expect(genre('Vad förväntade du dig', 'https://www.lokaltidning.example/2026/11/20/insandare-vad-forvantade-du-dig/')).toBe('letter');
    expect(genre('Vetot behövs', 'https://www.lokaltidning.example/artikel/replik-vetot-behovs')).toBe('debate');
    expect(genre('Het debatt om skolan', 'https://www.lokaltidning.example/artikel/debatt-om-skolan-i-fullmaktige')).toBe('news');
  });
  it('reads a writer who calls their own piece "min insändare" as a letter, in a debate section too', () => {
    const url = 'https://www.lokaltidning.example/debatt/glad-och-ledsen-over-svaret/';
    expect(genre('Glad och ledsen över svaret', url, 'Replik till Anna Ek 25 januari. Att Anna Ek svarat på min insändare om vägen gläder mig.')).toBe('letter');
    expect(genre('Glad och ledsen över svaret', url, 'Replik till Anna Ek 25 januari. Att Anna Ek svarat på min debattartikel om vägen gläder mig.')).toBe('debate');
  });
  it('reads "Namn Namnsson: rubrik" over a lead that opens on a quote as an interview, not a column', () => {
    expect(genre('Karin Holm: Jag saknar bruket', 'https://www.dn.se/kultur/karin-holm-jag-saknar-bruket/', '”Det var mitt liv”, säger hon om åren vid ugnarna.')).toBe('news');
    expect(genre('Karin Holm: Bruket förtjänar bättre', 'https://www.dn.se/kultur/karin-holm-bruket/', 'Ägarna har svikit orten.')).toBe('column');
  });
  it('reads a byline with two name particles ("Anna de la Cruz:") at a news outlet as a column', () => {
    expect(genre('Anna de la Cruz: Våra skolor behöver lugn', 'https://www.dn.se/varlden/anna-de-la-cruz-vara-skolor-behover-lugn/')).toBe('column');
    expect(genre('Anna von der Lind: Bruket var vårt', 'https://www.dn.se/sverige/anna-von-der-lind-bruket/')).toBe('column');
  });
  it('reads the paper\'s own disclaimer "Det här är en krönika/debattartikel/ledare/analys" as the genre', () => {
    const nws = 'https://www.norran.se/artikel/';
    expect(genre('Minnen från sommaren', `${nws}minnen`, 'Anna Ek minns sina somrar. Det här är en krönika. Åsikterna i texten är skribentens egna.')).toBe('column');
    expect(genre('Bygg ut tågtrafiken', `${nws}tag`, 'Det här är en debattartikel. Åsikterna i texten är skribentens egna.')).toBe('debate');
    expect(genre('Regionen sviker norr', `${nws}region`, 'Det här är en ledare. Tidningens politiska hållning är liberal.')).toBe('editorial');
    expect(genre('Därför rasade elpriset', `${nws}elpris`, 'Det här är en analys. Reportern förklarar vad som hände.')).toBe('analysis');
  });
  it('reads a label that opens the body after a lead of its own ("…\\n\\nKOMMENTAR. …")', () => {
    const url = 'https://www.okand-tidskrift.example/2026/11/elpriset/';
    expect(genre('Elpriset och regeringen', url, 'Regeringen vill betala tillbaka elskatten.\n\nKOMMENTAR. Det viktiga för regeringen är att många får pengar.')).toBe('column');
    expect(genre('Elpriset och regeringen', url, 'Regeringen vill betala tillbaka elskatten.\n\nStockholm. Det viktiga för regeringen är att många får pengar.')).toBe('news');
  });
  it('takes a demand in the title for an argument at an unknown site only with the writer\'s own voice in the lead', () => {
    const site = 'https://www.bygdeblad.example/nyheter/';
    expect(genre('Flytta industrin närmare kraften', `${site}flytta`, 'Jag är glad att jag flyttade hem till Härjedalen. Men elen räcker inte.')).toBe('debate');
    expect(genre('Släpp nu fram yrkesutbildningarna', 'https://www.branschforbundet.example/aktuellt/nyheter/slapp', 'Regeringen har lagt förslaget. Vi har inte råd att vänta!')).toBe('debate');
    expect(genre('Rädda Ljusbyskolan', `${site}radda`, 'Kommunen har beställt en utredning om skolan.')).not.toBe('debate');
  });
  it('reads a letter that opens on another letter writer\'s pseudonym ("Signaturen ”…” ondgör sig …") as a letter', () => {
    expect(genre('Läs på om vindkraften', 'https://www.lokaltidning.example/2026-07-11/las-pa', 'Signaturen ”Tolv räcker” ondgör sig över vindparken på berget.')).toBe('letter');
    expect(genre('Läs på om vindkraften', 'https://www.lokaltidning.example/2026-07-11/las-pa', 'Föreningen ondgör sig över vindparken på berget.')).not.toBe('letter');
  });
  it('reads "Öppet brev till …" in the lead as a letter', () => {
    expect(genre('Vindkraften i Ölme', 'https://www.lokaltidning.example/2026/11/20/vindkraften/', 'Föreningen vill att kommunen säger nej. Öppet brev till kommunfullmäktige i Kristinehamn.')).toBe('letter');
  });
});

describe('two sentences as a feed gives them (#21)', () => {
  it('lowers the topic bar a tenth for an item whose whole text is its lead, not for an article', () => {
    const lead = 'Anläggningen i Perstorp byggs ut och fabriken får nya ugnar.';
    const short = classifier.classify({ title: 'Stora planer i Perstorp', text: lead });
    expect(short.topics).toEqual(['industry']);
    expect(short.evidence.topics.industry!.score).toBeLessThan(short.evidence.topics.industry!.threshold);
    const long = classifier.classify({ title: 'Stora planer i Perstorp', text: `${lead} ${'Kommunen planerar också för nya bostäder och en ny skola i centrum. '.repeat(5)}` });
    expect(long.topics).toEqual([]);
  });

  it('reads a layoff spelt "lägger ner" as well as "läggs ned", and a plant that hires', () => {
    expect(classify('Tunga besked för bygden', 'Bolaget lägger ner sin enhet i Gislaved och 120 anställda berörs.').topics).toEqual(['industry']);
    expect(classify('Växer i Olofström', 'Verkstaden nyanställer 80 personer under våren.').topics).toEqual(['industry']);
  });

  it('counts the head of a compound that starts with a town: "Kirunagruvan" is a mine in Kiruna', () => {
    const c = classify('Skalv stoppar arbetet i Malmbergetgruvan', 'Berget skakade under natten.');
    expect(c.evidence.topics.industry?.hits.some((h) => h.matched === 'malmbergetgruvan')).toBe(true);
  });

  it('reads a company moving its operations or production as an industry story', () => {
    expect(classify('80 berörs när bolaget flyttar verksamhet', 'Bolaget flyttar sin avdelning från Skövde till Polen och 80 anställda påverkas.').topics).toEqual(['industry']);
    expect(classify('Flyttar produktionen till Kina', 'Bolaget i Gislaved flyttar produktionen utomlands och 40 anställda påverkas.').topics).toEqual(['industry']);
  });

  it('knows waste heat and the grid\'s stations as energy', () => {
    expect(classify('Bruket värmer stadens hus', 'Spillvärmen från bruket i Skövde går nu till bostäderna.').topics).toContain('energy');
    expect(classify('Ny transformatorstation för staden', 'Stationen ska ge Kiruna el när staden flyttar.').topics).toContain('energy');
  });

  it('knows the names of vocational routes for adults and trades as competence supply: yrkesvux, branschskola, lärcentrum, validering', () => {
    expect(classify('Fler platser på yrkesvux', 'Kommunen i Gislaved satsar på svetsare och CNC-operatörer.').topics).toEqual(['skills']);
    expect(classify('Branschskolan öppnar i Skövde', 'Eleverna blir montörer.').topics).toEqual(['skills']);
    expect(classify('Lärcentrum startar validering', 'Vuxna i Finspång kan få sin yrkeserfarenhet prövad.').topics).toEqual(['skills']);
    // Validation of data is not validation of skills.
    expect(classify('Datavalidering i nya systemet', 'Kommunen byter it-system.').topics).toEqual([]);
  });

  it('knows technical students and programmes as competence supply', () => {
    expect(classify('Teknikelever på besök', 'Niondeklassare fick prova på teknikprogrammet i Skövde.').topics).toContain('skills');
  });

  it('does not count a title again when the feed repeats it as the lead', () => {
    const title = 'Armén vill skärpa rekryteringen av soldater';
    expect(classify(title, `• ${title}`).topics).toEqual([]);
    // Two sentences of their own about recruiting still make the topic.
    expect(classify(title, 'Försvaret behöver rekrytera fler tekniker och ingenjörer till förbanden.').topics).toContain('skills');
  });
});

describe('what a word means where it stands (#21, precision on the stream)', () => {
  it('reads a missing person at a power station as an incident, not energy policy', () => {
    expect(classify('Man saknas – stor insats vid vattenkraftstation', 'Räddningstjänsten söker i älven.').topics).toEqual([]);
    expect(classify('Ny vattenkraftstation byggs i älven', 'Räddningstjänsten fick ny väg till älven.').topics).toEqual(['energy']);
    // The station named again in the lead, in its definite form, is still one word.
    expect(classify('En saknas vid vattenkraftstation', 'En person saknas efter arbete vid vattenkraftstationen i kväll.').topics).toEqual([]);
  });

  it('knows the big industrial companies by name (Boliden, Stora Enso, Epiroc) as evidence of industry', () => {
    expect(classify('Boliden bygger ut i Skelleftehamn', 'Boliden satsar på en ny linje för koppar.').topics).toEqual(['industry']);
    expect(classify('Epiroc flyttar hem', 'Epiroc tar hem tillverkningen av borriggar.').topics).toEqual(['industry']);
  });

  it('reads a fire at a company\'s plant as an incident: the owner\'s name beside its plant is the same place again', () => {
    expect(classify('Snabb insats stoppade brand', 'Räddningstjänsten förhindrade en brand på Holmens pappersbruk i Skärblacka.').topics).toEqual([]);
    expect(classify('Holmen bygger nytt pappersbruk', 'Holmens nya pappersbruk ger 200 jobb.').topics).toEqual(['industry']);
  });

  it('reads smoke from a furnace as a blue-light incident at the factory, not an industry story', () => {
    expect(classify('Rökutveckling i fabrik', 'Räddningstjänsten larmades till fabriken i Finspång där det rök från en av ugnarna.').topics).toEqual([]);
    expect(classify('Ny fabrik i Finspång', 'Räddningstjänsten larmades till fabriken i Finspång där det rök från en av ugnarna.').topics).toEqual(['industry']);
  });

  it('knows an overhead power line as the grid', () => {
    expect(classify('Klartecken för ny luftledning till stålverket', 'Ledningen ska ge hamnen mer el.').topics).toContain('energy');
  });

  it('reads investment in crowdfunding as money, not plants', () => {
    expect(classify('Bolaget får tillstånd för gräsrotsfinansiering', 'Gräsrotsfinansiering är en investeringsform där många små investeringar samlas.').topics).toEqual([]);
  });

  it('does not count a culture school\'s pupils as competence supply', () => {
    expect(classify('Kulturskolan tar in fler elever', 'Eleverna får välja mellan piano och teater.').topics).toEqual([]);
    expect(classify('Gymnasiet tar in fler elever', 'Eleverna på industriprogrammet får praktik på bruket.').topics).toContain('skills');
  });
});


describe('the evaluation', () => {
  it('scores a set that does not label the network mention (opinion-dev) on everything else, and leaves the network out', () => {
    const row = (id: string, gold: boolean | undefined, predicted: boolean) => ({ id, gold: { topics: [], municipalities: [], genre: 'debate' as const, mentionsNetwork: gold }, predicted: { topics: [], municipalities: [], genre: 'debate' as const, mentionsNetwork: predicted } });
    const report = evaluate([row('a', undefined, true), row('b', false, true)]);
    expect(report.network).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(report.misclassified).toEqual(['b']);
    expect(report.genre.accuracy).toBe(1);
  });
});

describe('text cues, fast', () => {
  it('reads the words a cue must contain off the start of its pattern, and nothing when a letter there is optional or the pattern opens on a choice', () => {
    expect(leadingLiteral(String.raw`\bdet här är en (krönika|kolumn)\b`)).toBe('det här är en ');
    expect(leadingLiteral(String.raw`(?<![\p{L}])öppet brev till\b`)).toBe('öppet brev till');
    expect(leadingLiteral('^tack för (att du|din insändare)')).toBe('tack för ');
    expect(leadingLiteral(String.raw`\bkrönikan?\b`)).toBe('krönika');
    expect(leadingLiteral(String.raw`\b(skriver|undertecknad)\b`)).toBeNull();
  });
});
