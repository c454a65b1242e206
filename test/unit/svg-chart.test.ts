import { lineSegments, svgChart } from '../../src/http/dashboard/svg-chart';

const at = (index: number, value: number) => `${index},${value}`;

describe('a chart’s lines', () => {
  it('break where a value is missing rather than falling to zero', () => {
    expect(lineSegments([1, 2, null, 4, 5], at, undefined)).toEqual([
      { points: ['0,1', '1,2'], ongoing: false },
      { points: ['3,4', '4,5'], ongoing: false },
    ]);
  });

  it('draw the line into the week still being counted as a segment of its own', () => {
    expect(lineSegments([1, 2, 3], at, 2)).toEqual([
      { points: ['0,1', '1,2'], ongoing: false },
      { points: ['1,2', '2,3'], ongoing: true },
      { points: ['2,3'], ongoing: false },
    ]);
  });

  it('show each point’s label and value when hovered, marking the ongoing one', () => {
    const markup = String(
      svgChart({
        title: 'Omzet',
        labels: ['W47', 'W48'],
        kind: 'bars',
        series: [{ name: 'Omzet', className: 'series-a', values: [null, 2000] }],
        formatValue: (value) => `Rp ${value}`,
        ongoing: { index: 1, label: 'berjalan' },
      }),
    );
    expect(markup).toContain('<title>W48: Rp 2000 (berjalan)</title>');
    expect(markup).not.toContain('W47: ');
    expect(markup).toContain('class="series-a ongoing"');
  });
});
