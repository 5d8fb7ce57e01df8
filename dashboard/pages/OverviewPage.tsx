/** Placeholder page; its issue fills it. */
export default function OverviewPage() {
  return <h1>Overview</h1>;
}
