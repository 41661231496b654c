<?php
// Installs and fills the end-to-end WordPress once: posts (more than 100, so paging is real)
// with categories, tags and authors whose names hold `&` and apostrophes, a featured image,
// Booster-style widgets in the rendered content, pages with parents, a custom post type, a draft, a
// private and a password-protected post. Writes $WP_E2E_STATE/env for the tests.
$state = getenv('WP_E2E_STATE');
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
define('WP_INSTALLING', !file_exists("$state/installed"));
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

if (!is_blog_installed()) {
    wp_install('wp-extract e2e', 'admin', 'admin@example.com', true, '', 'admin-password-e2e');
}
touch("$state/installed");

if (get_option('wp_extract_e2e_seeded')) {
    if ((int) get_option('wp_extract_e2e_seeded') < 2) seed_classic();
    if ((int) get_option('wp_extract_e2e_seeded') < 3) seed_site();
    if ((int) get_option('wp_extract_e2e_seeded') < 4) seed_moving();
    if ((int) get_option('wp_extract_e2e_seeded') < 5) seed_media();
    if ((int) get_option('wp_extract_e2e_seeded') < 6) seed_menu();
    echo "seed: already seeded\n";
    write_env($state);
    exit(0);
}


$alice = user('alice', "Alice O'Hara", 'author');
$bob = user('bob', 'Bob & Sons', 'editor');
$news = term("News & Views", 'news-views', 'category');
$rock = term("Rock 'n' Roll", 'rock-n-roll', 'category');
$tom = term('Tom & Jerry', 'tom-jerry', 'post_tag');
$its = term("it's", 'its', 'post_tag');

// A real PNG for the featured image and the images in content.
$attachment = upload_image('e2e-pixel.png', 8, 8, [200, 40, 40], 'A red square');
$image_url = wp_get_attachment_url($attachment);

$total = 120;
for ($i = 1; $i <= $total; $i++) {
    $content = "<!-- wp:paragraph -->\n<p>Body of post $i, with a <a href=\"/about-us/\">relative link</a> and “curly quotes”.</p>\n<!-- /wp:paragraph -->";
    if ($i % 10 === 1) $content .= "\n<figure class=\"wp-block-image\"><img src=\"$image_url\" alt=\"Red square in post $i\"/><figcaption>Caption $i</figcaption></figure>";
    $id = wp_insert_post([
        'post_title' => sprintf('Post %03d: Tom & Jerry’s “day”', $i),
        'post_name' => sprintf('post-%03d', $i),
        'post_content' => $content,
        'post_excerpt' => '',
        'post_status' => 'publish',
        'post_author' => $i % 2 ? $alice : $bob,
        'post_date_gmt' => gmdate('Y-m-d H:i:s', gmmktime(9, 30, 0, 1, $i, 2024)),
        'post_date' => gmdate('Y-m-d H:i:s', gmmktime(9, 30, 0, 1, $i, 2024)),
        'post_category' => [$i % 3 ? $news : $rock],
        'tags_input' => $i % 4 ? ['Tom & Jerry'] : ["it's", 'Tom & Jerry'],
    ], true);
    if (is_wp_error($id)) die('seed: ' . $id->get_error_message() . "\n");
    if ($i <= 10) set_post_thumbnail($id, $attachment);
    // The mu-plugin wraps these posts in Booster's blocks, through the_content as Booster does.
    if ($i % 5 === 0) update_post_meta($id, 'e2e_booster', 1);
}

