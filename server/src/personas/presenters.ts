import type { PositionView } from '@aireview/shared';
import type { EvaluationModelVersion, Position } from '../platform/db/entities/index.js';

export function presentPosition(position: Position, model: EvaluationModelVersion): PositionView {
  return {
    code: position.code,
    name: position.name,
    departmentId: position.departmentId,
    supervisorUserIds: position.supervisorUserIds,
    currentModelVersion: position.currentModelVersion,
    model: model.model,
  };
}
