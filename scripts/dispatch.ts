/**
 * Runs `<folder>/<name>.ts` for `npm run <command> -- <name> [options]`: each module in the folder
 * exports `main(argv: string[]): Promise<void>`. Unknown names print the usage and exit 2.
 */
import { readdirSync } from 'node:fs';

/** Dispatches process.argv to one module of `folder` (a URL ending in '/'). */
export async function dispatch(command: string, folder: URL): Promise<void> {
  const available = readdirSync(folder)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const [name, ...rest] = process.argv.slice(2);
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run ${command} -- <${available.join('|')}> [options]`);
    process.exit(2);
  }
  const mod = (await import(new URL(`${name}.ts`, folder).href)) as { main: (argv: string[]) => Promise<void> };
  await mod.main(rest);
}
