import { BUILT_IN_CURSOR_SECRET, ConfigError, loadConfig } from '../../src/config';

describe('loadConfig: where it listens and how it signs', () => {
  it('binds every interface unless HOST says otherwise; metrics only on METRICS_PORT when it is set', () => {
    expect(loadConfig({})).toMatchObject({ host: undefined, metricsPort: undefined, metricsHost: '127.0.0.1' });
    expect(loadConfig({ HOST: '127.0.0.1', METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toMatchObject({
      host: '127.0.0.1',
      metricsPort: 9464,
      metricsHost: '0.0.0.0',
    });
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow(ConfigError);
  });

  it('keeps the built-in cursor key where CURSOR_SECRET is unset outside production, and refuses weak ones only in production', () => {
    expect(loadConfig({})).toMatchObject({ cursorSecret: BUILT_IN_CURSOR_SECRET, cursorSecretSource: 'built-in' });
    expect(loadConfig({ NODE_ENV: 'development' }).cursorSecret).toBe(BUILT_IN_CURSOR_SECRET);
    expect(loadConfig({ CURSOR_SECRET: 'short' })).toMatchObject({ cursorSecret: 'short', cursorSecretSource: 'env' });
    const strong = 'f3a9c2d17b5e4a60b8e1c0d94f2a7b36';
    expect(loadConfig({ NODE_ENV: 'production', CURSOR_SECRET: strong }).cursorSecret).toBe(strong);
    for (const weak of ['short', 'CHANGE-ME-TO-A-SHARED-SECRET', BUILT_IN_CURSOR_SECRET]) {
      expect(() => loadConfig({ NODE_ENV: 'production', CURSOR_SECRET: weak })).toThrow(/CURSOR_SECRET/);
    }
  });

  it('draws a random cursor key of its own for each production process where CURSOR_SECRET is unset', () => {
    const secrets = Array.from({ length: 20 }, () => loadConfig({ NODE_ENV: 'production' }));
    for (const config of secrets) {
      expect(config.cursorSecretSource).toBe('random');
      expect(config.cursorSecret).not.toBe(BUILT_IN_CURSOR_SECRET);
      // 32 random bytes, base64url.
      expect(config.cursorSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(new Set(secrets.map((config) => config.cursorSecret)).size).toBe(20);
  });
});
