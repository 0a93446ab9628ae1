/**
 * `npm run train -- <model> [options]`: trains one model with scripts/train/<model>.ts, which writes
 * its weights and a JSON of their metrics into public/models/ and prints what it wrote.
 */
import { dispatch } from './dispatch.ts';

await dispatch('train', new URL('./train/', import.meta.url));
