/**
 * Stance toward the network, only where a piece engages it (names it or a spokesperson, matches one
 * of its statements, or answers its piece), and only with the sentence that shows it: "… har rätt
 * om elnätet", "instämmer", "stämmer inte", "har fel"; a reply to the network's own piece criticises
 * it. Anything else: no stance. General stance (for or against a policy) is not judged here.
 */
import type { StanceToNetwork } from '../types.ts';
import { sentencesOf, sv } from './sentences.ts';

const SUPPORT = sv(/\b(?:har (?:helt |alldeles )?rätt|gör rätt|instämmer|håller (?:helt )?med|välkomnar|ställer (?:oss|mig) bakom|stöder|stödjer|bör lyssnas på|ska ha en eloge)\b/i);
const CRITICISE = sv(/\b(?:har fel|men (?:har )?fel|har inte rätt|tar fel|stämmer inte|är fel ute|missar|bortser från|överdriver|vilseleder|blundar för|förenklar|målar upp en felaktig|ger en felaktig bild)\b/i);

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
    if (!names.some((n) => lower.includes(n)) && !/\bnätverket\b/.test(lower)) continue;
    const support = SUPPORT.test(sentence);
    const criticise = CRITICISE.test(sentence);
    // A sentence that says both ("har rätt om X men fel om Y") shows no one stance.
    if (support !== criticise) return { stance: support ? 'stöder' : 'kritiserar', sentence };
  }
  if (input.repliesToNetwork && input.thesis[0]) return { stance: 'kritiserar', sentence: input.thesis[0] };
  return null;
}
