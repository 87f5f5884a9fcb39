import { COMPARE_EN } from './messages/compare-en.ts';
import { COMPARE_FR } from './messages/compare-fr.ts';
import { CORE_EN } from './messages/core-en.ts';
import { CORE_FR } from './messages/core-fr.ts';

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
  },
  fr: {
    ...CORE_FR,
    ...COMPARE_FR,
  },
} as const;

/** A message key; both languages have the same keys (checked by the type below). */
export type MessageKey = keyof (typeof MESSAGES)['en'];

// Compile-time check that French has every English key and no other.
const frenchKeys: Record<MessageKey, string> = MESSAGES.fr;
const englishKeys: Record<keyof (typeof MESSAGES)['fr'], string> = MESSAGES.en;
void frenchKeys;
void englishKeys;
