import { DIMENSION_LABELS, weightedDimensions, type Dimension, type DimensionScores, type EvaluationModel } from '@aireview/shared';

/** The radar chart's numbers: one axis per weighted dimension, the candidate's scores against the floors. */
export interface RadarData {
  dimensions: Dimension[];
  indicators: { name: string; max: number }[];
  scores: number[];
  /** Null where the persona sets no floor (a floor of 0 is none). */
  floors: (number | null)[];
  hasFloors: boolean;
}

export function buildRadarData(model: Pick<EvaluationModel, 'weights' | 'floors'>, scores: DimensionScores): RadarData {
  const dimensions = weightedDimensions(model);
  const floors = dimensions.map((d) => model.floors[d] || null);
  return {
    dimensions,
    indicators: dimensions.map((d) => ({ name: `${DIMENSION_LABELS[d]} ${Math.round((model.weights[d] ?? 0) * 100)}%`, max: 100 })),
    scores: dimensions.map((d) => scores[d] ?? 0),
    floors,
    hasFloors: floors.some((floor) => floor !== null),
  };
}

interface RadarSeriesItem {
  value: (number | null)[];
  name: string;
  areaStyle?: { color: string };
  lineStyle: { color: string; width: number; opacity?: number };
  itemStyle: { color: string };
  symbolSize: number;
  label?: { show: true; position: 'inside'; color: string; fontSize: number; formatter: (params: { value: unknown }) => string };
}

/** ECharts option for RadarData (kept here, free of ECharts imports, so it can be tested). */
export function radarOption(data: RadarData) {
  const series: RadarSeriesItem[] = [
    {
      value: data.scores,
      name: '候选人得分',
      areaStyle: { color: 'rgba(51, 112, 255, 0.2)' },
      lineStyle: { color: '#3370ff', width: 2 },
      itemStyle: { color: '#3370ff' },
      symbolSize: 4,
    },
  ];
  if (data.hasFloors) {
    // A polygon cannot skip a dimension: ECharts draws a missing value at the centre, so a floor
    // polygon would spike there. Instead the line stays hidden and each floor that is set gets a ◆.
    series.push({
      value: data.floors,
      name: '画像底线',
      lineStyle: { color: '#f54a45', width: 1, opacity: 0 },
      itemStyle: { color: '#f54a45' },
      symbolSize: 0,
      label: { show: true, position: 'inside', color: '#f54a45', fontSize: 10, formatter: ({ value }) => (typeof value === 'number' ? '◆' : '') },
    });
  }
  return {
    animation: false,
    legend: { bottom: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 12, color: '#646a73' }, data: series.map((s) => s.name) },
    radar: {
      indicator: data.indicators,
      radius: '62%',
      center: ['50%', '46%'],
      splitNumber: 4,
      axisName: { color: '#646a73', fontSize: 11 },
      splitLine: { lineStyle: { color: '#e5e6eb' } },
      splitArea: { areaStyle: { color: ['#fff', '#f7f8fa'] } },
      axisLine: { lineStyle: { color: '#e5e6eb' } },
    },
    series: [{ type: 'radar' as const, data: series }],
  };
}
