import path from 'node:path';
import { fixtureFromEnv, parseEmulatorEnv } from '../../src/emulator/env';

describe('the standalone emulator’s environment', () => {
  it('defaults to port 4566 and the demo catalog', () => {
    const env = parseEmulatorEnv({});
    expect(env).toEqual({ port: 4566, host: '127.0.0.1', fixturePath: undefined });
    expect(fixtureFromEnv(env).registries[0]?.registryId).toBe('123456789012');
  });

  it.each(['0', '8080', '65535'])('takes EMULATOR_PORT=%s', (port) => {
    expect(parseEmulatorEnv({ EMULATOR_PORT: port }).port).toBe(Number(port));
  });

  it.each(['abc', '-1', '65536', '80.5', '1e3', '0x50'])('refuses EMULATOR_PORT=%s in one line naming it', (port) => {
    expect(() => parseEmulatorEnv({ EMULATOR_PORT: port })).toThrow(
      new Error(`EMULATOR_PORT: must be an integer from 0 to 65535, got '${port}'`),
    );
  });

  it('binds EMULATOR_HOST, and refuses one that is no address', () => {
    expect(parseEmulatorEnv({ EMULATOR_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => parseEmulatorEnv({ EMULATOR_HOST: 'a b' })).toThrow(/^EMULATOR_HOST: /);
  });

  it('reads the fixture ECR_PUBLIC_FIXTURE names, and names the variable when it is bad', () => {
    const good = path.join(__dirname, '..', 'fixtures', 'emulator-small.json');
    expect(fixtureFromEnv(parseEmulatorEnv({ ECR_PUBLIC_FIXTURE: good })).registries[0]?.repositories).toHaveLength(2);
    const bad = path.join(__dirname, '..', 'fixtures', 'emulator-bad-digest.json');
    expect(() => fixtureFromEnv(parseEmulatorEnv({ ECR_PUBLIC_FIXTURE: bad }))).toThrow(
      new Error(
        `ECR_PUBLIC_FIXTURE: fixture ${bad}: registries[0].repositories[0].images[1].imageDigest: must match sha256:<64 hex digits>`,
      ),
    );
  });
});
