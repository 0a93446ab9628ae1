/**
 * What the examples' bar figures share (hvae/bars.ts, elbo-gap/bars.ts): SVG markup as a pure string,
 * so the build draws the static figure and the page redraws the live one with the same code. A figure
 * is 360 units wide (a phone's column), rows carry their name in a 118-unit column on the left and
 * their value right-aligned after it, and the whole is one image titled by a sentence with every number
 * (its text alternative). Colours come from CSS classes: the CSP forbids style attributes.
 */

/** The figure's width and its name column, in SVG units. */
export const BARS_WIDTH = 360;
export const BARS_LABEL = 118;

/** Text or an attribute value safe inside SVG markup. */
export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A row's texts: its name at the left edge and its value right-aligned at `valueX`, on the baseline `y`. */
export interface RowText {
  y: number;
  valueX: number;
  name: string;
  value: string;
  labelClass: string;
  valueClass: string;
  /** The name's data-term: pointing at it lights up the equation's term. */
  term?: string;
}

/** The markup of a row's name and value. */
export function rowText(r: RowText): string {
  return (
    `<text class="${r.labelClass}"${r.term ? ` data-term="${r.term}"` : ''} x="4" y="${r.y}">${escapeXml(r.name)}</text>` +
    `<text class="${r.valueClass}" x="${r.valueX}" y="${r.y}" text-anchor="end">${escapeXml(r.value)}</text>`
  );
}

/** The figure: `body` in an SVG of class `cls`, `height` units tall, with role img and `title` (id `titleId`) naming it. */
export function barsFigure(cls: string, height: number, titleId: string, title: string, body: string): string {
  return (
    `<svg class="${cls}" viewBox="0 0 ${BARS_WIDTH} ${height}" width="${BARS_WIDTH}" height="${height}" role="img" aria-labelledby="${titleId}">` +
    `<title id="${titleId}">${escapeXml(title)}</title>${body}</svg>`
  );
}
