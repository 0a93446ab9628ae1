import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The seven figures are inlined into the page HTML, so they must be self-contained, theme-aware
// (colours only through classes from figures.css) and must not break the Content-Security-Policy.

const root = fileURLToPath(new URL('../../', import.meta.url));
const NAMES = ['overview', 'vae-idea', 'vae-network', 'reparameterization', 'vae-training', 'hvae', 'vdm'];
const svgPath = (name: string): string => `${root}src/figures/${name}.svg`;
const cssPath = `${root}src/styles/figures.css`;

type XmlElement = { name: string; attrs: Map<string, string>; children: XmlElement[]; text: string };

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/;

/** Parses a well-formed XML document (no DTD, no CDATA) into an element tree; throws on any error. */
function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}: ${JSON.stringify(source.slice(i, i + 40))}`);
  };
  const checkEntities = (s: string): void => {
    for (let k = s.indexOf('&'); k !== -1; k = s.indexOf('&', k + 1)) {
      if (!ENTITY.test(s.slice(k))) fail('bad entity reference');
    }
  };
  const skipMisc = (): void => {
    for (;;) {
      while (i < source.length && /\s/.test(source[i])) i++;
      if (source.startsWith('<?xml', i) || source.startsWith('<!--', i)) {
        const end = source.indexOf(source.startsWith('<?', i) ? '?>' : '-->', i);
        if (end === -1) fail('unterminated declaration or comment');
        i = end + (source.startsWith('<?', i) ? 2 : 3);
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') fail('expected <');
    i++;
    const name = NAME.exec(source.slice(i))?.[0] ?? fail('expected a tag name');
    i += name.length;
    const el: XmlElement = { name, attrs: new Map(), children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(source.slice(i))![0].length;
      i += ws;
      if (source.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (ws === 0) fail('expected whitespace before an attribute');
      const attr = NAME.exec(source.slice(i))?.[0] ?? fail('expected an attribute name');
      i += attr.length;
      const m = /^\s*=\s*(["'])/.exec(source.slice(i)) ?? fail('expected ="…"');
      i += m[0].length;
      const end = source.indexOf(m[1], i);
      if (end === -1) fail('unterminated attribute value');
      const value = source.slice(i, end);
      if (value.includes('<')) fail('< in an attribute value');
      checkEntities(value);
      if (el.attrs.has(attr)) fail(`duplicate attribute ${attr}`);
      el.attrs.set(attr, value);
      i = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', i);
      if (next === -1) fail(`unclosed <${name}>`);
      const text = source.slice(i, next);
      checkEntities(text);
      el.text += text;
      i = next;
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end === -1) fail('unterminated comment');
        i = end + 3;
      } else if (source.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(source.slice(i)) ?? fail('bad closing tag');
        if (close[1] !== name) fail(`</${close[1]}> closes <${name}>`);
        i += close[0].length;
        return el;
      } else if (source.startsWith('<!', i) || source.startsWith('<?', i)) {
        fail('unexpected markup declaration');
      } else {
        el.children.push(element());
      }
    }
  };
  skipMisc();
  const doc = element();
  skipMisc();
  if (i !== source.length) fail('content after the root element');
  return doc;
}

/** All elements of a tree, root first. */
function walk(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(walk)];
}

/** Text content of an element and its descendants. */
function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join('');
}

const css = existsSync(cssPath) ? readFileSync(cssPath, 'utf8') : '';
const figures = NAMES.map((name) => {
  const source = existsSync(svgPath(name)) ? readFileSync(svgPath(name), 'utf8') : '';
  let tree: XmlElement | undefined;
  try {
    tree = parseXml(source);
  } catch {
    tree = undefined;
  }
  return { name, source, tree, all: tree ? walk(tree) : [] };
});

/** Custom properties declared in the first rule block whose selector list is exactly `selector`. */
function customProperties(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--fig-[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

/** The body of the first `selector { … }` rule in `text` (no nested braces). */
function ruleBody(text: string, selector: string): string {
  const at = text.indexOf(`${selector} {`);
  if (at === -1) return '';
  return text.slice(at, text.indexOf('}', at));
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the XML check used below', () => {
  it('accepts a small well-formed document', () => {
    const doc = parseXml('<?xml version="1.0"?>\n<svg a="1" b=\'&amp;\'><!-- c --><g><text>x &lt; y</text></g><path/></svg>\n');
    expect(walk(doc).map((el) => el.name)).toEqual(['svg', 'g', 'text', 'path']);
  });

  it.each([
    ['an unclosed element', '<svg><g></svg>'],
    ['a mismatched closing tag', '<svg><g></h></svg>'],
    ['a duplicate attribute', '<svg a="1" a="2"/>'],
    ['an unquoted attribute', '<svg a=1/>'],
    ['a bare ampersand', '<svg><text>a & b</text></svg>'],
    ['two root elements', '<svg/><svg/>'],
    ['a < inside an attribute', '<svg a="<"/>'],
  ])('rejects %s', (_, source) => {
    expect(() => parseXml(source)).toThrow();
  });
});

describe('figures', () => {
  it.each(NAMES)('the figure %s exists as an SVG file of at most 40 KB', (name) => {
    expect(existsSync(svgPath(name))).toBe(true);
    expect(statSync(svgPath(name)).size).toBeLessThanOrEqual(40 * 1024);
  });

  it.each(figures)('$name is well-formed XML with one <svg> root in the SVG namespace', ({ source, tree }) => {
    expect(() => parseXml(source)).not.toThrow();
    expect(tree?.name).toBe('svg');
    expect(tree?.attrs.get('xmlns')).toBe('http://www.w3.org/2000/svg');
  });

  it.each(figures)('$name sizes itself by its viewBox alone', ({ tree }) => {
    expect(tree?.attrs.get('viewBox')).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
    expect(tree?.attrs.has('width')).toBe(false);
    expect(tree?.attrs.has('height')).toBe(false);
  });

  it.each(figures)('every figure carries a text alternative: $name', ({ name, tree, all }) => {
    expect(tree?.attrs.get('role')).toBe('img');
    expect(tree?.attrs.get('aria-labelledby')).toBe(`${name}-title ${name}-desc`);
    const title = all.find((el) => el.name === 'title');
    const desc = all.find((el) => el.name === 'desc');
    expect(title?.attrs.get('id')).toBe(`${name}-title`);
    expect(desc?.attrs.get('id')).toBe(`${name}-desc`);
    expect(tree?.children[0]).toBe(title);
    expect(textOf(title!).trim().length).toBeGreaterThan(0);
    expect(textOf(desc!).trim().length).toBeGreaterThanOrEqual(80);
  });

  it.each(figures)('$name contains no styles, scripts, foreign objects or images', ({ all, source }) => {
    const banned = new Set(['style', 'script', 'foreignObject', 'image', 'iframe', 'a']);
    expect(all.filter((el) => banned.has(el.name)).map((el) => el.name)).toEqual([]);
    const attrs = all.flatMap((el) => [...el.attrs.keys()]);
    expect(attrs.filter((a) => a === 'style' || /^on/i.test(a))).toEqual([]);
    expect(source).not.toMatch(/@import|@font-face|data:/i);
  });

  it.each(figures)('$name references nothing outside itself', ({ all }) => {
    for (const el of all) {
      for (const [attr, value] of el.attrs) {
        if (attr === 'xmlns') continue;
        if (attr === 'href' || attr === 'xlink:href') expect(value).toMatch(/^#/);
        for (const m of value.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#/);
        expect(value).not.toMatch(/(?:https?:|file:|\/\/)/);
      }
    }
  });

  it.each(figures)('every id in $name is unique, prefixed with the figure name, and every reference resolves', ({ name, all }) => {
    const ids = all.map((el) => el.attrs.get('id')).filter((id): id is string => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith(`${name}-`)).toBe(true);
    const refs = all.flatMap((el) => [...el.attrs.values()].flatMap((v) => [...v.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1])));
    for (const ref of refs) expect(ids).toContain(ref);
  });

  it.each(figures)('every class used in $name is defined in figures.css', ({ all }) => {
    const used = new Set(all.flatMap((el) => (el.attrs.get('class') ?? '').split(/\s+/).filter(Boolean)));
    expect(used.size).toBeGreaterThan(0);
    for (const cls of used) expect(css).toMatch(new RegExp(`\\.figure svg[^{]*\\.${cls}(?![\\w-])`));
  });

  it.each(figures)('$name keeps its text at least 13 px when shown 720 px wide', ({ tree, all }) => {
    const width = Number(tree?.attrs.get('viewBox')?.split(' ')[2]);
    const texts = all.filter((el) => el.name === 'text');
    expect(texts.length).toBeGreaterThan(0);
    for (const el of texts) expect((Number(el.attrs.get('font-size')) * 720) / width).toBeGreaterThanOrEqual(13);
  });
});

describe('figures.css', () => {
  const light = customProperties(ruleBody(css, ':root'));
  const dark = customProperties(ruleBody(css, ":root[data-theme='dark']"));
  const print = customProperties(css.slice(css.indexOf('@media print')));

  it('declares every colour for the light theme, the dark theme and print', () => {
    expect(light.size).toBeGreaterThan(0);
    expect([...dark.keys()].sort()).toEqual([...light.keys()].sort());
    expect([...print.keys()].sort()).toEqual([...light.keys()].sort());
    for (const [key, value] of light) expect(print.get(key)).toBe(value);
  });

  it('uses only properties it declares', () => {
    for (const m of css.matchAll(/var\((--[\w-]+)\)/g)) expect(light.has(m[1])).toBe(true);
  });

  it('scopes every rule to .figure svg, apart from the theme variables', () => {
    const selectors = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{/g)].map((m) => m[1].trim());
    for (const sel of selectors) {
      if (sel.startsWith('@media') || sel.startsWith(':root')) continue;
      for (const part of sel.split(',')) expect(part.trim().startsWith('.figure svg')).toBe(true);
    }
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ] as const)('gives text 4.5:1 and lines 3:1 contrast against the page in the %s theme', (_, vars) => {
    const bg = vars.get('--fig-bg')!;
    for (const ink of ['--fig-text', '--fig-muted', '--fig-accent', '--fig-accent2', '--fig-red']) {
      expect(contrast(vars.get(ink)!, bg)).toBeGreaterThanOrEqual(4.5);
    }
    // Labels also sit on the soft fills of boxes and highlights.
    for (const soft of ['--fig-accent-soft', '--fig-accent2-soft', '--fig-red-soft', '--fig-muted-soft']) {
      expect(contrast(vars.get('--fig-text')!, vars.get(soft)!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(vars.get('--fig-muted')!, vars.get(soft)!)).toBeGreaterThanOrEqual(3);
    }
    expect(contrast(vars.get('--fig-accent')!, vars.get('--fig-accent-soft')!)).toBeGreaterThanOrEqual(4.5);
  });
});
