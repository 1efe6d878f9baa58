import { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { dutyRoom } from './boards/duty-room';
import { enforcementTeam } from './boards/enforcement-team';
import { liveReadings } from './boards/live-readings';
import { monthlyReview } from './boards/monthly-review';
import { riverMonitor } from './boards/river-monitor';
import { SAMPLE_REGISTRY, riverLayout } from './registry';

/** Every board EnvWatch ships, laid out from a site registry; the file name of each is its uid. */
export function allBoards(registryPath: string = SAMPLE_REGISTRY): Dashboard[] {
  return [dutyRoom(), enforcementTeam(), riverMonitor(riverLayout(registryPath)), monthlyReview(), liveReadings()];
}

export function render(board: Dashboard): string {
  return JSON.stringify(board, null, 2) + '\n';
}
