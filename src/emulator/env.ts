/**
 * The standalone emulator's environment, checked in one place (../shared/CONTRACT.md "Configuration"):
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | `EMULATOR_PORT` | `4566` | the loopback port; `0` picks a free one (the ready line prints it) |
 * | `EMULATOR_HOST` | `127.0.0.1` | the address it binds (`0.0.0.0` in a container) |
 * | `ECR_PUBLIC_FIXTURE` | the bundled demo catalog | path of a fixture file |
 *
 * A bad value is an Error whose message is one line naming the variable and what is wrong.
 */
import { createDemoCatalog } from './demo-catalog';
import { loadFixture } from './fixture';
import type { Fixture } from './fixture-types';

export interface EmulatorEnv {
  /** @default 4566 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** @default undefined: the demo catalog */
  fixturePath: string | undefined;
}

export const DEFAULT_EMULATOR_PORT = 4566;

/** Pure: reads nothing but `env`. */
export function parseEmulatorEnv(env: Record<string, string | undefined>): EmulatorEnv {
  const rawPort = env.EMULATOR_PORT?.trim();
  let port = DEFAULT_EMULATOR_PORT;
  if (rawPort !== undefined && rawPort !== '') {
    port = /^\d+$/.test(rawPort) ? Number(rawPort) : Number.NaN;
    if (!(port >= 0 && port <= 65535)) {
      throw new Error(`EMULATOR_PORT: must be an integer from 0 to 65535, got '${env.EMULATOR_PORT}'`);
    }
  }
  const fixturePath = env.ECR_PUBLIC_FIXTURE?.trim() || undefined;
  const host = env.EMULATOR_HOST?.trim() || '127.0.0.1';
  if (/[\s/]/.test(host)) throw new Error(`EMULATOR_HOST: must be an address or host name, got '${env.EMULATOR_HOST}'`);
  return { port, host, fixturePath };
}

/** The fixture the environment names, or the demo catalog; a bad one throws naming ECR_PUBLIC_FIXTURE. */
export function fixtureFromEnv({ fixturePath }: EmulatorEnv): Fixture {
  if (fixturePath === undefined) return createDemoCatalog();
  try {
    return loadFixture(fixturePath);
  } catch (error) {
    throw new Error(`ECR_PUBLIC_FIXTURE: ${(error as Error).message}`);
  }
}
