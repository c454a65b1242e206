import { html, type SafeHtml } from './html';

/** One line or set of bars of a chart: its name in the legend and its class (the colour, in app.css). */
export interface ChartSeries {
  name: string;
  className: string;
  values: readonly (number | null)[];
}

export interface ChartInput {
  /** What the chart shows, read out by screen readers and shown when the chart cannot be drawn. */
  title: string;
  /** One label per point, shown under the axis (e.g. "M12" or "23/11"). */
  labels: readonly string[];
  series: readonly ChartSeries[];
  kind: 'bars' | 'lines';
  /** Formats an axis value (e.g. "Rp 1,2 jt"). */
  formatValue?: (value: number) => string;
  /**
   * The point still being counted (the week in progress): drawn lighter on a shaded band under its
   * name, so that its low figure is not read as a fall.
   */
  ongoing?: { index: number; label: string };
}

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 112;
const BOTTOM = 28;
const TOP = 12;

/**
 * A chart as inline SVG: drawn by the server, so it needs no script, no image request and no inline
 * style (its colours come from classes in the style sheet, which the content security policy allows),
 * and it stays sharp on a phone. Missing values (null) leave a gap rather than a false zero.
 */
export function svgChart({
  title,
  labels,
  series,
  kind,
  formatValue = String,
  ongoing,
}: ChartInput): SafeHtml {
  const values = series.flatMap((line) => line.values.filter((value): value is number => value !== null));
  const top = niceCeiling(Math.max(0, ...values));
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const step = labels.length > 0 ? plotWidth / labels.length : plotWidth;
  const y = (value: number) => TOP + plotHeight - (top === 0 ? 0 : (value / top) * plotHeight);
  const xCentre = (index: number) => LEFT + step * index + step / 2;
  const ticks = [0, top / 2, top];
  const barWidth = (step * 0.7) / Math.max(1, series.length);

  const grid = ticks.map(
    (tick) =>
      html`<line class="grid" x1="${LEFT}" x2="${WIDTH - 8}" y1="${y(tick)}" y2="${y(tick)}" /><text
          class="tick"
          x="${LEFT - 6}"
          y="${y(tick) + 4}"
          text-anchor="end"
        >
          ${formatValue(tick)}
        </text>`,
  );
  // With many points only some labels fit; every n-th one is shown, and on a phone (where the style
  // sheet draws them larger) every other of those: the "minor" ones are hidden there.
  const labelEvery = Math.max(1, Math.ceil(labels.length / 12));
  const lastShown = labels.length - 1 - ((labels.length - 1) % labelEvery);
  const axisLabels = labels.map((label, index) =>
    index % labelEvery === 0
      ? html`<text
          class="tick${(lastShown - index) % (2 * labelEvery) === 0 ? '' : ' minor'}"
          x="${xCentre(index)}"
          y="${HEIGHT - 8}"
          text-anchor="middle"
          >${label}</text
        >`
      : '',
  );
  const isOngoing = (index: number) => ongoing?.index === index;
  const ongoingBand = ongoing
    ? html`<rect
          class="ongoing-band"
          x="${LEFT + step * ongoing.index}"
          y="${TOP}"
          width="${step}"
          height="${plotHeight}"
        /><text
          class="ongoing-label"
          x="${LEFT + step * (ongoing.index + 1) - 3}"
          y="${TOP + 14}"
          text-anchor="end"
        >
          ${ongoing.label}
        </text>`
    : '';
  const pointTitle = (index: number, value: number) =>
    `${labels[index] ?? ''}: ${formatValue(value)}${isOngoing(index) && ongoing ? ` (${ongoing.label})` : ''}`;
  const marks = series.map((line, seriesIndex) => {
    if (kind === 'bars') {
      return line.values.map((value, index) =>
        value === null
          ? ''
          : html`<rect
              class="${line.className}${isOngoing(index) ? ' ongoing' : ''}"
              x="${xCentre(index) - (barWidth * series.length) / 2 + barWidth * seriesIndex}"
              y="${y(value)}"
              width="${barWidth}"
              height="${y(0) - y(value)}"
              ><title>${pointTitle(index, value)}</title></rect
            >`,
      );
    }
    // The line into the ongoing point is a segment of its own, drawn dashed.
    const segments: { points: string[]; ongoing: boolean }[] = [{ points: [], ongoing: false }];
    line.values.forEach((value, index) => {
      const point = value === null ? undefined : `${xCentre(index).toFixed(1)},${y(value).toFixed(1)}`;
      if (isOngoing(index)) {
        const previous = segments[segments.length - 1]?.points.at(-1);
        segments.push({ points: point ? [...(previous ? [previous] : []), point] : [], ongoing: true });
        segments.push({ points: point ? [point] : [], ongoing: false });
      } else if (point === undefined) segments.push({ points: [], ongoing: false });
      else segments[segments.length - 1]?.points.push(point);
    });
    return html`${segments
      .filter((segment) => segment.points.length > 1 || (segment.points.length === 1 && !segment.ongoing))
      .map(
        (segment) =>
          html`<polyline
            class="${line.className}${segment.ongoing ? ' ongoing' : ''}"
            fill="none"
            points="${segment.points.join(' ')}"
          />`,
      )}${line.values.map((value, index) =>
      value === null
        ? ''
        : html`<circle
            class="${line.className}${isOngoing(index) ? ' ongoing' : ''}"
            cx="${xCentre(index)}"
            cy="${y(value)}"
            r="3"
            ><title>${pointTitle(index, value)}</title></circle
          >`,
    )}`;
  });
  const legend = series.map(
    (line) => html`<li><span class="swatch ${line.className}"></span>${line.name}</li>`,
  );
  return html`<figure class="chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}">
      <title>${title}</title>
      ${ongoingBand} ${grid} ${axisLabels} ${marks}
    </svg>
    <figcaption>
      <ul class="legend">
        ${legend}
      </ul>
    </figcaption>
  </figure>`;
}

/** The smallest of 1, 2 or 5 times a power of ten at or above the value, so ticks are round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const multiple of [1, 2, 5, 10]) {
    if (multiple * power >= value) return multiple * power;
  }
  return 10 * power;
}
