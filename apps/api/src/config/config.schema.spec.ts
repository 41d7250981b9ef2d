import { ConfigError, parseConfig } from './config.schema';

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./.ringi-data');
    expect(config.SESSION_IDLE_MINUTES).toBe(30);
    expect(config.SESSION_ABSOLUTE_HOURS).toBe(12);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TRUST_PROXY).toBeUndefined();
  });

  it('reads TRUST_PROXY as a list of proxy addresses and refuses anything else', () => {
    expect(parseConfig({ TRUST_PROXY: '172.28.0.10, 10.0.0.0/8,loopback' }).TRUST_PROXY).toEqual([
      '172.28.0.10',
      '10.0.0.0/8',
      'loopback',
    ]);
    expect(() => parseConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => parseConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ REDIS_URL: '', PORT: '' }).REDIS_URL).toBeUndefined();
    expect(parseConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('stops with one line that names every bad variable', () => {
    expect(() => parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
    }
  });
});
