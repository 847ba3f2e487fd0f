import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, CONFIG } from '../../config/app-config';
import { StepError } from './step-type';

/** Always refused unless allowed: link-local addresses, where cloud metadata services live. */
const METADATA_RANGES = ['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::254/128'];
/** Refused when OUTBOUND_DENY_PRIVATE=true. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '100.64.0.0/10', '0.0.0.0/8', '::1/128', 'fc00::/7'];

interface Rules {
  list: BlockList;
  hosts: Set<string>;
}

function rules(entries: string[]): Rules {
  const list = new BlockList();
  const hosts = new Set<string>();
  for (const entry of entries) {
    const [ip, prefix] = entry.split('/');
    const family = isIP(ip);
    if (!family) hosts.add(entry.toLowerCase());
    else if (prefix === undefined) list.addAddress(ip, family === 6 ? 'ipv6' : 'ipv4');
    else list.addSubnet(ip, Number(prefix), family === 6 ? 'ipv6' : 'ipv4');
  }
  return { list, hosts };
}

const matches = (r: Rules, host: string, ip: string) => r.hosts.has(host) || r.list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');

/**
 * SSRF protection for every step type that calls out: the target host is resolved and each address checked before
 * anything is sent. Allowed entries (OUTBOUND_ALLOW) win; then denied ones (OUTBOUND_DENY, the metadata ranges,
 * and private ranges when OUTBOUND_DENY_PRIVATE is on) refuse the call with a clear error.
 */
@Injectable()
export class OutboundGuard {
  private readonly allow: Rules;
  private readonly deny: Rules;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.allow = rules(config.outboundAllow);
    this.deny = rules([...METADATA_RANGES, ...(config.outboundDenyPrivate ? PRIVATE_RANGES : []), ...config.outboundDeny]);
  }

  async check(url: string): Promise<void> {
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    } catch {
      throw new StepError(`The URL [${url}] is not valid.`, 'WorkflowStepException', 'BAD_REQUEST');
    }
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
    if (!addresses.length) throw new StepError(`The host ${host} could not be resolved.`, 'WorkflowStepException', 'BAD_REQUEST');
    for (const ip of addresses) {
      if (matches(this.allow, host, ip)) continue;
      if (matches(this.deny, host, ip)) {
        throw new StepError(
          `Outbound call to ${host} (${ip}) refused: the address is in a denied range (link-local/cloud metadata, private, or OUTBOUND_DENY). Nothing was sent; allow it with OUTBOUND_ALLOW if this is intended.`,
          'WorkflowStepException',
          'FORBIDDEN',
        );
      }
    }
  }
}
