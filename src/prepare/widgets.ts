/**
 * Shortcodes that print widgets, not content: Booster Extension's, and those of the sharing,
 * rating and related-post plugins the cleaners know. An export holds them raw; a site whose
 * plugin is gone serves them as literal text. Either way they are chrome, and removed.
 */
export const WIDGET_SHORTCODE =
  /^(booster-extension-[\w-]+|be-pp|be-booster-favourites|addtoany|ssba|ssba-buttons|mashshare|sharethis-inline-buttons|sharethis-inline-reactions|kkstarratings|kkratings|post-views|rt_reading_time|simple-author-box|crp|yarpp|jetpack_share_buttons|social_warfare|Sassy_Social_Share)$/i;

/**
 * Whether `[name attributes]` reads as a shortcode rather than prose in brackets (`[sic]`,
 * `[1]`): a closing tag, a name with `-` or `_`, or attributes (`key=`, `[tag=value]`).
 */
export function looksLikeShortcode(name: string, attributes: string, closed: boolean): boolean {
  return closed || /[-_]/.test(name) || /(^|\s)\w*\s*=/.test(attributes);
}
