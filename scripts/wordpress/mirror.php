<?php
// Changes the end-to-end site as its authors would between two runs of a mirror, through
// WordPress's own functions (as seed.php fills it). One action per call; prints what it made.
//
//   php mirror.php edit SLUG...        appends a sentence to each post (its modified time moves)
//   php mirror.php trash SLUG          moves a post to the trash
//   php mirror.php untrash SLUG        brings it back, published
//   php mirror.php add SLUG            publishes a new post; prints its id
//   php mirror.php delete SLUG         deletes a post for good, with its comments
//   php mirror.php comments SLUG       adds an approved comment, an approved reply to it, a
//                                      pending one and a spam one; prints their ids
//   php mirror.php uncomment SLUG      deletes every comment of a post
//   php mirror.php id SLUG             prints a post's id
//   php mirror.php fill N              publishes posts until there are N (slugs fill-NNNN)
//   php mirror.php unfill              deletes the posts fill added
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
require '/usr/share/wordpress/wp-load.php';

[$script, $action] = array_slice($argv, 0, 2) + [null, null];
$args = array_slice($argv, 2);

function post_by_slug($slug) {
    $posts = get_posts(['name' => $slug, 'post_type' => 'post', 'post_status' => 'any', 'numberposts' => 1]);
    // A trashed post's slug gets a suffix until it is brought back.
    if (!$posts) $posts = get_posts(['name' => "{$slug}__trashed", 'post_type' => 'post', 'post_status' => 'trash', 'numberposts' => 1]);
    if (!$posts) { fwrite(STDERR, "mirror: no post $slug\n"); exit(1); }
    return $posts[0];
}

function comment($post, $author, $text, $approved, $parent = 0, $minutes = 0) {
    return wp_insert_comment([
        'comment_post_ID' => $post, 'comment_author' => $author, 'comment_author_email' => strtolower($author) . '@example.com',
        'comment_content' => $text, 'comment_approved' => $approved, 'comment_parent' => $parent, 'comment_type' => 'comment',
        'comment_date' => gmdate('Y-m-d H:i:s', gmmktime(12, $minutes, 0, 3, 1, 2024)), 'comment_date_gmt' => gmdate('Y-m-d H:i:s', gmmktime(12, $minutes, 0, 3, 1, 2024)),
    ]);
}

switch ($action) {
    case 'edit':
        foreach ($args as $slug) {
            $post = post_by_slug($slug);
            wp_update_post(['ID' => $post->ID, 'post_content' => $post->post_content . "\n<!-- wp:paragraph -->\n<p>Edited for the mirror.</p>\n<!-- /wp:paragraph -->"]);
        }
        break;
    case 'trash':
        wp_trash_post(post_by_slug($args[0])->ID);
        break;
    case 'untrash':
        $id = post_by_slug($args[0])->ID;
        wp_untrash_post($id);
        wp_publish_post($id);
        break;
    case 'add':
        echo wp_insert_post(['post_title' => 'Added for the mirror', 'post_name' => $args[0], 'post_status' => 'publish', 'post_content' => '<p>A new post.</p>', 'post_author' => 1], true), "\n";
        break;
    case 'delete':
        wp_delete_post(post_by_slug($args[0])->ID, true);
        break;
    case 'comments':
        $post = post_by_slug($args[0])->ID;
        $root = comment($post, 'Reader', 'A "fine" post -- thanks.', 1, 0, 1);
        $reply = comment($post, 'Author', 'Glad you liked it.', 1, $root, 2);
        $pending = comment($post, 'Waiting', 'PENDING comment text.', 0, 0, 3);
        $spam = comment($post, 'Spammer', 'SPAM comment text.', 'spam', 0, 4);
        echo json_encode(['root' => $root, 'reply' => $reply, 'pending' => $pending, 'spam' => $spam]), "\n";
        break;
    case 'id':
        echo post_by_slug($args[0])->ID, "\n";
        break;
    case 'uncomment':
        foreach (get_comments(['post_id' => post_by_slug($args[0])->ID, 'status' => 'all']) as $c) wp_delete_comment($c->comment_ID, true);
        foreach (get_comments(['post_id' => post_by_slug($args[0])->ID, 'status' => 'spam']) as $c) wp_delete_comment($c->comment_ID, true);
        break;
    case 'fill':
        $have = (int) wp_count_posts('post')->publish;
        for ($i = $have + 1; $i <= (int) $args[0]; $i++) {
            wp_insert_post(['post_title' => "Filler $i", 'post_name' => sprintf('fill-%04d', $i), 'post_status' => 'publish', 'post_author' => 1,
                'post_content' => "<!-- wp:paragraph -->\n<p>Filler post $i, <em>for</em> the mirror benchmark.</p>\n<!-- /wp:paragraph -->",
                'post_date_gmt' => gmdate('Y-m-d H:i:s', gmmktime(8, 0, 0, 6, 1, 2022) + $i * 3600), 'post_date' => gmdate('Y-m-d H:i:s', gmmktime(8, 0, 0, 6, 1, 2022) + $i * 3600)]);
        }
        echo wp_count_posts('post')->publish, "\n";
        break;
    case 'unfill':
        global $wpdb;
        $ids = $wpdb->get_col("SELECT ID FROM $wpdb->posts WHERE post_name LIKE 'fill-%' AND post_type = 'post'");
        foreach ($ids as $id) wp_delete_post($id, true);
        echo count($ids), "\n";
        break;
    default:
        fwrite(STDERR, "mirror: unknown action $action\n");
        exit(2);
}
