import { Canvas, CAP_HEIGHT, type Rgb } from '../../render';
import type { Language } from '../program';
import { digestChart, groupWeeklyTotals, type ChartPanel, type DigestChart } from './chart-data';
import type { ParticipantFacts } from './rank';

/** The chart's colours, by palette index. Blue and orange stay apart for colour-blind eyes too. */
export const CHART_COLOURS = {
  background: [255, 255, 255],
  text: [33, 33, 33],
  muted: [97, 97, 97],
  grid: [224, 224, 224],
  axis: [117, 117, 117],
  sales: [21, 101, 192],
  savings: [230, 108, 0],
} as const satisfies Record<string, Rgb>;

type Colour = keyof typeof CHART_COLOURS;
const COLOUR_NAMES = Object.keys(CHART_COLOURS) as Colour[];
const PALETTE: Rgb[] = COLOUR_NAMES.map((name) => CHART_COLOURS[name]);
const colour = (name: Colour) => COLOUR_NAMES.indexOf(name);

/**
 * Sizes in pixels. 640 wide is shown about full width on a phone, where the labels (font scale 2,
 * 14 pixels high) read like ordinary small print; the PNG stays a few kilobytes.
 */
export const CHART_SIZE = { width: 640, height: 720 } as const;
const MARGIN = 24;
const PLOT_LEFT = 150;
const PLOT_RIGHT = CHART_SIZE.width - MARGIN;
const PLOT_HEIGHT = 200;
const LABEL = 2;
const TITLE = 3;
const BAR_SHARE = 0.62;

/** The mentor's chart for the week: the group's sales and savings of the last weeks, as a PNG. */
export function mentorDigestChart(
  participants: Pick<ParticipantFacts, 'reports'>[],
  week: string,
  language: Language,
): Buffer {
  return renderDigestChart(digestChart(groupWeeklyTotals(participants, week), participants.length, language));
}

/**
 * Draws the chart: a title, then one panel per series (a legend swatch with its name, gridlines
 * with amounts, one bar per week and the week's date under it), and a footnote. A group without a
 * single report gets its title and a plain "no reports yet" in place of empty axes.
 */
export function renderDigestChart(chart: DigestChart): Buffer {
  const canvas = new Canvas(CHART_SIZE.width, CHART_SIZE.height, PALETTE, colour('background'));
  canvas.text(MARGIN, 20, chart.title, TITLE, colour('text'));
  canvas.text(MARGIN, 56, chart.subtitle, LABEL, colour('muted'));
  if (chart.noData) {
    canvas.textCentred(CHART_SIZE.width / 2, CHART_SIZE.height / 2 - 10, chart.noData, TITLE, colour('text'));
    return canvas.toPng();
  }
  let top = 92;
  for (const panel of chart.panels) {
    drawPanel(canvas, chart, panel, top);
    top += 290;
  }
  canvas.text(MARGIN, CHART_SIZE.height - 30, chart.footnote, LABEL, colour('muted'));
  return canvas.toPng();
}

function drawPanel(canvas: Canvas, chart: DigestChart, panel: ChartPanel, top: number): void {
  const series = colour(panel.series);
  // The legend: the bars' colour beside the series' name.
  canvas.fillRect(MARGIN, top, 16, 16, series);
  canvas.text(MARGIN + 26, top + 1, panel.label, LABEL, colour('text'));

  const plotTop = top + 36;
  const baseline = plotTop + PLOT_HEIGHT;
  const heightOf = (value: number) => (value / panel.axis.max) * PLOT_HEIGHT;
  panel.axis.ticks.forEach((tick, index) => {
    const y = Math.round(baseline - heightOf(tick));
    if (tick > 0) canvas.fillRect(PLOT_LEFT, y, PLOT_RIGHT - PLOT_LEFT, 1, colour('grid'));
    const label = panel.tickLabels[index] ?? '';
    canvas.textRight(PLOT_LEFT - 10, y - (CAP_HEIGHT * LABEL) / 2, label, LABEL, colour('muted'));
  });

  const slot = (PLOT_RIGHT - PLOT_LEFT) / Math.max(1, chart.weeks.length);
  const barWidth = Math.round(slot * BAR_SHARE);
  chart.weeks.forEach((week, index) => {
    const centre = PLOT_LEFT + slot * (index + 0.5);
    const value = panel.values[index] ?? 0;
    // A small figure still shows as a sliver, so "reported a little" never looks like "nothing".
    const height = value > 0 ? Math.max(2, Math.round(heightOf(value))) : 0;
    canvas.fillRect(centre - barWidth / 2, baseline - height, barWidth, height, series);
    if (week.reporters === 0) {
      // Nobody reported: a dash on the baseline says so, where a zero bar would say "sold nothing".
      canvas.textCentred(centre, baseline - 20, '-', LABEL, colour('muted'));
    }
    canvas.textCentred(centre, baseline + 8, week.day, LABEL, colour('text'));
    canvas.textCentred(centre, baseline + 8 + 20, week.month, LABEL, colour('muted'));
  });
  canvas.fillRect(PLOT_LEFT, baseline, PLOT_RIGHT - PLOT_LEFT, 2, colour('axis'));
  canvas.fillRect(PLOT_LEFT - 1, plotTop - 4, 2, PLOT_HEIGHT + 6, colour('axis'));
}
