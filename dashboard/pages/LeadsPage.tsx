/** Placeholder page; its issue fills it. */
export default function LeadsPage() {
  return <h1>Leads</h1>;
}
