import { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { dutyRoom } from './boards/duty-room';
import { enforcementTeam } from './boards/enforcement-team';
import { liveReadings } from './boards/live-readings';
import { monthlyReview } from './boards/monthly-review';
import { riverMonitor } from './boards/river-monitor';
import { SAMPLE_DUTY_SETTINGS, dutyDeadlines } from './duty';
import { SAMPLE_REGISTRY, districtFigures, riverLayout } from './registry';
import { Language, WORDS, words } from './words';

/**
 * Every board EnvWatch ships, laid out from a site registry (its zone, complaint rules and river),
 * stating the duty service's deadlines, in one language; the file name of each is its uid.
 */
export function allBoards(
  registryPath: string = SAMPLE_REGISTRY,
  dutySettingsPath: string = SAMPLE_DUTY_SETTINGS,
  language: Language = 'en',
  wordsFolder: string = WORDS,
): Dashboard[] {
  const say = words(language, wordsFolder);
  const deadlines = dutyDeadlines(dutySettingsPath);
  const district = districtFigures(registryPath);
  return [
    dutyRoom(say, deadlines, district),
    enforcementTeam(say, deadlines, district),
    riverMonitor(say, riverLayout(registryPath), district),
    monthlyReview(say, deadlines, district),
    liveReadings(say, district),
  ];
}

export function render(board: Dashboard): string {
  return JSON.stringify(board, null, 2) + '\n';
}
