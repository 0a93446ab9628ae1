/** The "Last updated" date of a chapter: its `updated` frontmatter, else the last commit that touched the file. */
import { execFileSync } from 'node:child_process';

/** The committer date of the last commit touching `file`, or undefined outside a git checkout or for an uncommitted file. */
export function lastCommitDate(file: string, cwd: string = process.cwd()): Date | undefined {
  try {
    const iso = execFileSync('git', ['log', '-1', '--format=%cI', '--', file], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return iso ? new Date(iso) : undefined;
  } catch {
    // Not a git checkout (a tarball, a copied tree): the page just shows no date.
    return undefined;
  }
}

/** The date to show: the frontmatter's when given, else the one `fallback` finds (git). */
export function lastUpdated(updated: Date | undefined, file: string, fallback: (file: string) => Date | undefined = lastCommitDate): Date | undefined {
  return updated ?? fallback(file);
}

/** A date as readers see it and as <time datetime> wants it: ['2 December 2026', '2026-12-02'] (UTC, so every build agrees). */
export function formatDate(date: Date): { text: string; iso: string } {
  const text = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  return { text, iso: date.toISOString().slice(0, 10) };
}
