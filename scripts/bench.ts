/**
 * `npm run bench -- <name> [options]`: runs one benchmark from scripts/bench/<name>.ts.
 * Each benchmark module exports `main(argv: string[]): Promise<void>` and prints its numbers
 * (JSON on stdout with --json).
 */
import { readdirSync } from 'node:fs';

const dir = new URL('./bench/', import.meta.url);
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(2);
}
const mod = (await import(new URL(`${name}.ts`, dir).href)) as { main: (argv: string[]) => Promise<void> };
await mod.main(rest);
