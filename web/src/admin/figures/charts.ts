/**
 * The charts of the _Pārskati_ view, drawn with uPlot on a canvas. The library is its own chunk
 * (`/admin/charts.js`, see `chart-library.ts`) with its stylesheet (`/admin/uplot.css`):
 * fetched as files the first time the view draws, so the page's first load
 * stays as it was and its CSP (`script-src 'self'; style-src 'self'`) holds — uPlot sets only
 * style properties from script (CSSOM), which that policy allows, and injects no `<style>`.
 *
 * A chart is a picture of its data table beside it: the canvas is hidden from screen readers,
 * and the summary sentence and the table say what it shows. Colour is never alone: the second
 * series is dashed, and the legend names each line beside its swatch.
 */
import type uPlot from 'uplot';
import type { Language } from '../../../../shared/domain/language.ts';
import { h } from '../dom.ts';
import { type ChartData, formatNumber } from './model.ts';

type UPlotConstructor = typeof uPlot;

const chartScript = '/admin/charts.js';
const chartStyles = ['/admin/uplot.css'];

/** The series' colours (each ≥ 3:1 against white, as graphics need). */
const colours = ['#1d4f91', '#b3400a'];

let loading: Promise<UPlotConstructor | undefined> | undefined;

function libraryOnPage(): UPlotConstructor | undefined {
  return (window as unknown as { courtdeskUPlot?: UPlotConstructor }).courtdeskUPlot;
}

/** The chart library, loaded once (undefined when it could not be: the tables then stand alone). */
export function loadChartLibrary(): Promise<UPlotConstructor | undefined> {
  const present = libraryOnPage();
  if (present) return Promise.resolve(present);
  loading ??= new Promise<UPlotConstructor | undefined>((resolve) => {
    for (const href of chartStyles) {
      if (!document.querySelector(`link[href="${href}"]`))
        document.head.append(h('link', { attributes: { rel: 'stylesheet', href } }));
    }
    const script = h('script', { attributes: { src: chartScript } });
    script.addEventListener('load', () => resolve(libraryOnPage()));
    script.addEventListener('error', () => {
      loading = undefined;
      script.remove();
      resolve(undefined);
    });
    document.head.append(script);
  });
  return loading;
}

export interface ChartOptions {
  readonly language: Language;
  /** Bars rather than lines (a distribution). */
  readonly bars?: boolean;
  /** The y axis' fixed top (percentages: 100). */
  readonly max?: number;
}

/** The legend under a chart: each series' swatch (solid or dashed) and name. */
export function chartLegend(data: ChartData): HTMLUListElement {
  return h(
    'ul',
    { class: 'figures-legend' },
    ...data.series.map((series, index) =>
      h(
        'li',
        {},
        h('span', { class: `figures-legend__swatch figures-legend__swatch--${index}` }),
        series.label,
      ),
    ),
  );
}

/** Draws `data` into `container` (already on the page, for its width); answers the chart. */
export function drawChart(
  library: UPlotConstructor,
  container: HTMLElement,
  data: ChartData,
  options: ChartOptions,
): uPlot {
  const { language } = options;
  const count = data.labels.length;
  const width = Math.max(280, Math.min(960, container.clientWidth || 640));
  const font = '14px system-ui, sans-serif';
  const axisColour = '#1f2937';
  const grid = { stroke: '#d1d5db', width: 1 };
  const bars = options.bars ? library.paths.bars?.({ size: [0.6, 48] }) : undefined;
  return new library(
    {
      width,
      height: 260,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: () => [-0.5, Math.max(0.5, count - 0.5)] },
        y: {
          range: (_chart, _min, max) => [0, options.max ?? (max > 0 ? Math.ceil(max * 1.1) : 1)],
        },
      },
      axes: [
        {
          font,
          stroke: axisColour,
          grid: { show: false },
          incrs: [1, 2, 3, 4, 5, 6, 7, 10, 12, 14, 20, 26, 30, 52, 60, 100, 200],
          values: (_chart, splits) =>
            splits.map((split) => (Number.isInteger(split) ? (data.labels[split] ?? '') : '')),
        },
        {
          font,
          stroke: axisColour,
          grid,
          size: 60,
          values: (_chart, splits) => splits.map((split) => formatNumber(split, language)),
        },
      ],
      series: [
        {},
        ...data.series.map((series, index) => {
          const colour = colours[index % colours.length] ?? '#1d4f91';
          return {
            label: series.label,
            stroke: colour,
            width: 2,
            ...(index > 0 ? { dash: [8, 5] } : {}),
            ...(bars ? { paths: bars, fill: colour, points: { show: false } } : { points: { size: 7 } }),
          };
        }),
      ],
    },
    [data.labels.map((_, index) => index), ...data.series.map((series) => [...series.values])],
    container,
  );
}
