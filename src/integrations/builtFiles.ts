/** Files of the built site, for the post-build integrations. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir` whose name ends in `ext`, sorted. */
export async function filesEndingIn(dir: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
