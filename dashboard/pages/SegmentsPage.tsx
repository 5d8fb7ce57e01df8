/** Placeholder page; its issue fills it. */
export default function SegmentsPage() {
  return <h1>Segments</h1>;
}
