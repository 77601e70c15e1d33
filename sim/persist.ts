import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SimApp } from './apps.js';
import type { SimCert } from './certs.js';
import type { SimCore } from './core.js';
import { prepareDeployment } from './deploymentRequest.js';
import { rgKey, scopeKey } from './ids.js';
import { runDeployment } from './runner.js';
import { isActive, type DeploymentRec, type ResourceGroupRec, type ResourceRec } from './state.js';
import type { TemplatePlan } from './template/evaluate.js';

/**
 * `sim --state DIR`: the endpoint's state, certificate and port kept on disk, so a test can kill the endpoint
 * mid-rollout and start it again as if ARM had only been unreachable. Deployments that were running go on running
 * (for what was left of their time), stamp apps come back on their ports, the CA stays the one clients trust.
 */
interface Snapshot {
  formatVersion: 1;
  port: number;
  resourceGroups: ResourceGroupRec[];
  resources: ResourceRec[];
  deployments: Array<Omit<DeploymentRec, 'abort' | 'plan'> & { plan: Omit<TemplatePlan, 'evaluator'> }>;
  apps: SimApp[];
}

export interface StateDir {
  cert?: SimCert;
  port?: number;
  restore(core: SimCore): Promise<void>;
  save(core: SimCore, port: number, cert: SimCert): void;
  caFile: string;
}

export function openStateDir(dir: string): StateDir {
  mkdirSync(dir, { recursive: true });
  const certFile = path.join(dir, 'cert.json');
  const stateFile = path.join(dir, 'state.json');
  const cert = existsSync(certFile) ? (JSON.parse(readFileSync(certFile, 'utf8')) as SimCert) : undefined;
  const snapshot = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as Snapshot) : undefined;
  return {
    cert,
    port: snapshot?.port,
    caFile: path.join(dir, 'ca.pem'),
    restore: (core) => (snapshot ? restore(core, snapshot) : Promise.resolve()),
    save(core, port, c) {
      if (!existsSync(certFile)) writeAtomic(certFile, JSON.stringify(c));
      writeAtomic(stateFile, JSON.stringify(take(core, port)));
    },
  };
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function take(core: SimCore, port: number): Snapshot {
  const deployments: Snapshot['deployments'] = [];
  for (const history of core.state.deployments.values()) {
    for (const d of history.values()) {
      const { abort: _abort, plan, ...rest } = d;
      deployments.push({ ...rest, plan: { parameters: plan.parameters, resources: plan.resources } });
    }
  }
  return {
    formatVersion: 1,
    port,
    resourceGroups: [...core.state.resourceGroups.values()],
    resources: [...core.state.resources.values()],
    deployments,
    apps: core.apps.list(),
  };
}

async function restore(core: SimCore, snapshot: Snapshot): Promise<void> {
  const { state } = core;
  for (const rg of snapshot.resourceGroups) state.resourceGroups.set(rgKey(rg.subscription, rg.name), rg);
  for (const r of snapshot.resources) state.resources.set(r.id.toLowerCase(), r);
  for (const app of snapshot.apps) await core.apps.deploy(app, Number(new URL(app.url).port));
  for (const saved of snapshot.deployments) {
    const d = { ...saved, abort: new AbortController(), plan: saved.plan as TemplatePlan } as DeploymentRec;
    const key = scopeKey(d.scope);
    state.deploymentsIn(key).set(d.name.toLowerCase(), d);
    core.deploymentRuns.set(d.asyncOperationId, d);
    if (!isActive(d) || d.requestBody === undefined) continue;
    // A running deployment goes on for what was left of its time, with a plan evaluated again from its request.
    try {
      d.plan = prepareDeployment(core, d.scope, d.name, d.requestBody).plan;
    } catch (err) {
      d.state = 'Failed';
      d.error = { code: 'DeploymentFailed', message: `The local ARM simulator could not resume this deployment after a restart: ${(err as Error).message}` };
      continue;
    }
    const left = Math.max(0, d.startedAt + core.options.deploymentLatencyMs - core.clock.now());
    const run = runDeployment(core, d, { takes: { kind: 'deploymentTakes', durationMs: left } }).finally(() => core.running.delete(run));
    core.running.add(run);
  }
}