$about = wp_insert_post(['post_type' => 'page', 'post_title' => 'About us', 'post_name' => 'about-us', 'post_status' => 'publish', 'post_content' => '<p>Who we are.</p>', 'post_author' => $bob]);
wp_insert_post(['post_type' => 'page', 'post_title' => 'Our team', 'post_name' => 'our-team', 'post_status' => 'publish', 'post_parent' => $about, 'post_content' => '<p>The people.</p>', 'post_author' => $bob]);
for ($i = 1; $i <= 3; $i++) {
    wp_insert_post(['post_type' => 'book', 'post_title' => "Book $i", 'post_name' => "book-$i", 'post_status' => 'publish', 'post_content' => "<p>Chapter one of book $i.</p>", 'post_author' => $alice]);
}
wp_insert_post(['post_title' => 'Secret draft', 'post_name' => 'secret-draft', 'post_status' => 'draft', 'post_content' => '<p>Not yet.</p>', 'post_author' => $alice, 'post_category' => [$news]]);
wp_insert_post(['post_title' => 'Private thoughts', 'post_name' => 'private-thoughts', 'post_status' => 'private', 'post_content' => '<p>Only for us.</p>', 'post_author' => $alice, 'post_category' => [$news]]);
wp_insert_post(['post_title' => 'Members only', 'post_name' => 'members-only', 'post_status' => 'publish', 'post_password' => 'open-sesame', 'post_content' => '<p>The secret.</p>', 'post_author' => $bob, 'post_date_gmt' => '2023-06-01 00:00:00', 'post_date' => '2023-06-01 00:00:00', 'post_category' => [$rock]]);

update_option('wp_extract_e2e_seeded', 1);
seed_classic();
seed_site();
seed_moving();
seed_media();
seed_menu();
echo "seed: $total posts, 2 pages, 3 books, a draft, a private and a protected post, 4 classic posts\n";
write_env($state);

// Classic-editor posts (no blocks): what an export holds raw and WordPress renders with
// wpautop, wptexturize and shortcodes, for the comparison of exports with crawls.
function seed_classic() {
    $alice = get_user_by('login', 'alice')->ID;
    $attachment = get_posts(['post_type' => 'attachment', 'numberposts' => 1, 'post_status' => 'inherit'])[0]->ID;
    $image_url = wp_get_attachment_url($attachment);
    $posts = [
        'classic-paragraphs' => "First paragraph with \"straight quotes\", it's an apostrophe -- and a dash... done.\n\nSecond paragraph\nwith a line break.\n\n<pre>code   stays\n\n  as is</pre>\n<ul>\n\t<li>One</li>\n\t<li>Two</li>\n</ul>\nLast words.",
        'classic-caption' => "Before the picture.\n\n[caption id=\"attachment_$attachment\" align=\"aligncenter\" width=\"8\"]<img class=\"size-full wp-image-$attachment\" src=\"$image_url\" alt=\"A red square\" width=\"8\" height=\"8\" /> The square, captioned[/caption]\n\nAfter the picture.",
        'classic-more' => "The teaser paragraph.\n\n<!--more-->\n\nThe rest, after the fold.\n\n[gallery ids=\"$attachment\" link=\"file\"]",
        'classic-shortcodes' => "Share this: [booster-extension-ss]\n\nAn unknown one stays: [unknown_widget id=\"3\"]\n\n<!--nextpage-->\n\nPage two.",
    ];
    $day = 1;
    foreach ($posts as $slug => $content) {
        if (get_page_by_path($slug, OBJECT, 'post')) continue;
        $date = gmdate('Y-m-d H:i:s', gmmktime(8, 0, 0, 2, $day++, 2023));
        wp_insert_post(['post_title' => ucfirst(str_replace('-', ' ', $slug)), 'post_name' => $slug, 'post_content' => $content, 'post_status' => 'publish', 'post_author' => $alice, 'post_date' => $date, 'post_date_gmt' => $date], true);
    }
    update_option('wp_extract_e2e_seeded', 2);
}

