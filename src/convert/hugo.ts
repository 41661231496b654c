// Hugo reads `{{<` … `>}}` and `{{%` … `%}}` in a content file as its shortcodes, in text and
// code alike, and a name it has no template for stops the build (`template for shortcode
// "notice" not found`). A post about Hugo (or quoting one) holds them as text. So, for Hugo:
//
// - in text, the second brace is written as the entity `&#123;`, which Markdown shows as `{`
//   and Hugo does not read as a delimiter;
// - in code, where entities are not read, each shortcode is written in Hugo's own escape,
//   `{{</* name */>}}`, which Hugo prints as `{{< name >}}`; a delimiter without its closing
//   one gets a word joiner (U+2060, invisible) after its braces.

const TEXT_DELIMITER = /\{\{(?=[<%])/g;

/** Text for Hugo: no shortcode delimiter left in it. */
export function hugoSafeText(text: string): string {
  return text.includes('{{') ? text.replace(TEXT_DELIMITER, '{&#123;') : text;
}

const CODE_SHORTCODES: ReadonlyArray<[RegExp, string, string]> = [
  [/\{\{<(?!\/\*)([\s\S]*?)>\}\}/g, '<', '>'],
  [/\{\{%(?!\/\*)([\s\S]*?)%\}\}/g, '%', '%'],
];

/** Code for Hugo: each shortcode in Hugo's escape, which prints it as it was. */
export function hugoSafeCode(code: string): string {
  if (!code.includes('{{')) return code;
  let out = code;
  for (const [pattern, open, close] of CODE_SHORTCODES) out = out.replace(pattern, (_, inner: string) => `{{${open}/*${inner}*/${close}}}`);
  return out.replace(/\{\{(?=[<%](?!\/\*))/g, '{{\u2060');
}
