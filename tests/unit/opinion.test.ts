/** The opinion summariser's rules, one at a time, on texts of our own (each case fails without its rule). */
import { describe, expect, it } from 'vitest';
import { thesisOf, titleIsClaim } from '#shared/domain/opinion/thesis.ts';
import { authorOf } from '#shared/domain/opinion/author.ts';
import { withoutSectionLabel, writerLabel } from '#shared/domain/labels.ts';
import { replyOf } from '#shared/domain/opinion/reply.ts';
import { stanceToNetwork } from '#shared/domain/opinion/stance.ts';
import { summarizeOpinion } from '#shared/domain/opinion/summarize.ts';
import { sameSentence } from '#shared/domain/opinion/evaluate.ts';
import { buildDebates } from '#shared/domain/digest/debates.ts';
import { replyNote } from '#shared/domain/digest/render-opinion.ts';
import type { DigestEntry } from '#shared/domain/digest/stories.ts';

describe('thesis', () => {
  it('takes a claim title as the thesis, verbatim, label and all', () => {
    expect(thesisOf({ title: 'DEBATT: Staten måste bygga ut elnätet nu', text: 'I vår kommun väntar tre företag på el. De kan inte vänta längre.' })[0]).toBe('DEBATT: Staten måste bygga ut elnätet nu');
    expect(titleIsClaim('Stoppa nedläggningen av tåget till Kiruna')).toBe(true);
    expect(titleIsClaim('Ja till gruvan i Gruvberget')).toBe(true);
    expect(titleIsClaim('Bostadsbristen bromsar jobben i norr')).toBe(true);
    expect(titleIsClaim('Elskatten drabbar bruksorterna')).toBe(true);
    for (const t of ['Elnätet begränsar tillväxten i norr', 'Regeringen ignorerar bruksorterna', 'Staten underskattar elbehovet']) expect(titleIsClaim(t), t).toBe(true);
    // Verdicts in present tense a columnist's title is made of.
    for (const t of ['Ministerns ord klingar falskt i bruksorten', 'Regeringen bär skulden för elpriset', 'Nedläggningen avslöjar statens syn på norr']) expect(titleIsClaim(t), t).toBe(true);
  });

  it('takes the verbless headline forms of a claim: a demand ("Dags att …"), a verdict on an act ("Fel att …"), a refusal ("Inga fler …", "Ingen … utan …"), a verdict noun ("Ett svek mot …")', () => {
    for (const t of ['Dags att bygga ut elnätet till Luleå', 'Hög tid att rusta upp järnvägen', 'Fel att lägga ner bruket i Kristinehamn', 'Orimligt att industrin får vänta på el', 'Sorgligt att ljudet från bruket tystnar', 'Inga fler utredningar om Norrbotniabanan', 'Ingen ny industri utan el', 'Ett svek mot bruksorterna']) expect(titleIsClaim(t), t).toBe(true);
    expect(thesisOf({ title: 'Dags att bygga ut elnätet till Luleå', text: 'Tre företag väntar på el. Jag har skrivit om det förut.' })[0]).toBe('Dags att bygga ut elnätet till Luleå');
    // The same words as a label stay labels.
    expect(titleIsClaim('Dagsläget för elnätet')).toBe(false);
    expect(titleIsClaim('Ingenjörer utan jobb')).toBe(false);
  });

  it('takes more imperatives of demand (Ställ, Kalla, Bordlägg, Hissa) and any first word in -era as a demand', () => {
    for (const t of ['Ställ regionerna till svars för bussarna', 'Kalla det vid dess rätta namn', 'Bordlägg förslaget om gruvskatt', 'Hissa flaggan för bruket', 'Subventionera elen till industrin']) expect(titleIsClaim(t), t).toBe(true);
    expect(titleIsClaim('Kamera i centrum')).toBe(false);
  });

  it('takes a title wholly in quotation marks as the writer\'s own sentence, and a verb after a relative clause as the main verb', () => {
    expect(titleIsClaim('”Byråkraterna stryper vården i norr”')).toBe(true);
    expect(titleIsClaim('"Nedsida" för norrbottningar')).toBe(false);
    expect(titleIsClaim('Våldet som pågår i förorten är en skam')).toBe(true);
    expect(titleIsClaim('Politiken som hotar Bergslagen')).toBe(false);
  });

  it('does not quote the feed\'s echo of the title (with a time or a label) or a photo caption as the thesis', () => {
    expect(thesisOf({ title: 'Insändare. Sorgligt att bruket läggs ner', text: 'Sorgligt att bruket läggs ner I går 05:00' })[0]).toBe('Insändare. Sorgligt att bruket läggs ner');
    expect(thesisOf({ title: 'Anna Ek: Bruket som försvann', text: 'EKONOMI | KOMMENTAR Anna Ek: Bruket som försvann\nI dag står hallarna tomma i Ljusfors.' })[0]).toBe('I dag står hallarna tomma i Ljusfors.');
    expect(thesisOf({ title: 'Elen, bruket och framtiden', text: 'Brukspatron Karl Berg.\nBruket har stått tomt sedan i våras.' })[0]).toBe('Bruket har stått tomt sedan i våras.');
    expect(thesisOf({ title: 'Veckan som gick', text: 'PODD | 6 februari.\nEn vecka av svaga beslut summeras.' })[0]).toBe('En vecka av svaga beslut summeras.');
  });

  it('takes the text\'s own call to action in the imperative ("Dela upp …") as a demand, not a pointer ("Se bara på …")', () => {
    const text = 'Kommunen köper tjänster för 900 miljoner om året. Se bara på städningen, där tre bolag delar allt. Dela upp upphandlingarna i mindre delar, så att fler kan lämna anbud.';
    expect(thesisOf({ title: 'Om upphandlingen i vår kommun', text })).toEqual(['Dela upp upphandlingarna i mindre delar, så att fler kan lämna anbud.']);
    expect(thesisOf({ title: 'Upphandlingen slår ut småföretagen', text })).toEqual(['Upphandlingen slår ut småföretagen', 'Dela upp upphandlingarna i mindre delar, så att fler kan lämna anbud.']);
  });
  it('takes the demand formula "Det är hög tid att …" / "Nu är det dags att …" in the text as the claim over background', () => {
    const text = 'När verkstaden sade upp tvåhundra personer försvann en generation av yrkeskunnande. Det är hög tid att staten finansierar vuxenutbildning där jobben finns.';
    expect(thesisOf({ title: 'Kompetensen som försvann', text })).toEqual(['Det är hög tid att staten finansierar vuxenutbildning där jobben finns.']);
    expect(thesisOf({ title: 'Kompetensen som försvann', text: text.replace('Det är hög tid', 'Nu är det dags') })[0]).toMatch(/^Nu är det dags att/);
  });
  it('reads the claim after a reply\'s addressed header, and never quotes the opponent\'s reported claim or the piece\'s own "Jag vill svara på …"', () => {
    expect(titleIsClaim('Replik till Per Lind (M): Hamnen behöver staten')).toBe(true);
    expect(titleIsClaim('Replik till Per Lind')).toBe(false);
    expect(thesisOf({ title: 'Replik om hamnen', text: 'Per Lind skriver att hamnen klarar sig utan staten. Utan farledsavgifterna hade hamnen gått med förlust i fem år.' })[0]).toBe('Utan farledsavgifterna hade hamnen gått med förlust i fem år.');
    expect(thesisOf({ title: 'Skolan i byn', text: 'Jag vill svara på Karin Holms insändare om skolan. Hon menar att barnen klarar sig i stan. Men en skola håller ihop byn.' })[0]).not.toMatch(/^Jag vill svara/);
  });
  it('reads a label title as no claim: a bare noun phrase, "Om …", a noun with a relative clause', () => {
    expect(titleIsClaim('Farlig vindkraft')).toBe(false);
    expect(titleIsClaim('Om elpriser och landsbygden')).toBe(false);
    expect(titleIsClaim('Politiken som glömmer Bergslagen')).toBe(false);
    expect(thesisOf({ title: 'Om skolan i Arvika', text: 'Förra veckan var jag på ett möte. Vi menar att kommunen måste behålla yrkesprogrammen.' })[0]).toBe('Vi menar att kommunen måste behålla yrkesprogrammen.');
  });

  it('prefers the lead the paper attributes (", skriver Namn") when the title is a label', () => {
    const text = 'Elnätet i norr är för svagt för de nya industrierna, skriver Karin Holm.\n\nJag har följt frågan länge.';
    expect(thesisOf({ title: 'Kraft för framtiden', text })[0]).toBe('Elnätet i norr är för svagt för de nya industrierna, skriver Karin Holm.');
  });

  it('lets a reply\'s own outright counter-claim stand before a title that names the quarrel', () => {
    const text = 'Per Ek skriver att vindkraften förstör allt. Det är min bestämda uppfattning att vindkraft ska byggas där folk vill ha den.';
    expect(thesisOf({ title: 'Replik: Om vindkraften i Timrå', text, isReply: true })[0]).toBe('Det är min bestämda uppfattning att vindkraft ska byggas där folk vill ha den.');
  });

  it('reads a question title as rhetorical unless the text demands outright, and keeps a slogan', () => {
    expect(thesisOf({ title: 'Vem tjänar på gruvorna?', text: 'Bolagen gör miljardvinster. Kommunen står kvar med notan.' })[0]).toBe('Vem tjänar på gruvorna?');
    expect(thesisOf({ title: 'Vem tjänar på gruvorna?', text: 'Bolagen gör miljardvinster. Gruvskatt nu!' })[0]).toBe('Gruvskatt nu!');
  });

  it('takes the turn after a concession ("Men …") as the point, unless it only points back', () => {
    const text = 'Skolverket gör ett viktigt arbete för hela landet. Men reglerna för yrkesprogrammen är skrivna för storstäderna och passar inte våra bruksorter.';
    expect(thesisOf({ title: 'Om yrkesskolan', text })[0]).toBe('Men reglerna för yrkesprogrammen är skrivna för storstäderna och passar inte våra bruksorter.');
    // Four words leaning on the sentence before cannot be quoted alone: the question title stays.
    expect(thesisOf({ title: 'Är kritiken mot bruket rimlig?', text: 'Många har kritiserat bruket i år. Men den är befogad.' })[0]).toBe('Är kritiken mot bruket rimlig?');
  });

  it('reads a verdict in strong evaluative words as the writer\'s judgement on the news they open with', () => {
    const text = 'Regeringen har beslutat att flytta myndighetens kontor från Kristinehamn till Stockholm. En kortsiktig och dyr lösning som drabbar en hel bygd.';
    expect(thesisOf({ title: 'Om myndighetens kontor', text })[0]).toBe('En kortsiktig och dyr lösning som drabbar en hel bygd.');
  });

  it('under a label title, takes a short categorical opening that stands alone, not a memory or a pronoun', () => {
    const text = 'Vätgasen räddar inte stålindustrin. Därför måste politiken satsa bredare på el och kompetens i hela landet.';
    expect(thesisOf({ title: 'Stålets framtid', text })[0]).toBe('Vätgasen räddar inte stålindustrin.');
    expect(thesisOf({ title: 'Stålets framtid', text: text.replace('Vätgasen räddar inte stålindustrin.', 'Det räddar inte stålindustrin.') })[0]).toMatch(/^Därför måste/);
    expect(thesisOf({ title: 'Stålets framtid', text: text.replace('Vätgasen räddar inte stålindustrin.', 'Bruket gick bra förr i tiden.') })[0]).toMatch(/^Därför måste/);
  });

  it('reads the paper\'s initials before its label, keeps a question title against a mere turn, and skips a dateline', () => {
    expect(titleIsClaim('DN Debatt. ”Bruksorterna speglar inte statistiken”')).toBe(true);
    expect(titleIsClaim('DN Debatt. ”Stoppa nedläggningen av bruket”')).toBe(true);
    expect(thesisOf({ title: 'Kan vi lita på elnätet?', text: 'Elnätet byggdes för en annan tid och har byggts ut i omgångar. Men nätbolagen skyller ifrån sig på kommunerna hela tiden.' })[0]).toBe('Kan vi lita på elnätet?');
    expect(thesisOf({ title: 'Ett brev från bruket', text: 'ÖRNSKÖLDSVIK.\nHär har vi gjort stål i hundrafemtio år och vi tänker fortsätta.' })[0]).toMatch(/^Här har vi gjort stål/);
  });

  it('counts Swedish words ending in å, ä or ö as words (bör, på): "Regeringen bör …" is a demand', () => {
    expect(thesisOf({ title: 'Tankar kring tåget', text: 'Tåget gick förr varje timme. Regeringen bör återinföra nattåget till Luleå.' })[0]).toBe('Regeringen bör återinföra nattåget till Luleå.');
  });
});

