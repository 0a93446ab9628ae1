import { test, expect } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import rehypeInlineMathBreaks from '../../src/markdown/rehypeInlineMathBreaks.ts';

const render = async (md: string) =>
  String(await unified().use(remarkParse).use(remarkMath).use(remarkRehype).use(rehypeKatex).use(rehypeInlineMathBreaks).use(rehypeStringify).process(md));

/** The text that follows the last closing tag of the span wrapping a formula. */
const nowrapGroups = (html: string) => html.split('<span class="nowrap">').length - 1;

test('a full stop after inline math is bound to the formula, and leaves the text after it', async () => {
  const html = await render('Then $x^2$. Next sentence.');
  expect(html).toMatch(/<span class="nowrap"><span class="katex">[\s\S]*<\/span>\.<\/span> Next sentence\./);
});

test('a comma and a closing parenthesis run are both bound', async () => {
  const html = await render('(with $\\mu_j$), then');
  expect(html).toMatch(/<\/span>\),<\/span> then/);
});

test('math followed by a space and a word is not wrapped', async () => {
  expect(nowrapGroups(await render('Then $x$ and more'))).toBe(0);
});

test('display math is never wrapped', async () => {
  expect(nowrapGroups(await render('$$\na = b, \\quad [ -c + d ]\n$$'))).toBe(0);
});

test('the part of a formula that opens a bracket is bound to the part after it', async () => {
  // KaTeX splits `[ -a + b ]` into break-separated bases after the binary operators.
  const plain = String(
    await unified()
      .use(remarkParse)
      .use(remarkMath)
      .use(remarkRehype)
      .use(rehypeKatex)
      .use(rehypeStringify)
      .process('$\\Big[ -\\frac{1}{L} \\sum_l a_l + k \\Big]$'),
  );
  const bases = (plain.match(/class="(katex-)?base"/g) ?? []).length;
  expect(bases).toBeGreaterThan(1);
  const html = await render('$\\Big[ -\\frac{1}{L} \\sum_l a_l + k \\Big]$');
  // The first base (holding "[") and the second now sit in one nowrap group.
  expect(nowrapGroups(plain)).toBe(0);
  expect(html).toMatch(/<span class="katex-html" aria-hidden="true"><span class="nowrap"><span class="(katex-)?base">[^\]]*?\[/);
});

test('a bracket opened early in a formula does not bind the parts after it (long formulas can still break)', async () => {
  const html = await render('$\\mathbb{E}[ a + b + c + d ] + e$');
  expect(nowrapGroups(html)).toBe(0);
});
