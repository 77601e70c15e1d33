import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/run-action.js';

const dist = path.join(repoRoot, 'dist');
const read = (file: string): string => readFileSync(path.join(dist, file), 'utf8');

describe('the built dist/', () => {
  it("loads the simulated endpoint in the action only as a chunk of its own, for arm-endpoint: local", () => {
    expect(read('index.js')).not.toContain('/_sim/faults');
    const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f));
    const simChunks = chunks.filter((f) => read(f).includes('/_sim/faults'));
    expect(simChunks).toHaveLength(1);
    // Its certificate library comes with it, not with the action's main file.
    expect(read(simChunks[0])).toMatch(/selfsigned|generateKeyPair/);
  });

  it('lists the license of every package of both bundles', () => {
    const licenses = read('licenses.txt');
    const listed = [...licenses.matchAll(/^(@?[^@\s]+)@\d[^\s]*\n([^\n]+)\n/gm)].map((m) => [m[1], m[2]]);
    const names = listed.map(([name]) => name);
    // The action's (@actions/core), the CLI's (commander), both (yaml, zod, the Azure SDK), the sim's (selfsigned).
    expect(names).toEqual(expect.arrayContaining(['@actions/core', '@actions/github', 'commander', 'yaml', 'zod', '@azure/identity', '@azure/arm-resources', 'selfsigned']));
    for (const [name, license] of listed) expect({ name, license: license.length > 0 && license !== 'UNKNOWN' }).toEqual({ name, license: true });
    expect(licenses).toMatch(/^Packages bundled into dist\/index\.js and dist\/cli\/index\.js, with their licenses \(\d+\)\./);
  });
});
