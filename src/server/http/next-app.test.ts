import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtNextConfigJson } from './next-app';

const dirs: string[] = [];
const tmpDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-next-app-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the build's Next config", () => {
  it("is read from the build's required-server-files.json", () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, '.next'));
    const config = { distDir: '.next', experimental: { preloadEntriesOnStart: false } };
    fs.writeFileSync(
      path.join(dir, '.next', 'required-server-files.json'),
      JSON.stringify({ version: 1, config, files: [] }),
    );
    expect(JSON.parse(builtNextConfigJson(dir) ?? 'null')).toEqual(config);
  });

  it('is null without a build, or with a file that holds no config', () => {
    const dir = tmpDir();
    expect(builtNextConfigJson(dir)).toBeNull();
    fs.mkdirSync(path.join(dir, '.next'));
    fs.writeFileSync(path.join(dir, '.next', 'required-server-files.json'), '{"version":1}');
    expect(builtNextConfigJson(dir)).toBeNull();
  });
});

describe('next.config.ts', () => {
  it('leaves page modules to load on their first request, not at start-up', () => {
    const source = fs.readFileSync(path.join(process.cwd(), 'next.config.ts'), 'utf8');
    expect(source).toMatch(/preloadEntriesOnStart:\s*false/);
  });
});
