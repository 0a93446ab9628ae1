/**
 * Finds a Chromium-family browser for the browser tests and prints its path.
 * Order: $CHROME_PATH, /usr/bin/chromium, Google Chrome. If none is found on Debian/Ubuntu as root,
 * installs Debian's `chromium` with apt (never a downloaded browser build); otherwise fails with
 * one line saying how to install it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
].filter((p): p is string => Boolean(p));

/** The first existing browser executable, or undefined. */
export function findChromium(): string | undefined {
  return candidates.find((p) => existsSync(p));
}

function isDebianLike(): boolean {
  try {
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let found = findChromium();
  if (!found && isDebianLike() && process.getuid?.() === 0) {
    console.error('No Chromium found: installing Debian\'s "chromium" package with apt-get…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    found = findChromium();
  }
  if (!found) {
    console.error('No Chromium found: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to a Chrome/Chromium binary.');
    process.exit(1);
  }
  console.log(found);
}
