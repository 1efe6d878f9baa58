import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The duty service's deadlines (alerting/…/duty/*.yaml), which the boards' titles and texts state. */
export interface DutyDeadlines {
  acknowledgeMinutes: number;
  onSceneMinutes: number;
}

export const SAMPLE_DUTY_SETTINGS = '../alerting/service/src/main/resources/duty/duty-sample.yaml';

/** Whole minutes of an ISO-8601 duration such as PT30M or PT1H30M; anything else is refused. */
export function minutesOf(duration: string, where: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration ?? '');
  if (!m || (!m[1] && !m[2])) throw new Error(`${where}: ${duration} is not a duration in hours and minutes (PT30M)`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

export function dutyDeadlines(path: string = SAMPLE_DUTY_SETTINGS): DutyDeadlines {
  const file = parse(readFileSync(path, 'utf8')) as { deadlines?: { acknowledge?: string; onScene?: string } };
  return {
    acknowledgeMinutes: minutesOf(file.deadlines?.acknowledge ?? '', `${path} deadlines.acknowledge`),
    onSceneMinutes: minutesOf(file.deadlines?.onScene ?? '', `${path} deadlines.onScene`),
  };
}
