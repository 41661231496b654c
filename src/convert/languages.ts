/**
 * SyntaxHighlighter Evolved's languages (its brush aliases, built into WordPress.com), each also
 * a shortcode of its own (`[php]…[/php]`) but `latex` and `r`, which it leaves to others.
 * https://github.com/Automattic/syntaxhighlighter (syntaxhighlighter.php, $this->brushes)
 */
export const BRUSHES: Readonly<Record<string, string>> = Object.freeze({
  as3: 'actionscript', actionscript3: 'actionscript', arduino: 'arduino', bash: 'bash', shell: 'bash', coldfusion: 'coldfusion', cf: 'coldfusion',
  clojure: 'clojure', clj: 'clojure', cpp: 'cpp', c: 'c', 'c-sharp': 'csharp', csharp: 'csharp', css: 'css', delphi: 'delphi', pas: 'pascal',
  pascal: 'pascal', diff: 'diff', patch: 'diff', erl: 'erlang', erlang: 'erlang', fsharp: 'fsharp', go: 'go', golang: 'go', groovy: 'groovy',
  haskell: 'haskell', java: 'java', jfx: 'javafx', javafx: 'javafx', js: 'javascript', jscript: 'javascript', javascript: 'javascript',
  latex: 'latex', tex: 'latex', matlab: 'matlab', matlabkey: 'matlab', objc: 'objectivec', 'obj-c': 'objectivec', perl: 'perl', pl: 'perl',
  php: 'php', plain: '', text: '', ps: 'powershell', powershell: 'powershell', py: 'python', python: 'python', r: 'r', splus: 'r',
  rails: 'ruby', rb: 'ruby', ror: 'ruby', ruby: 'ruby', scala: 'scala', sql: 'sql', swift: 'swift', vb: 'vbnet', vbnet: 'vbnet', xml: 'xml',
  xhtml: 'xml', xslt: 'xml', html: 'html', yaml: 'yaml', yml: 'yaml',
});

/** A language as a fence names it: a highlighter's alias (`jscript`, `c-sharp`, `py`) to the common name; '' for plain text. */
export function fenceLanguage(name: string): string {
  const lower = name.toLowerCase();
  return Object.hasOwn(BRUSHES, lower) ? (BRUSHES[lower] ?? '') : lower === 'none' || lower === 'plaintext' ? '' : lower;
}
