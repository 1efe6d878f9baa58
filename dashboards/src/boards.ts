import { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { liveReadings } from './boards/live-readings';

/** Every board EnvWatch ships; the file name of each is its uid. */
export function allBoards(): Dashboard[] {
  return [liveReadings()];
}

export function render(board: Dashboard): string {
  return JSON.stringify(board, null, 2) + '\n';
}
