// A stage whose journal stops taking writes mid-stage: the error ends the rollout as it happened, instead of the stage
// waiting forever on a stamp that will never settle.
import { describe, expect, it } from '@jest/globals';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { JournalEvent } from '../../src/engine/ports.js';
import { HOUR, harness, makePlan, regionStamps } from './fakes.js';

class DiskFullAfterFirstDeploy extends MemoryJournal {
  full = false;
  override async record(event: JournalEvent): Promise<void> {
    if (this.full) throw new Error('ENOSPC: no space left on device, write');
    if (event.type === 'stamp-deployed') this.full = true;
    return super.record(event);
  }
}

/** One write refused, the rest taken: the rollout must still end with that error, never as "canceled". */
class OneWriteRefused extends MemoryJournal {
  refused = false;
  override async record(event: JournalEvent): Promise<void> {
    if (event.type === 'stamp-deployed' && !this.refused) {
      this.refused = true;
      throw new Error('EIO: i/o error, write');
    }
    return super.record(event);
  }
}

describe('a stage whose journal fails', () => {
  it('ends with the journal error even when later writes go through: nothing stopped the run, so it is no cancel', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: regionStamps('eastus'), bakeMs: HOUR }]), new OneWriteRefused());
    await expect(h.run()).rejects.toThrow('EIO: i/o error, write');
    // The deployment itself succeeded: it is neither reported failed nor rolled back.
    expect(h.deployer.completed).toEqual(['cluster@eastus']);
    expect(h.deployer.rollbacks).toEqual([]);
    expect(h.reporter.of('stamp-failed')).toEqual([]);
  });

  it('rejects with the journal error and starts nothing after it', async () => {
    const plan = makePlan([{ name: 'canary', stamps: [...regionStamps('eastus'), ...regionStamps('westus')], bakeMs: HOUR }]);
    const h = harness(plan, new DiskFullAfterFirstDeploy());
    await expect(h.run()).rejects.toThrow('ENOSPC: no space left on device, write');
    // Both clusters deploy at once; eastus's is recorded, westus's record is refused in the same instant: the stage
    // ends there, and neither app starts.
    expect([...h.deployer.started].sort()).toEqual(['cluster@eastus', 'cluster@westus']);
    // A refused journal write is no failed deployment: nothing is reported failed or rolled back for it.
    expect(h.deployer.rollbacks).toEqual([]);
    expect(h.reporter.of('stamp-failed')).toEqual([]);
  });
});
