/**
 * A columnist's name read from the article's address, the last place an author is looked for. Pure.
 */
import { pathSegments } from '../address.ts';
import { fold } from '../subscriber.ts';
import { givenName } from './given-names.ts';

/** Sections under which papers file a writer's pieces in a folder of their own name. */
const WRITER_FOLDER_PARENT = /^(?:opinion|ledare|ledarkronika|kolumnister|kolumnist|kronikorer|kronika|ledarsidan|kultur)$/;
/** The common endings of Swedish surnames, for a name written as one word ("annaek" is no name, "perolsson" is). */
const SURNAME_END = /(?:sson|son|berg|bergh|strom|lund|gren|qvist|kvist|holm|dahl|blad|borg|stedt|man|mark|sten|stam|fors|lin|ius|ell|er)$/;
/** What the folded path dropped, where a Swedish surname element always has it ("lindstrom", "sjoberg", "osterlund" stay unsure). */
const SURNAME_PART: ReadonlyArray<[RegExp, string]> = [[/strom/g, 'ström'], [/sjo/g, 'sjö'], [/gard$/, 'gård']];
/** Surname openings that usually carry å/ä/ö (Söder-, Hög-, Öst-, Åke-, Björk-, Jöns-, Håk-, Görans-, Löf-, Äng-): not guessed. */
const UNSURE_START = /^(?:soder|hog|ost|ak|as|ab|bjork|nas|hagg|jons|hak|goran|lof|ang|ohman|skold)/;

/**
 * A columnist's folder in the address: "…/opinion/anna-ek/<piece>/", "…/ledarkronika/perolsson/<piece>".
 * The folder must sit under an opinion section and before the piece, and start with a common given
 * name. The surname is spelt as the title or text prints it when they do; else from the address, where
 * only the common surname elements (-ström, -sjö, -gård) get their letters back.
 */
export function writerInAddress(url: string | null | undefined, title: string, text: string): string | null {
  const segments = pathSegments(url ?? undefined);
  for (let i = 1; i < segments.length - 1; i++) {
    if (!WRITER_FOLDER_PARENT.test(segments[i - 1]!)) continue;
    const parts = splitName(segments[i]!);
    const surname = parts && surnameAsPrinted(parts[1], `${title}\n${text}`);
    if (parts && surname) return `${parts[0]} ${surname}`;
    if (parts) return null;
  }
  return null;
}

function splitName(segment: string): [string, string] | null {
  const hyphened = segment.match(/^([a-z]{2,})-([a-z]{3,})$/);
  if (hyphened) {
    const given = givenName(hyphened[1]!);
    return given ? [given, hyphened[2]!] : null;
  }
  if (!/^[a-z]{7,}$/.test(segment) || !SURNAME_END.test(segment)) return null;
  // The longest given name that leaves a surname of four letters or more.
  for (let n = segment.length - 4; n >= 2; n--) {
    const given = givenName(segment.slice(0, n));
    if (given) return [given, segment.slice(n)];
  }
  return null;
}

/** The surname as the text prints it; else from the address when its spelling is sure; else null. */
function surnameAsPrinted(folded: string, text: string): string | null {
  const printed = text.match(/\p{Lu}[\p{L}-]+/gu)?.find((w) => fold(w) === folded);
  if (printed) return printed;
  if (UNSURE_START.test(folded)) return null;
  const restored = SURNAME_PART.reduce((s, [re, part]) => s.replace(re, part), folded);
  return restored[0]!.toUpperCase() + restored.slice(1);
}
