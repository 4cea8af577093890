import { describe, expect, it } from 'vitest';
import { TermMatcher } from '#shared/domain/classify/matcher.ts';

const matcher = new TermMatcher(['timrå', 'timrå ik', 'tik$', 'el$', 'elnät', 'bristen på svetsare', '*upphandl', '*bruk$', 'sandvik$', 'sandvik coromant'].map((term) => ({ term, payload: term })));
const found = (text: string) => matcher.match(text.toLowerCase()).map((h) => `${h.term}=${h.matched}@${h.index}`);

describe('TermMatcher', () => {
  it('a term starts a word: prefix terms take the rest of it, exact terms only a genitive s', () => {
    expect(found('Timråbor och timrås')).toEqual(['timrå=timråbor@0', 'timrå=timrås@13']);
    expect(found('TIK:s mål, TIKs poäng, tiken')).toEqual(['tik$=tik:s@0', 'tik$=tiks@11']);
    expect(found('2timrå xtimrå')).toEqual([]);
    expect(found('Elnätet och el, elen')).toEqual(['elnät=elnätet@0', 'el$=el@12']);
  });

  it('the longest term wins where several start, and a space in a term is any run of white space', () => {
    expect(found('Timrå IK vann')).toEqual(['timrå ik=timrå ik@0']);
    // also over an exact term that would fit on its own
    expect(found('Sandvik Coromant och Sandvik')).toEqual(['sandvik coromant=sandvik coromant@0', 'sandvik$=sandvik@21']);
    expect(found('bristen  på\u00a0svetsare')).toEqual(['bristen på svetsare=bristen  på\u00a0svetsare@0']);
  });

  it('infix terms head a compound or are long enough to stand inside one', () => {
    expect(found('Innovationsupphandlingar och pappersbruket')).toEqual(['*upphandl=innovationsupphandlingar@0', '*bruk$=pappersbruket@29']);
    expect(found('Vi brukar handla')).toEqual([]);
  });

  it('terms compete within their family only: a longer place name does not hide a company of a topic inside it', () => {
    const families = new TermMatcher(
      [
        { term: 'bae systems hägglunds', payload: 'place' },
        { term: 'hägglunds', payload: 'topic' },
        { term: 'timrå', payload: 'place' },
        { term: 'timrå ik', payload: 'place' },
        { term: 'sandvik', payload: 'topic' },
        { term: 'sandviken', payload: 'place' },
      ],
      (p) => (p === 'topic' ? 0 : 1),
    );
    const hits = families.match('bae systems hägglunds och timrå ik').map((h) => `${h.payload}:${h.term}@${h.index}`);
    expect(hits).toEqual(['place:bae systems hägglunds@0', 'topic:hägglunds@12', 'place:timrå ik@26']);
    // …nor does a shorter term of another family count as the start of a longer word
    expect(families.match('sandviken och sandviks').map((h) => `${h.payload}:${h.matched}`)).toEqual(['place:sandviken', 'topic:sandviks']);
  });
});
