/** Issue 16 (export and print): the Export button, its dialog, and the words on an exported map. */
export const EXPORT_EN = {
  exportButton: 'Export',
  exportButtonLabel: 'Save this map as an image or a PDF, with its legend and credits',
  exportTitle: 'Export this map',
  exportIntro: 'The view as shown, with its title, legend, scale, source, credits and caveat.',
  exportImage: 'Image',
  exportDocument: 'Document',
  exportPngScreen: 'PNG, screen size',
  exportPng2x: 'PNG, 2× resolution',
  exportPdfA4Landscape: 'PDF, A4 landscape',
  exportPdfA4Portrait: 'PDF, A4 portrait',
  exportPdfLetterLandscape: 'PDF, Letter landscape',
  exportPdfLetterPortrait: 'PDF, Letter portrait',
  exportWorking: 'Preparing {format}…',
  exportDone: '{format} saved.',
  exportFailed: 'The export failed: {message}',
  exportSubtitle: '{levels} · {round}, {date} · {dataset}',
  exportSelected: 'Selected: {name}',
  exportDisclaimer:
    'The names and boundaries shown on this map do not imply official endorsement or acceptance by IOM.',
  exportDate: 'Exported on {date} from DTM Atlas.',
  exportLink: 'This view: {url}',
} as const;
