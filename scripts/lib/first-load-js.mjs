/**
 * A page's first-load JavaScript, as scripts/bench/lighthouse.mjs reports it and
 * tests/e2e/first-load-js.spec.ts holds it to its budget: every script the page's HTML loads
 * from /_next/static (not the noModule polyfills, which modern browsers skip), fetched and
 * gzipped at level 9 (as a CDN or nginx `gzip_comp_level 9` serves it), summed per file.
 */
import zlib from 'node:zlib';

/** The scripts a page's HTML loads from /_next/static, fetched and gzipped: bytes (raw, gzip). */
export async function firstLoadJs(base, pathname, init = {}) {
  const html = await (await fetch(base + pathname, init)).text();
  // noModule scripts (Next's polyfills for old browsers) are never fetched by a modern one
  const tags = [...html.matchAll(/<script\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/\snomodule/i.test(tag));
  const srcs = [...new Set(tags.map((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1]))].filter((s) =>
    s?.includes('/_next/static/'),
  );
  let raw = 0;
  let gzip = 0;
  const files = [];
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src.replaceAll('&amp;', '&'), base))).arrayBuffer());
    const gz = zlib.gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += gz;
    files.push({ src, gzipKb: gz / 1000 });
  }
  return {
    scripts: srcs.length,
    files,
    rawKb: raw / 1000,
    gzipKb: gzip / 1000,
    htmlGzipKb: zlib.gzipSync(html, { level: 9 }).length / 1000,
  };
}
