import { COMPARE_EN } from './messages/compare-en.ts';
import { COMPARE_FR } from './messages/compare-fr.ts';
import { CORE_EN } from './messages/core-en.ts';
import { CORE_FR } from './messages/core-fr.ts';
import { DOWNLOADS_EN } from './messages/downloads-en.ts';
import { DOWNLOADS_FR } from './messages/downloads-fr.ts';
import { EMBED_BUILDER_EN } from './messages/embed-builder-en.ts';
import { EMBED_BUILDER_FR } from './messages/embed-builder-fr.ts';
import { EXPORT_EN } from './messages/export-en.ts';
import { EXPORT_FR } from './messages/export-fr.ts';
import { OFFLINE_PACK_EN } from './messages/offline-pack-en.ts';
import { OFFLINE_PACK_FR } from './messages/offline-pack-fr.ts';
import { REASON_EN } from './messages/reason-en.ts';
import { REASON_FR } from './messages/reason-fr.ts';
import { TABLE_EN } from './messages/table-en.ts';
import { TABLE_FR } from './messages/table-fr.ts';
import { TREND_EN } from './messages/trend-en.ts';
import { TREND_FR } from './messages/trend-fr.ts';

/**
 * Every word the pages show, in English and French. `{name}` marks a value filled in at run time.
 *
 * The words live in modules under `messages/`, one per feature, each with its English and French
 * halves; this file only puts them together. A feature adds its module and one line to each
 * language below, so that features added side by side do not edit the same lines.
 */
export const MESSAGES = {
  en: {
    ...CORE_EN,
    ...COMPARE_EN,
    ...DOWNLOADS_EN,
    ...EMBED_BUILDER_EN,
    ...EXPORT_EN,
    ...OFFLINE_PACK_EN,
    ...REASON_EN,
    ...TABLE_EN,
    ...TREND_EN,
  },
  fr: {
    ...CORE_FR,
    ...COMPARE_FR,
    ...DOWNLOADS_FR,
    ...EMBED_BUILDER_FR,
    ...EXPORT_FR,
    ...OFFLINE_PACK_FR,
    ...REASON_FR,
    ...TABLE_FR,
    ...TREND_FR,
  },
} as const;

/** A message key; both languages have the same keys (checked by the type below). */
export type MessageKey = keyof (typeof MESSAGES)['en'];

// Compile-time check that French has every English key and no other.
const frenchKeys: Record<MessageKey, string> = MESSAGES.fr;
const englishKeys: Record<keyof (typeof MESSAGES)['fr'], string> = MESSAGES.en;
void frenchKeys;
void englishKeys;
