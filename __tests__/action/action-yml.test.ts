import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/run-action.js';

const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string }>; outputs: Record<string, { description: string }> };
const sources = readdirSync(path.join(repoRoot, 'src', 'github')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(repoRoot, 'src', 'github', f), 'utf8')).join('\n');

describe('action.yml', () => {
  it('declares and documents exactly the inputs the action reads', () => {
    const read = new Set([...sources.matchAll(/(?:core\.getInput|bool|duration)\('([\w-]+)'/g)].map((m) => m[1]));
    expect(Object.keys(action.inputs).sort()).toEqual([...read].sort());
    for (const [name, input] of Object.entries(action.inputs)) expect({ name, long: input.description.length > 30 }).toEqual({ name, long: true });
  });

  it('declares and documents exactly the outputs the action writes', () => {
    const written = new Set([...sources.matchAll(/core\.setOutput\('([\w-]+)'/g)].map((m) => m[1]));
    expect(Object.keys(action.outputs).sort()).toEqual([...written].sort());
  });
});
