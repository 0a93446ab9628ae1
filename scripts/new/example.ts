/** `npm run new -- --example "Title"`: writes the example's files (exampleFiles.ts), refusing any that exist. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { componentName } from '../../src/islands/kit/registry.ts';
import { slugOf } from './section.ts';
import { exampleFiles } from './exampleFiles.ts';

/** Scaffolds example `title` under `root`; with `chapter` (a slug), appends its tag to content/<chapter>.mdx. */
export function scaffoldExample(root: string, title: string, chapter?: string): void {
  const id = slugOf(title);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new Error(`the title gives the id "${id}", which is not lower-case-kebab starting with a letter`);
  if (['kit', 'shared'].includes(id)) throw new Error(`"${id}" is the name of the kit's own folder`);
  const name = componentName(id);
  const files = exampleFiles(id, name, title);
  const taken = [`src/islands/${id}`, ...Object.keys(files)].filter((f) => existsSync(path.join(root, f)));
  if (taken.length) throw new Error(`the example "${id}" exists already (${taken.join(', ')})`);
  const chapterFile = chapter && path.join(root, 'content', `${chapter}.mdx`);
  if (chapterFile && !existsSync(chapterFile)) throw new Error(`no chapter content/${chapter}.mdx to put the example in`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text, { flag: 'wx' });
  }
  const tag = `<${name}>What to look at while it trains, citing an equation such as $\\eqref{…}$.</${name}>`;
  if (chapterFile) writeFileSync(chapterFile, `${readFileSync(chapterFile, 'utf8').trimEnd()}\n\n${tag.replace('$\\eqref{…}$', 'the objective')}\n`);
  console.log(`Created the example "${id}":
${Object.keys(files)
  .map((f) => `  ${f}`)
  .join('\n')}
${chapterFile ? `and put <${name}> at the end of content/${chapter}.mdx.` : ''}
Next:
  1. ${chapterFile ? 'Write its caption in the chapter' : `Put it in a chapter (no import needed): ${tag}`}
  2. Swap the model in adapter.ts (any src/ml model with a trainable step) and the drawing in view.ts.
  3. npm run build && npm run test:e2e -- tests/e2e/${id}.e2e.ts`);
}
