import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/** The flags every browser of the journeys starts with (a closed network, no GPU, root). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The full Chromium (PLAYWRIGHT_CHROMIUM_PATH, or a system one), or null. */
export function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * The browser the journeys run in: Debian's `chromium-headless-shell` (the "old" headless
 * Chromium, what Playwright itself runs headless tests in) when it is installed, else the full
 * Chromium. The shell has no browser UI to keep up (no top-chrome renderer, no GPU process), so
 * a journey costs the 2 cores less: measured on the same four specs back to back, about a third
 * less CPU. It has no push service and shows no notifications, so the journeys about those ask
 * for the full browser (`fullChromiumLaunchOptions`). PLAYWRIGHT_CHROMIUM_PATH names the one to use
 * for everything.
 */
export function findJourneyBrowser() {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return findChromium();
  return fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : findChromium();
}

/** Launch options for a journey that needs the full Chromium (the push service worker). */
export function fullChromiumLaunchOptions() {
  return { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS };
}

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
}

/**
 * Finds Chromium; when missing, installs Debian's `chromium` package (and its
 * `chromium-headless-shell`, the lighter browser the journeys run in) if we are root with
 * apt-get, otherwise explains what to do. Playwright never downloads a browser here. With the full
 * Chromium there but no shell, the shell is installed when it can be, and the journeys run in the
 * full Chromium when it cannot.
 */
export function ensureChromium() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  const found = findChromium();
  if (found) {
    if (!process.env.PLAYWRIGHT_CHROMIUM_PATH && !fs.existsSync(HEADLESS_SHELL) && isRoot && hasApt) {
      console.log('Installing the Debian package "chromium-headless-shell" for the journeys (one time)…');
      if (!aptInstall(['chromium-headless-shell']))
        console.log('…not installed: the journeys run in the full Chromium.');
    }
    return found;
  }
  if (isRoot && hasApt) {
    console.log(
      'Chromium not found: installing the Debian packages "chromium" and "chromium-headless-shell" (one time)…',
    );
    if (aptInstall(['chromium', 'chromium-headless-shell'])) {
      const after = findChromium();
      if (after) return after;
    }
  }
  console.error(
    '\nThe browser tests need Chromium and none was found.\n' +
      '  - On Debian/Ubuntu: sudo apt-get install chromium chromium-headless-shell\n' +
      '  - Or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium/Chrome binary.\n',
  );
  process.exit(1);
}
