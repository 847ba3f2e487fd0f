interface Waiting<In, Out> {
  item: In;
  resolve(out: Out): void;
  reject(err: unknown): void;
}

/**
 * Group commit in the application. `add` queues an item; items that arrive in the same turn of the event loop, or
 * while the previous flush is in flight, are handed to `flush` together (one statement, one commit for all of them).
 * Each caller gets the result at its item's position, or the flush's error. One flush runs at a time, so under load
 * batches grow by themselves, and an idle batcher adds no more than one event-loop turn of latency.
 */
export class Batcher<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private flushing = false;
  private scheduled = false;

  /**
   * `flush` returns one result per item, in item order. With `lingerMs`, an idle batcher waits that long for more
   * items before flushing (for writes off the critical path, where fewer statements matter more than latency).
   */
  constructor(
    private readonly flush: (items: In[]) => Promise<Out[]>,
    private readonly options: { maxBatch?: number; lingerMs?: number } = {},
  ) {}

  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    const flushNow = () => {
      this.scheduled = false;
      void this.run();
    };
    // At least one turn of the event loop: the calls a burst makes together (e.g. every job of one fetch) share it.
    if (this.options.lingerMs) setTimeout(flushNow, this.options.lingerMs);
    else setImmediate(flushNow);
  }

  private async run(): Promise<void> {
    if (this.flushing || this.waiting.length === 0) return;
    this.flushing = true;
    const batch = this.waiting.splice(0, this.options.maxBatch ?? 500);
    try {
      const results = await this.flush(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} items returned ${results.length} results`);
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      this.flushing = false;
      this.schedule();
    }
  }
}
