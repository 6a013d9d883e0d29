import { Application } from './Application.js';
import { AuditEntry } from './AuditEntry.js';
import { Candidate } from './Candidate.js';
import { Department } from './Department.js';
import { DimensionScore } from './DimensionScore.js';
import { EvaluationModelVersion } from './EvaluationModelVersion.js';
import { InboundEvent } from './InboundEvent.js';
import { InterviewRound } from './InterviewRound.js';
import { OutboxMessage } from './OutboxMessage.js';
import { Position } from './Position.js';
import { Report } from './Report.js';
import { ScenarioResult } from './ScenarioResult.js';
import { ScoreRecord } from './ScoreRecord.js';
import { StageChange } from './StageChange.js';
import { User } from './User.js';

export type { ActorType } from "./StageChange.js";
export {
  Application, AuditEntry, Candidate, Department, DimensionScore, EvaluationModelVersion, InboundEvent,
  InterviewRound, OutboxMessage, Position, Report, ScenarioResult, ScoreRecord, StageChange, User,
};

export const ENTITIES = [
  Application, AuditEntry, Candidate, Department, DimensionScore, EvaluationModelVersion, InboundEvent,
  InterviewRound, OutboxMessage, Position, Report, ScenarioResult, ScoreRecord, StageChange, User,
];
