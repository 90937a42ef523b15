// Opaque global IDs: base64url("Type:rowId"). Clients must treat them as strings; the server
// decodes them and refuses IDs of another type with INVALID_ID.
import { invalidId } from './errors';

export const nodeTypes = ['Article', 'Entity', 'Quote', 'Deadline', 'DeadlineChange'] as const;
export type NodeTypeName = (typeof nodeTypes)[number];

export function toGlobalId(type: NodeTypeName, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: NodeTypeName;
  id: number;
}

const MAX_ROW_ID = 2_147_483_647;

/** Decodes any global ID; null when it is not one of ours. */
export function parseGlobalId(globalId: string): DecodedId | null {
  if (globalId.length === 0 || globalId.length > 64 || !/^[A-Za-z0-9_-]+$/.test(globalId)) {
    return null;
  }
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(
    Buffer.from(globalId, 'base64url').toString('utf8'),
  );
  if (!match) return null;
  const type = match[1] as NodeTypeName;
  const id = Number(match[2]);
  if (!nodeTypes.includes(type) || id > MAX_ROW_ID) return null;
  return { type, id };
}

/** Decodes a global ID that must name a `type`; throws INVALID_ID otherwise. */
export function decodeGlobalId(globalId: string, type: NodeTypeName, argument: string): number {
  const decoded = parseGlobalId(globalId);
  if (!decoded) {
    throw invalidId(`"${truncate(globalId)}" is not a valid ${type} ID.`, argument);
  }
  if (decoded.type !== type) {
    throw invalidId(
      `"${truncate(globalId)}" is ${withArticle(decoded.type)} ID, but ${argument} takes ${withArticle(type)} ID.`,
      argument,
    );
  }
  return decoded.id;
}

function withArticle(type: NodeTypeName): string {
  return /^[AEIOU]/.test(type) ? `an ${type}` : `a ${type}`;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
