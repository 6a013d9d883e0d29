import { Application, NO_OUTCOME } from './Application.js';
import { AlertNotice } from './AlertNotice.js';
import { AuditEntry } from './AuditEntry.js';
import { Candidate } from './Candidate.js';
import { Department } from './Department.js';
import { DimensionScore } from './DimensionScore.js';
import { EvaluationModelVersion } from './EvaluationModelVersion.js';
import { InboundEvent } from './InboundEvent.js';
import { InterviewRound } from './InterviewRound.js';
import { OutboxMessage } from './OutboxMessage.js';
import { PerformanceRecord } from './PerformanceRecord.js';
import { Position } from './Position.js';
import { RecordingVersion } from './RecordingVersion.js';
import { Report } from './Report.js';
import { Review } from './Review.js';
import { ScenarioResult } from './ScenarioResult.js';
import { ScoreRecord } from './ScoreRecord.js';
import { Session } from './Session.js';
import { StageChange } from './StageChange.js';
import { SupplementaryRequest } from './SupplementaryRequest.js';
import { TrainingAssignment } from './TrainingAssignment.js';
import { TrainingRuleVersion } from './TrainingRuleVersion.js';
import { User } from './User.js';

export type { ActorType } from './StageChange.js';
export type { DecisionSource, ReviewStatus } from './Review.js';
export { NO_OUTCOME };
export {
  AlertNotice, Application, AuditEntry, Candidate, Department, DimensionScore, EvaluationModelVersion, InboundEvent,
  InterviewRound, OutboxMessage, PerformanceRecord, Position, RecordingVersion, Report, Review, ScenarioResult, ScoreRecord, Session, StageChange, SupplementaryRequest, TrainingAssignment, TrainingRuleVersion, User,
};

export const ENTITIES = [
  AlertNotice, Application, AuditEntry, Candidate, Department, DimensionScore, EvaluationModelVersion, InboundEvent,
  InterviewRound, OutboxMessage, PerformanceRecord, Position, RecordingVersion, Report, Review, ScenarioResult, ScoreRecord, Session, StageChange, SupplementaryRequest, TrainingAssignment, TrainingRuleVersion, User,
];
