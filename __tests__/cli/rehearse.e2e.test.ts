import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { JournalLease } from '../../src/engine/journal-lease.js';
import { repoRoot, runCli } from '../helpers/run-action.js';

/** What differs between two identical rehearsals: the local endpoint's ports, probe latencies, real seconds taken. */
const stable = (text: string): string =>
  text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/-> (\d{3}) in \d+ms/g, '-> $1 in Nms')
    .replace(/of rollout in \d+\.\d s\)/, 'of rollout in N s)');

describe('rehearsals that repeat and restore', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const quoted = /^npx staged-rollout (rehearse .*)$/m.exec(readme)![1].split(' ');

  it("the README's rehearse command gives the same result twice in a row, and shows what the README says", async () => {
    // Both runs share one journal folder, as two runs in one checkout do.
    const journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-rehearse-')), 'journal.jsonl');
    const first = await runCli([...quoted, '--journal', journal]);
    const second = await runCli([...quoted, '--journal', journal]);
    expect(first.stderr).toBe('');
    expect(second.stderr).toBe('');
    expect(stable(second.stdout)).toBe(stable(first.stdout));
    expect(second.code).toBe(first.code);
    // What the README promises: westus turns unhealthy, the pilot stage rolls back to 1.0.0, broad is never touched.
    expect(quoted).toEqual(expect.arrayContaining(['--baseline', '1.0.0', '--fail-health', 'westus@2.0.0']));
    expect(first.stdout).toContain('Baseline 1.0.0: succeeded');
    expect(first.stdout).toMatch(/app@westus: UNHEALTHY \(health check, phase healthyFor\)/);
    expect(first.stdout).toMatch(/app@westus: rollback rolled-back to contoso-web-app-westus-1\.0\.0: restored contoso-web-app-westus-1\.0\.0 \(version 1\.0\.0\)/);
    expect(first.stdout).toMatch(/Rollout contoso-web@2\.0\.0 \(standard\): ROLLED-BACK/);
    expect(first.stdout).toMatch(/Stage 3 broad: not-started/);
    expect(first.stdout).not.toMatch(/app@westeurope: deploying/);
  }, 120_000);

  it('without a baseline there is nothing to restore; a second baseline version rolls out after the first', async () => {
    const journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-rehearse-')), 'journal.jsonl');
    const bare = await runCli(['rehearse', '--spec', 'examples/basic/rollout.yaml', '--version', '2.0.0', '--fail-health', 'westus@2.0.0', '--journal', journal]);
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain('app@westus: rollback no-previous');
    const two = await runCli(['rehearse', '--spec', 'examples/basic/rollout.yaml', '--baseline', '1.0.0,1.1.0', '--version', '2.0.0', '--fail-deploy', 'westus@2.0.0', '--journal', journal]);
    expect(two.stdout).toContain('Baseline 1.0.0: succeeded');
    expect(two.stdout).toContain('Baseline 1.1.0: succeeded');
    expect(two.stdout).toMatch(/app@westus: rollback rolled-back to contoso-web-app-westus-1\.1\.0/);
  }, 120_000);

  it('a rehearsed 4-hour bake says where it stands every 5 minutes of its virtual clock', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-bake-'));
    // examples/basic bakes its pilot stage 4 h.
    const run = await runCli(['rehearse', '--spec', 'examples/basic/rollout.yaml', '--version', '1.0.0', '--journal', path.join(dir, 'journal.jsonl')]);
    expect(run.code).toBe(0);
    const baking = run.stdout.split('\n').filter((l) => /stage pilot: baking, \S+ of 4h left; last verdicts: app@westus healthy, app@northeurope healthy/.test(l));
    // 4 h at one line every 5 minutes: 47 or 48 lines, depending on where the bake starts between two ticks.
    expect(baking.length).toBeGreaterThanOrEqual(47);
    expect(baking.length).toBeLessThanOrEqual(48);
    const elapsed = baking.map((l) => /^\[\+(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?\]/.exec(l)!).map((m) => Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0));
    expect(new Set(elapsed.slice(1).map((t, i) => t - elapsed[i]))).toEqual(new Set([300]));
    // Durations read as people read them.
    expect(run.stdout).not.toMatch(/\d+s\d+ms/);
    expect(run.stdout).toMatch(/stage pilot: baking, 3h5\dm\d*s? of 4h left/);
  }, 120_000);

  it('refuses while another live run holds the rehearsal journal, and leaves that journal as it was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-rehearse-lease-'));
    const rehearsalJournal = path.join(dir, 'rehearsal-journal.jsonl');
    writeFileSync(rehearsalJournal, '{"type":"theirs"}\n');
    // This test's process stands for the other rehearsal: alive, on this host, so its lease is not stale.
    const held = await JournalLease.acquire(rehearsalJournal, { run: 'rehearse --spec other.yaml --version 9.9.9' });
    try {
      const run = await runCli(['rehearse', '--spec', 'examples/basic/rollout.yaml', '--version', '1.0.0', '--journal', path.join(dir, 'journal.jsonl')]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lease = `${rehearsalJournal}.lease`;
      expect(run.stderr).toMatch(
        new RegExp(
          `^staged-rollout: another run holds the journal ${escape(rehearsalJournal)}: rehearse --spec other\\.yaml --version 9\\.9\\.9 \\(pid ${process.pid} on ${escape(hostname())}, since [^;]+; its lease expires [^ ]+ unless renewed\\)\\. ` +
            `Wait for it to finish\\. If that run is gone \\(its machine died\\), delete ${escape(lease)}\\.\n$`,
        ),
      );
      expect(readFileSync(rehearsalJournal, 'utf8')).toBe('{"type":"theirs"}\n');
    } finally {
      await held.release();
    }
    const after = await runCli(['rehearse', '--spec', 'examples/basic/rollout.yaml', '--version', '1.0.0', '--journal', path.join(dir, 'journal.jsonl')]);
    expect(after.code).toBe(0);
    expect(readFileSync(rehearsalJournal, 'utf8')).not.toContain('"theirs"');
    // The rehearsal gave its lease up when it ended.
    expect(existsSync(`${rehearsalJournal}.lease`)).toBe(false);
  }, 120_000);
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
