/** Every call that reached the emulator, faulted or not, so tests can count what a query cost upstream. */
export interface CallRecord {
  /** 1, 2, ... in order of arrival since the last reset. */
  seq: number;
  operation: string;
  input: unknown;
  /** Arrival, ms since the epoch. */
  at: number;
  /**
   * 'ok', the error's `__type`, 'drop', 'raw <status>' (an injected raw answer), or 'aborted' (the
   * caller gave up during injected latency); 'pending' while the call is in flight.
   */
  outcome: 'ok' | string;
  /** A registry request's HTTP status and Distribution error code (null on success). */
  status?: number;
  errorType?: string | null;
}

export interface CallLog {
  /** The calls in order of arrival; the most recent {@link RETAINED_CALLS} only. */
  all(): CallRecord[];
  /** Exact, however many calls were made, in flight ones included. */
  count(operation?: string): number;
  reset(): void;
}

export interface RecordingCallLog extends CallLog {
  /** Records a call on arrival, outcome 'pending'; the caller sets `outcome` when it settles. */
  begin(operation: string, input: unknown, at: number): CallRecord;
}

/** A benchmark makes millions of calls; the log keeps this many records and counts them all. */
export const RETAINED_CALLS = 100_000;

export function createCallLog(): RecordingCallLog {
  let calls: CallRecord[] = [];
  let counts = new Map<string, number>();
  let total = 0;
  return {
    begin(operation, input, at) {
      total++;
      const call: CallRecord = { seq: total, operation, input, at, outcome: 'pending' };
      calls.push(call);
      if (calls.length > RETAINED_CALLS * 2) calls = calls.slice(-RETAINED_CALLS);
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
      return call;
    },
    all: () => calls.slice(-RETAINED_CALLS),
    count: (operation) => (operation === undefined ? total : (counts.get(operation) ?? 0)),
    reset() {
      calls = [];
      counts = new Map();
      total = 0;
    },
  };
}
