import { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { dutyRoom } from './boards/duty-room';
import { enforcementTeam } from './boards/enforcement-team';
import { liveReadings } from './boards/live-readings';
import { monthlyReview } from './boards/monthly-review';
import { riverMonitor } from './boards/river-monitor';
import { SAMPLE_DUTY_SETTINGS, dutyDeadlines } from './duty';
import { SAMPLE_REGISTRY, riverLayout } from './registry';

/**
 * Every board EnvWatch ships, laid out from a site registry and stating the duty service's
 * deadlines; the file name of each is its uid.
 */
export function allBoards(registryPath: string = SAMPLE_REGISTRY, dutySettingsPath: string = SAMPLE_DUTY_SETTINGS): Dashboard[] {
  const deadlines = dutyDeadlines(dutySettingsPath);
  return [dutyRoom(deadlines), enforcementTeam(deadlines), riverMonitor(riverLayout(registryPath)), monthlyReview(deadlines), liveReadings()];
}

export function render(board: Dashboard): string {
  return JSON.stringify(board, null, 2) + '\n';
}
