import { astro } from './astro.js';
import { eleventy } from './eleventy.js';
import { hugo } from './hugo.js';
import { jekyll } from './jekyll.js';
import { plain } from './plain.js';
import type { Target } from './types.js';

export type { LinkMode, Target } from './types.js';

/** The generators a folder can be written for, by the name `--preset` takes; `default` is a plain folder. */
export const TARGETS = Object.freeze({ default: plain, jekyll, hugo, astro, eleventy } satisfies Record<string, Target>);
export type TargetName = keyof typeof TARGETS;
export const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];

export const isTargetName = (name: string): name is TargetName => Object.hasOwn(TARGETS, name);
