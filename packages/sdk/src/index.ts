// @dateline/sdk: the typed client for the Dateline GraphQL API. The generated operations and the
// client arrive with their own issue; until then the package carries the error codes.
export { ErrorCode, errorCodes, isErrorCode } from '@dateline/schema';
