// rss-parser's internal helpers module (CommonJS, no types): only the hook the normaliser replaces.
declare module 'rss-parser/lib/utils.js' {
  const utils: { getSnippet: (html: string) => string };
  export default utils;
}
