import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The parts of the site registry (district/…/registry/*.yaml) the boards are laid out from. */
export interface RiverLayout {
  name: string;
  /** The assessment section's station and the site that samples it. */
  section: { station: string; name: string; site: string; targetClass: string };
  /** Stations upstream of the section, nearest first, with the travel time to the section. */
  upstream: Array<{ station: string; name: string; site: string; minutesToSection: number }>;
}

interface RegistryFile {
  localTime?: { zone?: string };
  rules?: { complaints?: Partial<ComplaintFigures> & { repeatWithin?: string } };
  river?: {
    name: string;
    assessmentSection: string;
    stations: Array<{ id: string; name: string; targetClass: string; travelMinutesToNext?: number }>;
  };
  sites: Array<{ id: string; riverStation?: string }>;
  villages?: Array<{ id: string; name: string; town: string }>;
}

export const SAMPLE_REGISTRY = '../district/src/main/resources/registry/sample-dongguan.yaml';
/** The regulatory defaults a registry's rules override (district/…/limits/regulatory-defaults.yaml). */
export const REGULATORY_DEFAULTS = '../district/src/main/resources/limits/regulatory-defaults.yaml';

interface ComplaintFigures {
  radiusMetres: number;
  repeatCount: number;
  repeatBuildingMetres: number;
}

/** The figures the boards' texts state, as the district's registry and rules set them. */
export interface DistrictFigures {
  /** The district's zone: day and night, and every board's clock, are its. */
  zone: string;
  complaints: ComplaintFigures & { repeatWithinDays: number };
  /** The villages and communities, by id: the monthly review ranks them by name. */
  villages: Array<{ id: string; name: string }>;
}

/** Whole days of an ISO-8601 duration such as P30D; anything else is refused. */
export function daysOf(duration: string, where: string): number {
  const m = /^P(\d+)D$/.exec(duration ?? '');
  if (!m) throw new Error(`${where}: ${duration} is not a duration in whole days (P30D)`);
  return Number(m[1]);
}

/** Reads the zone and the complaint rules of a registry, each rule falling back to the regulatory default. */
export function districtFigures(registryPath: string, defaultsPath: string = REGULATORY_DEFAULTS): DistrictFigures {
  const file = parse(readFileSync(registryPath, 'utf8')) as RegistryFile;
  const defaults = (parse(readFileSync(defaultsPath, 'utf8')) as { rules: { complaints: ComplaintFigures & { repeatWithin: string } } }).rules
    .complaints;
  const given = file.rules?.complaints ?? {};
  const zone = file.localTime?.zone;
  if (!zone) throw new Error(`${registryPath}: localTime.zone is missing`);
  const repeatWithin = given.repeatWithin ?? defaults.repeatWithin;
  return {
    zone,
    complaints: {
      radiusMetres: given.radiusMetres ?? defaults.radiusMetres,
      repeatCount: given.repeatCount ?? defaults.repeatCount,
      repeatBuildingMetres: given.repeatBuildingMetres ?? defaults.repeatBuildingMetres,
      repeatWithinDays: daysOf(repeatWithin, `${given.repeatWithin ? registryPath : defaultsPath} rules.complaints.repeatWithin`),
    },
    villages: (file.villages ?? []).map((v) => ({ id: v.id, name: v.name })),
  };
}

/** Reads the river layout; a registry without a river, or a station without a site, is refused. */
export function riverLayout(registryPath: string): RiverLayout {
  const file = parse(readFileSync(registryPath, 'utf8')) as RegistryFile;
  const river = file.river;
  if (!river) throw new Error(`${registryPath} has no river: the river monitor board needs one`);
  const siteOf = (station: string) => {
    const site = file.sites.find((s) => s.riverStation === station);
    if (!site) throw new Error(`${registryPath}: no site samples river station ${station}`);
    return site.id;
  };
  const index = river.stations.findIndex((s) => s.id === river.assessmentSection);
  if (index < 0) throw new Error(`${registryPath}: assessment section ${river.assessmentSection} is not a station`);
  const section = river.stations[index];
  const upstream: RiverLayout['upstream'] = [];
  let minutes = 0;
  for (let i = index - 1; i >= 0; i--) {
    minutes += river.stations[i].travelMinutesToNext ?? 0;
    upstream.push({ station: river.stations[i].id, name: river.stations[i].name, site: siteOf(river.stations[i].id), minutesToSection: minutes });
  }
  return {
    name: river.name,
    section: { station: section.id, name: section.name, site: siteOf(section.id), targetClass: section.targetClass },
    upstream,
  };
}
