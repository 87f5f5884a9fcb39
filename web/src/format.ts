import { lang } from './i18n.ts';

const locales = { en: 'en-GB', fr: 'fr-FR' } as const;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(signed: boolean): Intl.NumberFormat {
  const key = `${lang()}:${signed}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locales[lang()], signed ? { signDisplay: 'exceptZero' } : {});
    numberFormats.set(key, format);
  }
  return format;
}

/** A count in the page's language: 401,736 in English, 401 736 in French. */
export function formatCount(value: number): string {
  return numberFormat(false).format(value);
}

/** A change with its sign: +1,234, −56, 0. */
export function formatChange(value: number): string {
  return numberFormat(true).format(value).replace('-', '−');
}

function dateFormat(style: 'day' | 'month' | 'short'): Intl.DateTimeFormat {
  const key = `${lang()}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'day'
        ? { day: 'numeric', month: 'short', year: 'numeric' }
        : style === 'month'
          ? { month: 'short', year: 'numeric' }
          : { month: 'short', year: '2-digit' };
    format = new Intl.DateTimeFormat(locales[lang()], { ...options, timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format;
}

/** A date (`2021-09-30`) as "30 Sept 2021" / "30 sept. 2021". */
export function formatDate(iso: string): string {
  return dateFormat('day').format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** A month as "Sept 2012" / "sept. 2012" (monthly rounds are named by their month). */
export function formatMonth(iso: string): string {
  return dateFormat('month').format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** A compact month for axis ticks: "Sept 12". */
export function formatShortMonth(iso: string): string {
  return dateFormat('short').format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** A short count for chart axes: "400K" / "400 k". */
export function formatCompact(value: number): string {
  const key = `${lang()}:compact`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locales[lang()], { notation: 'compact', maximumFractionDigits: 1 });
    numberFormats.set(key, format);
  }
  return format.format(value);
}
