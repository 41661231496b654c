<?php
// Lists the old addresses of the end-to-end site that a moved site must still answer, from
// WordPress itself, one per line, relative to the site's root: each published post's permalink,
// its shortlink (?p=ID), a page's ?page_id=ID, the addresses of its earlier slugs (which
// WordPress redirects through _wp_old_slug), and the main feed.
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
require '/usr/share/wordpress/wp-load.php';

$home = untrailingslashit(home_url());
$types = array_values(get_post_types(['public' => true]));
$types = array_diff($types, ['attachment']);
$posts = get_posts(['post_type' => $types, 'post_status' => 'publish', 'numberposts' => -1, 'has_password' => false]);
$out = ['/feed/'];
foreach ($posts as $post) {
    $link = get_permalink($post);
    $path = substr($link, strlen($home));
    $out[] = $path;
    $out[] = "/?p={$post->ID}";
    if ($post->post_type === 'page') $out[] = "/?page_id={$post->ID}";
    foreach (get_post_meta($post->ID, '_wp_old_slug') as $old) {
        $out[] = preg_replace('#/' . preg_quote($post->post_name, '#') . '/$#', "/$old/", $path);
    }
}
echo implode("\n", $out), "\n";
