/** Placeholder page; its issue fills it. */
export default function SitesPage() {
  return <h1>Sites</h1>;
}
