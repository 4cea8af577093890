/**
 * The thesis of an opinion piece: the one or two sentences, verbatim, that state what the author
 * claims or demands. The rules are the ones a Swedish opinion editor applies:
 *  - the title is the thesis when it is a claim (a demand, an imperative, a verdict, a rhetorical
 *    question); not when it is a label ("Farlig kärnkraft", "Om elpriser och …", "Brev till …"), a
 *    noun phrase with a relative clause ("Politiken som släcker Sverige") or a reply header;
 *  - in the text, an explicit claim or demand beats background and anecdote: first-person stance
 *    ("Vi menar att", "Det är min uppfattning"), "Därför …" with a demand, a modal demand on an
 *    actor ("regeringen måste"), a call to action in the imperative ("Dela upp …"), "Sanningen är", "Orsaken till", a one-line exclamation ("Gruvskatt!"),
 *    a piece that opens on a short categorical statement, the turn after a concession ("Men …"),
 *    a verdict in strong evaluative words ("En kontraproduktiv åtgärd");
 *  - the lead (ingress) that ends ", skriver Namn" states the author's thesis in the paper's words;
 *  - a reply's title names the quarrel; its own counter-claim in the text, when explicit, is the thesis;
 *  - else the first sentence of substance (after "Replik till …" headers and labels).
 */
import { sentencesOf, wordsOf, type Sentence, sv } from './sentences.ts';
import { withoutLabels } from '../labels.ts';

export interface ThesisInput {
  title: string;
  text: string;
  /** True when the piece answers another: its title then names the quarrel more often than the claim. */
  isReply?: boolean;
}

/** A columnist's byline before the headline: "Erik Nises krönika:", "Anna Ek:". */
const BYLINE_PREFIX = /^\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+){1,3}(?:s krönika|s kolumn)?\s*:\s*/u;

/** Finite verbs and auxiliaries that make a title a statement rather than a label (a closed list of Swedish's commonest). */
const FINITE = new Set(
  (
    'är var blir blev har hade kan kunde ska skall skulle måste bör borde får fick vill ville behöver behövde går gick gör gjorde ger gav tar tog ' +
    'ser står sätter säger sa sade hotar kräver saknar riskerar hjälper löser leder visar finns fattas räcker duger håller vinner förlorar förstör ' +
    'missar glömmer hamnar slår lyfter sviker bygger fungerar kostar betalar tjänar äventyrar hindrar stoppar stärker försvagar skadar gynnar ' +
    'behövs krävs måste saknas väntar växer faller stiger minskar ökar dör lever flyttar stänger öppnar räddar gäller stämmer vet tror tycker anser menar ' +
    'byggs läggs stoppas höjs sänks glöms hotas skapas flyttas stängs satsas minskas ökas prioriteras försenas försvinner uteblir ' +
    'speglar kommer bromsar drabbar straffar klarar förtjänar urholkar utarmar dränerar lurar ljuger sänker höjer kväver dödar lönar behåller tappar sviktar brister sinar blöder ' +
    'begränsar ignorerar underskattar överskattar skapar utmanar försvårar underlättar stryper slösar prioriterar undergräver hämmar tvingar lockar äger styr tål missgynnar diskriminerar belönar ' +
    'bär avslöjar verkar känns klingar förvanskar skakar befäster åberopar invaderar längtar backar kartlägger kränker kränks skakas offrar väljer vägrar'
  ).split(' '),
);
/** Imperatives that open a demand: "Stoppa …", "Ge oss …", "Avskaffa …". */
const IMPERATIVE = sv(
  /^(?:stoppa|sluta|ge|gör|släpp|flytta|avskaffa|inför|satsa|låt|tänk|läs|ta|sänk|höj|bygg|rädda|värna|skydda|stärk|öka|minska|behåll|lyssna|se|våga|lägg|riv|prioritera|säkra|skrota|slopa|bevara|investera|utred|agera|öppna|stäng|kom|glöm|var|bli|ställ|kalla|bordlägg|hissa|visa|ändra|förbjud|tillåt|avveckla|börja|starta|fortsätt|återinför|återställ|överväg|erkänn|kräv|rusta|utöka|använd|dra tillbaka|sortera|lita på)\b/i,
);
/** Imperatives that demand, opening a sentence of the text (a narrower list than a title's). */
const DEMAND_IMPERATIVE = sv(
  /^(?:(?:så|och|nu)\s+)?(?:stoppa|sluta|ge (?:oss|dem|henne|honom|kommunerna|industrin|regionen|norr)|avskaffa|inför|satsa|sänk|höj|bygg|rädda|värna|skydda|stärk|behåll|lyssna på|prioritera|säkra|skrota|slopa|bevara|investera i|utred|riv upp|stäng|dela upp|förbjud|avveckla|återinför|återställ|rusta upp|utöka|ställ krav|ändra|dra tillbaka)\b/i,
);
/** A first word in -era of seven letters or more is a verb, at the head of a title its imperative: "Sortera …", "Subventionera …" (not "Kamera", "Opera"). */
const ERA_IMPERATIVE = /^\p{Ll}{4,}era$/u;
/**
 * Headline forms that claim without a finite verb, as Swedish opinion pages write them: a demand
 * ("Dags att …", "Hög tid att …"), a verdict on an act ("Fel att …", "Orimligt att …"), a refusal
 * ("Inga fler utredningar", "Ingen industri utan el").
 */
