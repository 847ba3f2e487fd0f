/**
 * Flow Framework keeps graph edges in java.util.HashSets, so both its execution order (successors are visited in
 * set order) and its "Cycle detected: [...]" list follow Java's hash iteration order. These helpers reproduce that
 * order: a HashSet iterates its table bucket by bucket, and each bucket in insertion order. (Buckets of 8+ entries
 * turn into trees in Java; with edge hashes that needs hundreds of edges and is not modelled.)
 */
import type { WorkflowEdge } from './template.types';

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

/** Table size of `new HashSet<>()` once it holds n elements: 16, doubled whenever n exceeds 3/4 of it. */
export function defaultSetCapacity(n: number): number {
  let capacity = 16;
  while (n > capacity * 0.75) capacity *= 2;
  return capacity;
}

/** Table size of `new HashSet<>(collection)` (JDK 19+: HashMap.newHashMap(max(size, 12))); size counts duplicates. */
export function copySetCapacity(collectionSize: number): number {
  const wanted = Math.ceil(Math.max(collectionSize, 12) / 0.75);
  let capacity = 1;
  while (capacity < wanted) capacity *= 2;
  return capacity;
}

/** `items` (already distinct, in insertion order) in the order a HashSet of that capacity iterates them. */
export function javaHashSetOrder<T>(items: readonly T[], hash: (item: T) => number, capacity: number): T[] {
  return items
    .map((item, index) => {
      const h = hash(item);
      return { item, index, bucket: (h ^ (h >>> 16)) & (capacity - 1) }; // HashMap.hash(key) & (n - 1)
    })
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.item);
}
