// turndown's browser build has the same API as its main entry (see src/convert/markdown.ts).
declare module 'turndown/lib/turndown.browser.es.js' {
  import TurndownService from 'turndown';
  export default TurndownService;
}
