/**
 * Flow Framework keeps graph edges in java.util.HashSets, so both its execution order (successors are visited in
 * set order) and its "Cycle detected: [...]" list follow Java's hash iteration order. JavaHashSet reproduces that
 * order: a table of buckets, each in insertion order, doubled when 3/4 full, and doubled as well when one bucket
 * reaches 9 entries while the table is smaller than 64 (HashMap#treeifyBin). A bucket that long in a table of 64 or
 * more becomes a red-black tree in Java, whose order is not modelled here (it needs dozens of colliding edges).
 */
import type { WorkflowEdge } from './template.types';

const TREEIFY_LENGTH = 9;
const MIN_TREEIFY_CAPACITY = 64;

/** java.lang.String#hashCode: UTF-16 code units, 32-bit overflow. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** WorkflowEdge#hashCode is Objects.hash(destination, source). */
export function javaEdgeHash(edge: WorkflowEdge): number {
  return (Math.imul(31, (31 + javaStringHash(edge.dest)) | 0) + javaStringHash(edge.source)) | 0;
}

export class JavaHashSet<T> {
  /** Buckets are created on first use: most sets hold a handful of edges. */
  private table: (T[] | undefined)[];
  private count = 0;

  /** `new HashSet<>()`: 16 buckets. */
  constructor(
    private readonly hash: (item: T) => number,
    private readonly key: (item: T) => string,
    capacity = 16,
  ) {
    this.table = new Array<T[] | undefined>(capacity);
  }

  /** `new HashSet<>(collection)` (JDK 19+: HashMap.newHashMap(max(size, 12))); the size counts duplicates. */
  static copyOf<T>(items: readonly T[], hash: (item: T) => number, key: (item: T) => string): JavaHashSet<T> {
    const wanted = Math.ceil(Math.max(items.length, 12) / 0.75);
    let capacity = 1;
    while (capacity < wanted) capacity *= 2;
    const set = new JavaHashSet(hash, key, capacity);
    for (const item of items) set.add(item);
    return set;
  }

  get size(): number {
    return this.count;
  }

  add(item: T): void {
    const index = this.indexOf(item);
    const bucket = (this.table[index] ??= []);
    const key = this.key(item);
    if (bucket.some((other) => this.key(other) === key)) return;
    bucket.push(item);
    if (bucket.length >= TREEIFY_LENGTH && this.table.length < MIN_TREEIFY_CAPACITY) this.resize();
    if (++this.count > this.table.length * 0.75) this.resize();
  }

  /** Whether the item was there. */
  delete(item: T): boolean {
    const bucket = this.table[this.indexOf(item)];
    const key = this.key(item);
    const index = bucket ? bucket.findIndex((other) => this.key(other) === key) : -1;
    if (index === -1) return false;
    bucket!.splice(index, 1);
    this.count--;
    return true;
  }

  has(item: T): boolean {
    const key = this.key(item);
    return this.table[this.indexOf(item)]?.some((other) => this.key(other) === key) ?? false;
  }

  /** Iteration order: bucket by bucket. */
  values(): T[] {
    const out: T[] = [];
    for (const bucket of this.table) if (bucket) out.push(...bucket);
    return out;
  }

  private indexOf(item: T): number {
    const h = this.hash(item);
    return (h ^ (h >>> 16)) & (this.table.length - 1); // HashMap.hash(key) & (n - 1)
  }

  /** Doubling keeps the relative order of entries that land in the same bucket. */
  private resize(): void {
    const entries = this.values();
    this.table = new Array<T[] | undefined>(this.table.length * 2);
    for (const item of entries) (this.table[this.indexOf(item)] ??= []).push(item);
  }
}
