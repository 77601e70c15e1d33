import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './run-action.js';

/**
 * Broken specs that say what they expect in their own comments: `# expect: TEXT` (a problem line, as
 * `file:line:col: path: message (hint)`, must contain TEXT) and `# env: NAME=value` (the environment to load it with).
 */
export interface BadFixture {
  /** Repository-relative path of the spec. */
  spec: string;
  expects: string[];
  env: Record<string, string>;
}

export function badFixtures(dir: string): BadFixture[] {
  return readdirSync(path.join(repoRoot, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(repoRoot, dir, file), 'utf8');
      return {
        spec: `${dir}/${file}`,
        expects: [...text.matchAll(/^# expect: (.+)$/gm)].map((m) => m[1]),
        env: Object.fromEntries([...text.matchAll(/^# env: ([A-Z_][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]])),
      };
    });
}

export const BAD_INPUT_DIR = '__tests__/fixtures/bad-input';