// Pretty permalinks (/2024/01/03/slug/, pages under their parents), as most sites have, and a
// post that links to the others in every form an author or WordPress writes: for the static
// site builds, whose link check follows them.
function seed_site() {
    update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
    flush_rewrite_rules(false);
    $id = fn($slug, $type = 'post') => get_page_by_path($slug, OBJECT, $type)->ID;
    $home = home_url('/');
    $draft = get_posts(['name' => 'secret-draft', 'post_status' => 'draft', 'numberposts' => 1])[0]->ID;
    $links = implode("\n", [
        '<!-- wp:paragraph -->',
        '<p>Links: <a href="' . $home . '2024/01/01/post-001">a permalink without its slash</a>, '
            . '<a href="' . $home . '?p=' . $id('post-002') . '#top">a shortlink with a fragment</a>, '
            . '<a href="' . $home . '?page_id=' . $id('about-us/our-team', 'page') . '">a page by id</a>, '
            . '<a href="/2024/01/04/post-004/">a root-relative permalink</a>, '
            . '<a href="' . $home . 'about-us/our-team/">a page under its parent</a>, '
            . '<a href="' . $home . '?p=' . $draft . '">a draft</a> and '
            . '<a href="https://wordpress.org/">another site</a>.</p>',
        '<!-- /wp:paragraph -->',
    ]);
    if (!get_page_by_path('links-everywhere', OBJECT, 'post')) {
        wp_insert_post(['post_title' => 'Links everywhere', 'post_name' => 'links-everywhere', 'post_content' => $links, 'post_status' => 'publish', 'post_author' => 1,
            'post_date' => '2023-03-01 08:00:00', 'post_date_gmt' => '2023-03-01 08:00:00'], true);
    }
    update_option('wp_extract_e2e_seeded', 3);
}

// What a site that moves holds beyond its posts: a post with 15 tags (more than ?_embed's 10),
// a custom taxonomy, custom fields (one an array, serialized in the export), an SEO description,
// a post renamed after it was published (WordPress keeps its old slug), and a post about Hugo
// that shows Hugo's shortcodes as text and code.
function seed_moving() {
    $alice = get_user_by('login', 'alice')->ID;
    wp_update_user(['ID' => $alice, 'description' => 'Alice writes about records & players.']);
    $tags = array_map(fn($i) => sprintf('Tag %02d', $i), range(1, 15));
    if (!get_page_by_path('many-tags', OBJECT, 'post')) {
        $id = wp_insert_post(['post_title' => 'Fifteen tags and a genre', 'post_name' => 'many-tags', 'post_status' => 'publish', 'post_author' => $alice,
            'post_content' => "<!-- wp:paragraph -->\n<p>Filed under many terms.</p>\n<!-- /wp:paragraph -->", 'tags_input' => $tags,
            'post_date' => '2023-04-01 08:00:00', 'post_date_gmt' => '2023-04-01 08:00:00'], true);
        wp_set_object_terms($id, ['Jazz', 'Modal jazz'], 'genre');
        update_post_meta($id, 'price', '24.90');
        update_post_meta($id, 'specs', ['label' => 'Columbia', 'year' => 1959]);
        update_post_meta($id, '_yoast_wpseo_metadesc', 'Fifteen tags, two genres and a price.');
    }
    if (!get_page_by_path('renamed-post', OBJECT, 'post')) {
        $id = wp_insert_post(['post_title' => 'A post renamed', 'post_name' => 'first-name', 'post_status' => 'publish', 'post_author' => $alice,
            'post_content' => '<p>Its first slug was first-name.</p>', 'post_date' => '2023-04-02 08:00:00', 'post_date_gmt' => '2023-04-02 08:00:00'], true);
        // Renaming a published post: WordPress keeps the old slug in _wp_old_slug and redirects it.
        wp_update_post(['ID' => $id, 'post_name' => 'renamed-post']);
    }
    if (!get_page_by_path('about-hugo', OBJECT, 'post')) {
        $content = "<!-- wp:paragraph -->\n<p>In Hugo, write {{&lt; notice warning &gt;}} or {{% note %}} in a page.</p>\n<!-- /wp:paragraph -->\n"
            . "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>{{&lt; figure src=\"a.jpg\" &gt;}}</code></pre>\n<!-- /wp:code -->";
        wp_insert_post(['post_title' => 'Shortcodes in Hugo', 'post_name' => 'about-hugo', 'post_status' => 'publish', 'post_author' => $alice,
            'post_content' => $content, 'post_date' => '2023-04-03 08:00:00', 'post_date_gmt' => '2023-04-03 08:00:00'], true);
    }
    update_option('wp_extract_e2e_seeded', 4);
}

