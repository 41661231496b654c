<?php
// Lists the old addresses of the end-to-end site that a moved site must still answer, from
// WordPress itself, one per line, relative to the site's root: each published post's permalink,
// its shortlink (?p=ID), a page's ?page_id=ID, the addresses of its earlier slugs (which
// WordPress redirects through _wp_old_slug), and the main feed; each archive of published
// posts (a term's, an author's, a year's, a month's, a day's) with its later pages and its feed.
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
$relative = fn($link) => substr($link, strlen($home));
$archive = function ($link, $count) use (&$out, $relative) {
    $path = $relative($link);
    $out[] = $path;
    $out[] = "{$path}feed/";
    for ($page = 2; $page <= ceil($count / 10); $page++) $out[] = "{$path}page/$page/";
};
foreach (get_taxonomies(['public' => true]) as $taxonomy) {
    if ($taxonomy === 'post_format') continue;
    foreach (get_terms(['taxonomy' => $taxonomy, 'hide_empty' => true]) as $term) {
        $count = count(get_posts(['post_type' => $types, 'post_status' => 'publish', 'has_password' => false, 'numberposts' => -1, 'fields' => 'ids', 'tax_query' => [['taxonomy' => $taxonomy, 'terms' => $term->term_id]]]));
        if ($count > 0) $archive(get_term_link($term), $count);
    }
}
$dates = [];
foreach ($posts as $post) {
    if ($post->post_type !== 'post') continue;
    $authors[$post->post_author] = ($authors[$post->post_author] ?? 0) + 1;
    [$y, $m, $d] = explode('-', substr($post->post_date, 0, 10));
    foreach ([get_year_link($y), get_month_link($y, $m), get_day_link($y, $m, $d)] as $link) $dates[$link] = ($dates[$link] ?? 0) + 1;
}
foreach ($authors ?? [] as $author => $count) $archive(get_author_posts_url($author), $count);
// Media shown in published posts: their attachment pages and ?attachment_id=.
foreach (get_posts(['post_type' => 'attachment', 'post_status' => 'inherit', 'numberposts' => -1]) as $attachment) {
    $out[] = "/?attachment_id={$attachment->ID}";
    $out[] = $relative(get_attachment_link($attachment));
}
foreach ($dates as $link => $count) $archive($link, $count);
echo implode("\n", array_unique($out)), "\n";
