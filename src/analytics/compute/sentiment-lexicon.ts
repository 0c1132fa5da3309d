// A small hand-made valence lexicon (-3..3) in the spirit of AFINN/VADER, trimmed for meetings:
// words that are mostly fillers or discourse markers in speech ("like", "well", "right", "pretty",
// "sure", "okay") are left out on purpose.
const ENTRIES = `
good:2 great:3 nice:2 cool:1 excellent:3 love:3 loved:3 happy:2 glad:2 fine:1 perfect:3 awesome:3
interesting:1 useful:2 helpful:2 easy:1 easier:1 agree:1 agreed:1 thanks:2 thank:2 fun:2 success:2
successful:2 better:1 best:2 lovely:2 brilliant:3 fantastic:3 amazing:3 wonderful:3 excited:2
exciting:2 clear:1 improve:1 improved:2 improvement:2 win:2 benefit:2 benefits:2 effective:2
efficient:2 simple:1 comfortable:2 intuitive:2 friendly:2 superb:3 impressive:3 pleased:2 confident:2
hope:1 hopefully:1 safe:1 strong:1 wow:2 congratulations:3 welcome:1 solved:2 progress:2 ready:1
enjoy:2 enjoyed:2 liked:2 positive:2 appreciate:2 appreciated:2 excellent:3 nicely:2 smooth:1
valuable:2 creative:1 innovative:2 reliable:2 fair:1 favourite:1 favorite:1 yay:2 fab:2 neat:2
bad:-2 terrible:-3 awful:-3 horrible:-3 hate:-3 problem:-1 problems:-1 issue:-1 issues:-1
difficult:-1 wrong:-2 fail:-2 failed:-2 failure:-2 broken:-2 bug:-1 bugs:-1 error:-1 errors:-1
worried:-2 worry:-2 worrying:-2 concern:-1 concerned:-2 concerns:-1 risk:-1 risks:-1 risky:-2
sorry:-1 unfortunately:-2 unfortunate:-2 annoying:-2 annoyed:-2 frustrating:-2 frustrated:-2
confusing:-2 confused:-2 complicated:-1 expensive:-1 slow:-1 late:-1 delay:-1 delayed:-2 blocked:-2
blocker:-2 crisis:-3 disaster:-3 poor:-2 worse:-2 worst:-3 ugly:-2 boring:-2 useless:-2 stupid:-2
crap:-2 damn:-1 pain:-2 painful:-2 disappointed:-2 disappointing:-2 unhappy:-2 sad:-2 angry:-3
upset:-2 lose:-1 losing:-1 lost:-1 struggle:-2 struggling:-2 doubt:-1 unclear:-1 impossible:-2
junky:-2 primitive:-1 outdated:-1 mess:-2 messy:-2 tired:-1 waste:-2 costly:-1 threat:-2 danger:-2
dangerous:-2 complain:-2 complaint:-2 complaints:-2 ridiculous:-2 shame:-2 hurt:-2 negative:-2
hard:-1 tough:-1 weird:-1 awkward:-1 nervous:-2 afraid:-2 scared:-2 unfair:-2 unacceptable:-3
`;

export const VALENCE: ReadonlyMap<string, number> = new Map(
  ENTRIES.split(/\s+/)
    .filter(Boolean)
    .map((entry): [string, number] => {
      const [word, value] = entry.split(':');
      return [word, Number(value)];
    }),
);

export const NEGATORS: ReadonlySet<string> = new Set(
  `not no never none nobody nothing neither nor without hardly barely isn't aren't wasn't weren't don't
  doesn't didn't can't cannot couldn't won't wouldn't shouldn't haven't hasn't hadn't ain't dont cant
  wont isnt`.split(/\s+/),
);

export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.3],
  ['really', 1.3],
  ['so', 1.2],
  ['extremely', 1.5],
  ['super', 1.3],
  ['totally', 1.3],
  ['absolutely', 1.4],
  ['incredibly', 1.5],
  ['quite', 1.1],
  ['slightly', 0.6],
  ['somewhat', 0.7],
  ['little', 0.7],
  ['bit', 0.7],
]);
