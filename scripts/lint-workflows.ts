/**
 * `npm run lint:workflows`: every .github/workflows/*.yml against GitHub's workflow schema
 * (@action-validator/cli, WASM from npm), then this project's rules: no `pull_request_target`
 * (a fork's code must never see secrets), and a read-only token unless a job asks for more.
 * Exits 1 naming the file and the problem.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { workflowPolicyProblems } from './lint/workflowPolicy.ts';

const dir = path.resolve(process.argv[2] ?? '.github/workflows');
const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@action-validator/cli/package.json')), 'cli.mjs');
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => path.join(dir, f));
if (files.length === 0) {
  console.error(`lint:workflows: no workflow in ${dir}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  const rel = path.relative(process.cwd(), file);
  const run = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
  const problems = workflowPolicyProblems(readFileSync(file, 'utf8'));
  if (run.status !== 0) console.error(`${rel}: does not match the workflow schema\n${run.stdout}${run.stderr}`);
  for (const p of problems) console.error(`${rel}: ${p}`);
  if (run.status !== 0 || problems.length) failed++;
}
console.log(`lint:workflows: ${files.length - failed} of ${files.length} workflows valid`);
process.exit(failed ? 1 : 0);
