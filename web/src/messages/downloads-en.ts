/** Issue 16, downloads a data manager trusts: the XLSX and the data package in the downloads panel. */
export const DOWNLOADS_EN = {
  downloadXlsx: 'Figures as Excel (XLSX, with a sources sheet)',
  downloadDatapackage: 'What each file holds (datapackage.json)',
  downloadDatapackageScope: 'every level, {round}',
};
