import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig: CORS_ORIGINS and AUTH_JWT_CLOCK_SKEW_S', () => {
  it('reads CORS_ORIGINS as origins in the form browsers send; none by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(
      loadConfig({ CORS_ORIGINS: ' https://App.Example.com/ , http://localhost:3000,,https://x.test:443 ' })
        .corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:3000', 'https://x.test']);
  });

  it.each([
    '*',
    'null',
    'app.example.com',
    'https://app.example.com/path',
    'https://a.test?x',
    'ftp://a.test',
    'https://u:p@a.test',
  ])('refuses %s in CORS_ORIGINS, naming the variable', (value) => {
    expect(() => loadConfig({ CORS_ORIGINS: `https://ok.test,${value}` })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/^CORS_ORIGINS: /);
  });

  it('allows 30 s of clock skew on token expiry by default, 0 to 3600 as set', () => {
    expect(loadConfig({}).auth.clockSkewS).toBe(30);
    expect(loadConfig({ AUTH_JWT_CLOCK_SKEW_S: '0' }).auth.clockSkewS).toBe(0);
    expect(() => loadConfig({ AUTH_JWT_CLOCK_SKEW_S: '-1' })).toThrow(/AUTH_JWT_CLOCK_SKEW_S/);
    expect(() => loadConfig({ AUTH_JWT_CLOCK_SKEW_S: '3601' })).toThrow(/AUTH_JWT_CLOCK_SKEW_S/);
  });
});
