/**
 * Whether a piece answers another, and whom: a "Replik:"/"Svar:" header, "Replik till Namn", a
 * second-person address to another writer ("din debattartikel", "tack för ditt svar"), or another
 * writer's piece named ("Namn argumenterar i sin insändare", "skriver Namn att", "i en replik till
 * Namn"). A paper's date reference alone ("SN 3/6") is a source, not a reply.
 */
import { sentencesOf, sv } from './sentences.ts';

import type { ReplyTo } from '../types.ts';
import { withoutLabels } from '../labels.ts';

const W = String.raw`\p{Lu}[\p{Ll}\p{Lu}'-]*\p{Ll}[\p{Ll}'-]*`;
/** An initial ("Jonas F Ludvigsson") is a capital not followed by a letter. */
const INITIAL = String.raw`\p{Lu}\.?(?![\p{L}])`;
const NAME = String.raw`${W}(?:\s+(?:${W}|${INITIAL})){1,2}(?:\s+(?:\(\p{Lu}{1,4}\)\s+)?och\s+${W}(?:\s+(?:${W}|${INITIAL})){1,2})?(?:\s+\(\p{Lu}{1,4}\))?`;
const PIECE = String.raw`(?:debattartikel|debattinlägg|insändare|artikel|ledare|ledartext|krönika|replik|text|inlägg|svar)`;

const TITLE_REPLY = sv(/^(?:replik|slutreplik|genmäle|svar)\s*[:.–-]|^(?:replik|svar|slutreplik|genmäle)\s+(?:till|på)\b|\b(?:replik|slutreplik|genmäle)\b|\bsvar\s*$/i);
const TEXT_HEADER = sv(/^\s*(?:replik|slutreplik|genmäle|svar)\b/i);
const SECOND_PERSON = sv(new RegExp(String.raw`\b(?:din|ditt|er|ert)\s+(?:${PIECE}|senaste ${PIECE})\b|tack för (?:ditt|ert) svar`, 'iu'));

/** "svara på Karin Holms insändare": the answered writer in the genitive before their piece. */
const ANSWERS_PIECE_OF = sv(new RegExp(String.raw`\bsvar(?:a|ar)?\s+(?:på|till)\s+(${NAME})s\s+${PIECE}`, 'u'));

/** Who is answered, when the text names them. */
const TARGETS: RegExp[] = [
  sv(new RegExp(String.raw`\b(?:replik|svar|slutreplik|genmäle)\s+(?:till|på)\s+(${NAME})`, 'iu')),
  new RegExp(String.raw`^(${NAME})\s*[–,-]\s*tack för`, 'u'),
  sv(new RegExp(String.raw`^(${NAME}),\s+(?:jag|du|vi)\b`, 'u')),
  sv(new RegExp(String.raw`(${NAME})\s+(?:argumenterar|skriver|hävdar|menar|påstår)\s+(?:i\s+(?:sin|en|deras|hans|hennes)\s+${PIECE}|att)\b`, 'u')),
  sv(new RegExp(String.raw`\bskriver\s+(${NAME})\s+att\b`, 'u')),
  // Another writer's piece answered by name: "Jag vill svara på Karin Holms insändare", "tackar Anna Ek för svaret".
  ANSWERS_PIECE_OF,
  sv(new RegExp(String.raw`\btackar\s+(${NAME})\s+för\s+(?:svaret|repliken|ditt svar|ert svar)`, 'u')),
  // The writer answered, told they are wrong (or right): "Karin Ek har fel när hon skriver …".
  sv(new RegExp(String.raw`^(?:Men\s+)?(${NAME})\s+har\s+(?:helt\s+)?(?:fel|rätt)\b`, 'mu')),
  sv(new RegExp(String.raw`\b[Ss]ignaturen\s+(["”“][^"”“]{2,60}["”“])`, 'u')),
  sv(new RegExp(String.raw`\bhar\s+(${NAME})\s+(?:och\s+${NAME}\s+)?(?:publicerat|skrivit)\s+(?:en\s+)?(?:gemensam\s+)?${PIECE}`, 'u')),
];

/** A piece of another writer named in the opening: "I en lång debattartikel beskriver de …", "har publicerat en gemensam debattartikel". */
const NAMED_PIECE = sv(new RegExp(String.raw`\b(?:i|med)\s+(?:en|sin|sitt|deras|hans|hennes)\s+(?:lång\s+|gemensam\s+|senaste\s+)?${PIECE}\b|\bhar\s+(?:\p{L}+\s+){0,8}(?:publicerat|skrivit)\s+(?:en\s+)?(?:gemensam\s+)?${PIECE}|\bi\s+(?:ett\s+)?(?:drygt\s+)?(?:dussin|flera|ett antal)\s+(?:insändare|debattartiklar|inlägg)`, 'iu'));

/** Another writer's pieces as the subject, without a name needed: "I en lång debattartikel beskriver de …", "I ett dussin insändare har …". */
const OTHERS_PIECE = sv(new RegExp(String.raw`\b[Ii]\s+(?:en|sin|sitt|deras|hans|hennes)\s+(?:lång\s+|gemensam\s+|senaste\s+)?${PIECE}\s+(?:beskriver|skriver|hävdar|menar|påstår|argumenterar)\s+(?:de|han|hon|hen)\b|\b[Ii]\s+(?:ett\s+)?(?:drygt\s+)?(?:dussin|flera|ett antal|en rad)\s+(?:insändare|debattartiklar|debattinlägg|inlägg)`, 'u'));

export function replyOf(input: { title: string; text: string }): ReplyTo | null {
  const opening = sentencesOf(input.text, 700).slice(0, 4);
  const head = opening.map((s) => s.text).join('\n');
  // The section's label comes first on some pages ("Insändare. Svar: …"): the reply header follows it.
  const byTitle = TITLE_REPLY.test(withoutLabels(input.title.trim(), { keepReplyHeader: true }));
  const byHeader = opening.length > 0 && TEXT_HEADER.test(opening[0]!.text);
  const byAddress = SECOND_PERSON.test(head);
  const byNamedPiece = (NAMED_PIECE.test(head) && TARGETS.some((re) => re.test(head))) || OTHERS_PIECE.test(head);
  const target = TARGETS.map((re) => head.match(re)?.[1]).find((x) => x);
  // The paper's lead says so: "…, skriver Namn i en replik (till Namn)."
  const byLead = sv(/\b(?:skriver|hävdar|menar)\b[^.]{0,160}\bi en (?:slut)?replik\b/i).test(head);
  const bySignature = /^[Ss]ignaturen\s+["”“]/u.test(opening[0]?.text ?? '');
  const byAnswering = ANSWERS_PIECE_OF.test(head);
  const byOtherWrites = sv(/\bskriver\s+\p{Lu}[\p{L}-]+\s+\p{Lu}[\p{L}-]+\s+att\b/u).test(opening[0]?.text ?? '');
  if (!(byTitle || byHeader || byAddress || byNamedPiece || byLead || bySignature || byOtherWrites || byAnswering)) return null;
  const quoted = input.title.match(/[”"«“]([^”"»“]{8,140})[”"»“]/u)?.[1];
  return { title: byTitle && quoted ? quoted : null, author: target ? target.replace(/^["”“]|["”“]$/g, '') : null, url: null };
}
