// What stands in a side panel's place while its code loads on first use: the panel's frame and heading, so
// the column does not jump when the panel arrives.
export default function LoadingPanel({ title }: { title: string }) {
  return (
    <section className="panel" aria-busy="true">
      <h2>{title}</h2>
      <p className="muted">Loading…</p>
    </section>
  );
}
