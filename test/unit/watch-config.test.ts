import { ConfigError, loadConfig } from '../../src/config';

describe('WATCH_INTERVAL_MS and SUBSCRIPTIONS_MAX', () => {
  it('default to 30 s and 1000, and take whole numbers in range', () => {
    expect(loadConfig({}).watch).toEqual({ intervalMs: 30_000, subscriptionsMax: 1000 });
    expect(loadConfig({ WATCH_INTERVAL_MS: '1000', SUBSCRIPTIONS_MAX: '5' }).watch).toEqual({
      intervalMs: 1000,
      subscriptionsMax: 5,
    });
  });

  it.each([
    ['WATCH_INTERVAL_MS', '999'],
    ['WATCH_INTERVAL_MS', '1s'],
    ['SUBSCRIPTIONS_MAX', '0'],
    ['SUBSCRIPTIONS_MAX', '-1'],
  ])('%s=%s stops start-up naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}:`));
  });
});
