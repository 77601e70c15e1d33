/**
 * One redactor for every sink of the bundled action: an ARM error that quotes the secure parameter (raw, URL-encoded
 * and JSON-escaped) must not reach the log, the annotations, the outputs, the job summary, the journal or the GitHub
 * deployment records and statuses.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { runAction } from '../helpers/run-action.js';

const API_KEY = 'sk "live"/5ecret&key 7731';
const PROBE_KEY = 'probe-5ecret-header-4410';

describe('the bundled action keeps secrets out of every sink', () => {
  let arm: ArmSim;
  let github: GitHubSim;
  beforeAll(async () => {
    arm = await startArmSim({ deploymentLatencyMs: 300 });
    github = await startGitHubSim({ repos: ['contoso/web'], tokens: [{ token: 'github-token', permissions: { contents: 'read', deployments: 'write', metadata: 'read' } }] });
  });
  afterAll(async () => {
    await arm.stop();
    await github.stop();
  });

  it('an ARM error quoting the secure value, in its three forms, is masked everywhere', async () => {
    const forms = [API_KEY, encodeURIComponent(API_KEY), JSON.stringify(API_KEY).slice(1, -1)];
    arm.faults.add({ kind: 'deploymentFails', region: 'eastus', version: '4.0.0', code: 'KeyRejected', message: `key '${forms[0]}' rejected (sent as ${forms[1]}; body {"apiKey":"${forms[2]}"})` });
    const journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-secrets-')), 'journal.jsonl');
    const run = await runAction(
      { command: 'deploy', spec: '__tests__/fixtures/secrets/rollout.yaml', version: '4.0.0', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile, token: 'github-token', journal },
      { SECRETIVE_API_KEY: API_KEY, SECRETIVE_PROBE_KEY: PROBE_KEY, SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000f00d', GITHUB_API_URL: github.url },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/app@eastus: FAILED KeyRejected: .*key '\*\*\*' rejected \(sent as \*\*\*; body \{"apiKey":"\*\*\*"\}\)/);
    // The runner masks its log too: every form was registered with it (workflow commands escape % as %25).
    for (const form of forms) expect(run.stdout).toContain(`::add-mask::${form.replace(/%/g, '%25')}`);

    const api = async (url: string): Promise<unknown> => (await fetch(`${github.url}${url}`, { headers: { authorization: 'token github-token' } })).json();
    const deployments = (await api('/repos/contoso/web/deployments?per_page=100')) as Array<{ id: number }>;
    expect(deployments.length).toBeGreaterThan(0);
    const statuses = await Promise.all(deployments.map((d) => api(`/repos/contoso/web/deployments/${d.id}/statuses`)));
    expect(JSON.stringify(statuses)).toMatch(/KeyRejected/);

    const sinks: Record<string, string> = {
      log: run.stdout.replace(/^::add-mask::.*$/gm, ''),
      stderr: run.stderr,
      summary: run.summary,
      outputs: JSON.stringify(run.outputs),
      journal: readFileSync(journal, 'utf8'),
      deployments: JSON.stringify(deployments),
      statuses: JSON.stringify(statuses),
    };
    expect(sinks.summary).toContain('KeyRejected');
    expect(sinks.outputs).toContain('KeyRejected');
    expect(sinks.journal).toContain('KeyRejected');
    for (const [sink, text] of Object.entries(sinks)) {
      for (const form of [...forms, PROBE_KEY]) expect({ sink, form, leaked: text.includes(form) }).toEqual({ sink, form, leaked: false });
    }
  });
});
