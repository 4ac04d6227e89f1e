/** The call log as `GET /__control/calls` shows it: `{ seq, operation, input, status, errorType, at }`. */
import type { CallRecord } from './call-log';
import { statusOf } from './errors';

export interface CallView {
  seq: number;
  operation: string;
  input: unknown;
  /** The HTTP status answered; null while in flight, or when dropped or aborted unanswered. */
  status: number | null;
  /** The error's type (`__type`), null on success or without an answer. */
  errorType: string | null;
  /** Arrival, ISO-8601. */
  at: string;
}

function outcome(record: CallRecord): Pick<CallView, 'status' | 'errorType'> {
  const o = record.outcome;
  // A registry request records its own HTTP status and Distribution code.
  if (record.status !== undefined) return { status: record.status, errorType: record.errorType ?? null };
  if (o === 'ok') return { status: 200, errorType: null };
  if (o === 'pending' || o === 'drop' || o === 'aborted') return { status: null, errorType: null };
  const raw = /^raw (\d+)$/.exec(o);
  if (raw) return { status: Number(raw[1]), errorType: null };
  return { status: statusOf(o), errorType: o };
}

/** The calls after `since`, oldest first. */
export function callView(records: readonly CallRecord[], since: number): CallView[] {
  return records
    .filter((r) => r.seq > since)
    .map((r) => ({
      seq: r.seq,
      operation: r.operation,
      input: r.input,
      ...outcome(r),
      at: new Date(r.at).toISOString(),
    }));
}
