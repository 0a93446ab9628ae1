/**
 * Makes bad math fail the build. rehype-katex catches KaTeX errors, records a message on the file
 * and renders red text; this plugin, run right after it, turns those messages into one error that
 * names the file, the line and the offending TeX.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { toText } from 'hast-util-to-text';

/** The rehype plugin; see the module comment. */
export default function rehypeKatexStrict() {
  return (_tree: Root, file: VFile) => {
    const problems = file.messages.filter((m) => m.source === 'rehype-katex');
    if (problems.length === 0) return;
    const lines = problems.map((m) => {
      const node = m.ancestors?.at(-1);
      const tex = node ? toText(node as never, { whitespace: 'pre' }).trim() : '';
      const reason = m.cause instanceof Error ? m.cause.message : m.reason;
      // The rendered <code> has no position of its own; its <pre> or wrapper does.
      const start = m.place && 'line' in m.place ? m.place : m.ancestors?.findLast((a) => a.position)?.position?.start;
      return `${file.path}:${start?.line ?? '?'}:${start?.column ?? '?'}: KaTeX error: ${reason}\n    TeX: ${tex}`;
    });
    throw new Error(`Bad math in ${file.path} (${problems.length} error${problems.length > 1 ? 's' : ''}):\n${lines.join('\n')}`);
  };
}
