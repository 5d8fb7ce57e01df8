/**
 * A stored E.164 number as people read it: French numbers in pairs (`+33 1 42 68 53 00`), others
 * left as stored (the dashboard carries no phone metadata; E.164 stays unambiguous).
 */
export function phoneText(e164: string): string {
  const fr = /^\+33(\d)(\d{8})$/.exec(e164);
  return fr ? `+33 ${fr[1]} ${fr[2]!.match(/\d\d/g)!.join(' ')}` : e164;
}
