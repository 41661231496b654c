import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, samplePost } from './helpers.js';

/**
 * A fault-injecting HTTP server on 127.0.0.1. Every fault gets its documented behaviour: a
 * retry where retrying helps, else one line on stderr and exit 3; never a stack trace or a hang.
 */
let server: Server;
let base = '';
const attempts = new Map<string, number>();
const post = JSON.stringify(samplePost({ title: { rendered: 'Recovered' } }));
// 200 MiB of spaces, about 200 KiB compressed: under the size cap until decompressed.
const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 });

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').searchParams.get('rest_route') ?? '';
    const attempt = (attempts.get(path) ?? 0) + 1;
    attempts.set(path, attempt);
    const ok = (): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(post);
    };
    switch (path) {
      case '/reset-always':
        return void req.socket.destroy();
      case '/reset-once':
        return attempt === 1 ? void req.socket.destroy() : ok();
      case '/no-headers':
        return; // never answers
      case '/stalled-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"id": 1, "title": {"rendered": "');
        return; // and nothing more
      case '/truncated':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(post.length + 50) });
        res.end(post.slice(0, 40));
        return void req.socket.destroy();
      case '/wrong-type':
        res.writeHead(200, { 'content-type': 'image/png' });
        return void res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      case '/challenge':
        res.writeHead(503, { 'content-type': 'text/html' });
        return void res.end('<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>');
      case '/loop':
        res.writeHead(301, { location: `${base}/?rest_route=/loop` });
        return void res.end();
      case '/to-file':
        res.writeHead(302, { location: 'file:///etc/passwd' });
        return void res.end();
      case '/to-javascript':
        res.writeHead(302, { location: 'javascript:alert(1)' });
        return void res.end();
      case '/429-once':
        if (attempt === 1) {
          res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
          return void res.end('{"code":"too_many_requests","message":"Slow down"}');
        }
        return ok();
      case '/500-always':
        res.writeHead(500, { 'content-type': 'text/html' });
        return void res.end('<html><head><title>Internal Server Error</title></head></html>');
      case '/invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"id": 1, "title": ');
      case '/too-big':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(`{"id":1,"pad":"${'x'.repeat(300 * 1024)}"}`);
      case '/gzip-bomb': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        return void res.end(bomb);
      }
      case '/bad-gzip':
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        return void res.end('this is not gzip');
      default:
        return ok();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const url = (route: string): string => `${base}/?rest_route=${route}`;
const fast = ['--retries', '2', '--timeout', '1', '--max-size', '256k'];

describe('faults', () => {
  it.each([
    ['/reset-once', 'a reset connection is retried'],
    ['/429-once', '429 waits for Retry-After and retries'],
  ])('%s: %s', async (route) => {
    const result = await runCli(['-f', 'json', ...fast, url(route)]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect((JSON.parse(result.stdout) as { title: string }).title).toBe('Recovered');
  });

  it.each([
    ['/reset-always', 'connection (reset|closed)'],
    ['/no-headers', 'timed out after 1 s'],
    ['/stalled-body', 'timed out after 1 s'],
    ['/truncated', 'connection|request failed|terminated'],
    ['/wrong-type', 'expected JSON, got image/png \\(4 bytes\\)'],
    ['/challenge', 'HTTP 503 .*an HTML page titled "Just a moment\\.\\.\\."'],
    ['/loop', 'too many redirects \\(more than 5\\)'],
    ['/to-file', 'will not follow a redirect to a file: address'],
    ['/to-javascript', 'will not follow a redirect to a javascript: address'],
    ['/500-always', 'HTTP 500 .*Internal Server Error'],
    ['/invalid-json', 'the server sent invalid JSON \\(HTTP 200\\)'],
    ['/too-big', 'response is larger than 256 KiB \\(raise --max-size\\)'],
    ['/gzip-bomb', 'decompressed response is larger than 256 KiB'],
    ['/bad-gzip', 'cannot decompress the gzip response'],
  ])('%s: one line, exit 3', async (route, message) => {
    const started = Date.now();
    const result = await runCli([...fast, url(route)]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^wp-extract: ${url(route).replace(/[?]/g, '\\?')}: .*(${message})[^\\n]*\\n$`));
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('keeps credentials in an address out of every message', async () => {
    const result = await runCli(['--verbose', ...fast, `http://admin:s3cret-pass@127.0.0.1:${new URL(base).port}/?rest_route=/500-always`]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('HTTP 500');
    expect(result.stderr).not.toContain('s3cret');
  });
});
