import { Batcher } from './batcher';

/** A flush function that records its batches and lets the test decide when each one finishes. */
function controlledFlush() {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  const flush = (items: number[]) => {
    batches.push(items);
    return new Promise<number[]>((resolve) => finish.push(() => resolve(items.map((i) => i * 10))));
  };
  return { batches, finish, flush };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Batcher (group commit)', () => {
  it('flushes the items added in one turn of the event loop together, each caller getting its own result', async () => {
    const { batches, finish, flush } = controlledFlush();
    const batcher = new Batcher(flush);
    const results = [1, 2, 3].map((i) => batcher.add(i));
    await tick();
    expect(batches).toEqual([[1, 2, 3]]);
    finish[0]();
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30]);
  });

  it('collects what arrives while a flush is in flight into the next one; one flush at a time', async () => {
    const { batches, finish, flush } = controlledFlush();
    const batcher = new Batcher(flush);
    const first = batcher.add(1);
    await tick();
    const later = [batcher.add(2), batcher.add(3)];
    await tick();
    const more = batcher.add(4);
    await tick();
    expect(batches).toEqual([[1]]);
    finish[0]();
    await expect(first).resolves.toBe(10);
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]();
    await expect(Promise.all([...later, more])).resolves.toEqual([20, 30, 40]);
  });

  it('a failed flush rejects its own items only', async () => {
    let calls = 0;
    const batcher = new Batcher(async (items: number[]) => {
      if (calls++ === 0) throw new Error('database gone');
      return items;
    });
    const failed = [batcher.add(1), batcher.add(2)];
    await expect(failed[0]).rejects.toThrow('database gone');
    await expect(failed[1]).rejects.toThrow('database gone');
    await expect(batcher.add(3)).resolves.toBe(3);
  });

  it('splits batches at maxBatch', async () => {
    const sizes: number[] = [];
    const batcher = new Batcher(
      async (items: number[]) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((i) => batcher.add(i)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('with lingerMs, waits for more items before flushing', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const { batches, finish, flush } = controlledFlush();
      const batcher = new Batcher(flush, { lingerMs: 30 });
      const first = batcher.add(1);
      await tick();
      jest.advanceTimersByTime(29);
      const second = batcher.add(2);
      expect(batches).toEqual([]); // still lingering
      jest.advanceTimersByTime(1);
      expect(batches).toEqual([[1, 2]]);
      finish[0]();
      await expect(Promise.all([first, second])).resolves.toEqual([10, 20]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('rejects when the flush returns a result count that does not match its items', async () => {
    const batcher = new Batcher(async (items: number[]) => items.slice(1));
    await expect(batcher.add(1)).rejects.toThrow('a batch of 1 items returned 0 results');
  });
});
