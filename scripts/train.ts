/**
 * `npm run train -- <model> [options]`: trains one model with scripts/train/<model>.ts, which exports
 * `main(argv: string[]): Promise<void>`, writes its weights and a JSON of their metrics into public/,
 * and prints what it wrote.
 */
import { readdirSync } from 'node:fs';

const dir = new URL('./train/', import.meta.url);
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run train -- <${available.join('|')}> [options]`);
  process.exit(2);
}
const mod = (await import(new URL(`${name}.ts`, dir).href)) as { main: (argv: string[]) => Promise<void> };
await mod.main(rest);
