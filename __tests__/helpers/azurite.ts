import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './run-action.js';

/** The emulator's fixed development account (the same for every Azurite install; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** http://127.0.0.1:PORT/devstoreaccount1 */
  endpoint: string;
  connectionString: string;
  /** A connection string to the same account through another endpoint (a fault proxy in front of Azurite). */
  connectionStringVia(endpoint: string): string;
  stop(): Promise<void>;
}

export function connectionStringFor(endpoint: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};TableEndpoint=${endpoint};`;
}

/**
 * Azurite's table service on loopback, on a free port, in a temp folder, without telemetry (which would leave the
 * machine). Stopped and removed by `stop()`.
 */
export async function startAzurite(): Promise<Azurite> {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-azurite-'));
  const main = path.join(repoRoot, 'node_modules', 'azurite', 'dist', 'src', 'table', 'main.js');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [main, '--tableHost', '127.0.0.1', '--tablePort', String(port), '--location', dir, '--disableTelemetry', '--silent', '--skipApiVersionCheck'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await started(child);
    } catch (error) {
      child.kill();
      // Another process may have taken the port between our probe and Azurite's listen: try another one.
      if (attempt < 3 && /EADDRINUSE/.test(String(error))) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const endpoint = `http://127.0.0.1:${port}/${ACCOUNT}`;
    return {
      endpoint,
      connectionString: connectionStringFor(endpoint),
      connectionStringVia: (via) => connectionStringFor(via),
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 30 s: ${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/successfully (started|listening)/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
      if (/EADDRINUSE|Exiting due to/i.test(output)) {
        clearTimeout(timer);
        reject(new Error(output));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
