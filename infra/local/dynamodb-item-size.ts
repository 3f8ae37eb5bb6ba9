/**
 * DynamoDB's item size (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html),
 * for the writes DynamoDB reports no consumed capacity for: a conditional write whose condition
 * failed is still charged, but its error carries no `ConsumedCapacity`. Approximate where the rules
 * are (numbers), which is enough for whole kilobyte units.
 */

/** An attribute value as the SDK sends it (`{ S: 'x' }`, `{ N: '1' }`, `{ M: { … } }`, …). */
type AttributeValue = Record<string, unknown>;

/** Bytes of an item in DynamoDB's counting: names plus values. */
export function itemSize(item: Readonly<Record<string, unknown>> | undefined): number {
  let size = 0;
  for (const [name, value] of Object.entries(item ?? {})) size += bytes(name) + valueSize(value);
  return size;
}

/** Write units of a standard write of `item` (1 KB each, at least one). */
export function writeUnits(item: Readonly<Record<string, unknown>> | undefined): number {
  return Math.max(1, Math.ceil(itemSize(item) / 1024));
}

function valueSize(value: unknown): number {
  const attribute = (value ?? {}) as AttributeValue;
  if (typeof attribute.S === 'string') return bytes(attribute.S);
  if (typeof attribute.N === 'string') return numberSize(attribute.N);
  if (attribute.B !== undefined) return binarySize(attribute.B);
  if (attribute.BOOL !== undefined || attribute.NULL !== undefined) return 1;
  if (Array.isArray(attribute.SS)) return sum(attribute.SS.map((s: string) => bytes(s)));
  if (Array.isArray(attribute.NS)) return sum(attribute.NS.map((n: string) => numberSize(n)));
  if (Array.isArray(attribute.BS)) return sum(attribute.BS.map(binarySize));
  // Lists and maps: 3 bytes, plus a byte per element besides the elements themselves.
  if (Array.isArray(attribute.L)) return 3 + sum(attribute.L.map((element) => 1 + valueSize(element)));
  if (attribute.M && typeof attribute.M === 'object')
    return 3 + sum(Object.entries(attribute.M).map(([key, element]) => 1 + bytes(key) + valueSize(element)));
  return 0;
}

/** Up to 38 significant digits, two to a byte, plus one. */
function numberSize(number: string): number {
  const digits = number.replace(/[^0-9]/g, '').replace(/^0+/, '').length;
  return Math.ceil(Math.max(1, digits) / 2) + 1;
}

function binarySize(binary: unknown): number {
  if (binary instanceof Uint8Array) return binary.byteLength;
  return typeof binary === 'string' ? Buffer.from(binary, 'base64').byteLength : 0;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
