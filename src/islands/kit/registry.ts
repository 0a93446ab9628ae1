/**
 * The one registry of examples: an example is a folder src/islands/<id>/, found by file name, so
 * adding an example edits no shared list (the worker, the page-side element and the chapter page
 * each glob the files they need and key them with these pure helpers). Folders that are not
 * examples (kit, shared) are skipped. An example without a worker simply has no adapter.ts.
 */

/** Folders under src/islands/ that hold shared code, not examples. */
export const NOT_EXAMPLES: ReadonlySet<string> = new Set(['kit', 'shared']);

/** The example id of a globbed path: the folder right under islands/ ('../ddpm-2d/adapter.ts' → 'ddpm-2d'), or null for the kit's and shared folders. */
export function exampleIdOf(globPath: string): string | null {
  // Vite writes a match in the globbing file's own folder as './file' (the kit's view.ts from kit/element.ts): not an example.
  if (globPath.startsWith('./')) return null;
  const parts = globPath.split('/').filter((p) => p !== '..' && p !== '.' && p !== '');
  // '/src/islands/x/f.ts', '../x/f.ts' and '../islands/x/f.ts' all put the folder just before the file.
  const id = parts.length >= 2 ? parts[parts.length - 2] : '';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`example folder "${id}" (from ${globPath}) is not a lower-case-kebab id`);
  return NOT_EXAMPLES.has(id) ? null : id;
}

/** A glob result keyed by example id; two files for one id is an error naming both. */
export function byExampleId<T>(glob: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  const from: Record<string, string> = {};
  for (const [file, value] of Object.entries(glob)) {
    const id = exampleIdOf(file);
    if (id === null) continue;
    if (id in out) throw new Error(`example "${id}" is registered twice: ${from[id]} and ${file}`);
    out[id] = value;
    from[id] = file;
  }
  return out;
}

/** The component (tag) name of an example id: PascalCase of the folder ('vae-latent' → 'VaeLatent', 'ddpm-2d' → 'Ddpm2d'). */
export function componentName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/**
 * The chapter components of a glob over src/islands/<id>/*.astro, keyed by tag name. Only the file
 * named after its folder (ddpm-2d/Ddpm2d.astro) is an example's component; other .astro files in
 * the folder are its parts.
 */
export function exampleComponents<T>(glob: Readonly<Record<string, { default: T }>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [file, mod] of Object.entries(glob)) {
    const id = exampleIdOf(file);
    if (id === null) continue;
    const name = componentName(id);
    if (file.endsWith(`/${name}.astro`)) out[name] = mod.default;
  }
  return out;
}
