/**
 * The Content-Security-Policy every page carries (Astro adds script and style hashes). Chapters
 * arrive by pull request, so a page may load nothing from another origin and run no script that
 * the build did not emit.
 */
import type { AstroUserConfig } from 'astro';

type Csp = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;

export const cspDirectives = {
  scriptDirective: {
    // 'wasm-unsafe-eval': the TF.js WASM backend compiles WebAssembly; nothing else is relaxed.
    resources: ["'self'", "'wasm-unsafe-eval'"],
  },
  styleDirective: {
    // KaTeX positions glyphs with style="" attributes; style elements stay hash-only.
    resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' as const }],
  },
  directives: [
    "default-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
    "manifest-src 'self'",
  ],
} satisfies Csp;
