import { describe, expect, it } from 'vitest';
import { formatReference, isReference, ReferenceAllocator } from '../../../shared/domain/reference.ts';

describe('formatReference', () => {
  it('is short enough to read over the phone', () => {
    expect(formatReference(2026, 123)).toBe('TA-2026-000123');
    expect(formatReference(2026, 1_234_567)).toBe('TA-2026-1234567');
    expect(isReference('TA-2026-000123')).toBe(true);
    expect(isReference('TA-26-1')).toBe(false);
  });
});

describe('ReferenceAllocator', () => {
  it('hands out unique numbers under concurrency with one counter write per block', async () => {
    // Prepare: two allocators (two Lambda containers) sharing one counter.
    let counter = 0;
    let reservations = 0;
    const reserve = async (_year: number, size: number) => {
      reservations += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      counter += size;
      return counter;
    };
    const first = new ReferenceAllocator(reserve, 10);
    const second = new ReferenceAllocator(reserve, 10);

    // Act
    const references = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? first : second).next(2026)),
    );

    // Assess
    expect(new Set(references).size).toBe(200);
    expect(references.every((reference) => /^TA-2026-\d{6}$/.test(reference))).toBe(true);
    expect(reservations).toBeLessThanOrEqual(22);
  });

  it('keeps separate sequences per year', async () => {
    const counters = new Map<number, number>();
    const allocator = new ReferenceAllocator(async (year, size) => {
      counters.set(year, (counters.get(year) ?? 0) + size);
      return counters.get(year) ?? 0;
    }, 5);
    expect(await allocator.next(2026)).toBe('TA-2026-000001');
    expect(await allocator.next(2027)).toBe('TA-2027-000001');
    expect(await allocator.next(2026)).toBe('TA-2026-000002');
  });
});
