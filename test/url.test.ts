import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, samplePost } from './helpers.js';

/**
 * URL input against a real HTTP server on 127.0.0.1: both route forms, discovery from a post
 * page, redirects, WordPress error bodies, HTML answers, compression, size and time limits.
 */
let server: Server;
let base = '';
const requests: string[] = [];

const post = (id: number, title: string): Record<string, unknown> =>
  samplePost({ id, title: { rendered: title }, slug: `post-${id}`, link: `${base}/post-${id}/` });

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=UTF-8', ...headers });
  res.end(body);
}

const invalidId = { code: 'rest_post_invalid_id', message: 'Invalid post ID.', data: { status: 404 } };

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', base);
  requests.push(url.pathname + url.search);
  const restRoute = url.searchParams.get('rest_route');
  const path = restRoute ?? url.pathname;
  switch (path) {
    case '/wp-json/wp/v2/posts/5':
      return json(res, 200, post(5, 'Pretty route'));
    case '/wp/v2/posts/6':
      return json(res, 200, post(6, 'Plain route'));
    case '/wp-json/wp/v2/posts/7':
      return json(res, 404, invalidId);
    case '/wp-json/wp/v2/pages/7':
      return json(res, 200, { ...post(7, 'A page'), type: 'page' });
    case '/wp-json/wp/v2/posts':
      return json(res, 200, url.searchParams.get('slug') === 'by-slug' ? [post(8, 'Found by slug')] : []);
    case '/wp-json/wp/v2/pages':
      return json(res, 200, []);
    case '/wp-json/wp/v2/posts/404':
      return json(res, 404, invalidId);
    case '/wp-json/wp/v2/posts/draft':
      return json(res, 401, { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 401 } });
    case '/2024/01/discovered/':
      return html(res, 200, `<html><head><link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/5"></head><body>x</body></html>`);
    case '/header-page/':
      return html(res, 200, '<html><body>no tags</body></html>', {
        link: `<${base}/?rest_route=/wp/v2/posts/6>; rel="alternate"; type="application/json"`,
      });
    case '/shortlink-page/':
      return html(res, 200, `<html><head><link rel='shortlink' href='${base}/?p=7'></head></html>`);
    case '/2024/02/by-slug/':
      return html(res, 200, '<html><head><title>By slug</title></head></html>');
    case '/not-wordpress/':
      return html(res, 200, '<html><head><title>Plain site</title></head></html>');
    case '/moved':
      res.writeHead(301, { location: '/wp-json/wp/v2/posts/5' });
      return void res.end();
    case '/wp-json/loop':
      res.writeHead(302, { location: '/wp-json/loop' });
      return void res.end();
    case '/wp-json/to-ftp':
      res.writeHead(302, { location: 'ftp://127.0.0.1/file' });
      return void res.end();
    case '/wp-json/challenge':
      return html(res, 403, '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>');
    case '/wp-json/html-200':
      return html(res, 200, '<html><head><title>Maintenance &amp; more</title></head></html>');
    case '/wp-json/broken':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"id": 5, "title": ');
    case '/wp-json/gzip': {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return void res.end(gzipSync(JSON.stringify(post(9, 'Compressed'))));
    }
    case '/wp-json/big':
      return json(res, 200, { ...post(10, 'Big'), padding: 'x'.repeat(200_000) });
    case '/wp-json/slow':
      setTimeout(() => json(res, 200, post(11, 'Too late')), 3000);
      return;
    default:
      return json(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const titleOf = (stdout: string): unknown => (JSON.parse(stdout) as { title: unknown }).title;

describe('URL input', () => {
  it('reads a pretty REST route', async () => {
    const result = await runCli(['-f', 'json', `${base}/wp-json/wp/v2/posts/5`]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(titleOf(result.stdout)).toBe('Pretty route');
  });

  it('reads a URL from the built command too (the bundle loads undici on demand)', async () => {
    const bin = fileURLToPath(new URL('../bin/wp-extract.js', import.meta.url));
    // Asynchronous: the server runs in this process and must answer while the command waits.
    const child = spawn(process.execPath, [bin, '-f', 'json', `${base}/?rest_route=/wp/v2/posts/6`]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(titleOf(stdout)).toBe('Plain route');
  });

  it('reads a ?rest_route= address', async () => {
    const result = await runCli(['-f', 'json', `${base}/?rest_route=/wp/v2/posts/6`]);
    expect(titleOf(result.stdout)).toBe('Plain route');
  });

  it('discovers the REST address from a <link> tag on a post page', async () => {
    const result = await runCli(['-f', 'json', `${base}/2024/01/discovered/`]);
    expect(result.code).toBe(0);
    expect(titleOf(result.stdout)).toBe('Pretty route');
  });

  it('discovers it from a Link header', async () => {
    expect(titleOf((await runCli(['-f', 'json', `${base}/header-page/`])).stdout)).toBe('Plain route');
  });

  it('falls back to the shortlink id, trying pages after posts', async () => {
    requests.length = 0;
    const result = await runCli(['-f', 'json', `${base}/shortlink-page/`]);
    expect(titleOf(result.stdout)).toBe('A page');
    expect(requests).toEqual(['/shortlink-page/', '/wp-json/wp/v2/posts/7', '/wp-json/wp/v2/pages/7']);
  });

  it('falls back to a ?slug= query', async () => {
    expect(titleOf((await runCli(['-f', 'json', `${base}/2024/02/by-slug/`])).stdout)).toBe('Found by slug');
  });

  it('follows a redirect', async () => {
    expect(titleOf((await runCli(['-f', 'json', `${base}/moved`])).stdout)).toBe('Pretty route');
  });

  it('decompresses gzip', async () => {
    expect(titleOf((await runCli(['-f', 'json', `${base}/wp-json/gzip`])).stdout)).toBe('Compressed');
  });

  it.each([
    ['/wp-json/wp/v2/posts/404', [], 'WordPress error rest_post_invalid_id (HTTP 404): Invalid post ID.'],
    ['/wp-json/wp/v2/posts/draft', [], 'WordPress error rest_forbidden (HTTP 401): Sorry, you are not allowed to do that.'],
    ['/wp-json/challenge', [], 'HTTP 403 from'],
    ['/wp-json/challenge', [], 'an HTML page titled "Just a moment..."'],
    ['/wp-json/html-200', [], 'expected JSON, got an HTML page titled "Maintenance & more"'],
    ['/wp-json/broken', [], 'the server sent invalid JSON (HTTP 200)'],
    ['/wp-json/loop', [], 'too many redirects (more than 2)'],
    ['/wp-json/to-ftp', [], 'will not follow a redirect to a ftp: address'],
    ['/wp-json/big', ['--max-size', '100k'], 'response is larger than 100 KiB'],
    ['/wp-json/slow', ['--timeout', '0.5'], 'timed out after 0.5 s'],
    ['/not-wordpress/', [], 'no WordPress REST address found on this page'],
  ])('%s %j: one line, exit 3', async (path, args, message) => {
    const result = await runCli([...args, '--max-redirects', '2', `${base}${path}`]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(new RegExp(`^wp-extract: ${base}${path.replace(/[?]/g, '\\?')}: [^\\n]+\\n$`));
  });

  it('says so when nothing listens', async () => {
    const result = await runCli(['http://127.0.0.1:9/wp-json/wp/v2/posts/1']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('wp-extract: http://127.0.0.1:9/wp-json/wp/v2/posts/1: connection refused\n');
  });
});
