import { EnvError, loadEnv } from '../env';

describe('the DATELINE_IDE setting', () => {
  test('the query IDE is on by default outside production and off by default in production', () => {
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
