import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/problems.js';

// What Front Door needs of the release-unit templates, refused at load (nothing deployed): the example's spec and
// templates, copied and broken one way at a time.
const EXAMPLE = path.resolve('examples/release-units');

function repo(edit: { app?: (t: Record<string, Record<string, unknown>>) => void; frontdoor?: (t: Record<string, Record<string, unknown>>) => void; spec?: (text: string) => string }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-unit-templates-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  for (const [name, change] of [['app', edit.app], ['frontdoor', edit.frontdoor]] as const) {
    if (!change) continue;
    const file = path.join(dir, 'templates', `${name}.json`);
    const template = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    change(template);
    writeFileSync(file, JSON.stringify(template, null, 2));
  }
  if (edit.spec) writeFileSync(path.join(dir, 'rollout.yaml'), edit.spec(readFileSync(path.join(dir, 'rollout.yaml'), 'utf8')));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadSpec('rollout.yaml', { mode: 'standard', version: '2.0.0', env: {}, repoRoot: dir });
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.path}: ${p.message} (${p.hint})`);
    throw error;
  }
  return [];
}

const lineOf = (dir: string, needle: string): number => readFileSync(path.join(dir, 'rollout.yaml'), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('release-unit templates, checked before anything deploys', () => {
  it('the example as it is loads', () => {
    expect(problemsOf(repo({}))).toEqual([]);
  });

  it('a traffic template without originGroupId is refused at its component\'s template line, with a near name offered', () => {
    const missing = repo({ frontdoor: (t) => delete t.outputs.originGroupId });
    const line = lineOf(missing, 'templates/frontdoor.json');
    expect(problemsOf(missing)).toEqual([
      `rollout.yaml:${line}:15: components.frontdoor.template: template templates/frontdoor.json of the traffic component declares no output "originGroupId": each traffic step re-weights the origins of that origin group (add an output originGroupId with the resource id of the Front Door origin group that holds the units' origins)`,
    ]);
    const misspelt = repo({ frontdoor: (t) => ((t.outputs.OriginGroupID = t.outputs.originGroupId), delete t.outputs.originGroupId) });
    expect(problemsOf(misspelt)).toEqual([expect.stringMatching(/declares no output "originGroupId": .* \(did you mean "OriginGroupID"\?\)$/)]);
  });

  it('a unit template without the host output is refused at traffic.hostOutput when the spec names it, else at the template', () => {
    const named = repo({ app: (t) => delete t.outputs.hostName });
    expect(problemsOf(named)).toEqual([
      `rollout.yaml:${lineOf(named, 'hostOutput: hostName')}:15: traffic.hostOutput: template templates/app.json of unit component "app" declares no output "hostName": Front Door needs it as the host name of the unit's origin (add an output hostName holding the host name the unit serves on, or name another output in traffic.hostOutput: one of siteId, endpoint)`,
    ]);
    const defaulted = repo({ app: (t) => ((t.outputs.host = t.outputs.hostName), delete t.outputs.hostName), spec: (text) => text.replace(/^ {2}hostOutput: hostName\n/m, '') });
    expect(problemsOf(defaulted)).toEqual([
      `rollout.yaml:${lineOf(defaulted, 'templates/app.json')}:15: components.app.template: template templates/app.json of unit component "app" declares no output "hostName": Front Door needs it as the host name of the unit's origin (add an output hostName holding the host name the unit serves on, or name another output in traffic.hostOutput: did you mean "host"?)`,
    ]);
  });

  it('a unit component that does not exist is reported as such, not checked for outputs', () => {
    const unknown = repo({ spec: (text) => text.replace('components: [app]', 'components: [app, ap]') });
    expect(problemsOf(unknown)).toEqual([expect.stringMatching(/: releaseUnits\.components\[1\]: component "ap" is not defined under components \(use one of: app, frontdoor\)$/)]);
  });

  it('takes the output traffic.hostOutput names', () => {
    const renamed = repo({ app: (t) => ((t.outputs.originHost = t.outputs.hostName), delete t.outputs.hostName), spec: (text) => text.replace('hostOutput: hostName', 'hostOutput: originHost') });
    expect(problemsOf(renamed)).toEqual([]);
  });
});
