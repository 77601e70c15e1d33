import { describe, expect, it } from '@jest/globals';
import { MemoryJournal } from '../../src/engine/journal.js';
import { maskOutputs } from '../../src/engine/result.js';
import { resolveOutputs } from '../../src/probes/template.js';
import { harness, makePlan, regionStamps } from './fakes.js';

// ARM marks secrets in outputs by type: SecureString and SecureObject alike. An adapter or a future ARM that does
// return their values must never see them reach the result, the journal or a probe's printed detail.
const SECRET_OBJECT = { connectionString: 'Server=db;Password=obj-5ecret-8812', user: 'app' };
const SECRET_STRING = 'str-5ecret-3390';

describe('secure outputs', () => {
  it('masks SecureString and SecureObject outputs, in any case ARM spells the type, and leaves the others', () => {
    const masked = maskOutputs({
      db: { type: 'SecureObject', value: SECRET_OBJECT },
      key: { type: 'securestring', value: SECRET_STRING },
      lower: { type: 'secureobject', value: { a: 1 } },
      endpoint: { type: 'String', value: 'https://app.example' },
      config: { type: 'Object', value: { tier: 'gold' } },
    });
    expect(masked).toEqual({
      db: { type: 'SecureObject', value: '***' },
      key: { type: 'securestring', value: '***' },
      lower: { type: 'secureobject', value: '***' },
      endpoint: { type: 'String', value: 'https://app.example' },
      config: { type: 'Object', value: { tier: 'gold' } },
    });
  });

  it('keeps secure output values out of the rollout result, the journal and the events', async () => {
    const journal = new MemoryJournal();
    const h = harness(makePlan([{ name: 'canary', stamps: regionStamps('eastus'), bakeMs: 0 }]), journal);
    const deploy = h.deployer.deploy.bind(h.deployer);
    h.deployer.deploy = async (request, signal) => {
      const done = await deploy(request, signal);
      return { ...done, outputs: { ...done.outputs, db: { type: 'SecureObject', value: SECRET_OBJECT }, key: { type: 'SecureString', value: SECRET_STRING } } };
    };
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    const app = result.stages[0].stamps.find((s) => s.id === 'app@eastus')!;
    expect(app.outputs).toMatchObject({ db: { type: 'SecureObject', value: '***' }, key: { type: 'SecureString', value: '***' }, endpoint: { value: 'https://app@eastus.example/2.0.0' } });
    const written = JSON.stringify([result, await journal.load(), h.reporter.events]);
    expect(written).not.toContain('obj-5ecret-8812');
    expect(written).not.toContain(SECRET_STRING);
  });

  it('prints *** for a secure output in a probe URL, but probes the real value', () => {
    const resolved = resolveOutputs('https://{outputs.host}/healthz?token={outputs.db}', {
      host: { type: 'String', value: 'app.example' },
      db: { type: 'SecureObject', value: { k: 'obj-5ecret-8812' } },
    });
    expect(resolved).toEqual({ ok: true, value: 'https://app.example/healthz?token={"k":"obj-5ecret-8812"}', shown: 'https://app.example/healthz?token=***', secure: true });
  });
});
