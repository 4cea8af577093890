/**
 * The author of an opinion piece and their role, as printed. Precision first: no author is better
 * than a wrong one, so only the places Swedish papers print the writer are read:
 *  - the feed's own author field, when it is a person or an editorial board;
 *  - a columnist's byline in the title ("Erik Nises krönika: …", "Anna Ek: …") or heading the lead;
 *  - the lead's attribution (", skriver Namn Namnsson, roll." / "Det skriver Namn …" / "hävdar Namn i en krönika");
 *  - an opening "Av Namn Namnsson";
 *  - the signature block at the foot ("Namn Namnsson (S), kommunalråd i Luleå", several signers'
 *    lines, or the name above its role);
 *  - last, a columnist's folder in the address ("…/opinion/anna-ek/…").
 * A name is two to four capitalised words (two people joined by "och"); an organisation is not a person.
 */
import { sentencesOf, sv } from './sentences.ts';
import { authorOfFeed } from '../feed/author.ts';
import { isGivenName } from './given-names.ts';
import { writerInAddress } from './writer-in-address.ts';

export interface Author {
  author: string;
  role: string | null;
}

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}\p{Lu}'-]*\p{Ll}[\p{Ll}'-]*`;
/** "Anna Ek", "Jonas F Ludvigsson", "Ulf och Armi Gustafsson", "Larz Johansson och Gunnar Casserstedt". */
const INITIAL = String.raw`\p{Lu}\.?(?![\p{L}])`;
/** Surname particles as printed in lower case: "Erik de la Reguera", "Carl af Klercker", "Ann von Sydow". */
const PARTICLES = String.raw`(?:(?:af|von|van|der|de|la|le|du|da)\s+){0,2}`;
const ONE_NAME = String.raw`${NAME_WORD}(?:\s+(?:${PARTICLES}${NAME_WORD}|${INITIAL})){0,2}`;
const NAME = String.raw`(?:${ONE_NAME}(?:\s+och\s+${ONE_NAME})?)`;
/** A party after the name: "(S)". Its letters are the capture that follows the name's. */
const PARTY = String.raw`(?:\s*\((\p{Lu}{1,4})\))?`;
/** The paper's note of what the text is: ", i en replik till …", "i en krönika". */
const IN_A_PIECE = String.raw`(?:,?\s+i\s+en\s+(?:slut)?(?:krönika|replik|debattartikel|insändare)\b[^.]*)?`;

/** An organisation's word: "Svenskt …", "-förbundet", "-rådet". */
const ORGANISATION_WORD = /^(?:svensk[at]?|sveriges|föreningen|region(?:en)?|kommun(?:en)?|regeringen|nätverket|partiet|ledarredaktionen|redaktionen|länsstyrelsen|landstinget|stiftelsen|institutet|handelskammaren)$|(?:kammaren|förbundet|föreningen|partiet|rådet|verket|bolaget|nätet|byrån|institutet|akademien|gruppen|koncernen)$/i;
/** A newspaper's or broadcaster's word: a source the piece cites, never its writer. */
const NEWSPAPER_WORD = /(?:nyheter|tidning|tidningen|tidningar|bladet|posten|kuriren|dagblad|allehanda|radio)$/i;
/** Neither kind is a person's name. */
const isOrgWord = (w: string) => ORGANISATION_WORD.test(w) || NEWSPAPER_WORD.test(w);
/** An organisation credited as the writer, as the lead prints it: ", skriver Svenska missionsrådet i en replik." */
const CREDITED_ORGANISATION = new RegExp(`(?:,|–|—)\\s*skriver\\s+(\\p{Lu}[\\p{L}-]*(?:\\s+[\\p{L}-]+){0,4}?)${IN_A_PIECE}\\.?$`, 'u');

/**
 * An organisation the lead credits as the piece's writer (no person named): shown as the voice's
 * role, as printed, since the author field is for people. Not a newspaper, not a press release.
 */
export function creditedOrganisation(text: string): string | null {
  for (const s of sentencesOf(text, 1200).slice(0, 4)) {
    const org = s.text.match(CREDITED_ORGANISATION)?.[1];
    if (!org) continue;
    const words = org.split(/\s+/);
    // An organisation's word ("-rådet", "-förbundet", "Svenskt …"); an acronym alone may be a paper ("BLT").
    if (words.some((w) => NEWSPAPER_WORD.test(w)) || !words.some((w) => ORGANISATION_WORD.test(w))) continue;
    return org;
  }
  return null;
}

/** Editorial boards are authors as printed. */
const BOARD = /^(?:ledarredaktionen|ledarsidan|redaktionen|ledare)$/i;

/** Compiled once: the genre rules ask on the classifier's path. */
const PERSON_NAME = new RegExp(`^${NAME}$`, 'u');

/** A person's name (or two people's), not an organisation, not a lone word. */
export function looksLikePersonName(s: string): boolean {
  const words = s.split(/\s+/).filter((w) => w !== 'och' && !/^\p{Ll}+$/u.test(w));
  if (words.length < 2 || words.length > 6) return false;
  if (words.some(isOrgWord)) return false;
  return PERSON_NAME.test(s);
}

function fromFeed(author: string | null | undefined): Author | null {
  // A record not read by our feed parser may still carry RSS 2.0's "e-post (Namn)".
  const a = authorOfFeed(author ?? '')?.replace(/\s+/g, ' ');
  if (!a || a.length > 120 || /@|https?:/.test(a)) return null;
  if (BOARD.test(a)) return { author: a, role: null };
  // "Namn Namnsson, roll" as some feeds give it.
  const m = a.match(SIGNER_LINE);
  // "Anna Ek, Per Lind": two writers, not a writer and a role.
  if (m && looksLikePersonName(m[1]!) && m[3] && looksLikePersonName(m[3].trim())) return { author: `${m[1]} och ${m[3].trim()}`, role: null };
  if (m && looksLikePersonName(m[1]!)) return { author: m[1]!, role: roleOf(m[2], m[3]) };
  return null;
}

const roleOf = (party?: string, role?: string) => {
  const r = [party ? `(${party})` : '', role?.trim().replace(/[.,;:\s]+$/, '') ?? ''].filter(Boolean).join(' ');
  return r || null;
};

const SECOND_WRITER = new RegExp(`^(.*?),?\\s+och\\s+(${NAME})${PARTY}(?:,\\s*(.*))?$`, 'u');
/** "Namn, roll, och Namn Två, roll två": two writers; their roles differ, so none is given. */
function withSecondWriter(a: Author): Author {
  const m = a.role?.match(SECOND_WRITER);
  if (!m || !looksLikePersonName(m[2]!)) return a;
  return { author: `${a.author} och ${m[2]}`, role: null };
}

const COLUMN_OF = new RegExp(`^(${NAME})s\\s+(?:krönika|kolumn)\\s*:`, 'u');

function fromTitle(title: string, text: string): Author | null {
  const m = title.match(COLUMN_OF);
  if (m && looksLikePersonName(m[1]!)) return { author: m[1]!, role: null };
  // "Namn: rubrik" over a lead that opens on a quote is an interview: the name is the one quoted.
  return opensOnQuote(text) ? null : fromByline(title);
}

const CREDITED = sv(new RegExp(`,\\s*skriver\\s+(${NAME})`, 'u'));

/** A lead that opens on a quote or a dash of speech: under "Namn: rubrik" that is an interview, not the person's own piece. */
export const opensOnQuote = (text: string) => /^\s*[”"«“–-]/u.test(text);

/**
 * The person a lead credits the text to with the paper's word for a writer: ", skriver Namn Namnsson"
 * (a person, not an organisation or a paper; not "… i ett pressmeddelande", which is a release).
 */
export function creditedWriter(lead: string): string | null {
  const m = CREDITED.exec(lead);
  if (!m || !looksLikePersonName(m[1]!)) return null;
  return /^\s+i\s+ett\s+pressmeddelande\b/u.test(lead.slice(m.index + m[0].length)) ? null : m[1]!;
}

const BYLINE = new RegExp(`^\\s*(${NAME})\\s*:\\s*(?![”"«'’“])\\S`, 'u');
/** A writer's byline heading a title or a lead, as editorial pages print it: "Erik Helmerson: Vi måste …" (not a quote after the colon: an interview). */
function fromByline(text: string): Author | null {
  const m = text.match(BYLINE);
  if (m && looksLikePersonName(m[1]!)) return { author: m[1]!, role: null };
  return null;
}

/** A role printed before the name: lower-case words ("den mångåriga arbetsförmedlaren"), a genitive ("HD:s", "Nordeas"), ending on a lower-case noun. */
const ROLE_BEFORE = String.raw`((?:(?:den|det|de)\s+)?(?:(?:\p{Ll}[\p{Ll}-]*|\p{Lu}[\p{L}]*:s|\p{Lu}\p{Ll}+s)\s+){0,3}\p{Ll}[\p{Ll}-]{3,})`;

/**
 * The lead's attribution patterns, compiled once for the first four sentences (any verb of saying)
 * and for the two after (only "skriver").
 */
function creditPatterns(says: string, alone: string) {
  return {
    /** "…, skriver Namn Namnsson, expert på X." — the role runs to the end of the sentence. */
    after: sv(new RegExp(`(?:,|–|—)\\s*(?:${says})\\s+(${NAME})${PARTY}(?:,\\s*([^.]{3,120}?))?${IN_A_PIECE}\\.?$`, 'u')),
    /** "…, skriver pensionären Stig Käll." / "skriver HD:s politiska redaktör Marcus Rossheim". */
    roleBefore: sv(new RegExp(`(?:,|–|—|\\?)\\s*(?:${says}|frågar)\\s+${ROLE_BEFORE}\\s+(${NAME})${PARTY}(?:,\\s*([^.]{3,120}?))?${IN_A_PIECE}\\.?$`, 'u')),
    /** After a question the attribution stands alone: "… ? skriver Namn Namnsson." */
    alone: new RegExp(`^(?:${alone})\\s+(?:${ROLE_BEFORE}\\s+)?(${NAME})${PARTY}(?:,\\s*([^.]{3,120}))?\\.?$`, 'u'),
  };
}
const EARLY_CREDIT = creditPatterns('skriver|hävdar|menar|anser|konstaterar', 'skriver|hävdar|menar|frågar|undrar');
const LATE_CREDIT = creditPatterns('skriver', 'skriver');
const DET_SKRIVER = sv(new RegExp(`^Det\\s+(?:skriver|hävdar|menar|anser)\\s+(${NAME})${PARTY}(?:,\\s*([^.]{3,120}?))?${IN_A_PIECE}\\.?$`, 'u'));
const NAME_LIST = new RegExp(`^(?:${NAME},\\s*)*${NAME}$`, 'u');
const SIGNATURE_PSEUDONYM = sv(/(?:,|–|—)\s*skriver signaturen\s+[”"«]([^”"»]{2,80})[”"»]/u);
const VERBLESS_CREDIT = new RegExp(`(?:,|–|—)\\s*(${NAME})${PARTY}(?:,\\s*([^.,]{3,80}),)?\\s+i\\s+en\\s+(?:slut)?(?:replik|debattartikel|krönika|insändare)\\b[^.]*\\.?$`, 'u');
const ROLE_OPENER = sv(new RegExp(`^(\\p{Lu}\\p{Ll}{4,}(?:en|n))\\s+(${NAME})\\s+(?:pekar på|menar|anser|skriver|argumenterar|hävdar|vill|kräver|föreslår)\\b`, 'u'));
const STANDFIRST = sv(new RegExp(`^(\\p{Lu}\\p{Ll}{3,}(?:en|n))\\s+(${NAME})${PARTY}(?:,?\\s+((?:på|vid|från)\\s+[^,.]{2,60}?))?\\s+om\\s+\\p{Ll}`, 'u'));
const OPENING_BY = new RegExp(`^\\s*Av\\s+(${NAME})(?:,\\s*([^.\\n]{3,100}))?\\s*\\n`, 'u');

function fromLead(text: string): Author | null {
  // The lead's attribution: its first four sentences with any verb of saying; the two after
  // (behind a "DN DEBATT." header) only with "skriver", the paper's word for the writer, since an
  // op-ed's own text says "menar" and "anser" of the people it argues with.
  const sentences = sentencesOf(text, 1200).slice(0, 6);
  for (const s of sentences) {
    const credit = s.index < 4 ? EARLY_CREDIT : LATE_CREDIT;
    // "…, skriver Namn Namnsson, expert på X." — the role runs to the end of the sentence.
    const m = s.text.match(credit.after) ?? s.text.match(DET_SKRIVER);
    if (m && looksLikePersonName(m[1]!)) return withSecondWriter({ author: m[1]!, role: roleOf(m[2], m[3]) });
    // "…, skriver pensionären Stig Käll." / "skriver HD:s politiska redaktör Marcus Rossheim": the role before the name.
    const r = s.text.match(credit.roleBefore);
    // "…, skriver Nordeas experter Anna Ek, Per Lind och Eva Berg": the writers as printed, no role for all.
    if (r && looksLikePersonName(r[2]!) && r[4] && NAME_LIST.test(r[4].trim().replace(/\.$/, ''))) return { author: `${r[2]}, ${r[4].trim().replace(/\.$/, '')}`, role: r[1]! };
    if (r && looksLikePersonName(r[2]!)) return withSecondWriter({ author: r[2]!, role: `${r[1]}${r[3] ? ` (${r[3]})` : ''}${r[4] ? `, ${r[4].trim().replace(/[.,;:\s]+$/, '')}` : ''}` });
    // A letter signed with a pseudonym, kept as printed: "…, skriver signaturen ”Orolig förälder”."
    const p = s.text.match(SIGNATURE_PSEUDONYM);
    if (p) return { author: p[1]!.trim(), role: null };
  }
  // After a question the attribution stands alone: "… produktionslandskap? skriver Namn Namnsson.",
  // "… i stället? frågar pensionärerna Namn och Namn." (a role may come before the name).
  for (const s of sentences) {
    const m = s.text.match((s.index < 4 ? EARLY_CREDIT : LATE_CREDIT).alone);
    if (m && looksLikePersonName(m[2]!)) return { author: m[2]!, role: roleOf(m[3], [m[1], m[4]].filter(Boolean).join(', ') || undefined) };
  }
  // The paper's credit without a verb: "…, Namn Namnsson i en replik." — the note of the piece is the credit.
  for (const s of sentences.slice(0, 4)) {
    const m = s.text.match(VERBLESS_CREDIT);
    if (m && looksLikePersonName(m[1]!)) return withSecondWriter({ author: m[1]!, role: roleOf(m[2], m[3]) });
  }
  // The lead opens with the writer by role: "Elmarknadsanalytikern Mats Nilsson pekar på …".
  const opener = sentences[0]?.text.match(ROLE_OPENER);
  if (opener && looksLikePersonName(opener[2]!)) return { author: opener[2]!, role: opener[1]!.toLowerCase().replace(/e?n$/, '') };
  // A debate page's standfirst names the writer and the subject with no verb: "Läkaren Anna Ek på
  // tankesmedjan X om hur vården …" (only the first sentence: later ones are the argument).
  const standfirst = sentences[0]?.text.match(STANDFIRST);
  if (standfirst && looksLikePersonName(standfirst[2]!)) return { author: standfirst[2]!, role: [standfirst[1]!.toLowerCase(), standfirst[3] ? `(${standfirst[3]})` : '', standfirst[4] ?? ''].filter(Boolean).join(' ') };
  const by = text.match(OPENING_BY);
  if (by && looksLikePersonName(by[1]!)) return { author: by[1]!, role: roleOf(undefined, by[2]) };
  return null;
}

/** A name alone on its line, with a party at most: "Anna Ek (S)". */
const NAME_LINE = new RegExp(`^(${NAME})${PARTY}$`, 'u');
/** One signer's line at the foot of a piece: "Anna Ek (S), kommunalråd i Luleå". */
const SIGNER_LINE = new RegExp(`^(${NAME})${PARTY}(?:,\\s*(.{3,120}))?$`, 'u');

/**
 * The signature block at the foot of a piece, as debate pages print it (a read page has it; a feed's
 * teaser rarely does):
 *  - several signers, each on a line with a party or a role: the writers as printed, no one role;
 *  - the name on one line and the role on the next ("Anna Ek (S)" / "kommunalråd i Luleå"), when the
 *    name starts with a common given name (a short last line under a name-like line is otherwise too
 *    easily the text's own);
 *  - one line with the name and the role.
 */
function fromSignature(text: string): Author | null {
  const lines = text.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines.at(-1);
  if (!last || lines.length < 2 || last.length > 160) return null;
  const signers: string[] = [];
  for (let i = lines.length - 1; i >= 1 && signers.length < 6; i--) {
    const m = lines[i]!.length <= 160 ? lines[i]!.match(SIGNER_LINE) : null;
    if (!m || !looksLikePersonName(m[1]!) || !(m[2] || m[3]) || (m[3] && CLAUSE_VERB.test(m[3]))) break;
    signers.unshift(m[1]!);
  }
  if (signers.length >= 2) return { author: `${signers.slice(0, -1).join(', ')} och ${signers.at(-1)}`, role: null };
  const above = lines.length >= 3 ? lines.at(-2)!.match(NAME_LINE) : null;
  if (above && looksLikePersonName(above[1]!) && isGivenName(above[1]!.split(/\s+/)[0]!) && isRoleLine(last)) return { author: above[1]!, role: roleOf(above[2], last) };
  const m = last.match(SIGNER_LINE);
  if (!m || !looksLikePersonName(m[1]!) || /[.!?]$/.test(m[1]!)) return null;
  // A signature names a person and a role, not a clause: "Precis Boel, alla borde förstå." is the text's last word.
  if (m[3] && CLAUSE_VERB.test(m[3])) return null;
  return { author: m[1]!, role: roleOf(m[2], m[3]) };
}

/** A role on a line of its own: a few words, no clause, no question or exclamation. */
const isRoleLine = (line: string) => line.length <= 120 && wordsIn(line) <= 12 && !/[!?:]$/.test(line) && !CLAUSE_VERB.test(line) && !/^[”"«“–-]/u.test(line);
const wordsIn = (s: string) => s.split(/\s+/).filter(Boolean).length;

const CLAUSE_VERB = sv(/\b(?:är|var|har|hade|borde|bör|kan|kunde|ska|skall|måste|vill|får|tycker|menar|tror|vet|förstå|förstår|gör)\b/i);

function fromAddress(url: string | null | undefined, title: string, text: string): Author | null {
  const author = writerInAddress(url, title, text);
  return author ? { author, role: null } : null;
}

export function authorOf(input: { title: string; text: string; author?: string | null | undefined; url?: string | null | undefined }): Author | null {
  return fromFeed(input.author) ?? fromTitle(input.title, input.text) ?? fromByline(input.text) ?? fromLead(input.text) ?? fromSignature(input.text) ?? fromAddress(input.url, input.title, input.text);
}
