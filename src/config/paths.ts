/**
 * Where the chapters live. NOTES_CONTENT_DIR points the build at another folder; the tests use it
 * to build fixture chapters with broken math or frontmatter and check that the build fails.
 */
import path from 'node:path';

/** The chapters folder, relative to the project root. */
export const contentDir: string = process.env.NOTES_CONTENT_DIR ?? './content';

/** The chapters folder as an absolute path. */
export const contentDirAbsolute: string = path.resolve(contentDir);
