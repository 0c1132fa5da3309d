// Standard English function words plus the conversational glue of meetings (fillers, hedges,
// backchannels), which would otherwise dominate every meeting's keywords.
const WORDS = `
a about above after again against all almost along already also although always am among an and
another any anybody anyone anything anyway anyways anywhere are aren't around as at away back be
became because become been before being below between both but by can can't cannot could couldn't
did didn't do does doesn't doing don't done down during each either else enough even ever every
everybody everyone everything few for from further get gets getting go goes going gone got gotten had
hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's however i i'd i'll i'm i've if in into is isn't it it'd it'll it's its itself just least
less let let's made make makes making many may maybe me might mine more most much must mustn't my
myself neither never no nobody none nor not nothing now of off often on once one ones only onto or
other others otherwise ought our ours ourselves out over own per perhaps put quite rather really
same say says said see seem seemed seems seen several shall shan't she she'd she'll she's should
shouldn't since so some somebody someone something sometime sometimes somewhat somewhere still such
than that that'd that'll that's the their theirs them themselves then there there'd there'll there's
these they they'd they'll they're they've thing things this those though through thus to too toward
towards under until up upon us use used using very via was wasn't we we'd we'll we're we've well were
weren't what what's whatever when when's where where's whether which while who who's whoever whole
whom whose why why's will with within without won't would wouldn't yet you you'd you'll you're
you've your yours yourself yourselves
um umm uh uhh uhm erm er ehm hmm hm mm mhm mm-hmm uh-huh ah oh ooh aha huh eh hey hi hello bye ok okay
yeah yes yep yup nope nah right alright sure cool great fine good like likes liked kind sort kinda
sorta gonna wanna gotta dunno lot lots bit pretty basically actually literally probably definitely
obviously totally anyway i'd guess think thought know knew mean means meant want wanted wants need
needs needed try tried trying stuff bunch way ways whatnot etc cos cause 'cause 'kay mean yeah right
thank thanks please sorry today tomorrow yesterday time times day days week weeks minute minutes
first second third next last new old big small little long great lot able also again ever better best worse
zero two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
thousand half
look looks looking looked take takes taking took come comes coming came give gives giving gave
different talk talks talking talked thinking hope course kay cuz keep kept work works working worked
idea ideas point points people person meeting meetings guys mean tell told ask asked put start started
whatever whenever wherever somehow someway exactly certain certainly sure surely true
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}
