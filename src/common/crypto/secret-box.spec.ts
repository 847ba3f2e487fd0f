import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalKey, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 7));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.encrypt('hunter2');
    expect(sealed).not.toContain('hunter2');
    expect(SecretBox.isCiphertext(sealed)).toBe(true);
    expect(box.decrypt(sealed)).toBe('hunter2');
  });

  it('uses a fresh IV for each value', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('rejects tampered ciphertext and a wrong key', () => {
    const sealed = box.encrypt('secret');
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => box.decrypt(tampered)).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 8)).decrypt(sealed)).toThrow();
  });

  it('keeps the local key across calls', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-key-'));
    const first = loadOrCreateLocalKey(dir);
    const second = loadOrCreateLocalKey(dir);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });
});
