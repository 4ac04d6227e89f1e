/** An injected fault as the registry answers it (../shared/CONTRACT.md: throttling 429, server errors 500, drops). */
import type { FaultDecision } from '../faults';
import { createDropError } from '../transport-errors';
import type { EmulatorResponse } from '../types';
import { errorAnswer, RegistryError } from './answers';

export interface FaultAnswer {
  answer: EmulatorResponse;
  /** The Distribution code the call log records. */
  errorType: string | null;
}

const coded = (status: number, code: 'UNKNOWN' | 'TOOMANYREQUESTS' | 'UNAUTHORIZED', message: string) => ({
  answer: errorAnswer(new RegistryError(status, code, message)),
  errorType: code,
});

/** Undefined without a fault; throws the drop error for a dropped connection. */
export function faultAnswer(kind: FaultDecision['fail']): FaultAnswer | undefined {
  if (kind === undefined) return undefined;
  if (kind === 'drop') throw createDropError();
  if (kind === 'ServerException') return coded(500, 'UNKNOWN', 'internal server error (injected fault)');
  if (kind === 'ThrottlingException') return coded(429, 'TOOMANYREQUESTS', 'Rate exceeded');
  if (kind === 'UnrecognizedClientException') return coded(401, 'UNAUTHORIZED', 'authentication required');
  const raw = kind.raw;
  const answer = {
    status: raw.status ?? 200,
    headers: { 'content-type': raw.contentType ?? 'application/json', ...raw.headers },
    body: raw.body,
  };
  return { answer, errorType: null };
}