describe('author and role, precision first', () => {
  it('reads the lead\'s attribution with the role that follows', () => {
    expect(authorOf({ title: 'x', text: 'Vi behöver fler lärlingar, skriver Anna Ek, kommunalråd i Luleå.\n\nMer text.' })).toEqual({ author: 'Anna Ek', role: 'kommunalråd i Luleå' });
  });
  it('reads two writers and a reply lead', () => {
    expect(authorOf({ title: 'x', text: 'Kärnkraften behövs. Det skriver Ulf och Eva Berg i en replik till Per Ek.' })?.author).toBe('Ulf och Eva Berg');
    // Each with a party and a role: both writers, no one role.
    expect(authorOf({ title: 'x', text: 'Elen räcker inte, skriver Lars Nordin (M), ordförande i Oxelösund, och Anna Berglund (S), kommunalråd i Skövde.' })).toEqual({ author: 'Lars Nordin och Anna Berglund', role: null });
  });
  it('reads a columnist\'s byline in the title, and the feed\'s own author field', () => {
    expect(authorOf({ title: 'Per Olssons krönika: Bruket var vårt', text: 'Text.' })?.author).toBe('Per Olsson');
    expect(authorOf({ title: 'x', text: 'y', author: 'Lena Kvist, ordförande i Företagarna' })).toEqual({ author: 'Lena Kvist', role: 'ordförande i Företagarna' });
    // RSS 2.0's "e-post (Namn)" and two writers in one field.
    expect(authorOf({ title: 'x', text: 'y', author: 'lena.kvist@tidning.example (Lena Kvist)' })).toEqual({ author: 'Lena Kvist', role: null });
    expect(authorOf({ title: 'x', text: 'y', author: 'Lena Kvist, Per Lind' })).toEqual({ author: 'Lena Kvist och Per Lind', role: null });
    expect(authorOf({ title: 'x', text: 'y', author: 'redaktionen@tidning.example' })).toBeNull();
  });
  it('reads a writer\'s "Namn Namnsson: rubrik" byline in the title or heading the lead, not an interviewee\'s over a quoted lead', () => {
    expect(authorOf({ title: 'Karin Holm: Bruket förtjänar bättre', text: 'Ägarna har svikit orten.' })?.author).toBe('Karin Holm');
    expect(authorOf({ title: 'Kyrkan och bruket', text: 'Per Lind: Kyrkans språk räcker längre än politikens.' })?.author).toBe('Per Lind');
    expect(authorOf({ title: 'Karin Holm: Jag saknar bruket', text: '”Det var mitt liv”, säger hon om åren vid ugnarna.' })).toBeNull();
  });
  it('reads a role printed before the name ("skriver pensionären Stig Käll"), a pseudonym as printed, and the paper\'s "skriver" behind a header', () => {
    expect(authorOf({ title: 'x', text: 'Bussen måste gå även på söndagar, skriver pensionären Karin Holm.' })).toEqual({ author: 'Karin Holm', role: 'pensionären' });
    expect(authorOf({ title: 'x', text: 'Elen räcker inte, skriver Lokalbladets politiska redaktör Per Lind (S).' })).toEqual({ author: 'Per Lind', role: 'Lokalbladets politiska redaktör (S)' });
    expect(authorOf({ title: 'x', text: 'Skolan måste ha en kurator, skriver signaturen ”Orolig förälder”.' })).toEqual({ author: 'Orolig förälder', role: null });
    expect(authorOf({ title: 'x', text: 'Jobben finns, skriver bankens experter Anna Ek, Per Lind och Eva Berg.' })).toEqual({ author: 'Anna Ek, Per Lind och Eva Berg', role: 'bankens experter' });
    expect(authorOf({ title: 'x', text: 'DN DEBATT.\nElnätet är för svagt.\nVi ser det i Luleå.\nVi ser det i Kiruna.\nNu måste staten agera, skriver journalisten Anna Ek.' })?.author).toBe('Anna Ek');
    // Past the lead an op-ed's "anser" is about the people it argues with.
    expect(authorOf({ title: 'x', text: 'DN DEBATT.\nElnätet är för svagt.\nVi ser det i Luleå.\nVi ser det i Kiruna.\nKärnkraften räcker, anser ministern Per Berg.' })).toBeNull();
  });
  it('reads a surname\'s lower-case particles as part of the name ("Eva de la Cruz", "Nils von Post", "Carl af Ugglas")', () => {
    expect(authorOf({ title: 'Eva de la Cruz: Bruket behöver sina lärlingar', text: 'Ägarna har svikit orten.' })?.author).toBe('Eva de la Cruz');
    expect(authorOf({ title: 'x', text: 'Elen räcker inte, skriver Nils von Post, ordförande i Bygdeföreningen.' })).toEqual({ author: 'Nils von Post', role: 'ordförande i Bygdeföreningen' });
    expect(authorOf({ title: 'x', text: 'Hamnen behövs.\nCarl af Ugglas (M), kommunalråd' })?.author).toBe('Carl af Ugglas');
  });
  it('reads a credit standing alone after a question, with "frågar" and a role before the name', () => {
    expect(authorOf({ title: 'x', text: 'Bussen behövs. Varför dras linjen in nu? frågar pensionärerna Stig Käll och Karin Holm.' })).toEqual({ author: 'Stig Käll och Karin Holm', role: 'pensionärerna' });
    expect(authorOf({ title: 'x', text: 'Bussen behövs. Varför dras linjen in nu? undrar Stig Käll.' })?.author).toBe('Stig Käll');
  });
  it('reads the paper\'s credit without a verb (", Namn Namnsson i en replik") but not an organisation\'s', () => {
    expect(authorOf({ title: 'x', text: 'Bruket behöver fler lärlingar, inte färre, Stig Käll i en replik.' })).toEqual({ author: 'Stig Käll', role: null });
    expect(authorOf({ title: 'x', text: 'Bruket behöver fler lärlingar, Stig Käll (S), kommunalråd, i en slutreplik.' })).toEqual({ author: 'Stig Käll', role: '(S) kommunalråd' });
    expect(authorOf({ title: 'x', text: 'Bruket behöver fler lärlingar, Svenska Bruksförbundet i en replik.' })).toBeNull();
  });
  it('reads a debate page\'s verbless standfirst ("Läkaren Namn på X om hur …") in the first sentence only', () => {
    expect(authorOf({ title: '”Köerna växer”', text: 'Läkaren Karin Holm på tankesmedjan Vårdrum om hur vården kan korta köerna.' })).toEqual({ author: 'Karin Holm', role: 'läkaren på tankesmedjan Vårdrum' });
    expect(authorOf({ title: '”Köerna växer”', text: 'Vården måste bli bättre. Läkaren Karin Holm om hur vården kan korta köerna.' })).toBeNull();
  });
  it('reads a columnist\'s folder in the address, under an opinion section and before the piece, only when it starts with a given name', () => {
    const at = (url: string, text = 'Bruket behöver fler lärlingar.') => authorOf({ title: 'Bruket väntar', text, url })?.author ?? null;
    expect(at('https://tidning.example/opinion/karin-holm/bruket-vantar/')).toBe('Karin Holm');
    expect(at('https://tidning.example/ledare/ledarkronika/goranolsson/a123.ab')).toBe('Göran Olsson');
    // The surname as the text prints it; else the common elements get their letters back.
    expect(at('https://tidning.example/opinion/asa-ohlen/bruket-vantar/', 'Som Åsa Öhlén skrev i fjol.')).toBe('Åsa Öhlén');
    expect(at('https://tidning.example/opinion/per-lindstrom/bruket-vantar/')).toBe('Per Lindström');
    expect(at('https://tidning.example/opinion/per-sjoberg/bruket-vantar/')).toBe('Per Sjöberg');
    // An opening that usually carries å/ä/ö is not guessed (Söderberg or Soderberg?).
    expect(at('https://tidning.example/opinion/per-soderberg/bruket-vantar/')).toBeNull();
    expect(at('https://tidning.example/opinion/per-soderberg/bruket-vantar/', 'Per Söderberg svarar.')).toBe('Per Söderberg');
    // A section, a town or the piece's own slug is no writer.
    expect(at('https://tidning.example/opinion/min-mening/bruket-vantar/')).toBeNull();
    expect(at('https://tidning.example/debatt/lulea/bruket-vantar/')).toBeNull();
    expect(at('https://tidning.example/opinion/karin-holm')).toBeNull();
    expect(at('https://tidning.example/nyheter/karin-holm/bruket-vantar/')).toBeNull();
    // A printed byline comes first.
    expect(authorOf({ title: 'Stig Käll: Bruket väntar', text: 'Text.', url: 'https://tidning.example/opinion/karin-holm/x/' })?.author).toBe('Stig Käll');
  });
  it('reads the signature block at the foot of a read page: several signers, or the name above its role', () => {
    const body = 'Elnätet är för svagt.\n\nStaten måste bygga ut det nu.';
    expect(authorOf({ title: 'x', text: `${body}\nAnna Ek (S), kommunalråd i Luleå\nPer Lind (M), oppositionsråd i Luleå` })).toEqual({ author: 'Anna Ek och Per Lind', role: null });
    expect(authorOf({ title: 'x', text: `${body}\nAnna Ek, kommunalråd\nPer Lind, oppositionsråd\nEva Berg, ordförande` })?.author).toBe('Anna Ek, Per Lind och Eva Berg');
    expect(authorOf({ title: 'x', text: `${body}\nKarin Holm (S)\nkommunalråd i Skövde` })).toEqual({ author: 'Karin Holm', role: '(S) kommunalråd i Skövde' });
    // Not a name line above a sentence, nor a name-like line that starts with no given name.
    expect(authorOf({ title: 'x', text: `${body}\nKarin Holm\nhar rätt om elnätet` })).toBeNull();
    expect(authorOf({ title: 'x', text: `${body}\nTack Kommunen\nför allt` })).toBeNull();
  });
  it('gives no author for an organisation, a newspaper, a lone word or a last line that is a clause', () => {
    expect(authorOf({ title: 'x', text: 'Skatten måste sänkas, skriver Svenskt Näringsliv.' })).toBeNull();
    expect(authorOf({ title: 'x', text: 'Brotten ökar i Arvika, skriver Arvika Nyheter.' })).toBeNull();
    expect(authorOf({ title: 'x', text: 'Text.', author: 'Redaktör' })).toBeNull();
    expect(authorOf({ title: 'x', text: 'Kommunalrådet säger att alla borde förstå.\nPrecis Karin, alla borde förstå.' })).toBeNull();
  });
  it('gives an organisation credited as the writer as the role, with no author, and shows it as the voice', () => {
    const f = summarizeOpinion({ title: 'x', text: 'Bruket behöver mer el, skriver Svenska Bruksförbundet i en replik.' });
    expect(f).toMatchObject({ author: null, authorRole: 'Svenska Bruksförbundet' });
    expect(writerLabel(f)).toBe('Svenska Bruksförbundet');
    expect(writerLabel({ author: 'Anna Ek', authorRole: 'kommunalråd' })).toBe('Anna Ek (kommunalråd)');
    // A newspaper cited is no writer.
    expect(summarizeOpinion({ title: 'x', text: 'Brotten ökar i Arvika, skriver Arvika Nyheter.' }).authorRole).toBeNull();
  });
  it('never makes the writer answered the author', () => {
    const f = summarizeOpinion({ title: 'Replik: Fel om elnätet', text: 'Anna Ek – tack för ditt svar! Men du har fel om elnätet.' });
    expect(f.repliesTo?.author).toBe('Anna Ek');
    expect(f.author).toBeNull();
  });
});

