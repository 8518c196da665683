import { jsonNestingDepth } from '../core/jsonNestingDepth.js';
import type { CollectIssueCode } from './messages.js';

/** What reading a request body gave: the parsed JSON, or why it was refused. */
export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: number; code: CollectIssueCode; params?: Record<string, unknown> };

const MAX_DEPTH = 32;

/**
 * Reads a JSON body without trusting the client: the content type must be JSON, the size is
 * counted while streaming (a lying Content-Length cannot get past it), and nesting deeper than a
 * response can ever be is refused before anything else looks at it.
 */
export async function readJsonBody(request: Request, limit: number): Promise<BodyResult> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    return { ok: false, status: 415, code: 'unsupported_media_type' };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return { ok: false, status: 413, code: 'body_too_large', params: { limit } };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return { ok: false, status: 413, code: 'body_too_large', params: { limit } };
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, code: 'invalid_json' };
  }
  if (jsonNestingDepth(text) > MAX_DEPTH)
    return { ok: false, status: 400, code: 'too_deep', params: { limit: MAX_DEPTH } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, code: 'invalid_json' };
  }
}
