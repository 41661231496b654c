<?php
/**
 * Plugin Name: wp-extract e2e
 * Description: A custom post type, a custom taxonomy, custom fields shown in REST, and Booster
 * Extension's blocks for the end-to-end tests.
 */

// Booster Extension's the_content filter, as its 1.2 release writes it: a read-time block
// before the article and a reactions block after it, on posts only, never in excerpts.
add_filter('the_content', function ($content) {
    if (get_post_type() !== 'post' || in_array('get_the_excerpt', $GLOBALS['wp_current_filter'], true)) return $content;
    if (!get_post_meta(get_the_ID(), 'e2e_booster', true)) return $content;
    $before = "<div class='booster-block booster-read-block'>\n<div class=\"twp-read-time\"><i class=\"booster-icon twp-clock\"></i> <span>Read Time:</span>1 Minute, 2 Second</div>\n</div>";
    $after = '<div class="booster-block booster-reactions-block"><div class="twp-reactions-icons"><div class="twp-reacts-wrap"><a react-data="be-react-1" post-id="' . get_the_ID() . '" class="be-face-icons un-reacted" href="javascript:void(0)"><img src="' . content_url('plugins/booster-extension/assets/icon/happy.svg') . '" alt="Happy"></a><div class="twp-reaction-title">Happy</div><div class="twp-count-percent"><span class="twp-react-percent"><span>0</span> %</span></div></div></div></div>';
    return $before . $content . $after;
});
add_action('init', function () {
    register_post_type('book', [
        'label' => 'Books',
        'public' => true,
        'show_in_rest' => true,
        'rest_base' => 'books',
        'supports' => ['title', 'editor', 'excerpt', 'thumbnail', 'author'],
        'taxonomies' => ['category', 'post_tag'],
    ]);
    // A custom taxonomy, as a plugin or theme registers one.
    register_taxonomy('genre', ['post'], ['label' => 'Genres', 'public' => true, 'show_in_rest' => true, 'rest_base' => 'genre']);
    // Custom fields and an SEO description, shown in REST as a site that registers its meta shows them.
    register_post_meta('post', 'price', ['type' => 'string', 'single' => true, 'show_in_rest' => true]);
    register_post_meta('post', 'specs', ['type' => 'object', 'single' => true, 'show_in_rest' => ['schema' => ['type' => 'object', 'additionalProperties' => true]]]);
    register_post_meta('post', '_yoast_wpseo_metadesc', ['type' => 'string', 'single' => true, 'show_in_rest' => true]);
    // The slugs a post had before, which a crawl can then redirect as an export does.
    register_post_meta('', '_wp_old_slug', ['type' => 'string', 'single' => false, 'show_in_rest' => true]);
});

// No mail on this machine: WordPress's install and notification mails go nowhere.
if (!function_exists('wp_mail')) {
    function wp_mail() {
        return true;
    }
}