// A large image, which WordPress keeps as a -scaled copy with smaller sizes, shown at its
// medium size in a post: what --image-size full takes back to the original upload.
function seed_media() {
    if (get_page_by_path('wide-image', OBJECT, 'post')) return;
    $id = upload_image('e2e-wide.jpg', 2700, 60, [40, 90, 200], 'A wide band');
    [$medium] = wp_get_attachment_image_src($id, 'medium');
    $content = "<!-- wp:image {\"id\":$id,\"sizeSlug\":\"medium\"} -->\n<figure class=\"wp-block-image size-medium\"><img src=\"$medium\" alt=\"A wide band\" class=\"wp-image-$id\"/></figure>\n<!-- /wp:image -->";
    $post = wp_insert_post(['post_title' => 'A wide image', 'post_name' => 'wide-image', 'post_status' => 'publish', 'post_author' => get_user_by('login', 'alice')->ID,
        'post_content' => $content, 'post_date' => '2023-04-04 08:00:00', 'post_date_gmt' => '2023-04-04 08:00:00'], true);
    set_post_thumbnail($post, $id);
    update_option('wp_extract_e2e_seeded', 5);
}

// A navigation menu: a page with a child page under it, a category, and another site.
function seed_menu() {
    $menu = wp_get_nav_menu_object('Main menu') ?: get_term(wp_create_nav_menu('Main menu'), 'nav_menu');
    $id = is_object($menu) ? $menu->term_id : $menu;
    $about = get_page_by_path('about-us', OBJECT, 'page')->ID;
    $team = get_page_by_path('about-us/our-team', OBJECT, 'page')->ID;
    $news = get_term_by('slug', 'news-views', 'category')->term_id;
    $top = wp_update_nav_menu_item($id, 0, ['menu-item-object-id' => $about, 'menu-item-object' => 'page', 'menu-item-type' => 'post_type', 'menu-item-status' => 'publish', 'menu-item-position' => 1]);
    wp_update_nav_menu_item($id, 0, ['menu-item-object-id' => $team, 'menu-item-object' => 'page', 'menu-item-type' => 'post_type', 'menu-item-parent-id' => $top, 'menu-item-status' => 'publish', 'menu-item-position' => 2]);
    wp_update_nav_menu_item($id, 0, ['menu-item-object-id' => $news, 'menu-item-object' => 'category', 'menu-item-type' => 'taxonomy', 'menu-item-status' => 'publish', 'menu-item-position' => 3]);
    wp_update_nav_menu_item($id, 0, ['menu-item-title' => 'WordPress', 'menu-item-url' => 'https://wordpress.org/', 'menu-item-type' => 'custom', 'menu-item-status' => 'publish', 'menu-item-position' => 4]);
    update_option('wp_extract_e2e_seeded', 6);
}

// An image of one colour in the uploads (a PNG or a JPEG, by its name), as an attachment with its sizes and alt text.
function upload_image($name, $width, $height, $rgb, $title) {
    $file = wp_upload_dir()['path'] . "/$name";
    $image = imagecreatetruecolor($width, $height);
    imagefill($image, 0, 0, imagecolorallocate($image, ...$rgb));
    $jpeg = str_ends_with($name, '.jpg');
    $jpeg ? imagejpeg($image, $file) : imagepng($image, $file);
    $id = wp_insert_attachment(['post_title' => $title, 'post_mime_type' => $jpeg ? 'image/jpeg' : 'image/png', 'post_status' => 'inherit'], $file);
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $file));
    update_post_meta($id, '_wp_attachment_image_alt', $title);
    return $id;
}

function user($login, $name, $role) {
    $existing = get_user_by('login', $login);
    if ($existing) return $existing->ID;
    return wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(), 'display_name' => $name, 'user_email' => "$login@example.com", 'role' => $role]);
}

function term($name, $slug, $taxonomy) {
    $found = get_term_by('slug', $slug, $taxonomy);
    if ($found) return $found->term_id;
    $term = wp_insert_term($name, $taxonomy, ['slug' => $slug]);
    return $term['term_id'];
}

function write_env($state) {
    $admin = get_user_by('login', 'admin');
    $file = "$state/app-password";
    if (!file_exists($file)) {
        [$password] = WP_Application_Passwords::create_new_application_password($admin->ID, ['name' => 'wp-extract e2e']);
        file_put_contents($file, $password);
    }
    $password = trim(file_get_contents($file));
    file_put_contents("$state/env", "WP_E2E_URL=" . home_url('/') . "\nWP_E2E_AUTH=admin:$password\n");
}
