/**
 * What an opinion piece argues, by whom, and whom it answers: the thesis (verbatim), the author and
 * role as printed, and the piece it replies to. Pure: the same code runs in classify-article (stored
 * with the article), `monitor summarize` and the eval.
 */
import { authorOf, creditedOrganisation } from './author.ts';
import { replyOf } from './reply.ts';
import { thesisOf } from './thesis.ts';
import type { Classification, OpinionFacts } from '../types.ts';
import { stanceToNetwork } from './stance.ts';

export type { OpinionFacts, ReplyTo } from '../types.ts';

export interface OpinionInput {
  title: string;
  text: string;
  /** The feed's author field, when it has one. */
  author?: string | null | undefined;
  /** The piece's address: papers file a columnist's pieces in a folder of their name. */
  url?: string | null | undefined;
}

export function summarizeOpinion(input: OpinionInput): OpinionFacts {
  const repliesTo = replyOf(input);
  const author = authorOf(input);
  // The writer answered is not the writer: a reply's target never becomes its author.
  const sameAsTarget = author && repliesTo?.author && author.author.toLowerCase() === repliesTo.author.toLowerCase();
  const writer = sameAsTarget ? null : author;
  return {
    thesis: thesisOf({ ...input, isReply: repliesTo !== null }),
    author: writer?.author ?? null,
    // No person named: the organisation credited as the writer, as its role (as the labels give it).
    authorRole: writer ? writer.role : author ? null : creditedOrganisation(input.text),
    repliesTo,
  };
}

/**
 * An opinion piece's facts from its text (the feed's, or its page's once read): thesis, author,
 * replies, and its stance toward the network only where it engages the network.
 */
export function opinionOf(
  piece: { title: string; url?: string | undefined; author?: string | undefined; body: string; classification: Classification; repliesToNetwork: boolean },
  networkNames: readonly string[],
  spokespeople: readonly string[],
): OpinionFacts {
  const facts = summarizeOpinion({ title: piece.title, text: piece.body, author: piece.author, url: piece.url });
  const engages = piece.classification.mentionsNetwork || piece.classification.statements.length > 0 || piece.repliesToNetwork;
  const stance = engages ? stanceToNetwork({ title: piece.title, text: piece.body, names: [...networkNames, ...spokespeople], repliesToNetwork: piece.repliesToNetwork, thesis: facts.thesis }) : null;
  return { ...facts, ...(stance ? { stanceToNetwork: stance } : {}) };
}
