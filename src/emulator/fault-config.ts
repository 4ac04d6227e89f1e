/** A JSON body checked as a partial FaultConfig (`POST /__control/faults`); a bad one is a ControlError 400. */
import type { FaultConfig } from './faults';
import { ControlError } from './mutations';

const RATES = ['serverErrorRate', 'throttleRate', 'dropRate'] as const;
const DELAYS = ['latencyMs', 'jitterMs'] as const;
const KNOWN = new Set<string>([...RATES, ...DELAYS, 'maxCallsPerSecond', 'operations', 'seed']);

const bad = (message: string) => new ControlError(400, message);

export function checkFaultConfig(body: Record<string, unknown>): Partial<FaultConfig> {
  for (const key of Object.keys(body)) if (!KNOWN.has(key)) throw bad(`unknown fault setting '${key}'`);
  const out: Partial<FaultConfig> = {};
  for (const key of RATES) {
    const v = body[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw bad(`'${key}' must be a number from 0 to 1`);
    out[key] = v;
  }
  for (const key of DELAYS) {
    const v = body[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 600_000)
      throw bad(`'${key}' must be a number of ms from 0 to 600000`);
    out[key] = v;
  }
  const max = body.maxCallsPerSecond;
  if (max !== undefined) {
    if (!Number.isInteger(max) || (max as number) < 0) throw bad("'maxCallsPerSecond' must be a non-negative integer");
    out.maxCallsPerSecond = max as number;
  }
  const ops = body.operations;
  if (ops !== undefined) {
    if (!Array.isArray(ops) || !ops.every((o) => typeof o === 'string'))
      throw bad("'operations' must be an array of operation names");
    out.operations = [...ops];
  }
  const seed = body.seed;
  if (seed !== undefined) {
    if (!Number.isInteger(seed)) throw bad("'seed' must be an integer");
    out.seed = seed as number;
  }
  return out;
}
