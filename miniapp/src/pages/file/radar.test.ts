import { describe, expect, it } from 'vitest';
import { buildRadarData, radarOption } from './radar';

const model = { weights: { communication: 0.5, serviceAwareness: 0.3, problemSolving: 0.2 }, floors: { serviceAwareness: 60 } };

describe('buildRadarData', () => {
  it('has one axis per weighted dimension, in display order, with the weight in the label', () => {
    const data = buildRadarData(model, { communication: 80, serviceAwareness: 55, teamwork: 90 });
    expect(data.dimensions).toEqual(['communication', 'serviceAwareness', 'problemSolving']);
    expect(data.indicators.map((i) => i.name)).toEqual(['沟通表达 50%', '服务意识 30%', '问题解决 20%']);
    expect(data.scores).toEqual([80, 55, 0]);
    expect(data.floors).toEqual([null, 60, null]);
    expect(data.hasFloors).toBe(true);
  });
});

describe('radarOption', () => {
  it('draws the floor series only when the persona has floors', () => {
    const withFloors = radarOption(buildRadarData(model, {}));
    const withoutFloors = radarOption(buildRadarData({ ...model, floors: { communication: 0 } }, {}));
    expect(withFloors.series[0]!.data.map((s) => s.name)).toEqual(['候选人得分', '画像底线']);
    expect(withoutFloors.series[0]!.data.map((s) => s.name)).toEqual(['候选人得分']);
  });

  it('marks a floor only on the dimensions that have one, with no line to the centre for the others', () => {
    const floors = radarOption(buildRadarData(model, {})).series[0]!.data[1]!;
    // Unset dimensions are missing values, not 0 …
    expect(floors.value).toEqual([null, 60, null]);
    // … and what ECharts draws for them (at the centre) stays invisible: no line, no area, no symbol, no label.
    expect(floors.lineStyle.opacity).toBe(0);
    expect(floors.areaStyle).toBeUndefined();
    expect(floors.symbolSize).toBe(0);
    expect(floors.value.map((value) => floors.label!.formatter({ value }))).toEqual(['', '◆', '']);
  });
});
