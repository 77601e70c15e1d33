import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FaultRule, RequestLogEntry } from '../../sim/index.js';
import { compileCache } from './run-action.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli', 'index.js');

/** The bundled `staged-rollout sim` in a process of its own, steered over /_sim. */
export interface StandaloneSim {
  endpoint: string;
  caFile: string;
  faults(rules: FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** An ARM GET as any client would send it (for checking what ARM shows). */
  get(pathAndQuery: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
  /** SIGKILL: the endpoint dies without a word (its --state DIR keeps what it last saved). */
  kill(): Promise<void>;
}

export async function startStandaloneSim(args: string[] = []): Promise<StandaloneSim> {
  const child = spawn(process.execPath, [cli, 'sim', ...args], { cwd: repoRoot, env: { ...process.env, ...compileCache }, stdio: ['ignore', 'pipe', 'pipe'] });
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      if (text.includes('CA file:')) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`the standalone sim exited (${code}): ${text}`)));
  });
  const endpoint = /ARM endpoint: (\S+)/.exec(banner)![1];
  const caFile = /CA file:\s+(\S+)/.exec(banner)![1];
  const ca = readFileSync(caFile, 'utf8');
  const call = (method: string, p: string, body?: unknown): Promise<{ status: number; body: unknown }> =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(`${endpoint}${p}`, { method, ca, headers: { authorization: 'Bearer test', ...(data ? { 'content-type': 'application/json' } : {}) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      });
      req.on('error', reject);
      req.end(data);
    });
  return {
    endpoint,
    caFile,
    faults: async (rules) => {
      const r = await call('POST', '/_sim/faults', rules);
      if (r.status !== 201) throw new Error(`faults refused: ${JSON.stringify(r.body)}`);
    },
    clearFaults: async () => void (await call('DELETE', '/_sim/faults')),
    requests: async () => (await call('GET', '/_sim/requests')).body as RequestLogEntry[],
    clearRequests: async () => void (await call('DELETE', '/_sim/requests')),
    get: (p) => call('GET', p),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The bundled CLI in a process the test can signal; resolves its output when it exits. */
export interface CliProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  stdout(): string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...compileCache, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, stdout: () => stdout, done };
}

/** Polls `check` every 50 ms (real time: the processes run on the system clock), at most `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
