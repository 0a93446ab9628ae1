import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { formatDate, lastCommitDate, lastUpdated } from '../../src/utils/lastUpdated.ts';

test('the frontmatter date wins over the git date', () => {
  const given = new Date('2026-11-30');
  expect(lastUpdated(given, 'content/x.mdx', () => new Date('2020-01-01'))).toBe(given);
});

test('without a frontmatter date the git fallback is asked for that file', () => {
  const asked: string[] = [];
  const fromGit = new Date('2026-10-01');
  expect(lastUpdated(undefined, 'content/x.mdx', (f) => (asked.push(f), fromGit))).toBe(fromGit);
  expect(asked).toEqual(['content/x.mdx']);
});

test('lastCommitDate reads the committer date of the last commit touching the file, and undefined outside git', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'last-updated-'));
  try {
    writeFileSync(path.join(dir, 'a.mdx'), 'x');
    expect(lastCommitDate('a.mdx', dir)).toBeUndefined();
    const env = { ...process.env, GIT_COMMITTER_DATE: '2026-07-04T12:00:00Z', GIT_AUTHOR_DATE: '2026-07-04T12:00:00Z' };
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, env, stdio: 'ignore' });
    git('init', '-q');
    git('add', 'a.mdx');
    git('commit', '-q', '-m', 'a');
    expect(lastCommitDate('a.mdx', dir)?.toISOString()).toBe('2026-07-04T12:00:00.000Z');
    expect(lastCommitDate('never-committed.mdx', dir)).toBeUndefined();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dates read as day month year in UTC, with an ISO date for <time>', () => {
  expect(formatDate(new Date('2026-12-02T23:30:00Z'))).toEqual({ text: '2 December 2026', iso: '2026-12-02' });
});
