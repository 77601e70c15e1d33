import type { PlanStamp } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { RequestBudget } from './request-budget.js';

export interface ArmBudgets {
  reads: RequestBudget;
  writes: RequestBudget;
}

/** Requests per second: ARM allows 25 reads (burst 250) and 10 writes (burst 200) per subscription. */
export interface BudgetRates {
  reads: number;
  writes: number;
}

/** About 90 % of ARM's budget: the rest is left for other clients of the subscription. */
export const DEFAULT_RATES: BudgetRates = { reads: 22.5, writes: 9 };

/**
 * ARM throttles per subscription, plus one bucket for tenant-level requests (tenant and management-group scope, whose
 * URLs name no subscription). A rollout whose regions live in several subscriptions gets each one's budget: one
 * bucket for all would hold a ten-subscription rollout to a tenth of what ARM allows it.
 */
export class SubscriptionBudgets {
  private readonly clock: Clock;
  private readonly rates: BudgetRates;
  private readonly buckets = new Map<string, ArmBudgets>();

  constructor(clock: Clock, rates: BudgetRates = DEFAULT_RATES) {
    this.clock = clock;
    this.rates = rates;
  }

  for(stamp: Pick<PlanStamp, 'scope' | 'subscription'>): ArmBudgets {
    const key = stamp.scope === 'tenant' || stamp.scope === 'managementGroup' ? 'tenant' : stamp.subscription.toLowerCase();
    let budgets = this.buckets.get(key);
    if (!budgets) {
      // ARM's bursts are 10 s of reads and 20 s of writes at its refill rates.
      const { reads, writes } = this.rates;
      budgets = { reads: new RequestBudget(this.clock, reads, Math.max(1, Math.round(reads * 10))), writes: new RequestBudget(this.clock, writes, Math.max(1, Math.round(writes * 20))) };
      this.buckets.set(key, budgets);
    }
    return budgets;
  }
}
