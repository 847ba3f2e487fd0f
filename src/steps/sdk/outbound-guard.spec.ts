import { loadConfig } from '../../config/app-config';
import { OutboundGuard } from './outbound-guard';
import { StepError } from './step-type';

const guard = (env: Record<string, string> = {}) => new OutboundGuard(loadConfig(env));
const refused = async (g: OutboundGuard, url: string) => {
  try {
    await g.check(url);
    return false;
  } catch (e) {
    expect(e).toBeInstanceOf(StepError);
    return true;
  }
};

describe('OutboundGuard', () => {
  it('refuses link-local and cloud metadata addresses by default, allows the rest', async () => {
    const g = guard();
    expect(await refused(g, 'http://169.254.169.254/latest/meta-data/')).toBe(true);
    expect(await refused(g, 'http://[fd00:ec2::254]/')).toBe(true);
    expect(await refused(g, 'http://[fe80::1]/')).toBe(true);
    expect(await refused(g, 'http://127.0.0.1:9200/')).toBe(false);
    expect(await refused(g, 'http://10.1.2.3/')).toBe(false);
  });

  it('refuses private ranges when asked, honours deny and allow lists', async () => {
    expect(await refused(guard({ OUTBOUND_DENY_PRIVATE: 'true' }), 'http://10.1.2.3/')).toBe(true);
    expect(await refused(guard({ OUTBOUND_DENY_PRIVATE: 'true' }), 'http://localhost:1/')).toBe(true);
    expect(await refused(guard({ OUTBOUND_DENY: '8.8.8.0/24' }), 'http://8.8.8.8/')).toBe(true);
    expect(await refused(guard({ OUTBOUND_ALLOW: '169.254.169.254' }), 'http://169.254.169.254/')).toBe(false);
    expect(await refused(guard({ OUTBOUND_DENY_PRIVATE: 'true', OUTBOUND_ALLOW: 'localhost' }), 'http://localhost:1/')).toBe(false);
  });

  it('refuses malformed URLs and unresolvable hosts', async () => {
    expect(await refused(guard(), 'not a url')).toBe(true);
    expect(await refused(guard(), 'http://no-such-host.invalid/')).toBe(true);
  });
});
