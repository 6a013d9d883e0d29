import { DIMENSION_LABELS, weightedDimensions, type Dimension, type DimensionScores, type EvaluationModel } from '@aireview/shared';

/** The radar chart's numbers: one axis per weighted dimension, the candidate's scores against the floors. */
export interface RadarData {
  dimensions: Dimension[];
  indicators: { name: string; max: number }[];
  scores: number[];
  floors: number[];
  hasFloors: boolean;
}

export function buildRadarData(model: Pick<EvaluationModel, 'weights' | 'floors'>, scores: DimensionScores): RadarData {
  const dimensions = weightedDimensions(model);
  return {
    dimensions,
    indicators: dimensions.map((d) => ({ name: `${DIMENSION_LABELS[d]} ${Math.round((model.weights[d] ?? 0) * 100)}%`, max: 100 })),
    scores: dimensions.map((d) => scores[d] ?? 0),
    floors: dimensions.map((d) => model.floors[d] ?? 0),
    hasFloors: dimensions.some((d) => (model.floors[d] ?? 0) > 0),
  };
}

interface RadarSeriesItem {
  value: number[];
  name: string;
  areaStyle: { color: string };
  lineStyle: { color: string; width: number; type?: 'dashed' };
  itemStyle: { color: string };
  symbolSize: number;
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
    series.push({
      value: data.floors,
      name: '画像底线',
      areaStyle: { color: 'rgba(245, 74, 69, 0.06)' },
      lineStyle: { color: '#f54a45', width: 1, type: 'dashed' },
      itemStyle: { color: '#f54a45' },
      symbolSize: 3,
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
