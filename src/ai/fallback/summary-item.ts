/** One line of a summary section; the same shape the summary entity stores. */
export interface SummaryItem {
  text: string;
  speaker?: string;
  atMs?: number;
}
