/**
 * Which KaTeX fonts a page needs for its first layout, and where to ask for them early. A browser
 * asks for a web font only once its layout meets text set in it, and until the font arrives KaTeX's
 * text is invisible (its faces block): on a slow phone the first screen's math appeared last.
 * Preloads fix that: placed where the blocks drawn at load end (just before the first block that
 * content-visibility may skip), at low priority, so that the stylesheets and the first screen's HTML,
 * which the first paint needs, come first. `npm run bench -- fonts` (a throttled phone: slow 4G, 4x
 * CPU) measured the first screen's fonts arriving 0.34–0.7 s sooner on every chapter, the first
 * paint within its run-to-run spread (−0.16 to +0.08 s). At the default priority the first paint came
 * ~0.1 s later; in the head, ~0.15 s later: their bytes competed with the ones the first paint waits for.
 *
 * "First layout" is what the browser lays out at load: everything except the blocks that
 * content-visibility lets it skip (src/scripts/blockSizes.ts's SKIPPABLE), less what is not rendered
 * at all (hidden, templates, closed details). KaTeX's faces are drawn in two places: KaTeX's own
 * math (`.katex`, KaTeX_Main unless a class says otherwise) and the labels of our SVG figures
 * (`.figure svg`, figures.css). The face of each text is found the way those stylesheets set it: the
 * nearest enclosing class that sets a family, a style or a weight. Rules and font files are read
 * from the built CSS, so neither is copied here. Pure functions over strings and a parsed tree.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { classesOf } from './hastClasses.ts';

/** A face as CSS matches it: family, style and weight (e.g. KaTeX_Math|italic|400). */
export type FaceKey = string;
const faceKey = (family: string, style: string, weight: string): FaceKey => `${family}|${style}|${weight === 'bold' ? '700' : weight}`;

/** One rule that sets part of a face on elements carrying all of `classes` (inside its scope). */
export interface FontRule {
  classes: string[];
  family?: string;
  style?: string;
  weight?: string;
}

/** The rules the page's CSS gives text inside KaTeX's math and inside our figures' SVG. */
export interface FontRules {
  katex: FontRule[];
  figure: FontRule[];
}

