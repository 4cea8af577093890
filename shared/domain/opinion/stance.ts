/**
 * Stance toward the network, only where a piece engages it (names it or a spokesperson, matches one
 * of its statements, or answers its piece), and only with the sentence that shows it. Where the
 * network stands in the sentence decides whose stance it is:
 *  - a judgement of the network, with the network before the verb: "Nätverket … har rätt om
 *    elnätet", "har en poäng", "har fel", "överdriver" (not "Nätverket menar att regeringen har fel");
 *  - the writer's agreement, with the network after the verb: "Vi instämmer i nätverkets krav",
 *    "delar industrikommunernas oro", and its denial, "stöder inte nätverkets krav" (not "Nätverket
 *    välkomnar beslutet", the network's own stance).
 * A reply to the network's own piece criticises it. Anything else: no stance. General stance (for or
 * against a policy) is not judged here.
 */
import type { StanceToNetwork } from '../types.ts';
import { sentencesOf, sv } from './sentences.ts';

/** The writer judges the network (its subject) right … */
const JUDGED_RIGHT = sv(/\b(?:har (?:helt |alldeles )?rätt|gör rätt|gör klokt|är (?:helt )?rätt ute|har en poäng|pekar på ett (?:verkligt|viktigt|reellt) problem|bör lyssnas på|ska ha en eloge)\b/iu);
/** … or wrong. */
const JUDGED_WRONG = sv(/\b(?:har fel|men (?:har )?fel|har inte rätt|tar fel|tar miste|har missförstått|stämmer inte|är fel ute|är ute och cyklar|skjuter över målet|missar|bortser från|överdriver|vilseleder|blundar för|förenklar|målar upp en felaktig|ger en felaktig bild)\b/i);
/** The writer agrees with the network (its object) … */
const AGREES = sv(/\b(?:instämmer|håller (?:helt )?med|välkomnar|ställer (?:oss|mig) bakom|stöder|stödjer|delar (?:\p{L}+ )?oro)\b/iu);
/** … or denies agreeing: "stöder inte", "kan inte instämma", "håller inte med". */
const DENIES = sv(/\b(?:(?:stöder|stödjer|instämmer|välkomnar|delar)\s+(?:inte|ej|aldrig)|håller\s+(?:inte|ej|aldrig)\s+med|(?:kan|vill|ska|bör)\s+(?:inte|ej|aldrig)\s+(?:stödja|instämma|välkomna|hålla med|ställa (?:oss|mig) bakom))\b/i);

/** The network reporting a claim of its own: what follows is about someone else. */
const REPORTED = sv(/\b(?:menar|anser|skriver|hävdar|säger|påpekar|konstaterar|kräver|tycker|tror)\s+att\b/i);

export function stanceToNetwork(input: {
  title: string;
  text: string;
  /** The network's names and its spokespeople: the sentence must name one of them. */
  names: readonly string[];
  /** The piece answers the network's own piece (a replik to its op-ed). */
  repliesToNetwork: boolean;
  /** The piece's thesis, quoted as the reason when a reply is the only sign. */
  thesis: readonly string[];
}): { stance: StanceToNetwork; sentence: string } | null {
  const names = input.names.map((n) => n.toLowerCase()).filter((n) => n.length >= 4);
  const candidates = [input.title, ...sentencesOf(input.text).map((s) => s.text)];
  for (const sentence of candidates) {
    const lower = sentence.toLowerCase();
    const at = Math.min(...[...names.map((n) => lower.indexOf(n)), lower.search(/\bnätverket(?:s)?\b/u)].filter((i) => i >= 0));
    if (!Number.isFinite(at)) continue;
    // A judgement after the network's own "menar att …" is the network's claim about someone else.
    const after = (re: RegExp) => {
      const i = sentence.search(re);
      return i > at && !REPORTED.test(sentence.slice(at, i));
    };
    const before = (re: RegExp) => {
      const i = sentence.search(re);
      return i >= 0 && i < at;
    };
    const denied = before(DENIES);
    const support = after(JUDGED_RIGHT) || (before(AGREES) && !denied);
    const criticise = after(JUDGED_WRONG) || denied;
    // A sentence that says both ("har rätt om X men fel om Y") shows no one stance.
    if (support !== criticise) return { stance: support ? 'stöder' : 'kritiserar', sentence };
  }
  if (input.repliesToNetwork && input.thesis[0]) return { stance: 'kritiserar', sentence: input.thesis[0] };
  return null;
}
