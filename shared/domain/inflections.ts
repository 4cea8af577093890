/** Swedish inflection endings: shared by the classifier's matcher and statement phrase matching. */

/**
 * What may follow a stem that stands inside a word: Swedish inflection endings, so the stem is the
 * compound's head (fordonsindustrins, pappersmassan) and not a piece of an unrelated word
 * (Massachusetts, kemisk, Linköping, industriell).
 */
export const INFLECTIONS: ReadonlySet<string> = new Set([
  '', 's', 'n', 'ns', 'en', 'ens', 'et', 'ets', 'na', 'nas', 'ar', 'arna', 'arnas', 'er', 'erna', 'ernas', 'or', 'orna', 'ornas', 'a', 'as', 'an', 'ans', 'e', 'es', 't', 'ts', 'r', 'rna', 'rnas',
  'ade', 'at', 'ad', 'ande', 'ning', 'ningen', 'ningens', 'ningar', 'ningarna',
]);
