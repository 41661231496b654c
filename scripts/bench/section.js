// Replaces one numbered section of BENCHMARKS.md (from its heading to the next `## `), or
// appends it, leaving the other sections as they are: each benchmark script writes its own.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * @param {string} file
 * @param {string} heading the section's heading line, `## 6. Mirror`
 * @param {string[]} lines the section, heading included
 */
export function writeSection(file, heading, lines) {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = before.indexOf(heading);
  const text = `${lines.join('\n')}\n`;
  if (start === -1) {
    writeFileSync(file, `${before.trimEnd()}\n\n${text}`);
    return;
  }
  const next = before.indexOf('\n## ', start + heading.length);
  const after = next === -1 ? '' : `\n${before.slice(next + 1)}`;
  writeFileSync(file, `${before.slice(0, start)}${text}${after}`);
}
