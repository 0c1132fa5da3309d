/** A segment reduced to what the meeting metrics need; speaker already resolved to a display name. */
export interface Utterance {
  speaker: string;
  text: string;
  words: number;
  startMs: number;
  endMs: number;
  /** "Mm-hmm", "yeah, okay": acknowledgement, not a bid for the floor. */
  backchannel: boolean;
}
