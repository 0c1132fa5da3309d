/** One line of a summary section; the same shape the summary entity stores and the API answers. */
export type { SummaryItem } from '@mina/contract/views';
