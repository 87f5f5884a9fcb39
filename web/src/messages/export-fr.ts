import type { EXPORT_EN } from './export-en.ts';

/** The export words in French: every English key, no other (checked by the type). */
export const EXPORT_FR: Record<keyof typeof EXPORT_EN, string> = {
  exportButton: 'Exporter',
  exportButtonLabel: 'Enregistrer cette carte en image ou en PDF, avec sa légende et ses crédits',
  exportTitle: 'Exporter cette carte',
  exportIntro:
    'La vue affichée, avec son titre, sa légende, son échelle, sa source, ses crédits et sa mise en garde.',
  exportImage: 'Image',
  exportDocument: 'Document',
  exportPngScreen: 'PNG, taille de l’écran',
  exportPng2x: 'PNG, résolution 2×',
  exportPdfA4Landscape: 'PDF, A4 paysage',
  exportPdfA4Portrait: 'PDF, A4 portrait',
  exportPdfLetterLandscape: 'PDF, Letter paysage',
  exportPdfLetterPortrait: 'PDF, Letter portrait',
  exportWorking: 'Préparation du {format}…',
  exportDone: '{format} enregistré.',
  exportFailed: 'L’export a échoué\u202f: {message}',
  exportSubtitle: '{levels} · {round}, {date} · {dataset}',
  exportCompareSubtitle: '{rounds} · {levels} · {dataset}',
  exportSelected: 'Zone sélectionnée\u202f: {name}',
  exportDisclaimer:
    'Les noms et les limites figurant sur cette carte n’impliquent ni reconnaissance ni acceptation officielles de la part de l’OIM.',
  exportDate: 'Exporté le {date} depuis DTM Atlas.',
  exportLink: 'Cette vue\u202f: {url}',
} as const;