describe('replies', () => {
  it('knows a reply by its header, its address to another writer, or another writer\'s piece named', () => {
    expect(replyOf({ title: 'Replik: Elnätet byggs ut', text: 'Text.' })).not.toBeNull();
    expect(replyOf({ title: 'Gruvan', text: 'Svar till Per Ek, debatt 3 maj.\n\nDu har fel.' })?.author).toBe('Per Ek');
    expect(replyOf({ title: 'Skolan', text: 'I din debattartikel påstår du att skolan sviker.' })).not.toBeNull();
    expect(replyOf({ title: 'Vindkraften', text: 'I en lång debattartikel beskriver de vindkraften som ett hot.' })).not.toBeNull();
  });
  it('names the writer a reply tells they are wrong ("Karin Ek har fel när hon skriver …")', () => {
    expect(replyOf({ title: 'Replik: Fel om vindkraften', text: 'Vindkraften ger jobb. Karin Ek har fel när hon skriver att parken inte anställer någon.' })?.author).toBe('Karin Ek');
    // Not a reply at all without a reply's cue: a news text may say someone was wrong.
    expect(replyOf({ title: 'Vindparken växer', text: 'Karin Ek har fel, säger grannen.' })).toBeNull();
  });
  it('names the writer answered by their piece in the genitive or the thanks for their answer', () => {
    expect(replyOf({ title: 'Skolan i byn', text: 'Jag vill svara på Karin Holms insändare om skolan i byn.' })?.author).toBe('Karin Holm');
    expect(replyOf({ title: 'Slutreplik om vindkraften', text: 'Jag tackar Anna Ek för svaret men står fast vid mitt krav.' })?.author).toBe('Anna Ek');
  });
  it('reads a reply header behind the section label ("Insändare. Svar: ”…”", "Svar. ”…”"), with the answered piece\'s quoted title', () => {
    expect(replyOf({ title: 'Insändare.\nSvar: ”Bussen måste gå till bruket”', text: 'Bussen går redan varje timme.' })).toEqual({ title: 'Bussen måste gå till bruket', author: null, url: null });
    expect(replyOf({ title: 'Svar. ”Snöröjningen sköts dåligt”', text: 'Vi plogar varje natt.' })).not.toBeNull();
    expect(replyOf({ title: 'Insändare. Svaret blåser i vinden', text: 'Vindkraften behövs.' })).toBeNull();
  });
  it('does not take a newspaper reference for a reply', () => {
    expect(replyOf({ title: 'Kraften måste fram', text: 'Dragningen av ledningen väcker reaktioner (SN 5/8). Den behövs.' })).toBeNull();
  });
});

