/**
 * Renders one chapter source to HTML with the site's own remark/rehype plugin list (MDX syntax,
 * math, numbering, citations, KaTeX strict), without Astro: fast enough to run on every test.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import { VFile } from 'vfile';
import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import type { PluggableList } from 'unified';
import { remarkPlugins, rehypePlugins } from '../../src/markdown/pipeline.ts';
import { splitFrontmatter } from '../../src/markdown/equationIndex.ts';

const MDX_NODES = ['mdxjsEsm', 'mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression'];

export interface RenderedChapter {
  frontmatter: Record<string, unknown>;
  mdast: MdastRoot;
  hast: HastRoot;
}

/** Parses and renders a chapter file; throws exactly as the build would on bad math or references. */
export async function renderChapter(source: string, filePath: string, contentDir: string): Promise<RenderedChapter> {
  const { data, body, bodyLine } = splitFrontmatter(source);
  // Keep line numbers file-relative, as in the build: blank lines stand in for the frontmatter.
  const file = new VFile({ path: filePath, value: '\n'.repeat(bodyLine - 1) + body });
  file.data.astro = { frontmatter: data };
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm) // Astro's markdown processor enables GitHub-flavoured Markdown (tables) by default
    .use(remarkPlugins(contentDir) as PluggableList)
    .use(remarkRehype, { passThrough: MDX_NODES } as never)
    .use(rehypePlugins as PluggableList);
  const mdast = processor.parse(file) as MdastRoot;
  const hast = (await processor.run(structuredClone(mdast), file)) as HastRoot;
  return { frontmatter: data, mdast, hast };
}
