import type { Cleaner } from '../types.js';
import { selectorCleaner } from '../util.js';

/** Share-button plugins: each puts a box of links to social networks in the content. */
export const sharingCleaners: Cleaner[] = [
  selectorCleaner('jetpack-sharing', 'Jetpack sharing buttons and likes (.sharedaddy, #jp-post-flair, sharing-buttons block)', [
    '#jp-post-flair',
    '.sharedaddy',
    '.wp-block-jetpack-sharing-buttons',
    '.jetpack-likes-widget-wrapper',
  ]),
  selectorCleaner('addtoany', 'AddToAny share buttons (.addtoany_share_save_container, .a2a_kit)', [
    '.addtoany_share_save_container',
    '.addtoany_content',
    '.a2a_kit',
  ]),
  selectorCleaner('social-warfare', 'Social Warfare share panel (.swp_social_panel, .swp-content-locator)', [
    '.swp_social_panel',
    '.swp-content-locator',
    '.swp-hidden-panel-wrap',
  ]),
  selectorCleaner('sassy-social-share', 'Sassy Social Share buttons (classes containing heateor_sss)', [
    '[class*="heateor_sss"]',
    '.heateorSssClear',
  ]),
  selectorCleaner('simple-share-buttons', 'Simple Share Buttons (.ssbp-wrap, .ssba-wrap)', ['.ssbp-wrap', '.ssba-wrap', '.ssba']),
  selectorCleaner('mashshare', 'MashShare share bar (.mashsb-container)', ['.mashsb-container']),
  selectorCleaner('sharethis', 'ShareThis inline buttons (.sharethis-inline-share-buttons)', [
    '.sharethis-inline-share-buttons',
    '.sharethis-inline-reaction-buttons',
  ]),
];
