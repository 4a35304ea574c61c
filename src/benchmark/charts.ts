/**
 * SVG charts of a report, drawn headless with Vega (no browser, no canvas):
 * ns/event against pattern count per contender (both axes log scale), and
 * events/s against event count for the end-to-end paths.
 */

import * as vega from 'vega';
import type { BenchReport } from './report.js';

/** A chart: file name and SVG text. */
export interface Chart {
  readonly file: string;
  readonly svg: string;
}

/** One point of a line chart. */
interface Point {
  readonly x: number;
  readonly y: number;
  readonly series: string;
}

/** A Vega line chart spec with log scales. */
function lineChart(title: string, xTitle: string, yTitle: string, points: Point[]) {
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    width: 560,
    height: 340,
    padding: 8,
    title: { text: title },
    data: [{ name: 'points', values: points }],
    scales: [
      { name: 'x', type: 'log', domain: { data: 'points', field: 'x' }, range: 'width' },
      {
        name: 'y',
        type: 'log',
        domain: { data: 'points', field: 'y' },
        range: 'height',
        nice: true,
      },
      {
        name: 'color',
        type: 'ordinal',
        domain: { data: 'points', field: 'series' },
        range: 'category',
      },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: xTitle, grid: true },
      { orient: 'left', scale: 'y', title: yTitle, grid: true },
    ],
    legends: [{ stroke: 'color', fill: 'color', title: 'contender' }],
    marks: [
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'points', groupby: 'series' } },
        marks: [
          {
            type: 'line',
            from: { data: 'series' },
            sort: { field: 'datum.x' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'y' },
                stroke: { scale: 'color', field: 'series' },
                strokeWidth: { value: 2 },
              },
            },
          },
          {
            type: 'symbol',
            from: { data: 'series' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'y' },
                fill: { scale: 'color', field: 'series' },
                size: { value: 30 },
              },
            },
          },
        ],
      },
    ],
  };
}

/** Renders a spec to SVG text. */
async function render(spec: object): Promise<string> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The charts of a report (a chart with no points is left out). */
export async function renderCharts(report: BenchReport): Promise<Chart[]> {
  const match: Point[] = report.results
    .filter((r) => r.ns_per_event !== null && r.ns_per_event > 0)
    .map((r) => ({ x: r.patterns, y: r.ns_per_event ?? 0, series: r.strategy }));
  const endToEnd: Point[] = report.end_to_end.map((r) => ({
    x: r.events,
    y: r.events_per_second,
    series: r.path,
  }));
  const charts: Chart[] = [];
  if (match.length > 0) {
    const spec = lineChart(
      'Match cost per event',
      'patterns',
      'ns per event (log)',
      match,
    );
    charts.push({ file: 'ns-per-event.svg', svg: await render(spec) });
  }
  if (endToEnd.length > 0) {
    const spec = lineChart(
      'End to end: seed rule over NDJSON',
      'events in the file',
      'events per second (log)',
      endToEnd,
    );
    charts.push({ file: 'events-per-second.svg', svg: await render(spec) });
  }
  return charts;
}
