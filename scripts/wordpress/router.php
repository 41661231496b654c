<?php
// Router for `php -S`: wp-content lives outside the document root, so serve it from there;
// everything else goes to WordPress as usual.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (strncmp($path, '/wp-content/', 12) === 0) {
    $base = realpath(getenv('WP_E2E_CONTENT'));
    $file = realpath($base . substr($path, 11));
    if ($file === false || strncmp($file, $base . '/', strlen($base) + 1) !== 0 || !is_file($file)) {
        http_response_code(404);
        return true;
    }
    header('Content-Type: ' . mime_content_type($file));
    header('Content-Length: ' . filesize($file));
    readfile($file);
    return true;
}
return false;
