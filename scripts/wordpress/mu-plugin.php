<?php
/**
 * Plugin Name: wp-extract e2e
 * Description: A custom post type for the end-to-end tests.
 */
add_action('init', function () {
    register_post_type('book', [
        'label' => 'Books',
        'public' => true,
        'show_in_rest' => true,
        'rest_base' => 'books',
        'supports' => ['title', 'editor', 'excerpt', 'thumbnail', 'author'],
        'taxonomies' => ['category', 'post_tag'],
    ]);
});

// No mail on this machine: WordPress's install and notification mails go nowhere.
if (!function_exists('wp_mail')) {
    function wp_mail() {
        return true;
    }
}
