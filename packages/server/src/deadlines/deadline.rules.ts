// How a deadline may change. A change is one entry in its history; what is refused is what no
// newsroom would report: moving a settled deadline back to open without saying why, extending
// without a later date, a due date before the article that set it, or a change that changes
// nothing.
import type { DeadlineStatusValue } from '../db/schema';

export interface DeadlineState {
  status: DeadlineStatusValue;
  dueOn: string;
}

export interface RequestedChange {
  status?: DeadlineStatusValue | undefined;
  dueOn?: string | undefined;
  note?: string | undefined;
}

const settled: readonly DeadlineStatusValue[] = ['MET', 'MISSED', 'CANCELLED'];
const open: readonly DeadlineStatusValue[] = ['PENDING', 'EXTENDED'];

/** The state after a change, or the problems with it (field name → reason). */
export function planChange(
  current: DeadlineState,
  change: RequestedChange,
  setOn: string,
): { next: DeadlineState } | { problems: [field: string, reason: string][] } {
  const problems: [string, string][] = [];
  const dueOn = change.dueOn ?? current.dueOn;
  // Moving the date later reads as an extension unless the caller says otherwise.
  const status =
    change.status ??
    (dueOn > current.dueOn && open.includes(current.status) ? 'EXTENDED' : current.status);

  if (change.status === undefined && change.dueOn === undefined) {
    problems.push(['status', 'give a new status, a new dueOn, or both']);
  } else if (status === current.status && dueOn === current.dueOn) {
    problems.push([
      'status',
      `the deadline is already ${current.status} and due on ${current.dueOn}`,
    ]);
  }
  if (dueOn < setOn) {
    problems.push([
      'dueOn',
      `must not be before ${setOn}, the day the article that set the deadline was published`,
    ]);
  }
  if (status === 'EXTENDED' && !(dueOn > current.dueOn)) {
    problems.push(['dueOn', `EXTENDED needs a due date later than the current ${current.dueOn}`]);
  }
  if (settled.includes(current.status) && open.includes(status) && !change.note?.trim()) {
    problems.push(['note', `reopening a ${current.status} deadline needs a note saying why`]);
  }
  return problems.length > 0 ? { problems } : { next: { status, dueOn } };
}
