/** The part of a writable stream the output stage needs. */
export interface TextSink {
  write(chunk: string): boolean | void;
  once?(event: 'drain', listener: () => void): unknown;
}

/**
 * Writes text to a sink, waiting for `drain` when the sink asks to, so that a large output
 * through a slow pipe does not pile up in memory.
 */
export async function writeText(sink: TextSink, text: string): Promise<void> {
  if (text === '') return;
  const more = sink.write(text);
  if (more === false && sink.once) {
    await new Promise<void>((resolve) => sink.once?.('drain', resolve));
  }
}
