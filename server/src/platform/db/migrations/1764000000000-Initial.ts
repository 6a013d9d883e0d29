import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/** The initial schema: people, positions and personas, candidate files, history, outbox, inbound events. */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    const ts = (name: string, nullable = false) => c.date(name, { isNullable: nullable });
    const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'RESTRICT') =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

    await qr.createTable(new Table({
      name: 'departments',
      columns: [c.int('id', { isPrimary: true }), c.string('name', 128), c.int('parentId', { isNullable: true })],
    }));

    await qr.createTable(new Table({
      name: 'users',
      columns: [
        c.id(), c.string('dingtalkUserId', 64), c.string('unionId', 64, { isNullable: true }), c.string('name', 64),
        c.string('title', 64, { isNullable: true }), c.json('departmentIds'), c.string('role', 16), ts('createdAt'), ts('updatedAt'),
      ],
      indices: [new TableIndex({ name: 'UQ_users_dingtalk', columnNames: ['dingtalkUserId'], isUnique: true })],
    }));

    await qr.createTable(new Table({
      name: 'positions',
      columns: [
        c.id(), c.string('code', 64), c.string('name', 128), c.int('departmentId'), c.json('supervisorUserIds'),
        c.int('currentModelVersion'), ts('createdAt'), ts('updatedAt'),
      ],
      indices: [new TableIndex({ name: 'UQ_positions_code', columnNames: ['code'], isUnique: true })],
    }));

    await qr.createTable(new Table({
      name: 'evaluation_models',
      columns: [
        c.id(), c.uuid('positionId'), c.int('version'), c.json('model'), c.string('note', 500, { isNullable: true }),
        c.uuid('createdBy', { isNullable: true }), ts('createdAt'),
      ],
      indices: [new TableIndex({ name: 'UQ_evaluation_models_version', columnNames: ['positionId', 'version'], isUnique: true })],
      foreignKeys: [fk('positionId', 'positions')],
    }));

    await qr.createTable(new Table({
      name: 'candidates',
      columns: [
        c.id(), c.string('externalId', 128, { isNullable: true }), c.string('name', 64), c.string('phone', 24, { isNullable: true }),
        c.string('email', 254, { isNullable: true }), c.string('source', 64, { isNullable: true }), ts('createdAt'), ts('updatedAt'),
      ],
      indices: [
        new TableIndex({ name: 'UQ_candidates_external', columnNames: ['externalId'], isUnique: true }),
        new TableIndex({ name: 'IDX_candidates_phone', columnNames: ['phone'] }),
        new TableIndex({ name: 'IDX_candidates_name', columnNames: ['name'] }),
      ],
    }));

    await qr.createTable(new Table({
      name: 'applications',
      columns: [
        c.id(), c.uuid('candidateId'), c.uuid('positionId'), c.string('stage', 32), c.int('currentRound'), c.score('overallScore'),
        c.string('recommendation', 32), c.int('modelVersion'), c.json('dimensionScores'), c.string('batch', 10),
        ts('lastInterviewAt'), ts('createdAt'), ts('updatedAt'),
      ],
      indices: [
        new TableIndex({ name: 'UQ_applications_candidate_position', columnNames: ['candidateId', 'positionId'], isUnique: true }),
        new TableIndex({ name: 'IDX_applications_position_stage', columnNames: ['positionId', 'stage', 'lastInterviewAt'] }),
        new TableIndex({ name: 'IDX_applications_stage', columnNames: ['stage', 'lastInterviewAt'] }),
        new TableIndex({ name: 'IDX_applications_batch', columnNames: ['batch'] }),
      ],
      foreignKeys: [fk('candidateId', 'candidates'), fk('positionId', 'positions')],
    }));

    await qr.createTable(new Table({
      name: 'interview_rounds',
      columns: [
        c.id(), c.uuid('applicationId'), c.string('interviewId', 128), c.int('round'), c.string('requestId', 128, { isNullable: true }),
        c.string('payloadSha256', 64), ts('startedAt'), ts('completedAt'), c.score('overallScore'), c.string('recommendation', 32),
        c.int('modelVersion'), c.json('dimensionScores'), c.json('floorsMissed'), c.score('latencyPenalty'), c.json('latencySummary'),
        ts('createdAt'),
      ],
      indices: [
        new TableIndex({ name: 'UQ_interview_rounds_interview', columnNames: ['interviewId'], isUnique: true }),
        new TableIndex({ name: 'UQ_interview_rounds_round', columnNames: ['applicationId', 'round'], isUnique: true }),
      ],
      foreignKeys: [fk('applicationId', 'applications', 'CASCADE')],
    }));

    await qr.createTable(new Table({
      name: 'scenario_results',
      columns: [
        c.id(), c.uuid('roundId'), c.string('scenarioId', 64), c.int('ordinal'), c.string('title', 200), c.text('prompt'),
        c.text('transcript'), c.int('responseLatencyMs'), c.int('durationMs', { isNullable: true }), c.json('scores'),
        c.float('emotionVolatility', { isNullable: true }), c.string('recordingKey', 255, { isNullable: true }),
        c.string('recordingContentType', 32, { isNullable: true }), c.int('recordingBytes', { isNullable: true }),
        c.string('recordingSha256', 64, { isNullable: true }), ts('recordingUploadedAt', true),
      ],
      indices: [new TableIndex({ name: 'UQ_scenario_results_round_scenario', columnNames: ['roundId', 'scenarioId'], isUnique: true })],
      foreignKeys: [fk('roundId', 'interview_rounds', 'CASCADE')],
    }));

    await qr.createTable(new Table({
      name: 'dimension_scores',
      columns: [c.id(), c.uuid('roundId'), c.string('dimension', 32), c.score('score'), c.string('source', 16)],
      indices: [new TableIndex({ name: 'UQ_dimension_scores_round_dimension', columnNames: ['roundId', 'dimension'], isUnique: true })],
      foreignKeys: [fk('roundId', 'interview_rounds', 'CASCADE')],
    }));

    await qr.createTable(new Table({
      name: 'score_records',
      columns: [
        c.id(), c.uuid('roundId'), c.int('modelVersion'), c.score('overallScore'), c.string('recommendation', 32),
        c.json('floorsMissed'), c.string('reason', 16), ts('createdAt'),
      ],
      indices: [new TableIndex({ name: 'IDX_score_records_round', columnNames: ['roundId', 'createdAt'] })],
      foreignKeys: [fk('roundId', 'interview_rounds', 'CASCADE')],
    }));

    await qr.createTable(new Table({
      name: 'reports',
      columns: [c.id(), c.uuid('roundId'), c.text('summary'), c.json('strengths'), c.json('risks')],
      indices: [new TableIndex({ name: 'UQ_reports_round', columnNames: ['roundId'], isUnique: true })],
      foreignKeys: [fk('roundId', 'interview_rounds', 'CASCADE')],
    }));

    await qr.createTable(new Table({
      name: 'stage_history',
      columns: [
        c.id(), c.uuid('applicationId'), c.string('fromStage', 32, { isNullable: true }), c.string('toStage', 32),
        c.string('actorType', 16), c.string('actorId', 64, { isNullable: true }), c.text('reason', { isNullable: true }),
        c.uuid('roundId', { isNullable: true }), c.string('approvalInstanceId', 64, { isNullable: true }),
        c.string('approvalTaskId', 64, { isNullable: true }), ts('createdAt'),
      ],
      indices: [new TableIndex({ name: 'IDX_stage_history_application', columnNames: ['applicationId', 'createdAt'] })],
      foreignKeys: [fk('applicationId', 'applications', 'CASCADE')],
    }));

    await qr.createTable(new Table({
      name: 'audit_log',
      columns: [
        c.id(), c.string('actorType', 16), c.string('actorId', 64, { isNullable: true }), c.string('action', 64),
        c.string('subjectType', 32), c.string('subjectId', 128), c.json('details', { isNullable: true }),
        c.string('requestId', 64, { isNullable: true }), ts('createdAt'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_audit_log_subject', columnNames: ['subjectType', 'subjectId', 'createdAt'] }),
        new TableIndex({ name: 'IDX_audit_log_actor', columnNames: ['actorId', 'createdAt'] }),
      ],
    }));

    await qr.createTable(new Table({
      name: 'outbox',
      columns: [
        c.id(), c.string('kind', 64), c.json('payload'), c.string('dedupeKey', 191, { isNullable: true }), c.string('status', 16),
        c.int('attempts'), ts('nextAttemptAt'), ts('lockedUntil', true), c.string('lockedBy', 64, { isNullable: true }),
        c.text('lastError', { isNullable: true }), ts('createdAt'), ts('updatedAt'), ts('deliveredAt', true),
      ],
      indices: [
        new TableIndex({ name: 'UQ_outbox_dedupe', columnNames: ['dedupeKey'], isUnique: true }),
        new TableIndex({ name: 'IDX_outbox_due', columnNames: ['status', 'nextAttemptAt'] }),
      ],
    }));

    await qr.createTable(new Table({
      name: 'inbound_events',
      columns: [
        c.id(), c.string('source', 32), c.string('eventId', 128), c.string('eventType', 64), c.json('payload'),
        c.string('status', 16), c.int('attempts'), c.text('lastError', { isNullable: true }), ts('receivedAt'), ts('appliedAt', true),
      ],
      indices: [
        new TableIndex({ name: 'UQ_inbound_events_event', columnNames: ['source', 'eventId'], isUnique: true }),
        new TableIndex({ name: 'IDX_inbound_events_status', columnNames: ['status', 'receivedAt'] }),
      ],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'inbound_events', 'outbox', 'audit_log', 'stage_history', 'reports', 'score_records', 'dimension_scores',
      'scenario_results', 'interview_rounds', 'applications', 'candidates', 'evaluation_models', 'positions', 'users', 'departments',
    ]) {
      await qr.dropTable(table);
    }
  }
}
