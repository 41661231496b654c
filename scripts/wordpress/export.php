<?php
// Writes the end-to-end site's WXR export with WordPress's own exporter (Tools → Export, all
// content) to the path given as the first argument.
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp(['content' => 'all']);
file_put_contents($argv[1], ob_get_clean());
