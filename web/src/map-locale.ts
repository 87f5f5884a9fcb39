import type { Map as MapLibreMap } from 'maplibre-gl';
import { t } from './i18n.ts';

/** MapLibre's own words (controls, popups, gesture hints) in the page's language. */
export function mapLocale(): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t('maplibre.ZoomIn'),
    'NavigationControl.ZoomOut': t('maplibre.ZoomOut'),
    'NavigationControl.ResetBearing': t('maplibre.ResetBearing'),
    'AttributionControl.ToggleAttribution': t('maplibre.ToggleAttribution'),
    'Map.Title': t('maplibre.Map'),
    'Popup.Close': t('maplibre.PopupClose'),
    'CooperativeGesturesHandler.WindowsHelpText': t('maplibre.Windows'),
    'CooperativeGesturesHandler.MacHelpText': t('maplibre.Mac'),
    'CooperativeGesturesHandler.MobileHelpText': t('maplibre.Mobile'),
  };
}

/**
 * Switches MapLibre's words after a language change: MapLibre reads its locale when it builds a control, so
 * the controls already on the map are relabelled here and the locale is updated for what it builds later.
 */
export function translateMapControls(map: MapLibreMap): void {
  const locale = mapLocale();
  Object.assign((map as unknown as { _locale: Record<string, string> })._locale, locale);
  const container = map.getContainer();
  const label = (selector: string, text: string | undefined) => {
    for (const node of container.querySelectorAll(selector)) {
      if (!text) continue;
      node.setAttribute('aria-label', text);
      node.setAttribute('title', text);
    }
  };
  label('.maplibregl-ctrl-zoom-in', locale['NavigationControl.ZoomIn']);
  label('.maplibregl-ctrl-zoom-out', locale['NavigationControl.ZoomOut']);
  label('.maplibregl-ctrl-attrib-button', locale['AttributionControl.ToggleAttribution']);
  map.getCanvas().setAttribute('aria-label', locale['Map.Title'] ?? '');
  const desktop = container.querySelector('.maplibregl-desktop-message');
  if (desktop) desktop.textContent = locale['CooperativeGesturesHandler.WindowsHelpText'] ?? '';
  const mobile = container.querySelector('.maplibregl-mobile-message');
  if (mobile) mobile.textContent = locale['CooperativeGesturesHandler.MobileHelpText'] ?? '';
}
