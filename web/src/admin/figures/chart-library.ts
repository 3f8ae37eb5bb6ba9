/**
 * The chart library's own chunk (`admin/charts.js`): uPlot, bundled apart from the admin page and
 * loaded by `charts.ts` only when the _Pārskati_ view is opened, so that the page's first load does
 * not grow. It hands the library to the page through one global and touches nothing else.
 */
import uPlot from 'uplot';

(window as unknown as { courtdeskUPlot?: typeof uPlot }).courtdeskUPlot = uPlot;
