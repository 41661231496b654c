/** User-facing text of the command line, in one place. */

export const DESCRIPTION =
  'Extract WordPress posts from REST API JSON (files, folders, stdin, a post URL or a whole site) and WordPress exports (WXR) as clean Markdown, MDX or JSON, with Booster Extension and other widget junk removed; or write them as a folder a static site generator builds, and keep it current.';

export const EXAMPLES = `
Examples:
  $ wp-extract post.json                      Markdown with YAML front matter
  $ wp-extract -f json post.json | jq .title  the parsed fields, cleaned HTML and Markdown
  $ curl -s https://example.org/wp-json/wp/v2/posts/1 | wp-extract -f text
  $ wp-extract https://example.org/2024/01/hello-world/
  $ wp-extract posts.json -f ndjson           a list response, one object per line
  $ wp-extract --remove '.my-ad' --skip-cleaner wrappers post.json
  $ wp-extract export/ -o site/               a folder of posts to a folder of Markdown
  $ wp-extract https://example.org -o site/ --preset hugo --images

Exit codes: 0 success, 1 bad input data (a post of a list included), 2 usage error,
3 network or remote error.`;

export const NO_INPUT = 'no input: give a post JSON file, a URL, or - to read stdin (see --help)';
export const STDIN_TWICE = 'stdin (-) can be read only once';
export const SEE_HELP = '(see wp-extract --help)';
