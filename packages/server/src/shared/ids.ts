// Opaque global IDs: base64url("Type:rowId"). Clients must treat them as strings; the server
// decodes them and refuses IDs of another type with INVALID_ID.
import { invalidId } from './errors';

export const nodeTypes = ['Article', 'Entity', 'Quote', 'Deadline', 'DeadlineChange'] as const;
export type NodeTypeName = (typeof nodeTypes)[number];

function encodedWithBuffer(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Every 12-bit value as its two base64url characters. */
const PAIRS = Array.from(
  { length: 4096 },
  (_, value) => BASE64URL[value >> 6]! + BASE64URL[value & 63]!,
);

/**
 * Each type's `Type:` prefix split where its whole 3-byte groups end: those are encoded once
 * here, and only what is left of the prefix goes in front of the row id.
 */
const prefixes = new Map(
  nodeTypes.map((type) => {
    const prefix = `${type}:`;
    const whole = prefix.length - (prefix.length % 3);
    return [
      type,
      { encoded: encodedWithBuffer(prefix.slice(0, whole)), rest: prefix.slice(whole) },
    ];
  }),
);

/**
 * The global ID of a row: base64url of `Type:id`, as `Buffer.toString('base64url')` writes it.
 * A feed page serialises some 240 of them; through a Buffer each cost an allocation and a call
 * into C++, so the ASCII text (every id there is) is encoded here, 3 bytes to 4 characters.
 */
export function toGlobalId(type: NodeTypeName, id: number): string {
  const prefix = prefixes.get(type);
  if (!prefix) return encodedWithBuffer(`${type}:${id}`);
  const text = prefix.rest + String(id);
  const length = text.length;
  let out = prefix.encoded;
  let index = 0;
  for (; index + 2 < length; index += 3) {
    const a = text.charCodeAt(index);
    const b = text.charCodeAt(index + 1);
    const c = text.charCodeAt(index + 2);
    if ((a | b | c) > 127) return encodedWithBuffer(`${type}:${id}`);
    const group = (a << 16) | (b << 8) | c;
    out += PAIRS[group >> 12]! + PAIRS[group & 4095]!;
  }
  if (index < length) {
    const a = text.charCodeAt(index);
    const b = index + 1 < length ? text.charCodeAt(index + 1) : 0;
    if ((a | b) > 127) return encodedWithBuffer(`${type}:${id}`);
    const group = (a << 16) | (b << 8);
    // One byte left gives two characters, two bytes three (no padding).
    out +=
      index + 1 < length
        ? PAIRS[group >> 12]! + BASE64URL[(group >> 6) & 63]!
        : PAIRS[group >> 12]!;
  }
  return out;
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
