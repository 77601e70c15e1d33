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

describe('a stage whose journal fails', () => {
  it('rejects with the journal error and starts nothing after it', async () => {
    const plan = makePlan([{ name: 'canary', stamps: [...regionStamps('eastus'), ...regionStamps('westus')], bakeMs: HOUR }]);
    const h = harness(plan, new DiskFullAfterFirstDeploy());
    await expect(h.run()).rejects.toThrow('ENOSPC: no space left on device, write');
    // Both clusters deploy at once; eastus's is recorded and its app starts, westus's record is refused: its app never
    // starts.
    expect([...h.deployer.started].sort()).toEqual(['app@eastus', 'cluster@eastus', 'cluster@westus']);
  });
});
