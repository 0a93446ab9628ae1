/**
 * Named terms of the chapters' equations, which a chart can tie a curve to by the same name.
 *
 * In TeX a term is marked `\htmlData{term=reconstruction}{…}`; KaTeX renders it as an element with
 * `data-term="reconstruction"`, rehypeTerms makes it focusable and named, and src/scripts/termLinks.ts
 * highlights every element of the page with the same data-term. KaTeX's `trust` is narrowed to
 * exactly that command with a known term: any other trust-gated command (\href, \htmlStyle, …) or an
 * unknown term name throws, which rehypeKatexStrict turns into a build error naming the file.
 * Pure: no Node or DOM APIs (the browser scripts import TERMS too).
 */

/** The known terms: slug → accessible name. The slug is the data-term value, the class suffix and the CSS colour's name (--term-<slug>). */
export const TERMS = {
  reconstruction: { name: 'reconstruction term' },
  'prior-matching': { name: 'prior matching term' },
  'denoising-matching': { name: 'denoising matching term' },
  evidence: { name: 'evidence, log p(x)' },
  elbo: { name: 'evidence lower bound' },
  'kl-gap': { name: 'KL gap to the true posterior' },
  'score-function': { name: 'score-function gradient estimator' },
  pathwise: { name: 'reparameterized (pathwise) gradient estimator' },
  // The HVAE's own three (eq. hvae-elbo-layers): separate from the VAE's, so pointing at one model's term does not light up the other model's curves.
  'hvae-reconstruction': { name: 'reconstruction term of the hierarchical VAE' },
  consistency: { name: 'consistency term of a middle latent layer' },
  'top-prior-matching': { name: 'prior matching term of the top latent layer' },
} as const satisfies Record<string, { name: string }>;

export type TermSlug = keyof typeof TERMS;

/** Whether `value` names a known term. */
export function isTermSlug(value: unknown): value is TermSlug {
  return typeof value === 'string' && Object.hasOwn(TERMS, value);
}

/** KaTeX's description of a trust-gated command (see KaTeX's `trust` option). */
export interface TrustContext {
  command: string;
  attributes?: Record<string, string>;
  [key: string]: unknown;
}

/** KaTeX `trust`: true only for `\htmlData{term=<known slug>}`; throws (failing the build) for anything else. */
export function katexTrust(context: TrustContext): boolean {
  const known = Object.keys(TERMS).join(', ');
  if (context.command !== '\\htmlData') {
    throw new Error(`${context.command} is not allowed in chapters; the only trusted command is \\htmlData{term=…} (known terms: ${known})`);
  }
  const keys = Object.keys(context.attributes ?? {});
  const value = context.attributes?.['data-term'];
  if (keys.length !== 1 || keys[0] !== 'data-term') {
    throw new Error(`\\htmlData may carry only the key "term" (got ${keys.map((k) => k.replace(/^data-/, '')).join(', ') || 'none'}); known terms: ${known}`);
  }
  if (!isTermSlug(value)) throw new Error(`\\htmlData{term=${value}}: "${value}" is not a known term (known terms: ${known}; add it to src/markdown/terms.ts)`);
  return true;
}

/** KaTeX `strict`: every LaTeX incompatibility is an error, except the HTML extension, which katexTrust gates. */
export function katexStrict(errorCode: string): 'error' | 'ignore' {
  return errorCode === 'htmlExtension' ? 'ignore' : 'error';
}

const MARK = /\\htmlData\s*\{\s*term\s*=\s*[^}]*\}\s*\{/;

/** The TeX with every `\htmlData{term=…}{body}` replaced by its body (for copy-paste TeX and source comparisons). */
export function stripTermMarks(tex: string): string {
  let out = tex;
  // Each pass removes the first mark left (a non-global regex keeps no state between calls).
  for (let match = MARK.exec(out); match; match = MARK.exec(out)) {
    const open = match.index + match[0].length; // just after the body's "{"
    let depth = 1;
    let i = open;
    for (; i < out.length && depth > 0; i++) {
      if (out[i] === '\\')
        i++; // skip escaped characters such as \{ and \}
      else if (out[i] === '{') depth++;
      else if (out[i] === '}') depth--;
    }
    if (depth !== 0) throw new Error(`stripTermMarks: unbalanced braces after ${match[0]}`);
    out = out.slice(0, match.index) + out.slice(open, i - 1) + out.slice(i);
  }
  return out;
}
