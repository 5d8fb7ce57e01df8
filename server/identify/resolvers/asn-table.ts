import { classifyAs } from '../classify.js';
import type { AsnTable } from '../asn/table.js';
import type { BlockLists } from '../asn/lists.js';
import type { IpNum } from '../ip.js';
import type { PrefixSpan } from '../prefix-span.js';
import type { Verdict } from '../types.js';

/**
 * Resolver 4: the embedded IP→ASN table (RouteViews + DB-IP ASN Lite, CC BY 4.0). Each AS is
 * classified once (hosting, VPN, ISP, mobile, SWG, education, government or a single
 * organisation) and its verdict reused, so a lookup allocates nothing.
 */
export class AsnResolver {
  private table: AsnTable | null = null;
  private verdicts: Array<Verdict | undefined> = [];

  constructor(private readonly lists: BlockLists) {}

  get ready(): boolean {
    return this.table !== null;
  }

  get current(): AsnTable | null {
    return this.table;
  }

  setTable(table: AsnTable): void {
    this.table = table;
    this.verdicts = new Array(table.size.as);
  }

  /** The verdict of the address's AS; `span` learns whether it holds for the whole prefix. */
  resolve(ip: IpNum, span?: PrefixSpan): Verdict | null {
    const t = this.table;
    if (!t) return null;
    const hit = ip.v === 4 ? t.lookup4(ip.n, span) : t.lookup6(ip.w, span);
    if (!hit) return null;
    let v = this.verdicts[hit.asId];
    if (!v) {
      v = toVerdict(this.lists, hit.asn, hit.name);
      this.verdicts[hit.asId] = v;
    }
    return v;
  }
}

function toVerdict(lists: BlockLists, asn: number, name: string): Verdict {
  const c = classifyAs(lists, asn, name);
  const matched = `AS${asn}`;
  const evidence = { asn, asOrganization: name, reason: c.reason };
  if (c.kind === 'company') {
    return Object.freeze({ kind: 'company', candidate: { name: c.name }, source: 'asn_table', confidence: c.confidence, matched, evidence });
  }
  return Object.freeze({ kind: 'class', class: c.class, source: 'asn_table', confidence: c.confidence, matched, evidence });
}
