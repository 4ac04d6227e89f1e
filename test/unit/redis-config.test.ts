import { ConfigError, loadConfig } from '../../src/config';

describe('Redis settings', () => {
  it('keeps everything in-process unless REDIS_URL is set', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.redisKeyPrefix).toBe('ecr-public-gateway:');
    expect(config.redisCommandTimeoutMs).toBe(150);
  });

  it('takes redis:// and rediss:// URLs, and refuses anything else without echoing it', () => {
    expect(loadConfig({ REDIS_URL: 'rediss://user:secret@cache.internal:6380/0' }).redisUrl).toBe(
      'rediss://user:secret@cache.internal:6380/0',
    );
    const refuse = () => loadConfig({ REDIS_URL: 'http://user:secret@cache.internal' });
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(/^REDIS_URL: /);
    expect(refuse).not.toThrow(/secret/);
    expect(() => loadConfig({ REDIS_COMMAND_TIMEOUT_MS: '0' })).toThrow(/REDIS_COMMAND_TIMEOUT_MS/);
  });
});
