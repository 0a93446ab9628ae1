/**
 * `npm run bench -- <name> [options]`: runs one benchmark from scripts/bench/<name>.ts, which
 * prints its numbers (one JSON object on stdout with --json).
 */
import { dispatch } from './dispatch.ts';

await dispatch('bench', new URL('./bench/', import.meta.url));