describe('stance toward the network', () => {
  const names = ['nätverket för starka industrikommuner'];
  it('backs or criticises only in a sentence that names the network', () => {
    expect(stanceToNetwork({ title: 'Nätverket för starka industrikommuner har rätt om elnätet', text: '', names, repliesToNetwork: false, thesis: [] })?.stance).toBe('stöder');
    expect(stanceToNetwork({ title: 'x', text: 'Nätverket för starka industrikommuner har fel om skatten.', names, repliesToNetwork: false, thesis: [] })?.stance).toBe('kritiserar');
    expect(stanceToNetwork({ title: 'x', text: 'Regeringen har fel om skatten.', names, repliesToNetwork: false, thesis: [] })).toBeNull();
    expect(stanceToNetwork({ title: 'x', text: 'Nätverket har rätt om elen men fel om skatten.', names, repliesToNetwork: false, thesis: [] })).toBeNull();
  });
  it('reads whose stance it is from where the network stands: judged before the verb, agreed with after it, and denied agreement is criticism', () => {
    const stance = (text: string) => stanceToNetwork({ title: 'x', text, names, repliesToNetwork: false, thesis: [] })?.stance ?? null;
    expect(stance('Nätverket för starka industrikommuner har en poäng om elnätet.')).toBe('stöder');
    expect(stance('Jag delar nätverkets oro för kompetensen.')).toBe('stöder');
    expect(stance('Vi stöder inte nätverkets krav på billigare el.')).toBe('kritiserar');
    expect(stance('Jag kan inte instämma i det Nätverket för starka industrikommuner skriver.')).toBe('kritiserar');
    expect(stance('Nätverket för starka industrikommuner är ute och cyklar.')).toBe('kritiserar');
    // The network's own stance on something else is none toward it.
    expect(stance('Nätverket för starka industrikommuner välkomnar regeringens besked.')).toBeNull();
    expect(stance('Nätverket för starka industrikommuner håller inte med regeringen.')).toBeNull();
    expect(stance('Nätverket för starka industrikommuner menar att regeringen har fel.')).toBeNull();
  });
});

