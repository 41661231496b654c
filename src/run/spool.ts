import { createReadStream, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary file that keeps a stream (stdin) while it is read once, so that it can be read
 * a second time; removed afterwards.
 */
export class Spool {
  private constructor(
    private readonly dir: string,
    private readonly file: FileHandle,
  ) {}

  static async create(): Promise<Spool> {
    const dir = await fsp.mkdtemp(join(tmpdir(), 'wp-extract-'));
    return new Spool(dir, await fsp.open(join(dir, 'input'), 'w'));
  }

  /** The chunks, written to the file as they pass. */
  async *keep(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of chunks) {
      await this.file.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      yield chunk;
    }
    await this.file.close();
  }

  /** What was kept. */
  read(): AsyncIterable<Uint8Array> {
    return createReadStream(join(this.dir, 'input'), { highWaterMark: 64 * 1024 });
  }

  async remove(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await fsp.rm(this.dir, { recursive: true, force: true });
  }
}
