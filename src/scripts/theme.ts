/** The light/dark toggle. The initial theme is set inline in <head> (before paint); this flips it. */

/** Reveals and wires the toggle button; the choice persists in localStorage. */
export function initThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  const root = document.documentElement;
  const sync = () => button.setAttribute('aria-pressed', String(root.dataset.theme === 'dark'));
  button.hidden = false;
  sync();
  button.addEventListener('click', () => {
    root.dataset.theme = root.dataset.theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem('theme', root.dataset.theme);
    } catch {
      // Storage can be unavailable (private mode); the toggle still works for this page.
    }
    sync();
  });
}
