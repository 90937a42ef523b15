import { isDatabaseUnavailable } from '../errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('telling an unreachable database from other failures', () => {
  it.each([
    ['an administrator ending the connection (57P01)', withCode('57P01')],
    ['a crash shutdown (57P02)', withCode('57P02')],
    ['a database still starting (57P03)', withCode('57P03')],
    ['too many connections (53300)', withCode('53300')],
    ['a connection failure (class 08)', withCode('08006')],
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a connection that ended mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a client used after its connection broke',
      new Error('Client was closed and is not queryable'),
    ],
    [
      'a pool that could not hand out a connection',
      new Error('timeout exceeded when trying to connect'),
    ],
  ])('counts %s as unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('sees the cause through drizzle and GraphQL wrappers', () => {
    const drizzle = new Error('Failed query: insert …', { cause: withCode('57P01') });
    const graphql = Object.assign(new Error('Failed query'), { originalError: drizzle });
    expect(isDatabaseUnavailable(graphql)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a statement timeout', withCode('57014')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['no error at all', undefined],
  ])('does not count %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
