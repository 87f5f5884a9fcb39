import type { EMBED_BUILDER_EN } from './embed-builder-en.ts';

/** Les mots du constructeur d’intégration (web/src/embed-code.ts) et du choix d’indicateur de la carte intégrée. */
export const EMBED_BUILDER_FR: Record<keyof typeof EMBED_BUILDER_EN, string> = {
  builderOptions: 'Ce que montre la carte intégrée',
  builderSize: 'Taille',
  builderSizeResponsive: 'Suit la largeur de la page, {ratio}',
  builderSizeFixed: 'Taille fixe',
  builderWidth: 'Largeur (px)',
  builderHeight: 'Hauteur (px)',
  builderLang: 'Langue',
  builderLockRound: 'Garder ce round (sans boutons de round)',
  builderLockIndicator: 'Garder cet indicateur (sans choix d’indicateur)',
  builderView: 'Vue',
  builderViewShown: 'Comme à l’écran',
  builderViewArea: 'Cadrée sur la zone choisie',
  builderViewCountry: 'Cadrée sur le pays',
  builderLegend: 'Légende',
  builderLegendOpen: 'Ouverte',
  builderLegendCollapsed: 'Repliée derrière un bouton',
  builderControls: 'Montrer les boutons sur la carte',
  builderPreview: 'Aperçu de la carte intégrée',
  builderCode: 'Code à coller',
  builderOembed: 'URL oEmbed',
  builderOembedCopy: 'Copier l’URL oEmbed',
  embedIndicatorLabel: 'Indicateur',
};
