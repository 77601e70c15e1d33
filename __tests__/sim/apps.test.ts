// The stamps' apps behind one TLS server: each app answers on its own port with its own version, a probe's connection
// stays open between probe rounds, and a deleted app answers nothing, not even on a connection kept alive.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import https from 'node:https';
import { StampApps } from '../../sim/apps.js';
import { makeCert, type SimCert } from '../../sim/certs.js';
import { FaultStore } from '../../sim/faults.js';
import { SystemClock } from '../../src/time/clock.js';

let cert: SimCert;
let apps: StampApps;
const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  cert = await makeCert();
  apps = new StampApps(cert, new SystemClock(), new FaultStore([], undefined, () => undefined));
});
afterAll(async () => {
  agent.destroy();
  await apps.stopAll();
});

const site = (name: string, version: string) => ({ resourceId: `/subscriptions/s/resourceGroups/rg-${name}/providers/Microsoft.Web/sites/${name}`, version, region: name, resourceGroup: `rg-${name}`, subscription: 's', type: 'Microsoft.Web/sites', deploymentName: `d-${name}` });

function get(host: string): Promise<{ body: unknown; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = https.get(`https://${host}/healthz`, { agent, ca: cert.cert }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ body: JSON.parse(text), reused: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

describe('stamp apps', () => {
  it('answers each app on its own port, with its own version, over a connection kept open between probes', async () => {
    const east = await apps.deploy(site('east', '1.0.0'));
    const west = await apps.deploy(site('west', '2.0.0'));
    expect(east).not.toBe(west);
    const rounds = [];
    for (let i = 0; i < 3; i++) rounds.push(await get(east), await get(west));
    expect(rounds.map((r) => r.body)).toEqual([1, 2, 3].flatMap(() => [{ status: 'ok', version: '1.0.0' }, { status: 'ok', version: '2.0.0' }]));
    // One connection per app, opened by the first probe and reused by the others.
    expect(rounds.map((r) => r.reused)).toEqual([false, false, true, true, true, true]);
  });

  it('drops the kept-alive connections of a deleted app, and its port refuses new ones', async () => {
    const gone = await apps.deploy(site('gone', '1.0.0'));
    const kept = await apps.deploy(site('kept', '1.0.0'));
    await get(gone);
    await get(kept);
    await apps.remove(site('gone', '1.0.0').resourceId);
    await expect(get(gone)).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNREFUSED|ECONNRESET)$/) });
    expect(await get(kept)).toEqual({ body: { status: 'ok', version: '1.0.0' }, reused: true });
    expect(apps.list().map((a) => a.region).sort()).toEqual(['east', 'kept', 'west']);
  });
});
