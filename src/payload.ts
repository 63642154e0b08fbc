/**
 * WSO2-shaped JSON payloads of an exact byte size: `{"payload":"abc…","size":"1K"}`.
 * Shared by the mock backend (GET responses) and the engine (request bodies), so both sides
 * agree byte for byte. Deterministic: the same size always gives the same bytes.
 */
const FILLER = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** WSO2's size label: 50 -> "50B", 1024 -> "1K", 10240 -> "10K", 102400 -> "100K", 1536 -> "1536B". */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024}K`;
  return `${bytes}B`;
}

/** The smallest body the shape allows for a given size (the JSON skeleton without filler). */
export function minimumPayloadBytes(bytes: number): number {
  return Buffer.byteLength(`{"payload":"","size":"${sizeLabel(bytes)}"}`);
}

/** Builds the payload as a Buffer of exactly `bytes` bytes; throws RangeError when too small. */
export function wso2Payload(bytes: number): Buffer {
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`payload size must be a whole number of bytes, got ${bytes}`);
  const skeleton = minimumPayloadBytes(bytes);
  if (bytes < skeleton) {
    throw new RangeError(`a ${bytes}-byte body cannot hold the WSO2 payload shape (at least ${skeleton} bytes)`);
  }
  const fillerLength = bytes - skeleton;
  const filler = FILLER.repeat(Math.ceil(fillerLength / FILLER.length)).slice(0, fillerLength);
  return Buffer.from(`{"payload":"${filler}","size":"${sizeLabel(bytes)}"}`);
}
