export interface Member {
  userId: string;
  name: string;
  email: string;
}

const norm = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}@.\s'-]/gu, ' ').replace(/\s+/g, ' ').trim();
const tokens = (s: string) => norm(s).split(' ').filter(Boolean);

/**
 * The workspace member a spoken name refers to, or null when none or several could be meant.
 * Diarization labels are first turned into display names ("Project Manager" → "Laura").
 * Tries, in order: full name, email or its local part, then every spoken word among the member's names.
 */
export function matchAssignee(
  spoken: string | null,
  members: readonly Member[],
  speakerNames: Readonly<Record<string, string>> = {},
): Member | null {
  if (!spoken?.trim()) return null;
  const label = Object.keys(speakerNames).find((l) => norm(l) === norm(spoken));
  const name = norm(label ? speakerNames[label] : spoken);
  if (!name) return null;
  const only = (found: readonly Member[]) => (found.length === 1 ? found[0] : null);

  const exact = members.filter((m) => norm(m.name) === name);
  if (exact.length > 0) return only(exact);
  const byEmail = members.filter((m) => norm(m.email) === name || norm(m.email.split('@')[0] ?? '') === name);
  if (byEmail.length > 0) return only(byEmail);
  const words = tokens(name);
  return only(members.filter((m) => {
    const own = new Set(tokens(m.name));
    return words.every((w) => own.has(w));
  }));
}