/** The value of `prop` in a declaration block, if set. */
const declaration = (body: string, prop: string) => body.match(new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`))?.[1].trim();

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The simple rules of `css` under `scope` (`.katex .a.b{font-family:…}` for scope `.katex`); rules
 * with other combinators are left out. In cascade order: a compound selector (more specific) after
 * the single classes it refines, source order otherwise.
 */
export function parseFontRules(css: string, scope: string): FontRule[] {
  const rules: FontRule[] = [];
  const shape = new RegExp(`^${scope.split(/\s+/).map(escapeRe).join('\\s+')}\\s+((?:\\.[\\w-]+)+)$`);
  for (const [, selectors, body] of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}@]+)\{([^{}]*)\}/g)) {
    const family = declaration(body, 'font-family')?.split(',')[0].trim().replace(/["']/g, '');
    const style = declaration(body, 'font-style');
    const weight = declaration(body, 'font-weight');
    if (!family && !style && !weight) continue;
    for (const selector of selectors.split(',')) {
      const m = selector.trim().match(shape);
      if (m) rules.push({ classes: m[1].slice(1).split('.'), family, style, weight });
    }
  }
  return rules.sort((a, b) => a.classes.length - b.classes.length);
}

/** The KaTeX and figure rules of the site's CSS. */
export const parseSiteFontRules = (css: string): FontRules => ({ katex: parseFontRules(css, '.katex'), figure: parseFontRules(css, '.figure svg') });

/** Each woff2 file of the @font-face rules in `css`, by face. */
export function parseFontFaces(css: string): Map<FaceKey, string> {
  const faces = new Map<FaceKey, string>();
  for (const [, body] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const family = declaration(body, 'font-family')?.replace(/["']/g, '');
    const url = body.match(/url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/)?.[1];
    if (family && url) faces.set(faceKey(family, declaration(body, 'font-style') ?? 'normal', declaration(body, 'font-weight') ?? '400'), url);
  }
  return faces;
}

/** The blocks content-visibility may skip: tags and classes from `selector`, from the `n + N`th child on. */
export interface Skippable {
  tags: Set<string>;
  classes: Set<string>;
  from: number;
}

/** Reads SKIPPABLE's shape: `article > :where(p, …, .equation, …):nth-child(n + 13)`. */
export function parseSkippable(selector: string): Skippable {
  const m = selector.match(/^article > :where\(([^)]*)\):nth-child\(n \+ (\d+)\)$/);
  if (!m) throw new Error(`fontPreloads: cannot read the skippable-block selector "${selector}"`);
  const parts = m[1].split(',').map((s) => s.trim());
  return {
    tags: new Set(parts.filter((p) => !p.startsWith('.'))),
    classes: new Set(parts.filter((p) => p.startsWith('.')).map((p) => p.slice(1))),
    from: Number(m[2]),
  };
}

const NEVER_DRAWN = new Set(['template', 'noscript', 'script', 'style']);
const notRendered = (el: Element): boolean => NEVER_DRAWN.has(el.tagName) || (el.properties.hidden !== undefined && el.properties.hidden !== false);

type Face = { family?: string; style?: string; weight?: string };
type Scope = 'page' | 'katex' | 'figure';

/** What the first layout of a page draws in KaTeX's faces, and where the blocks it draws end. */
export interface FirstLayout {
  faces: Set<FaceKey>;
  /** Offset in the HTML of the article's first block that may be skipped, or of its end; none without an article. */
  end?: number;
}

/** The KaTeX faces of the text that the first layout of `html` meets, and where the blocks drawn at load end. */
export function firstLayout(html: string, rules: FontRules, skippable: Skippable): FirstLayout {
  const faces = new Set<FaceKey>();
  let end: number | undefined;
  const visit = (node: RootContent | Root, scope: Scope, inFigure: boolean, face: Face) => {
    if (node.type === 'text') {
      // KaTeX's zero-width spaces (in every vlist) draw nothing.
      if (face.family?.startsWith('KaTeX_') && node.value.replace(/\u200b/g, '').trim())
        faces.add(faceKey(face.family, face.style ?? 'normal', face.weight ?? '400'));
      return;
    }
    if (node.type !== 'element' && node.type !== 'root') return;
    let children = node.children;
    if (node.type === 'element') {
      if (notRendered(node)) return;
      const classes = classesOf(node);
      // The MathML half is drawn in the math font, not KaTeX's.
      if (classes.includes('katex-mathml') || node.tagName === 'math') return;
      if (node.tagName === 'details' && node.properties.open === undefined) {
        children = children.filter((c) => c.type === 'element' && c.tagName === 'summary');
      }
      inFigure ||= classes.includes('figure');
      if (scope !== 'katex' && classes.includes('katex')) {
        scope = 'katex';
        face = { family: 'KaTeX_Main', style: 'normal', weight: '400' }; // .katex's own `font: normal … KaTeX_Main`
      } else if (scope === 'page' && inFigure && node.tagName === 'svg') {
        scope = 'figure';
      }
      if (scope !== 'page') {
        for (const rule of rules[scope]) {
          if (!rule.classes.every((c) => classes.includes(c))) continue;
          face = { family: rule.family ?? face.family, style: rule.style ?? face.style, weight: rule.weight ?? face.weight };
        }
      }
      if (node.tagName === 'article') {
        // The page's first article is the chapter: its blocks end before its first skippable one, or at its end.
        const chapter = end === undefined;
        if (chapter && node.position?.end?.offset !== undefined) end = node.position.end.offset - '</article>'.length;
        let index = 0;
        for (const child of children) {
          if (child.type !== 'element') continue;
          index++;
          if (chapter && index === skippable.from && child.position) end = child.position.start.offset;
          const skipped = index >= skippable.from && (skippable.tags.has(child.tagName) || classesOf(child).some((c) => skippable.classes.has(c)));
          if (!skipped) visit(child, scope, inFigure, face);
        }
        return;
      }
    }
    for (const child of children) visit(child, scope, inFigure, face);
  };
  visit(fromHtml(html), 'page', false, {});
  return { faces, end };
}

/**
 * `html` with a font preload for each of `urls` at offset `at`. As an article child the links shift
 * the positions of the blocks after them, all past the twelfth already (nothing changes which are skippable).
 */
export function addFontPreloads(html: string, urls: string[], at: number): string {
  if (!urls.length) return html;
  const links = urls.map((u) => `<link rel="preload" href="${u}" as="font" type="font/woff2" crossorigin fetchpriority="low">`).join('');
  return html.slice(0, at) + links + html.slice(at);
}
