/**
 * What the readers accept: bytes (a `Buffer` or `Uint8Array`), text already decoded, a Node
 * readable stream or any async iterable of byte chunks, or a web `ReadableStream`.
 */
export type ResponseInput =
  | Uint8Array
  | string
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array>
  | ReadableStream<Uint8Array>;

/** The input as a stream of chunks, counting the bytes that pass for `onProgress`. */
export async function* byteChunks(
  input: ResponseInput,
  onProgress?: (bytesRead: number) => void,
): AsyncGenerator<Uint8Array | string> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    yield input;
    onProgress?.(typeof input === 'string' ? input.length : input.byteLength);
    return;
  }
  let read = 0;
  // Node streams and web ReadableStreams are both async iterable in Node 20.
  const source = input as AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>;
  for await (const chunk of source) {
    yield chunk;
    read += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
    onProgress?.(read);
  }
}
