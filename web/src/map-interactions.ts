import * as maplibregl from 'maplibre-gl';
import type { Atlas } from './atlas.ts';
import { sitePopupContent } from './site-popup.ts';
import { hideTooltip, showTooltip } from './tooltip.ts';

const FILL_LAYERS = ['adm1-fill', 'adm2-fill', 'adm3-fill'];

/**
 * Pointer interactions: hovering an area outlines it (feature-state `hover`, which the style's borders read)
 * and shows its figures; clicking selects it (or clears the selection outside any area); clicking a site
 * opens its popup. The popup and the tooltip never show together: the tooltip waits while a popup is open.
 */
export function setupMapInteractions(atlas: Atlas, tooltip: HTMLElement | undefined): void {
  const popupOpen = setupClicks(atlas, () => {
    if (tooltip) hideTooltip(tooltip);
  });
  setupHover(atlas, tooltip, popupOpen);
}

/** The visible area fill layers (a level may be missing from the style). */
function fillLayers(map: maplibregl.Map): string[] {
  return FILL_LAYERS.filter((id) => map.getLayer(id));
}

/** Hover: outline the area under the pointer and show its figures in the tooltip. */
function setupHover(atlas: Atlas, tooltip: HTMLElement | undefined, popupOpen: () => boolean): void {
  const { map } = atlas;
  let hovered: { source: string; sourceLayer: string; id: string | number } | undefined;
  const clearHover = () => {
    if (hovered && map.getSource(hovered.source)) map.setFeatureState(hovered, { hover: false });
    hovered = undefined;
  };

  map.on('mousemove', (event) => {
    const siteHit = map.getLayer('sites') && map.queryRenderedFeatures(event.point, { layers: ['sites'] })[0];
    const feature = map.queryRenderedFeatures(event.point, { layers: fillLayers(map) })[0];
    clearHover();
    map.getCanvas().style.cursor = feature || siteHit ? 'pointer' : '';
    if (!feature || feature.id === undefined) {
      if (tooltip) hideTooltip(tooltip);
      return;
    }
    hovered = { source: feature.source, sourceLayer: feature.sourceLayer ?? '', id: feature.id };
    map.setFeatureState(hovered, { hover: true });
    // The area's figures even over a site: the site's own are one click away, in its popup.
    if (tooltip && popupOpen()) hideTooltip(tooltip);
    else if (tooltip) {
      showTooltip(tooltip, event.point, feature.properties as Record<string, string | number>, atlas);
    }
  });
  map.getCanvas().addEventListener('mouseleave', () => {
    clearHover();
    if (tooltip) hideTooltip(tooltip);
  });
  map.on('styledata', () => {
    hovered = undefined;
  });
}

/**
 * Clicks: a site opens its popup (`onOpen` is told; Escape closes it, and only it); an area is selected,
 * outside any area the selection clears. Returns whether a popup is open.
 */
function setupClicks(atlas: Atlas, onOpen: () => void): () => boolean {
  const { map } = atlas;
  let popup: maplibregl.Popup | undefined;
  addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !popup?.isOpen()) return;
    const hadFocus = popup.getElement().contains(document.activeElement);
    popup.remove();
    // Focus goes back to the map the popup was opened from, not to the top of the page.
    if (hadFocus) map.getCanvas().focus();
    // One Escape closes one thing: the area panel stays open for the next.
    event.stopImmediatePropagation();
  });
  map.on('click', (event) => {
    const hit = map.getLayer('sites')
      ? map.queryRenderedFeatures(event.point, { layers: ['sites'] })[0]
      : undefined;
    if (hit) {
      popup?.remove();
      popup = new maplibregl.Popup({ maxWidth: '18rem', focusAfterOpen: true })
        .setLngLat(
          hit.geometry.type === 'Point' ? (hit.geometry.coordinates as [number, number]) : event.lngLat,
        )
        .setDOMContent(sitePopupContent(hit.properties ?? {}, (level) => atlas.levelName(level)))
        .addTo(map);
      onOpen();
      return;
    }
    const feature = map.queryRenderedFeatures(event.point, { layers: fillLayers(map) })[0];
    const pcode = feature?.properties?.pcode as string | undefined;
    void atlas.selectArea(pcode);
  });
  return () => popup?.isOpen() ?? false;
}
