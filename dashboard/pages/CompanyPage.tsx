/** Placeholder page; its issue fills it. */
export default function CompanyPage() {
  return <h1>Company</h1>;
}
