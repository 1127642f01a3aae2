/**
 * Static asset URLs under ASSET_PREFIX (a CDN in front of the app), for our own references to
 * public files (icons, screenshots); Next adds the same prefix to its `/_next/static/*` files
 * (next.config.ts). Without ASSET_PREFIX everything stays on the app's own origin.
 */
import { env } from '@/env';

/** `/icons/x.png` as the browser should load it: under the prefix when one is set. */
export function assetUrl(path: string, prefix: string | undefined = env.ASSET_PREFIX): string {
  if (!path.startsWith('/')) throw new Error(`asset paths start with "/": ${path}`);
  return prefix ? `${prefix}${path}` : path;
}

/** The origin the assets come from, for the pages' CSP; undefined when it is the app's own. */
export function assetOrigin(prefix: string | undefined = env.ASSET_PREFIX): string | undefined {
  return prefix ? new URL(prefix).origin : undefined;
}
