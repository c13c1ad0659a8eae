export interface Series {
  label: string;
  className: string;
  values: number[];
}

/** Grouped bars as SVG, hidden from screen readers: the same numbers are in the table beside it. */
export function BarChart({ labels, series, height = 120 }: { labels: string[]; series: Series[]; height?: number }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const group = 100 / Math.max(1, labels.length);
  const bar = (group * 0.8) / Math.max(1, series.length);
  return (
    <svg class="chart" viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" role="presentation" aria-hidden="true">
      {labels.map((_, i) =>
        series.map((s, j) => {
          const h = ((s.values[i] ?? 0) / max) * (height - 4);
          return <rect key={`${i}-${j}`} class={s.className} x={i * group + group * 0.1 + j * bar} y={height - h} width={bar} height={h} />;
        }),
      )}
    </svg>
  );
}
