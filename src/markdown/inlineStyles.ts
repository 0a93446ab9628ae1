/**
 * KaTeX places glyphs with `style` attributes: ~10,000 on /diffusion/, 624 distinct over the chapters. Each is parsed
 * on its own and keeps its element out of the browser's style caches, and together they were ~14 %
 * of the chapter's HTML. After the build, each distinct style becomes one class in one stylesheet
 * (src/integrations/inlineStyles.ts). Its declarations are `!important`, so that, like the inline
 * style they replace, they win over KaTeX's own class rules. Pure string work, no DOM.
 *
 * Only the shapes of span KaTeX writes are touched: `<span style>`, `<span class style>`, each with an
 * optional `aria-hidden="true"`; anything else keeps its attribute.
 */

/** The classes handed out so far, one per distinct style, named in the order first met. */
export interface StyleClasses {
  /** The class of `style` (a new one for a style not met before). */
  classOf(style: string): string;
  /** How many distinct styles have a class. */
  readonly size: number;
  /** One rule per class: the style's declarations, each `!important`. */
  css(): string;
}

export function createStyleClasses(prefix = 'ks'): StyleClasses {
  const classes = new Map<string, string>();
  return {
    classOf(style) {
      let name = classes.get(style);
      if (!name) classes.set(style, (name = `${prefix}${classes.size.toString(36)}`));
      return name;
    },
    get size() {
      return classes.size;
    },
    css: () =>
      [...classes]
        .map(([style, name]) => {
          const declarations = style
            .split(';')
            .map((d) => d.trim())
            .filter(Boolean)
            .map((d) => `${d} !important`);
          return `.${name}{${declarations.join(';')}}`;
        })
        .join('\n'),
  };
}

const KATEX_STYLED_SPAN = /<span(?: class="([^"]*)")? style="([^"]*)"( aria-hidden="true")?>/g;

/** `html` with the style attribute of each KaTeX span replaced by its class; `moved` counts them. */
export function moveInlineStyles(html: string, classes: StyleClasses): { html: string; moved: number } {
  let moved = 0;
  const out = html.replace(KATEX_STYLED_SPAN, (_all, cls: string | undefined, style: string, hidden: string | undefined) => {
    moved++;
    const name = classes.classOf(style);
    return `<span class="${cls ? `${cls} ${name}` : name}"${hidden ?? ''}>`;
  });
  return { html: out, moved };
}

/** `html` with a stylesheet link as the last element of its head (after the chapter's CSS, which it overrides). */
export function linkStylesheet(html: string, href: string): string {
  const end = html.indexOf('</head>');
  if (end < 0) throw new Error('linkStylesheet: the page has no </head>');
  return `${html.slice(0, end)}<link rel="stylesheet" href="${href}">${html.slice(end)}`;
}
