import type { CheerioAPI } from 'cheerio/slim';
import type { FeaturedImage, Post } from '../post.js';

/**
 * `--image-size full`: each image the post shows as a WordPress media item (`wp-image-ID`) gets
 * the original upload's address (see `Post.originals`), and no `srcset` that would offer the
 * sizes again. Only what the attachment's metadata says: an image whose name merely ends in
 * `-300x200` but is no known media item keeps its address.
 */
export function useOriginals($: CheerioAPI, originals: Readonly<Record<string, string>>): number {
  let changed = 0;
  $('img[class*="wp-image-"]').each((_, img) => {
    const id = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(img.attribs.class ?? '')?.[1];
    const original = id === undefined ? undefined : originals[id];
    if (original === undefined) return;
    img.attribs.src = original;
    delete img.attribs.srcset;
    delete img.attribs.sizes;
    changed++;
  });
  return changed;
}

/** The featured image, at its original upload's address when the post knows it. */
export function originalFeatured(post: Pick<Post, 'featuredImage' | 'featuredId' | 'originals'>): FeaturedImage | null {
  const original = post.featuredId === undefined ? undefined : post.originals?.[String(post.featuredId)];
  return post.featuredImage && original ? { ...post.featuredImage, url: original } : post.featuredImage;
}
