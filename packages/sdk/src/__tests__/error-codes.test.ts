import { ErrorCode as SchemaErrorCode } from '@dateline/schema';
import { ErrorCode, errorCodes, isErrorCode } from '../generated/error-codes.ts';

describe('the error codes the SDK exports', () => {
  it('are exactly the codes of @dateline/schema, the list the server uses', () => {
    expect(ErrorCode).toEqual(SchemaErrorCode);
  });

  it('tell a known code from any other string', () => {
    expect(errorCodes).toContain('UNAUTHENTICATED');
    expect(isErrorCode(ErrorCode.RateLimited)).toBe(true);
    expect(isErrorCode('TEAPOT')).toBe(false);
  });
});
