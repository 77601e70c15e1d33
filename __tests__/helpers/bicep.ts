import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './run-action.js';

/**
 * The real Bicep CLI for tests: the one `npm test` restored into .tools/bicep/ (scripts/setup-bicep.mjs), else one on
 * PATH. Undefined where none can be had; those tests then say "skipped: no Bicep CLI".
 */
export const bicepPath: string | undefined = (() => {
  const restored = path.join(repoRoot, '.tools', 'bicep', process.platform === 'win32' ? 'bicep.exe' : 'bicep');
  if (existsSync(restored)) return restored;
  try {
    execFileSync('bicep', ['--version'], { stdio: 'ignore' });
    return 'bicep';
  } catch {
    return undefined;
  }
})();

/** `describe` when a Bicep CLI is there; otherwise one test that says why nothing ran. */
export function describeWithBicep(name: string, body: (bicep: string) => void): void {
  if (bicepPath) {
    describe(name, () => body(bicepPath!));
    return;
  }
  describe(name, () => {
    it('skipped: no Bicep CLI', () => {
      process.stdout.write(`${name}: skipped: no Bicep CLI (run node scripts/setup-bicep.mjs with the .NET SDK, or put bicep on PATH)\n`);
    });
  });
}
