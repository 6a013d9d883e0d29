import { In, IsNull, LessThanOrEqual, Not, type DataSource } from 'typeorm';
import { Application, Candidate } from '../platform/db/entities/index.js';

/** Hires whose onboarding date has come and who are not linked to a DingTalk employee yet. */
export async function hiresToLink(ds: DataSource, today: string, limit: number): Promise<{ application: Application; mobile: string | null }[]> {
  const applications = await ds.getRepository(Application).find({
    where: { stage: 'hired', employeeUserId: IsNull(), onboardingDate: LessThanOrEqual(today) },
    order: { onboardingDate: 'ASC', id: 'ASC' },
    take: limit,
  });
  if (applications.length === 0) return [];
  const candidates = await ds.getRepository(Candidate).find({ where: { id: In(applications.map((a) => a.candidateId)) }, select: { id: true, phone: true } });
  const phoneOf = new Map(candidates.map((c) => [c.id, c.phone]));
  return applications.map((application) => ({ application, mobile: phoneOf.get(application.candidateId) ?? null }));
}

/** Linked hires onboarded at least `onboardedBy` (YYYY-MM-DD) ago: candidates for a departures read. */
export async function linkedHiresOnboardedBy(ds: DataSource, onboardedBy: string): Promise<Application[]> {
  return ds.getRepository(Application).find({
    where: { stage: 'hired', employeeUserId: Not(IsNull()), onboardingDate: LessThanOrEqual(onboardedBy) },
    order: { onboardingDate: 'ASC', id: 'ASC' },
  });
}