describe('the week\'s debates', () => {
  const entry = (p: Partial<DigestEntry> & Pick<DigestEntry, 'id' | 'title' | 'publishedAt'>): DigestEntry => ({
    url: `https://example.se/${p.id}`,
    outlet: 'Exempelbladet',
    genre: 'debate',
    topics: ['energy'],
    municipalities: [],
    summary: '',
    statementIds: [],
    mentionsNetwork: false,
    ...p,
  });
  const now = new Date('2026-12-02T12:00:00Z');
  it('links a reply to the piece whose author it names, and a rebuttal naming no one to the network\'s own piece on its theme', () => {
    const own = entry({ id: 'own', title: 'Ge oss elen', publishedAt: '2026-11-30T08:00:00Z', ownPublication: true, opinion: { thesis: ['Ge oss elen'], author: 'Lars Nordin', authorRole: null, repliesTo: null } });
    const rebuttal = entry({ id: 'reb', title: 'Replik: Stamnätet växer', publishedAt: '2026-12-01T08:00:00Z', opinion: { thesis: ['Stamnätet växer'], author: null, authorRole: null, repliesTo: { title: null, author: null, url: null } } });
    const other = entry({ id: 'oth', title: 'Elskatten slår mot hushållen', publishedAt: '2026-12-01T09:00:00Z', opinion: { thesis: ['Elskatten slår mot hushållen'], author: 'Eva Lund', authorRole: null, repliesTo: null } });
    const answer = entry({ id: 'ans', title: 'Svar till Eva Lund', publishedAt: '2026-12-01T10:00:00Z', opinion: { thesis: ['Skatten behövs'], author: null, authorRole: null, repliesTo: { title: null, author: 'Eva Lund', url: null } } });
    const { debates, pieces } = buildDebates([own, rebuttal, other, answer], '2026-W49', now);
    expect(pieces).toBe(4);
    const grid = debates.find((d) => d.id === 'own')!;
    expect(grid.pieces.map((p) => p.id)).toEqual(['own', 'reb']);
    expect(grid.pieces[1]).toMatchObject({ repliesTo: 'https://example.se/own', stanceToNetwork: 'kritiserar' });
    expect(debates.find((d) => d.id === 'oth')!.pieces.map((p) => p.id)).toEqual(['oth', 'ans']);
    // The letter and `monitor opinion` say whom each reply answers.
    const eva = debates.find((d) => d.id === 'oth')!;
    expect(replyNote(grid.pieces[1]!, grid.pieces)).toBe('svar till Lars Nordin');
    expect(replyNote(eva.pieces[1]!, eva.pieces)).toBe('svar till Eva Lund');
    expect(replyNote(eva.pieces[0]!, eva.pieces)).toBeNull();
    expect(replyNote({ ...grid.pieces[1]!, repliesTo: 'https://example.se/elsewhere' }, grid.pieces)).toBe('svar');
  });
  it('links a reply that names no one to the latest earlier piece on its subject, and nothing else that merely shares it', () => {
    const first = entry({ id: 'a', title: 'Skogsbolaget stänger sågverket i Ljusdal', publishedAt: '2026-11-20T08:00:00Z', opinion: { thesis: ['Skogsbolaget stänger sågverket i Ljusdal'], author: 'Karin Ek', authorRole: null, repliesTo: null } });
    const second = entry({ id: 'b', title: 'Ett kooperativ med lokala ägare kan ta över', publishedAt: '2026-11-28T08:00:00Z', opinion: { thesis: ['Ett kooperativ med lokala ägare kan ta över'], author: 'Per Lind', authorRole: null, repliesTo: null } });
    // Shares words with both earlier pieces: it answers the latest.
    const reply = entry({ id: 'c', title: 'Replik: Skogsbolaget har rätt – ett kooperativ med lokala ägare bär inte sågverket', publishedAt: '2026-12-01T08:00:00Z', opinion: { thesis: ['Ett kooperativ bär inte kostnaderna'], author: null, authorRole: null, repliesTo: { title: null, author: null, url: null } } });
    const elsewhere = entry({ id: 'd', title: 'Elskatten slår mot hushållen', publishedAt: '2026-12-01T09:00:00Z', opinion: { thesis: ['Elskatten slår mot hushållen'], author: 'Eva Lund', authorRole: null, repliesTo: null } });
    const { debates } = buildDebates([first, second, reply, elsewhere], '2026-W49', now);
    expect(debates.find((d) => d.id === 'b')!.pieces.map((p) => [p.id, p.repliesTo])).toEqual([['b', null], ['c', 'https://example.se/b']]);
    expect(debates.find((d) => d.id === 'd')!.pieces.map((p) => p.repliesTo)).toEqual([null]);
  });
  it('does not open a letter or column with a town but no theme and no tie to the network for reply; a themed one, or one naming the network, stays open', () => {
    const thanks = entry({ id: 'tack', title: 'Tack till personalen på akuten', genre: 'letter', topics: [], municipalities: ['Södertälje'], publishedAt: '2026-12-01T08:00:00Z' });
    const themed = entry({ id: 'tema', title: 'Bussarna till bruket måste gå', genre: 'letter', topics: ['industry'], municipalities: ['Sandviken'], publishedAt: '2026-12-01T08:00:00Z' });
    const named = entry({ id: 'natverk', title: 'Hockeyn och nätverket', genre: 'column', topics: [], municipalities: ['Timrå'], mentionsNetwork: true, publishedAt: '2026-12-01T08:00:00Z' });
    const { debates } = buildDebates([thanks, themed, named], '2026-W49', now);
    const open = (id: string) => debates.find((d) => d.id === id)!;
    expect(open('tack')).toMatchObject({ open: false, replyBy: null });
    expect(open('tema').open).toBe(true);
    expect(open('natverk').open).toBe(true);
  });
});

describe('labels for display', () => {
  it('shows a subject or a thesis without the section label, the paper\'s initials before it and the quotation marks around all of it', () => {
    expect(withoutSectionLabel('DN Debatt. ”Elnätet måste byggas ut nu”')).toBe('Elnätet måste byggas ut nu');
    expect(withoutSectionLabel('Insändare.\nSorgligt att bruket läggs ner')).toBe('Sorgligt att bruket läggs ner');
    // A quoted title with no label keeps its quotation marks (the renderer quotes once), and an initialism that is no label stays.
    expect(withoutSectionLabel('”Byråkraterna stryper vården”')).toBe('”Byråkraterna stryper vården”');
    expect(withoutSectionLabel('SSAB Luleå: nya ugnar')).toBe('SSAB Luleå: nya ugnar');
  });
});

describe('the eval\'s sentence match', () => {
  it('allows a final stop or quote mark, not a different sentence', () => {
    expect(sameSentence('Elnätet måste byggas ut.', '”Elnätet måste byggas ut”')).toBe(true);
    expect(sameSentence('Elnätet måste byggas ut.', 'Elnätet måste byggas ut i hela norra Sverige före 2030, och det snabbt.')).toBe(false);
  });
});