const VERBLESS_CLAIM = sv(
  /^(?:(?:nu är det )?(?:dags|hög tid|på tiden|läge) att|(?:(?:lika|så|mycket|helt|minst lika) )?(?:fel|rätt|bra|dåligt|dumt|klokt|orimligt|omöjligt|oacceptabelt|självklart|viktigt|nödvändigt|märkligt|beklagligt|skamligt|obegripligt|ohållbart|orättvist|galet|olyckligt|fegt|naivt|farligt|sorgligt|tragiskt|pinsamt|befängt|absurt|rimligt|konstigt|uselt|skandal|skandalöst|hög tid) att|(?:inga|ingen|inget) (?:fler|mer|nya)\b|(?:ingen|inget|inga)(?: \p{L}+){1,3} utan\b)/iu,
);
/** The whole title inside one pair of quotation marks. */
const WHOLLY_QUOTED = /^\s*[”"«“][^”"«»“]{8,}[”"»“]\s*$/u;
/** A heading that is a label: "Om …", "Brev till …", "Svar till …", "Tankar kring …". */
const LABEL_TITLE = sv(/^(?:om|angående|kring|brev till|svar till|svar på|replik till|replik på|öppet brev|tankar (?:om|kring)|några ord om)\b/i);

/** A reply's header naming whom it answers, before the claim: "Replik till Per Lind (M): …", "Svar på ”…”: …". */
const ADDRESSED_REPLY = sv(/^(?:replik|slutreplik|svar|genmäle)\s+(?:till|på)\s+[^:]{2,80}:\s*(?=\S)/i);

export function titleIsClaim(title: string): boolean {
  // Labels are kept in the quote but not read as words.
  const head = withoutLabels(title).trim().replace(ADDRESSED_REPLY, '');
  const t = head.replace(BYLINE_PREFIX, '').replace(/^[”"«'’“]+|[”"»'’“]+$/g, '').trim() || head;
  if (!t || LABEL_TITLE.test(t)) return false;
  const words = wordsOf(t);
  if (IMPERATIVE.test(t) || sv(/^(?:nej|ja) till\b/i).test(t) || VERBLESS_CLAIM.test(t) || VERDICT.test(t)) return true;
  if (words.length >= 3 && ERA_IMPERATIVE.test(words[0]!) && !/^\p{Lu}{2}/u.test(t)) return true;
  // A title wholly in quotation marks is the writer's own sentence, as opinion pages print it
  // (”Byråkraterna stryper vården”); a quoted word inside a title ("Nedsida" för …) is not.
  if (WHOLLY_QUOTED.test(head.replace(BYLINE_PREFIX, '')) && words.length >= 4 && !/\?\s*[”"»“]?$/u.test(t)) return true;
  // "X har rätt/fel", modal demands and verdicts are claims; a rhetorical question is one too.
  // (A verb-second rule, "Skolan klarar sig", was measured: it cost a labelled text thesis on
  // opinion-dev and gained none, so the closed list of common verbs stays.)
  const finite = words.findIndex((w) => FINITE.has(w));
  if (finite < 0) return false;
  // "Politiken som släcker Sverige": the only verb sits in a relative clause of a noun phrase. A verb
  // further on is the main clause's ("Våldet som pågår i USA är avsiktligt").
  const som = words.indexOf('som');
  if (som >= 0 && som < finite && finite <= som + 2 && !words.slice(0, som).some((w) => FINITE.has(w)) && !words.slice(finite + 1).some((w) => FINITE.has(w))) return false;
  return true;
}

/** Headers and labels that stand before the piece proper: "Replik till X 25 januari", "Insändare i TÅ …:", "KRÖNIKA." */
function isHeader(s: Sentence): boolean {
  return (
    sv(/^(?:replik|slutreplik|svar|genmäle)\b.{0,120}$/i).test(s.text) && s.index < 2 && !sv(/\b(?:måste|bör|borde|är|har)\b/i).test(s.text.slice(0, 40))
  ) || sv(/^(?:insändare|debatt|krönika|ledare|kommentar|replik)\s*(?:i\b.{0,60})?[:.]?$/i).test(s.text) || /:\s*$/.test(s.text) || (s.text.length < 12 && !s.text.endsWith('!')) ||
    // A dateline: the place in capitals before the text ("VAL DI FIEMME.", "KIRUNA.").
    (s.index === 0 && s.text.length <= 40 && /^[\p{Lu}\s-]+\.$/u.test(s.text)) ||
    // A section label and a date: "PODD | 6 februari."
    /^[\p{Lu}\s]{2,30}\|[^|]{0,30}$/u.test(s.text);
}

const STANCE = [
  // First-person stance and verdicts: the author says what they hold.
  { re: sv(/^(?:(?:men|och|så)\s+)?(?:vi|jag)\s+(?:menar|anser|hävdar|kräver|föreslår|vill(?!\s+(?:svara|tacka|kommentera|bemöta|ge ett svar|berätta))|tycker|begär|uppmanar|står fast)\b/i), w: 5 },
  // A statement of one's own position outranks a rebuttal ("Jag menar snarare att ni …").
  { re: sv(/\b(?:det är (?:min|vår) (?:absoluta |bestämda |fasta )?(?:uppfattning|övertygelse|åsikt)|(?:min|vår) (?:uppfattning|slutsats|poäng|ståndpunkt) är)\b/i), w: 6 },
  { re: sv(/^(?:(?:men|och)\s+)?(?:sanningen|orsaken till|slutsatsen|poängen|problemet) (?:är|att|till)\b/i), w: 4 },
  { re: /^(?:men\s+)?(?:orsaken|anledningen|skälet) till (?:att )?/i, w: 4 },
  { re: sv(/\bdärför\b.*\b(?:måste|bör|borde|behöver|ska|skall|kräver|vill)\b|\b(?:måste|bör|borde|behöver)\b.*\bdärför\b/i), w: 4 },
  // The demand formula of Swedish op-eds: "Det är hög tid att …", "Nu är det dags att …".
  { re: sv(/^(?:(?:men|och|så)\s+)?(?:det är|nu är det|därför är det)\s+(?:hög\s+)?(?:tid|dags|på tiden)\s+att\b/i), w: 4 },
  // A demand in the imperative, as the text's own call to action: "Dela upp upphandlingarna …",
  // "Stoppa nedläggningen." (only verbs of demand: "Se bara på …", "Ta till exempel …" point, not demand).
  { re: DEMAND_IMPERATIVE, w: 3 },
  // A modal demand on an actor: "Regeringen måste …", "Kommunerna bör …".
  { re: sv(/^(?:(?:men|och|nu)\s+)?(?:\p{Lu}[\p{L}-]*|vi|ni|de|man|politiken|staten|regeringen|riksdagen|kommunen|kommunerna)(?:\s+\p{L}+){0,4}\s+(?:måste|bör|borde|behöver|får inte|ska inte|kan inte längre)\b/iu), w: 3 },
];

/** An exclamation of a few words is a slogan, and a demand: "Gruvskatt!", "Inför kallortstillägg." after a question. */
const SLOGAN = /^[\p{Lu}][^.!?]{2,40}!$/u;

const ATTRIBUTION = sv(/,\s*(?:skriver|hävdar|menar|anser|konstaterar)\s+\p{Lu}[\p{L}-]+(?:\s+(?:och\s+)?\p{Lu}[\p{L}-]+){0,4}\b/u);

/** The lead sentence the paper attributes: "…, skriver Namn Namnsson." or the one before "Det skriver Namn". */
function attributedLead(sentences: Sentence[]): Sentence | undefined {
  for (const s of sentences.slice(0, 4)) {
    if (ATTRIBUTION.test(s.text)) return s;
    if (/^Det (?:skriver|hävdar|menar|anser)\s+\p{Lu}/u.test(s.text) && s.index > 0) return sentences[s.index - 1];
  }
  return undefined;
}

/**
 * After a concession, "Men …" carries the writer's point ("LOU är en viktig lag. Men LOU är fylld
 * med detaljregleringar …"): the turn of an argument, not its opening.
 */
const TURN = sv(/^men\s+(?!också\b|även\b|först\b)/i);

/**
 * A verdict in strong evaluative words on what was just told: "En kontraproduktiv åtgärd …",
 * "Det är ett svek mot …". The writer's judgement, not background.
 */
const VERDICT = sv(/\b(?:kontraproduktiv[at]?|orimlig[at]?|oacceptabel(?:t|a)?|absurd[at]?|orättvis[at]?|ohållbar[at]?|oansvarig[at]?|förödande|skandal(?:ös[at]?)?|ett svek|ett hån|ett misstag|ett feltänk|fel väg|cynisk[at]?|verklighetsfrånvarande|huvudlös[at]?|kortsiktig[at]?)\b/i);

function isPunchline(text: string): boolean {
  const words = wordsOf(text);
  // Present tense: "Tåget gick förr varje timme." is a memory, not a claim.
  return text.endsWith('.') && text.length <= 60 && words.length >= 3 && !FINITE.has(words[0]!) && !STANDS_FOR.test(text) && !REPORTS_OTHER.test(text) && words.slice(1).some((w) => FINITE.has(w) && !PAST.has(w));
}
const PAST = new Set('var blev hade kunde skulle borde fick ville behövde gick gjorde gav tog sa sade'.split(' '));
const STANDS_FOR = sv(/^(?:det|den|detta|dessa|de|han|hon|hen|vi|jag|man|här|där|så)\b/i);

function scoreSentence(s: Sentence, labelTitle = false, turn = true): number {
  let score = 0;
  for (const r of STANCE) if (r.re.test(s.text)) score = Math.max(score, r.w);
  if (SLOGAN.test(s.text)) score = Math.max(score, 3);
  // A turn that only points back ("Men den är befogad.") cannot be quoted alone.
  if (VERDICT.test(s.text)) score = Math.max(score, 3);
  // The punchline first: under a label title, a piece that opens on a short categorical statement
  // ("Kärnkraften löser inte energifrågan.") that stands alone (no pronoun pointing elsewhere, no
  // verb first). Under a question title the opening is the question's background.
  if (labelTitle && s.index === 0 && isPunchline(s.text)) score = Math.max(score, 4);
  if (turn && s.index > 0 && TURN.test(s.text) && wordsOf(s.text).length >= 6) score = Math.max(score, 3);
  // Questions argue less than statements; very long sentences are background.
  if (/\?$/.test(s.text)) score -= 2;
  if (s.text.length > 400) score -= 1;
  return score;
}

/** The thesis: one or two sentences, each verbatim from the title or the text. */
export function thesisOf(input: ThesisInput): string[] {
  const title = input.title.trim();
  const core = normalised(withoutLabels(title));
  const sentences = sentencesOf(input.text).filter((s) => !isHeader(s) && s.text !== title && !echoesTitle(s.text, core));
  // A short opening followed by "Men …" was a concession, not the punchline.
  const labelTitle = !/\?\s*$/.test(title) && !titleIsClaim(title) && !TURN.test(sentences[1]?.text ?? '');
  const scored = sentences.map((s) => ({ s, score: scoreSentence(s, labelTitle) })).filter((x) => x.score >= 3);
  const strongest = scored.sort((a, b) => b.score - a.score || a.s.index - b.s.index)[0]?.s;
  const lead = attributedLead(sentences);
  const fromText = strongest ?? lead;
  // A question in the title is rhetorical, and the claim, unless the text or the lead states one outright.
  const question = /\?\s*$/.test(title);
  const titleClaim = title.length > 0 && titleIsClaim(title) && !(question && (strongest || lead));
  // A turn ("Men …") answers no question outright: the question stays the claim.
  const outright = strongest && scoreSentence(strongest, labelTitle, false) >= 3 ? strongest : undefined;
  const questionTitle = question && !titleClaim && !outright && !lead;
  if (questionTitle) return [title];
  // A reply's own counter-claim, when it says it outright, beats a title that names the quarrel.
  if (input.isReply && strongest && scoreSentence(strongest, labelTitle) >= 4) return uniq([strongest.text, ...(titleClaim ? [title] : [])]).slice(0, 2);
  if (titleClaim) return uniq([title, ...(fromText ? [fromText.text] : [])]).slice(0, 2);
  const first = fromText ?? sentences.find((s) => !isCaption(s.text) && !REPORTS_OTHER.test(s.text)) ?? sentences[0];
  if (!first) return title ? [title] : [];
  return uniq([first.text, ...(lead && lead !== first ? [lead.text] : [])]).slice(0, 2);
}

const uniq = (xs: string[]) => [...new Set(xs)];

const normalised = (s: string) => s.toLowerCase().replace(/[”"«»“'’]/g, '').replace(/\s+/g, ' ').trim();

/**
 * The feed's echo of the title as the lead's first line, with the paper's label, a photo credit or
 * the publication time around it ("Sorgligt att … 05:00", "EKONOMI | KOMMENTAR Namn: …"): not a
 * sentence of the piece.
 */
function echoesTitle(sentence: string, core: string): boolean {
  if (core.length < 12) return false;
  const n = normalised(sentence);
  return n.includes(core) && n.length - core.length <= 45;
}

/** Another writer's claim reported, which the piece answers: "Per Lind skriver att …", "Hon menar att …". */
const REPORTS_OTHER = sv(/^(?:(?:\p{Lu}[\p{L}-]+\s+){1,3}|(?:hon|han|hen|de|ni|du|artikelförfattaren|insändarskribenten)\s+)(?:skriver|menar|hävdar|påstår|anser|tycker)\s+att\b/u);

/** A photo caption or a name line ("Sexualförbrytaren Jeffrey Epstein."): short, no verb, nothing claimed. */
function isCaption(text: string): boolean {
  const words = wordsOf(text);
  return words.length <= 10 && !words.some((w) => FINITE.has(w) || (w.length >= 4 && /(?:ar|er|ir|ade|dde|tte)$/u.test(w)));
}
