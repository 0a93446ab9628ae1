import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { workflowPolicyProblems } from '../../scripts/lint/workflowPolicy.ts';

const lint = (dir?: string) => spawnSync(process.execPath, ['scripts/lint-workflows.ts', ...(dir ? [dir] : [])], { encoding: 'utf8' });

test('the repository workflows pass the schema and the policy', () => {
  const run = lint();
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('2 of 2 workflows valid');
  expect(run.status).toBe(0);
});

test('a misspelt key in a workflow fails, naming the file and the key', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wf-'));
  try {
    writeFileSync(path.join(dir, 'ci.yml'), readFileSync('.github/workflows/ci.yml', 'utf8').replace('runs-on:', 'runs-onn:'));
    const run = lint(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ci\.yml: does not match the workflow schema/);
    expect(run.stderr).toContain("Additional property 'runs-onn' is not allowed");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pull_request_target and a writable default token are refused', () => {
  expect(workflowPolicyProblems('on: [pull_request_target]\npermissions:\n  contents: read\njobs: {}\n')).toEqual([
    expect.stringMatching(/pull_request_target/),
  ]);
  expect(workflowPolicyProblems('on:\n  pull_request:\njobs: {}\n')).toEqual([expect.stringMatching(/permissions must be/)]);
  expect(workflowPolicyProblems('on:\n  push:\npermissions:\n  contents: read\njobs: {}\n')).toEqual([]);
});
