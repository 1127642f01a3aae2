/**
 * App processes for multi-instance tests: the API-only entry (src/server/api-server.ts)
 * started with its own environment, ready once /api/ready answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Instance {
  name: string;
  child: ChildProcess;
  output: string[];
  request(p: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export async function startInstance(name: string, extraEnv: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/api-server.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited on start:\n${output.join('')}`);
    const ok = await fetch(`${base}/api/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${name} did not become ready:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name,
    child,
    output,
    request(p, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${base}${p}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      });
    },
  };
}

export function stopInstance(instance: Instance | undefined): Promise<number | null> {
  if (!instance || instance.child.exitCode !== null) return Promise.resolve(instance?.child.exitCode ?? null);
  return new Promise((resolve) => {
    const kill = setTimeout(() => instance.child.kill('SIGKILL'), 15_000);
    instance.child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    instance.child.kill('SIGTERM');
  });
}
