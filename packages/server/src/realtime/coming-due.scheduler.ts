// Announces deadlines coming due. Every instance runs the timer, but a tick is claimed in the
// database (a transaction-scoped advisory lock) and its result recorded there, so with any number
// of instances, and across restarts, each day a deadline crosses is announced once.
import type { Logger } from 'pino';
import type { UnitOfWork } from '../db/transaction';
import type { Repositories } from '../repositories';
import { PeriodicTask } from './periodic-task';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class ComingDueScheduler {
  private readonly task: PeriodicTask;
  private lastPrune = 0;

  constructor(
    private readonly work: UnitOfWork<Repositories>,
    private readonly intervalMs: number,
    private readonly outboxRetentionDays: number,
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask(() => this.tick(), this.intervalMs);
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  private async tick(): Promise<void> {
    try {
      await this.work.transaction(({ events }) => events.countDown());
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await this.work.repositories.events.prune(this.outboxRetentionDays);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'coming-due tick failed; trying again next interval');
    }
  }
}
