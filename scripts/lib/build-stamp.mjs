import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const INPUTS = [
  'src',
  'messages',
  'public',
  'next.config.ts',
  'scripts/lib/server-external-packages.mjs',
  'package.json',
  'postcss.config.mjs',
  'tsconfig.json',
];

function walk(p, out) {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e), out);
  } else if (!/\.test\.tsx?$/.test(p)) {
    out.push(`${p}:${st.size}:${st.mtimeMs}`);
  }
}

/** A fingerprint of everything the Next build depends on. */
export function sourceHash(root) {
  const out = [];
  for (const i of INPUTS) walk(path.join(root, i), out);
  return crypto.createHash('sha256').update(out.join('\n')).digest('hex');
}

const stampFile = (root) => path.join(root, '.next', 'revivatech-build-stamp');

export function buildIsFresh(root) {
  try {
    return (
      fs.existsSync(path.join(root, '.next', 'BUILD_ID')) &&
      fs.readFileSync(stampFile(root), 'utf8') === sourceHash(root)
    );
  } catch {
    return false;
  }
}

export function writeStamp(root) {
  fs.writeFileSync(stampFile(root), sourceHash(root));
}
