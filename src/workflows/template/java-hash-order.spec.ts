import { JavaHashSet, javaEdgeHash, javaStringHash } from './java-hash-order';

describe('java-hash-order', () => {
  it('computes String#hashCode like the JVM', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });

  it('computes WorkflowEdge#hashCode like the JVM', () => {
    expect(javaEdgeHash({ source: 's', dest: 'n0' })).toBe(108274);
    expect(javaEdgeHash({ source: 'n9', dest: 'n10' })).toBe(3330015);
  });

  it('iterates like java.util.HashSet, including the resize a crowded bucket causes', () => {
    const edges = [{ source: 's', dest: 'n0' }];
    for (let i = 0; i < 13; i++) edges.push({ source: `n${i}`, dest: `n${i + 1}` });
    edges.push({ source: 'n13', dest: 'n0' });
    const set = JavaHashSet.copyOf(edges, javaEdgeHash, (e) => `${e.source}->${e.dest}`);
    // Printed by `new HashSet<>(edges)` on JDK 25.
    expect(set.values().map((e) => `${e.source}->${e.dest}`).join(', ')).toBe(
      'n1->n2, n3->n4, n5->n6, n7->n8, n13->n0, n11->n12, n0->n1, n2->n3, n4->n5, n6->n7, n8->n9, n9->n10, s->n0, n10->n11, n12->n13',
    );
    set.delete({ source: 's', dest: 'n0' });
    set.add({ source: 'n1', dest: 'n2' });
    expect(set.size).toBe(14);
  });
});
