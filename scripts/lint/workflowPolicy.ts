/** This project's rules for a GitHub workflow (pure: YAML text in, problems out). */
import { load } from 'js-yaml';

/** Problems of one workflow: pull_request_target anywhere, or a top-level token that is not read-only. */
export function workflowPolicyProblems(text: string): string[] {
  const wf = load(text) as { on?: unknown; permissions?: unknown } | null;
  const problems: string[] = [];
  const triggers = typeof wf?.on === 'string' ? [wf.on] : Array.isArray(wf?.on) ? wf.on : Object.keys((wf?.on as object) ?? {});
  if (triggers.includes('pull_request_target')) problems.push('uses pull_request_target, which hands secrets to code from forks: use pull_request');
  const perms = wf?.permissions;
  if (JSON.stringify(perms) !== JSON.stringify({ contents: 'read' }))
    problems.push(`top-level permissions must be { contents: read } (jobs widen their own), got ${JSON.stringify(perms ?? 'the default, read-write')}`);
  return problems;
}
