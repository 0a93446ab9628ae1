/**
 * `npm run new -- "Score matching"`: a new chapter, content/<slug>.mdx, ready to build.
 * `npm run new -- --example "Score field"`: a new example on the kit, src/islands/<id>/ and its browser test.
 * Refuses a bad title or a name that is taken, and overwrites nothing. Prints what it made and what to do next.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { checkTitle, nextOrder, sectionMdx, slugOf, slugProblem } from './new/section.ts';
import { scaffoldExample } from './new/example.ts';

const root = process.cwd();
const contentDir = path.join(root, process.env.NOTES_CONTENT_DIR ?? 'content');

/** Slug → file and the orders of the chapters in content/ (drafts included). */
function readChapters(): { slugs: Map<string, string>; orders: number[] } {
  const slugs = new Map<string, string>();
  const orders: number[] = [];
  for (const file of readdirSync(contentDir).filter((f) => f.endsWith('.mdx'))) {
    const rel = path.relative(root, path.join(contentDir, file));
    slugs.set(slugOf(file.replace(/\.mdx$/, '')), rel);
    const fm = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(contentDir, file), 'utf8'));
    const order = fm ? (loadYaml(fm[1]) as { order?: unknown } | null)?.order : undefined;
    if (typeof order === 'number') orders.push(order);
  }
  return { slugs, orders };
}

function newSection(rawTitle: string): void {
  const title = checkTitle(rawTitle);
  const slug = slugOf(title);
  const { slugs, orders } = readChapters();
  const problem = slugProblem(slug, slugs);
  if (problem) throw new Error(problem);
  const file = path.join(contentDir, `${slug}.mdx`);
  if (existsSync(file)) throw new Error(`${path.relative(root, file)} exists`);
  const order = nextOrder(orders);
  mkdirSync(contentDir, { recursive: true });
  writeFileSync(file, sectionMdx(title, slug, order), { flag: 'wx' });
  const rel = path.relative(root, file);
  console.log(`Created ${rel} (chapter ${order}, at /${slug}/).

Next:
  1. Write the description in its frontmatter (shown in search results), then the text.
  2. npm run dev            # preview at http://localhost:4321/${slug}/
  3. npm run check:content  # math, references and frontmatter of every chapter
  4. Commit ${rel} and open a pull request (CONTRIBUTING.md, "What review looks for").`);
}

const USAGE = 'usage: npm run new -- "Section title"   or   npm run new -- --example "Example title" [--chapter <slug>]';

function main(argv: string[]): void {
  if (argv[0] === '--example') {
    const [, title, flag, chapter, ...rest] = argv;
    if (title === undefined || rest.length || (flag !== undefined && (flag !== '--chapter' || !chapter))) throw new Error(USAGE);
    scaffoldExample(root, checkTitle(title), chapter);
  } else {
    if (argv.length !== 1) throw new Error(USAGE);
    newSection(argv[0]);
  }
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(`npm run new: ${err instanceof Error ? err.message : String(err)}; nothing was written.`);
  process.exit(1);
}
