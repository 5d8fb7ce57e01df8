/** Placeholder page; its issue fills it. */
export default function CompaniesPage() {
  return <h1>Companies</h1>;
}
