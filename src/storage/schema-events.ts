// Event hardening: which click / scan tokens were already counted (replays are stored but
// flagged), and events the store refused, kept with the reason instead of blocking their batch.
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** First counted use of a click or QR-scan token; a later use within the window is a replay. */
export const eventTokens = sqliteTable(
  'event_tokens',
  {
    tokenId: text('token_id').primaryKey(),
    kind: text('kind').notNull(),
    firstAt: text('first_at').notNull(),
  },
  (t) => [index('event_tokens_first_at').on(t.firstAt)],
);

/** Events that could not be stored, with why (an operator can replay or discard them). */
export const eventDeadLetters = sqliteTable(
  'event_dead_letters',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    reason: text('reason').notNull(),
    /** The event as JSON (bounded). */
    payload: text('payload').notNull(),
  },
  (t) => [index('event_dead_letters_at').on(t.at)],
);
