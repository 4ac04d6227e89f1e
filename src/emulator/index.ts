/**
 * An ECR Public emulator: AWS JSON 1.1 over an in-process Smithy HttpHandler or a loopback listener,
 * answering ECR Public's read operations from a fixture, with injectable faults and a call log.
 */
import { createCallLog } from './call-log';
import { createControl, handleControl, isControlPath } from './control';
import { createFaults } from './faults';
import { validateFixture } from './fixture';
import type { Fixture } from './fixture-types';
import { createHandle } from './handle';
import { listen } from './listener';
import { createRegistryCatalog } from './registry/catalog';
import { createRegistryHandle } from './registry/serve';
import { createTokens } from './registry/tokens';
import { createRequestHandler } from './request-handler';
import { createStore } from './store';
import type { Emulator, EmulatorOptions, EmulatorRequest } from './types';

export type { CallLog, CallRecord } from './call-log';
export { createDemoCatalog } from './demo-catalog';
export { createSyntheticRepository, type ImageSeriesOptions } from './demo-images';
export type { FailKind, FaultConfig, Faults, RawAnswer } from './faults';
export { loadFixture, validateFixture } from './fixture';
export type * from './fixture-types';
export { ControlError, type EmulatorControl } from './mutations';
export type { Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse, Listening } from './types';

/** `fixture` is checked as loadFixture checks a file; a bad one throws naming the field. */
export function createEmulator(fixture: Fixture, options: EmulatorOptions = {}): Emulator {
  const store = createStore(validateFixture(fixture, '(createEmulator argument)'));
  const calls = createCallLog();
  const faults = createFaults();
  const accepted = options.acceptedAccessKeyIds ? new Set(options.acceptedAccessKeyIds) : undefined;
  const control = createControl(store);
  const deps = { store, calls, faults, control };
  const aside = (req: EmulatorRequest) => (isControlPath(req.path) ? handleControl(req, deps) : undefined);
  const registry = createRegistryHandle({
    catalog: createRegistryCatalog(store),
    tokens: createTokens(),
    faults,
    calls,
  });
  const handle = createHandle({
    store,
    faults,
    calls,
    registry,
    ...(accepted ? { acceptedAccessKeyIds: accepted } : {}),
  });
  return {
    handle,
    requestHandler: createRequestHandler(handle),
    calls,
    faults,
    control,
    listen: (port, host) => listen(handle, port, host, aside),
  };
}
