import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBaseUrl, resolveConnection } from '../../src/syncro/config.js';

const empty = () => mkdtempSync(join(tmpdir(), 'syncro-etl-config-'));

describe('resolveConnection', () => {
  it('is null when nothing is configured (the CLI then uses the sandbox)', () => {
    expect(resolveConnection({ env: {}, cwd: empty(), home: empty() })).toBeNull();
  });

  it('builds the Syncro URL from SYNCRO_SUBDOMAIN', () => {
    const c = resolveConnection({ env: { SYNCRO_SUBDOMAIN: 'acme', SYNCRO_API_KEY: 'k' }, cwd: empty(), home: empty() });
    expect(c).toMatchObject({ baseUrl: 'https://acme.syncromsp.com/api/v1', apiKey: 'k', rateLimit: 180, origin: 'environment' });
  });

  it('takes SYNCRO_BASE_URL and SYNCRO_RATE_LIMIT', () => {
    const c = resolveConnection({
      env: { SYNCRO_BASE_URL: 'http://127.0.0.1:8787/api/v1/', SYNCRO_API_KEY: 'k', SYNCRO_RATE_LIMIT: '600' },
      cwd: empty(),
      home: empty(),
    });
    expect(c).toMatchObject({ baseUrl: 'http://127.0.0.1:8787/api/v1', rateLimit: 600 });
  });

  it('flags win over the environment', () => {
    const c = resolveConnection({
      flags: { baseUrl: 'https://other.example/api/v1', rateLimit: 90 },
      env: { SYNCRO_SUBDOMAIN: 'acme', SYNCRO_API_KEY: 'k' },
      cwd: empty(),
      home: empty(),
    });
    expect(c).toMatchObject({ baseUrl: 'https://other.example/api/v1', rateLimit: 90, origin: 'flags' });
  });

  it('reads ./.syncro-etl/config.json, key included', () => {
    const cwd = empty();
    mkdirSync(join(cwd, '.syncro-etl'));
    writeFileSync(join(cwd, '.syncro-etl', 'config.json'), JSON.stringify({ subdomain: 'shop', apiKey: 'from-file', rateLimit: 120 }));
    const c = resolveConnection({ env: {}, cwd, home: empty() });
    expect(c).toMatchObject({ baseUrl: 'https://shop.syncromsp.com/api/v1', apiKey: 'from-file', rateLimit: 120 });
  });

  it('refuses a config file with unknown keys, naming the file', () => {
    const cwd = empty();
    mkdirSync(join(cwd, '.syncro-etl'));
    writeFileSync(join(cwd, '.syncro-etl', 'config.json'), JSON.stringify({ subdomian: 'typo' }));
    expect(() => resolveConnection({ env: {}, cwd, home: empty() })).toThrow(/config\.json/);
  });

  it('demands a key when an account is configured, without echoing anything secret', () => {
    expect(() => resolveConnection({ env: { SYNCRO_SUBDOMAIN: 'acme' }, cwd: empty(), home: empty() })).toThrow(/SYNCRO_API_KEY/);
  });

  it('rejects a non-numeric SYNCRO_RATE_LIMIT', () => {
    expect(() =>
      resolveConnection({ env: { SYNCRO_SUBDOMAIN: 'a', SYNCRO_API_KEY: 'k', SYNCRO_RATE_LIMIT: 'fast' }, cwd: empty(), home: empty() }),
    ).toThrow(/SYNCRO_RATE_LIMIT/);
  });
});

describe('checkBaseUrl', () => {
  it('accepts https anywhere and http on this machine only', () => {
    expect(checkBaseUrl('https://x.syncromsp.com/api/v1')).toBe('https://x.syncromsp.com/api/v1');
    expect(checkBaseUrl('http://localhost:1/api/v1')).toBe('http://localhost:1/api/v1');
    expect(checkBaseUrl('http://127.0.0.1:1/api/v1')).toBe('http://127.0.0.1:1/api/v1');
  });
  it('refuses plain http to another host', () => {
    expect(() => checkBaseUrl('http://x.syncromsp.com/api/v1')).toThrow(expect.objectContaining({ code: 'INSECURE_BASE_URL' }));
  });
  it('refuses credentials or a query string in the URL', () => {
    expect(() => checkBaseUrl('https://user:pw@x.example/api/v1')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => checkBaseUrl('https://x.example/api/v1?api_key=secret')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
  it('names a malformed URL', () => {
    expect(() => checkBaseUrl('not a url')).toThrow(/not a URL/);
  });
});
