/** "Edit this page" links into the repository configured in src/config/site.ts. */

/** The URL that opens a chapter's source for editing on the forge (GitHub-style `/edit/<branch>/`). */
export function editUrl(repository: string, branch: string, filePath: string): string {
  const repo = repository.replace(/\/+$/, '');
  const file = filePath.replace(/^\.?\/+/, '');
  return `${repo}/edit/${encodeURIComponent(branch)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}
