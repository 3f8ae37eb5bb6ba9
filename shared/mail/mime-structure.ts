/**
 * A cheap first pass over a raw message: how many MIME parts it has, how deep they nest, and
 * whether it starts with a header section at all. It runs the same splitter mailparser runs
 * (`@zone-eu/mailsplit`, with mailparser's defaults), so it sees exactly the tree the parser will
 * build, and it stops as soon as a limit is crossed, before any part is decoded.
 */
import type { Transform } from 'node:stream';
import mailsplit, { type MimeNode, type SplitterChunk } from '@zone-eu/mailsplit';

const { Splitter } = mailsplit;

export type StructureVerdict =
  | { readonly ok: true; readonly parts: number; readonly depth: number }
  | {
      readonly ok: false;
      readonly problem:
        | 'too-many-parts'
        | 'too-deep'
        | 'header-too-large'
        | 'no-header'
        | 'split-failed'
        | 'timed-out';
    };

interface StructureLimits {
  readonly maxParts: number;
  readonly maxDepth: number;
}

// A field name is printable US-ASCII except the colon (RFC 5322 section 2.2).
const fieldName = /^[!-9;-~]+$/;

/**
 * Counts every node of the MIME tree (the root and the multipart containers included, as
 * mailparser's `maxChildNodes` does) and the nesting depth (the root is depth 0, a part of a
 * top-level multipart is depth 1). An attached `message/rfc822` is a leaf here, as it is for the
 * parser; an inline one is parsed and its parts count.
 */
export function scanStructure(
  raw: Buffer,
  limits: StructureLimits,
  deadline: AbortSignal,
): Promise<StructureVerdict> {
  return new Promise((resolve) => {
    let settled = false;
    let parts = 0;
    let depth = 0;
    const splitter = new Splitter({ maxChildNodes: limits.maxParts + 1 });
    const finish = (verdict: StructureVerdict): void => {
      if (settled) return;
      settled = true;
      resolve(verdict);
      if (!verdict.ok) splitter.destroy();
    };
    splitter.on('data', (chunk: SplitterChunk) => {
      if (settled || chunk.type !== 'node') return;
      const node = chunk;
      parts++;
      let nodeDepth = 0;
      for (let parent = node.parentNode; parent; parent = parent.parentNode) nodeDepth++;
      depth = Math.max(depth, nodeDepth);
      if (node.root && !hasHeaderField(node)) {
        finish({ ok: false, problem: 'no-header' });
      } else if (parts > limits.maxParts) {
        finish({ ok: false, problem: 'too-many-parts' });
      } else if (depth > limits.maxDepth) {
        finish({ ok: false, problem: 'too-deep' });
      }
    });
    // The splitter's typings declare only its 'data' event; the others are a Transform's.
    const stream = splitter as unknown as Transform;
    stream.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'EMAXLEN' && /header/i.test(error.message)) {
        finish({ ok: false, problem: 'header-too-large' });
      } else if (error.code === 'EMAXLEN') {
        finish({ ok: false, problem: 'too-many-parts' });
      } else {
        finish({ ok: false, problem: 'split-failed' });
      }
    });
    stream.on('end', () => finish({ ok: true, parts, depth }));
    deadline.addEventListener('abort', () => finish({ ok: false, problem: 'timed-out' }), { once: true });
    splitter.end(raw);
  });
}

function hasHeaderField(node: MimeNode): boolean {
  if (!node.headers) return false;
  return node.headers.getList().some((line) => fieldName.test(line.key));
}
