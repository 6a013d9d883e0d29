import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue';

/**
 * An ECharts canvas in `container` drawn from `option()`: created on mount, redrawn (and resized) when
 * `option()` or anything else `deps` reads changes, resized with the window, disposed on unmount. The
 * caller registers the chart types it uses with `use([...])`, so each page's chunk holds only those.
 */
export function useEChart(container: Ref<HTMLElement | null>, option: () => EChartsCoreOption, deps: () => unknown = option): void {
  let chart: EChartsType | null = null;
  const resize = () => chart?.resize();

  onMounted(() => {
    if (!container.value) return;
    chart = init(container.value, undefined, { renderer: 'canvas' });
    chart.setOption(option());
    window.addEventListener('resize', resize);
  });

  watch(deps, () => {
    chart?.setOption(option(), true);
    chart?.resize();
  });

  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize);
    chart?.dispose();
    chart = null;
  });
}
