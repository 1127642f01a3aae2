import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Finds Chromium; when missing, installs Debian's `chromium` package if we are root with
 * apt-get, otherwise explains what to do. Playwright never downloads a browser here.
 */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('Chromium not found: installing the Debian package "chromium" (one time)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (r.status === 0) {
      const after = findChromium();
      if (after) return after;
    }
  }
  console.error(
    '\nThe browser tests need Chromium and none was found.\n' +
      '  - On Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  - Or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium/Chrome binary.\n',
  );
  process.exit(1);
}
