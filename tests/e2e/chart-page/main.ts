// The chart kit as one script that tests/e2e/chart.e2e.ts adds to a built page (no example uses it yet).
import { createLineChart } from '../../../src/islands/kit/chart.ts';

(window as unknown as { createLineChart: typeof createLineChart }).createLineChart = createLineChart;
