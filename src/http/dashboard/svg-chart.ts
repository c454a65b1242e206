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

/** Where things fall on the chart: the scale's top, each point's centre, a value's height. */
interface Frame {
  top: number;
  step: number;
  plotHeight: number;
  y(value: number): number;
  xCentre(index: number): number;
}

function frameOf(labels: readonly string[], series: readonly ChartSeries[]): Frame {
  const values = series.flatMap((line) => line.values.filter((value): value is number => value !== null));
  const top = niceCeiling(Math.max(0, ...values));
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const step = labels.length > 0 ? plotWidth / labels.length : plotWidth;
  return {
    top,
    step,
    plotHeight,
    y: (value) => TOP + plotHeight - (top === 0 ? 0 : (value / top) * plotHeight),
    xCentre: (index) => LEFT + step * index + step / 2,
  };
}

/** Three lines across (zero, half, the top), each with its value at the left. */
function grid(frame: Frame, formatValue: (value: number) => string): SafeHtml[] {
  const { y } = frame;
  return [0, frame.top / 2, frame.top].map(
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
}

/**
 * With many points only some labels fit; every n-th one is shown, and on a phone (where the style
 * sheet draws them larger) every other of those: the "minor" ones are hidden there.
 */
function axisLabels(labels: readonly string[], frame: Frame): (SafeHtml | '')[] {
  const labelEvery = Math.max(1, Math.ceil(labels.length / 12));
  const lastShown = labels.length - 1 - ((labels.length - 1) % labelEvery);
  return labels.map((label, index) =>
    index % labelEvery === 0
      ? html`<text
          class="tick${(lastShown - index) % (2 * labelEvery) === 0 ? '' : ' minor'}"
          x="${frame.xCentre(index)}"
          y="${HEIGHT - 8}"
          text-anchor="middle"
          >${label}</text
        >`
      : '',
  );
}

/** The shaded band under the point still being counted, with its name. */
function ongoingBand(ongoing: ChartInput['ongoing'], frame: Frame): SafeHtml | '' {
  if (!ongoing) return '';
  return html`<rect
      class="ongoing-band"
      x="${LEFT + frame.step * ongoing.index}"
      y="${TOP}"
      width="${frame.step}"
      height="${frame.plotHeight}"
    /><text
      class="ongoing-label"
      x="${LEFT + frame.step * (ongoing.index + 1) - 3}"
      y="${TOP + 14}"
      text-anchor="end"
    >
      ${ongoing.label}
    </text>`;
}

/**
 * A line's points as the polylines drawn: broken where a value is missing, and the line into the
 * ongoing point a segment of its own (drawn dashed). Points are `x,y` strings.
 */
export function lineSegments(
  values: readonly (number | null)[],
  point: (index: number, value: number) => string,
  ongoingIndex: number | undefined,
): { points: string[]; ongoing: boolean }[] {
  const segments: { points: string[]; ongoing: boolean }[] = [{ points: [], ongoing: false }];
  values.forEach((value, index) => {
    const at = value === null ? undefined : point(index, value);
    if (index === ongoingIndex) {
      const previous = segments[segments.length - 1]?.points.at(-1);
      segments.push({ points: at ? [...(previous ? [previous] : []), at] : [], ongoing: true });
      segments.push({ points: at ? [at] : [], ongoing: false });
    } else if (at === undefined) segments.push({ points: [], ongoing: false });
    else segments[segments.length - 1]?.points.push(at);
  });
  return segments.filter(
    (segment) => segment.points.length > 1 || (segment.points.length === 1 && !segment.ongoing),
  );
}

/** What a point says when hovered: its label, its value, and that it is still being counted. */
type PointTitle = (index: number, value: number) => string;

function bars(
  series: readonly ChartSeries[],
  frame: Frame,
  ongoingIndex: number | undefined,
  title: PointTitle,
) {
  const barWidth = (frame.step * 0.7) / Math.max(1, series.length);
  return series.map((line, seriesIndex) =>
    line.values.map((value, index) =>
      value === null
        ? ''
        : html`<rect
            class="${line.className}${index === ongoingIndex ? ' ongoing' : ''}"
            x="${frame.xCentre(index) - (barWidth * series.length) / 2 + barWidth * seriesIndex}"
            y="${frame.y(value)}"
            width="${barWidth}"
            height="${frame.y(0) - frame.y(value)}"
            ><title>${title(index, value)}</title></rect
          >`,
    ),
  );
}

function lines(
  series: readonly ChartSeries[],
  frame: Frame,
  ongoingIndex: number | undefined,
  title: PointTitle,
) {
  const point = (index: number, value: number) =>
    `${frame.xCentre(index).toFixed(1)},${frame.y(value).toFixed(1)}`;
  return series.map(
    (line) =>
      html`${lineSegments(line.values, point, ongoingIndex).map(
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
              class="${line.className}${index === ongoingIndex ? ' ongoing' : ''}"
              cx="${frame.xCentre(index)}"
              cy="${frame.y(value)}"
              r="3"
              ><title>${title(index, value)}</title></circle
            >`,
      )}`,
  );
}

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
  const frame = frameOf(labels, series);
  const pointTitle: PointTitle = (index, value) =>
    `${labels[index] ?? ''}: ${formatValue(value)}${ongoing?.index === index ? ` (${ongoing.label})` : ''}`;
  const marks = (kind === 'bars' ? bars : lines)(series, frame, ongoing?.index, pointTitle);
  const legend = series.map(
    (line) => html`<li><span class="swatch ${line.className}"></span>${line.name}</li>`,
  );
  return html`<figure class="chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}">
      <title>${title}</title>
      ${ongoingBand(ongoing, frame)} ${grid(frame, formatValue)} ${axisLabels(labels, frame)} ${marks}
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
