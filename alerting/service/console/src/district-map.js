// The district on a map a duty officer recognises, with no tile server (the duty room's machines
// may have no internet): the towns' outlines and names, the river through its stations, every
// sensor site coloured by its worst open alert and labelled while in alert, every home as a dot
// that stays visible at district zoom, and a legend. Names come from the registry and are shown
// as text, never as markup.
window.DistrictMap = (function () {
  'use strict';
  const SEVERITY_COLOURS = { LOW: '#5b8def', MEDIUM: '#e0b400', HIGH: '#ff7a1a', CRITICAL: '#ff3b3b' };
  const QUIET = '#2e7d32';
  const HOME = '#b0bec5';
  const NEAR = '#ffd54f';
  const RIVER = '#4fc3f7';

  /** A tooltip's content as text: Leaflet puts a string in as HTML, and names come from a settings file. */
  function asText(text, className) {
    const span = document.createElement('span');
    span.textContent = text;
    span.className = 'datum' + (className ? ' ' + className : '');
    return span;
  }

  /** Where a town's name goes: beside its westernmost corner, clear of the sites inside it. */
  function west(corners) {
    return corners.reduce((w, c) => (c[1] < w[1] ? c : w));
  }

  /**
   * Draws the district in the element {@code id}; {@code onSite(siteId)} is called when a site is
   * clicked. Returns what the page changes later: the sites' colours and the homes near an alert.
   */
  function draw(id, district, { onSite }) {
    const t = window.Words.t;
    const map = L.map(id, { attributionControl: false, zoomControl: false, zoomSnap: 0.25 });
    L.control.zoom({ zoomInTitle: t('map.zoom-in'), zoomOutTitle: t('map.zoom-out') }).addTo(map);
    for (const town of district.towns) {
      if (!town.outline) continue;
      L.polygon(town.outline, { color: '#78909c', weight: 1.5, dashArray: '6 4', fillOpacity: 0.04, className: 'town town-' + town.id, interactive: false })
        .addTo(map);
      L.tooltip({ permanent: true, direction: 'left', className: 'town-label', interactive: false })
        .setLatLng(west(town.outline))
        .setContent(asText(town.name))
        .addTo(map);
    }
    if (district.river) {
      const course = district.river.stations.map((s) => [s.lat, s.lon]);
      L.polyline(course, { color: RIVER, weight: 4, opacity: 0.8, className: 'river' })
        .bindTooltip(asText(district.river.name), { sticky: true })
        .addTo(map);
      for (const s of district.river.stations) {
        const section = s.id === district.river.assessmentSection;
        L.circleMarker([s.lat, s.lon], { radius: section ? 6 : 4, color: RIVER, weight: 2, fillColor: '#0d2233', fillOpacity: 1, className: 'station station-' + s.id })
          .bindTooltip(asText(s.name + (section ? ' · ' + t('map.assessment-section') : '')), { permanent: section, direction: 'right', className: 'station-label' })
          .addTo(map);
      }
    }
    const near = new Set();
    const sites = new Map();
    for (const s of district.sites) {
      const marker = L.circleMarker([s.lat, s.lon], { radius: 7, weight: 2, color: '#cfd8dc', fillColor: QUIET, fillOpacity: 0.9, className: 'site site-' + s.id });
      marker.bindTooltip(asText(s.name));
      marker.on('click', () => onSite(s.id));
      marker.addTo(map);
      sites.set(s.id, { marker, site: s, shown: null });
    }
    // Homes over the quiet sites next to them: a home beside a factory's boundary must not vanish under it.
    const homes = new Map();
    for (const b of district.buildings) {
      if (b.footprint) L.polygon(b.footprint, { color: HOME, weight: 1, fillOpacity: 0.35, className: 'footprint', interactive: false }).addTo(map);
      // A dot of a fixed size: a 40 m block is invisible at district zoom, its home must not be.
      const dot = L.circleMarker([b.lat, b.lon], { radius: 3, color: '#263238', weight: 1, fillColor: HOME, fillOpacity: 1, className: 'building building-' + b.id });
      dot.bindTooltip(asText(b.name));
      dot.addTo(map);
      homes.set(b.id, { dot, building: b });
    }
    legend().addTo(map);
    map.fitBounds(L.latLngBounds(district.sites.map((s) => [s.lat, s.lon])).pad(0.1));

    /** Sites by their worst open alert: coloured, larger, labelled with name and severity. */
    function colour(worst) {
      for (const [siteId, entry] of sites) {
        const { marker, site } = entry;
        const severity = worst.get(siteId);
        // Unchanged since the last feed event: the label stays as it is, not drawn again.
        if (entry.shown === (severity || null)) continue;
        entry.shown = severity || null;
        marker.setStyle({ fillColor: severity ? SEVERITY_COLOURS[severity] : QUIET });
        marker.setRadius(severity ? 10 : 7);
        marker.unbindTooltip();
        if (severity) {
          marker.bindTooltip(asText(site.name + ' · ' + window.Words.term('alert.severity.', severity), 'site-label'),
            { permanent: true, direction: 'right', className: 'site-label severity-' + severity });
          // Sites in alert are drawn over their quiet neighbours.
          marker.bringToFront();
        } else {
          marker.bindTooltip(asText(site.name));
        }
      }
      // The homes near the selected alert stay over its site.
      for (const homeId of near) homes.get(homeId).dot.bringToFront();
    }

    /**
     * Shows the homes an alert names ("B-FE-03@48": id and metres from the site), labelled with name
     * and distance, and brings the site and its homes into view; null clears.
     */
    function focus(alert) {
      for (const homeId of near) {
        const { dot, building } = homes.get(homeId);
        dot.setStyle({ color: '#263238', fillColor: HOME });
        dot.setRadius(3);
        dot.getElement().classList.remove('home-near');
        dot.unbindTooltip();
        dot.bindTooltip(asText(building.name));
      }
      near.clear();
      if (!alert) return;
      const site = sites.get(alert.site);
      const points = site ? [site.marker.getLatLng()] : [];
      for (const entry of alert.buildings) {
        const [homeId, metres] = entry.split('@');
        const home = homes.get(homeId);
        if (!home) continue;
        home.dot.setStyle({ color: NEAR, fillColor: NEAR });
        home.dot.setRadius(6);
        home.dot.getElement().classList.add('home-near');
        near.add(homeId);
        home.dot.unbindTooltip();
        home.dot.bindTooltip(asText(t('map.home-near', { home: home.building.name, metres: Number(metres) })),
          { permanent: true, direction: 'top', className: 'home-label' }).openTooltip();
        home.dot.bringToFront();
        points.push(home.dot.getLatLng());
      }
      if (points.length > 0) map.fitBounds(L.latLngBounds(points).pad(0.6), { maxZoom: 16 });
    }

    function legend() {
      const control = L.control({ position: 'bottomright' });
      control.onAdd = () => {
        const box = L.DomUtil.create('div', 'legend');
        const row = (swatchClass, colour, text) => {
          const line = L.DomUtil.create('div', 'legend-row', box);
          const swatch = L.DomUtil.create('span', 'swatch ' + swatchClass, line);
          swatch.style.background = colour;
          const words = L.DomUtil.create('span', '', line);
          words.textContent = text;
        };
        L.DomUtil.create('div', 'legend-title', box).textContent = t('map.legend');
        for (const severity of Object.keys(SEVERITY_COLOURS)) {
          row('dot', SEVERITY_COLOURS[severity], t('map.legend.site-alert', { severity: window.Words.term('alert.severity.', severity) }));
        }
        row('dot', QUIET, t('map.legend.site-quiet'));
        row('dot small', HOME, t('map.legend.home'));
        row('dot small', NEAR, t('map.legend.home-near'));
        row('line', RIVER, t('map.legend.river'));
        row('line dashed', '#78909c', t('map.legend.town'));
        return box;
      };
      return control;
    }

    return { colour, focus };
  }

  return { draw };
})();
