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

  it('treats an unset NODE_ENV as production', () => {
    expect(loadEnv({}).nodeEnv).toBe('production');
  });
});
