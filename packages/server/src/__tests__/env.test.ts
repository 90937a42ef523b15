import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EnvError, envVariables, loadEnv } from '../env';

const readme = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');

/** The first-column names of the table under "## Configuration". */
function configurationTable(): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration\n'));
  if (!section) throw new Error('README has no "## Configuration" section');
  return [...section.matchAll(/^\| `([A-Z_]+)`/gm)].map((match) => match[1] as string);
}

describe('the configuration', () => {
  it('is documented in the README table, variable for variable', () => {
    const documented = configurationTable();
    expect(documented.length).toBeGreaterThan(0);
    expect(envVariables.filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !envVariables.includes(name))).toEqual([]);
  });

  it('reads CORS origins as a list, as any, or as none', () => {
    expect(
      loadEnv({ DATELINE_CORS_ORIGINS: 'https://app.example, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://app.example', 'http://localhost:5173']);
    expect(loadEnv({ DATELINE_CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(loadEnv({}).corsOrigins).toEqual([]);
    expect(() => loadEnv({ DATELINE_CORS_ORIGINS: 'https://app.example/path' })).toThrow(EnvError);
  });

  it('reads the Groonga search settings and refuses a Groonga URL that is not http', () => {
    expect(loadEnv({ DATELINE_SEARCH: 'groonga' })).toMatchObject({
      search: 'groonga',
      groonga: { url: 'http://127.0.0.1:10041', timeoutMs: 5000 },
    });
    expect(() => loadEnv({ DATELINE_GROONGA_URL: 'groonga:10041' })).toThrow(
      /DATELINE_GROONGA_URL.*http/,
    );
    expect(() => loadEnv({ DATELINE_SEARCH: 'elastic' })).toThrow(EnvError);
  });

  it('treats an unset NODE_ENV as production', () => {
    expect(loadEnv({}).nodeEnv).toBe('production');
  });
});

describe('the DATELINE_IDE setting', () => {
  test('the query IDE is on unless NODE_ENV=production is set, and off when it is', () => {
    expect(loadEnv({}).ide).toBe(true);
    expect(loadEnv({ NODE_ENV: 'test' }).ide).toBe(true);
    expect(loadEnv({ NODE_ENV: 'production' }).ide).toBe(false);
  });

  test('DATELINE_IDE turns it on in production or off in development', () => {
    expect(loadEnv({ NODE_ENV: 'production', DATELINE_IDE: 'true' }).ide).toBe(true);
    expect(loadEnv({ DATELINE_IDE: 'false' }).ide).toBe(false);
  });

  test('a value other than true or false stops start-up with a message naming the variable', () => {
    expect(() => loadEnv({ DATELINE_IDE: 'yes' })).toThrow(EnvError);
    expect(() => loadEnv({ DATELINE_IDE: 'yes' })).toThrow(/DATELINE_IDE/);
  });
});
