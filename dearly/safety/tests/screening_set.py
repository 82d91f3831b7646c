"""Hand-labelled letters for the crisis screen (all original, written for this set).

Each entry is ``(letter, expected_categories)``; an empty set means "not urgent".

The set was written *before* the rules, from how readers of a relationship column
actually write, and the rules were then made to meet it.  Hard cases were not
dropped to make the numbers look good.  If you add a letter the rules miss, fix
the rules, not the label.

Labelling conventions (a reviewer should check these, they are judgement calls):

* SUICIDE_SELF_HARM covers anyone's suicidality or self-harm that the letter
  describes: the writer's, a partner's, a child's.  A partner who threatens
  suicide to stop the writer leaving is labelled SUICIDE_SELF_HARM *and*
  ABUSE_AT_HOME (it is both a risk to him and a recognised form of control).
* "End it" in this column nearly always means the relationship: "I want to end
  it", "end things with him", "end the marriage" are NOT urgent.  "End it all",
  "end my life", "ending everything" ARE (SUICIDE_SELF_HARM).  A bare "end it"
  next to other suicidal language is caught by that other language.
* ABUSE_AT_HOME is someone at home (usually the writer, sometimes a sister or
  mother) being hurt, threatened, controlled, sexually coerced or stalked by a
  partner/ex/family member.  Checking a phone once after a suspicion, yelling,
  slamming doors on their own and owning a gun are not screened; restricting
  who the writer sees, taking keys/phone/money, tracking, weapons used as
  threats and any physical violence are.
* CHILD_AT_RISK is a child being hurt, threatened, neglected dangerously,
  groomed, frightened of an adult at home, or witnessing violence.  Violence
  by a partner against a child is CHILD_AT_RISK; it is also ABUSE_AT_HOME only
  when the letter describes violence against an adult too.
* HARM_TO_OTHERS is the writer as the source of risk: intent, plans, fear of
  their own violence, or violence they have already used.  Writer-on-partner
  violence is labelled HARM_TO_OTHERS, not ABUSE_AT_HOME.
* Idioms of annoyance ("I could kill him for...", "my wife would kill me if she
  knew...", "over my dead body", "I'd rather die than...") are not urgent.
  A stated threat ("he said he'd kill me if I leave") is.
* "Hit rock bottom financially" is not urgent: the phrase is about money.
"""

from collections.abc import Set

from dearly.safety.screening import Category

S = Category.SUICIDE_SELF_HARM
A = Category.ABUSE_AT_HOME
C = Category.CHILD_AT_RISK
H = Category.HARM_TO_OTHERS

# Frozen: one shared empty set for every not-urgent letter must not be mutable.
NOT_URGENT: frozenset[Category] = frozenset()


# --- Suicide and self-harm: mostly indirect, the way people actually say it ---
SUICIDE = [
    ("My wife left in March and I keep thinking everyone would be better off without me. "
     "The kids have her, the dog has her. I'm just in the way.", {S}),
    ("We've been fighting for a year and honestly I don't see the point of going on. "
     "Not with him, not with anything.", {S}),
    ("I've been giving my things away to friends this week, my guitar, my books. "
     "It feels calmer that way. I wanted to write to someone before I go.", {S}),
    ("Since the divorce I just want to sleep and not wake up. I still go to work and smile and nobody knows.", {S}),
    ("My boyfriend cheated with my best friend and I've started cutting again. I'd been clean for two years.", {S}),
    ("I looked up how many of my sleeping pills it would take. I didn't do anything. "
     "I don't know why I'm telling an advice column this.", {S}),
    ("He says I'm a burden and I'm starting to believe him. "
     "Maybe it would be easier for everyone if I just wasn't here anymore.", {S}),
    ("I'm 34, single again, and I have nothing left to live for. Please don't tell me to try dating apps.", {S}),
    ("Some nights I sit in the car in the garage with the engine running and think how easy it would be.", {S}),
    ("My husband told me last night he's been thinking about killing himself. "
     "He made me promise not to tell his family. What do I do?", {S}),
    ("I don\u2019t want to be alive anymore. That\u2019s the whole letter I guess. "
     "She\u2019s gone and I can\u2019t make it stop hurting.", {S}),
    ("I wrote letters to my parents and my sister and put them where they'll find them. "
     "If she doesn't come back I'm done.", {S}),
    ("Ever since he left, I keep thinking about driving my car into the bridge pillar on the way to work.", {S}),
    ("I can't keep doing this. Every morning I wish I hadn't woken up.", {S}),
    ("My girlfriend of six years is done with me and I honestly think the world would be better without me in it.", {S}),
    ("I have hurt myself a few times since we broke up, just scratches, but it is getting worse.", {S}),
    ("I'm so tired of existing. If I died tomorrow I don't think anyone would even notice.", {S}),
    ("After what I did to our marriage I don\u2019t deserve to live. I know that sounds dramatic.", {S}),
    ("I've started stockpiling my pills. I keep telling myself it's just in case.", {S}),
    ("I want to disappear for good. Not a holiday, not a fresh start. Just not exist.", {S}),
    ("I keep standing on the balcony at night thinking it would be so easy to just let go.", {S}),
    ("I'm not going to be around much longer so I wanted to say thank you for your column. It helped me for years.", {S}),
    ("Tonight I realised I have a plan for how I'd do it, and that scared me enough to write this.", {S}),
    ("What's the point of anything anymore. I lie in bed all weekend and think about not being here.", {S}),
    ("Everyone says it gets better after a breakup. I've made my peace with it and said my goodbyes.", {S}),
    ("I took a bunch of my antidepressants last weekend after he moved out. I woke up fine and didn't tell anyone.", {S}),
    ("She moved on in two weeks. I haven\u2019t eaten properly in a month and I honestly don\u2019t care if I wake up tomorrow.", {S}),
    ("I feel like such a failure as a husband. Sometimes I think the kids would be better off with a new dad and me gone.", {S}),
    ("I just want it all to stop. The arguing, the silence, me. I've thought about ending it all more than once this month.", {S}),
    ("My fiancé called off the wedding and I keep thinking about taking my own life. I've never said that out loud.", {S}),
    ("Honestly I'm a burden to everyone who loves me, my husband included. I can't see a way out of this.", {S}),
    ("My girlfriend has been burning herself with a lighter when we argue. She hides it under long sleeves.", {S}),
]

# --- Abuse at home: violence, threats, weapons, coercive control, sexual coercion, stalking ---
ABUSE = [
    ("He took my keys and my phone and said I wasn't going anywhere. This was Saturday. "
     "He apologised on Sunday so maybe I'm overreacting?", {A}),
    ("My husband checks where I go on his phone app and won't let me see my sister "
     "because she 'puts ideas in my head'.", {A}),
    ("During the fight he put his hands around my neck. It was only a few seconds and he cried after.", {A}),
    ("He keeps a gun in the nightstand and says I'll regret leaving. I laughed it off but I've stopped sleeping.", {A}),
    ("Last month he pushed me down the stairs, he says I fell. My mother says all couples have rough patches.", {A}),
    ("My fiancé slapped me at his brother's wedding because I danced with his cousin. "
     "Is this a red flag or am I being dramatic?", {A}),
    ("When I try to leave the room during an argument my wife blocks the door and shoves me back onto the bed.", {A}),
    ("My girlfriend controls all our money. I get an allowance of twenty dollars a week and have to show her receipts.", {A}),
    ("I\u2019m not allowed to have friends over, or to go out without him, or to have my own bank account. "
     "He says that\u2019s what a real wife does.", {A}),
    ("He chokes me during sex even though I've told him I hate it.", {A}),
    ("My boyfriend doesn't listen in bed. Last week I said no three times and he did it anyway.", {A}),
    ("Since I left, my ex keeps showing up outside my work and he put a tracker on my car. "
     "The police say there's nothing they can do yet.", {A}),
    ("He has never hit me, but he punches holes in the walls and last week he threw a chair at my head.", {A}),
    ("My husband smashed my phone when he saw I'd texted my friend, and now I have to use his.", {A}),
    ("I have bruises on my arms from where he grabbed me. I tell people at work I bumped into things.", {A}),
    ("Every time I mention divorce he says he'll find me wherever I go. He means it.", {A}),
    ("My partner locks me out of the house overnight when I 'disrespect' her. It's happened four times since winter.", {A}),
    ("I'm honestly scared of him. When he drinks he gets this look and I end up sleeping in the car.", {A}),
    ("He tracks my location and if I'm ten minutes late he calls me forty times and accuses me of cheating.", {A}),
    ("He kicked me in the stomach when I was pregnant. He's been so good since, "
     "I don't know if I should still hold it against him.", {A}),
    ("I don't feel safe in my own home anymore. My husband sleeps with a knife under his pillow "
     "and tells me it's 'in case I get ideas'.", {A}),
    ("He won\u2019t let me work, won't let me drive, and reads every message I send. My family lives four hours away.", {A}),
    ("My ex-husband says if I go ahead with the custody hearing he'll make me pay, "
     "and he's turned up at my door drunk twice.", {A}),
    ("My girlfriend hits me when she's angry. I'm a six foot guy so who would even believe me.", {A}),
    ("Last night he held me down and wouldn't let me up until I apologised.", {A}),
    ("My husband forced me to have sex after I'd said I was too sick. He says a husband can't rape his wife.", {A}),
    ("He threatened to post the photos I sent him if I break up with him.", {A}),
    ("When we argue he corners me in the kitchen and raises his fist like he's going to hit me, then laughs.", {A}),
    ("My stepdad hits my mum and she won't leave. I'm 19 and I still live there.", {A}),
    ("He said if I ever leave he will kill me, and then he laughed like it was a joke.", {A}),
]

# --- Children at risk ---
CHILD = [
    ("My daughter is scared of him when he drinks. She's seven. He's never touched her but she hides in her room.", {C}),
    ("He hits the kids with a belt when they talk back and says that's how he was raised.", {C}),
    ("My new partner spanks my son hard enough to leave marks, and my son has started wetting the bed again.", {C}),
    ("My husband's friend keeps offering to babysit my 9 year old and buys her gifts, and last week I found messages "
     "on her tablet telling her to keep it a secret from me.", {C}),
    ("My ex drives drunk with our boys in the back seat and the court still gives him weekends.", {C}),
    ("My wife shook the baby because he wouldn't stop crying. She was exhausted and it only happened once "
     "but I can't stop thinking about it.", {C}),
    ("My boyfriend leaves my kids alone at night when I'm on shift, they're 4 and 6.", {C}),
    ("My stepfather used to come into my room at night and now he's living with my sister's kids. Should I say something?", {C}),
    ("He grabbed my son by the throat during an argument about his phone. My son is 13.", {C}),
    ("My partner calls my 10-year-old stupid every day and locks him in his room without dinner.", {C}),
    ("My husband told our 8 year old he'd kill the dog if she told me what happened at bath time. "
     "Now she won't talk to me about it.", {C}),
    ("My teenage son has bruises he won't explain and flinches when his stepdad raises his voice.", {C}),
    ("My girlfriend's brother is 25 and has been texting my 13-year-old daughter late at night, "
     "telling her she's mature for her age.", {C}),
    ("He throws things at the kids when he's had a few. Last week a glass just missed my youngest's head.", {C}),
    ("Our kids are terrified of their dad. They go silent the second his car pulls in.", {C}),
    ("My sister's boyfriend smacked her toddler across the face for spilling juice. I saw it happen.", {C}),
]

# --- Harm to others: the writer is the risk ---
HARM = [
    ("I'm afraid I'll hurt him. When he laughs at me during fights something goes dark in me "
     "and last time I had to leave the house to stop myself.", {H}),
    ("Sometimes I think about making her pay for what she did with my brother. Not money. Actually making her pay.", {H}),
    ("I found out he's been cheating for two years and I've been sitting outside her apartment at night "
     "with my dad's gun in the glove box.", {H}),
    ("My wife is leaving me for her coworker and I keep picturing what I'd do to him if I got him alone.", {H}),
    ("I lost my temper and shoved my girlfriend into the wardrobe. "
     "I've never done anything like that and I'm terrified I'll do it again.", {H}),
    ("I want him to suffer the way I did. I've looked up where his new girlfriend works and what time she finishes.", {H}),
    ("If my ex comes near my kids again I swear I will kill him. I mean that literally.", {H}),
    ("I don\u2019t trust myself around my husband anymore. I\u2019ve started hiding the kitchen knives.", {H}),
    ("I have fantasies about running my ex over with my car. I know it's wrong but they're getting more detailed.", {H}),
    ("I'm scared of what I might do to her if she keeps pushing me. I've already put my fist through the door.", {H}),
    ("I have thought about poisoning my husband's coffee. I'm not joking anymore, I've looked up what would work.", {H}),
    ("I slapped my wife during an argument last night. She's staying at her mother's and I don't know who I am.", {H}),
    ("The man she cheated with lives two streets away. I've been thinking about how I could hurt him and get away with it.", {H}),
]

# --- Two or more categories in one letter ---
MULTI = [
    ("He keeps saying he'll kill himself if I leave him. I don't love him anymore "
     "but I'm terrified it'll be my fault.", {S, A}),
    ("The kids hide under the bed when their father comes home. I think they've heard him hitting me.", {A, C}),
    ("He beat me in front of the children again last night. My oldest tried to stop him.", {A, C}),
    ("My sister's husband hits her and their little girl sees all of it. My sister says it's none of my business.", {A, C}),
    ("My 15-year-old told me she wants to die and that she has been cutting her arms. Her dad says it's a phase.", {S, C}),
    ("My brother-in-law beat my sister for years and I'm planning to pay him a visit with a baseball bat. "
     "Tell me why I shouldn't.", {A, H}),
    ("I told him that if he leaves me I'll kill us both. I said it in anger but part of me meant it.", {S, H}),
    ("He strangled me last week and told me if I leave he'll take the baby and I'll never see her again. "
     "I've thought about just ending everything.", {A, S}),
    ("My husband beats me and the kids, and I've started to think the only way out is to not be here anymore.", {A, C, S}),
    ("My boyfriend hits me and last week he said if I tell anyone he'll hurt my son.", {A, C}),
    ("I'm so angry at my wife for the affair that I've been thinking about hurting her, "
     "and some days I think about hurting myself too.", {H, S}),
    ("My husband pins me against the wall when he's drunk, and my daughter is scared of him now.", {A, C}),
]

# --- Hard negatives: idioms and near misses on kill, die, dead, hit, gun, knife, choke,
#     hurt, scared, leave, end it, push, stalk, beat, threaten, "won't let me" ---
HARD_NEGATIVES = [
    ("This fight is killing me. We've been arguing about whose parents to visit at Christmas since September.", NOT_URGENT),
    ("Our sex life is dead. Three years married and we haven't touched each other since spring.", NOT_URGENT),
    ("I could kill him for forgetting our anniversary. Again! Ten years and he's never once remembered "
     "without a reminder.", NOT_URGENT),
    ("I'm dying to know what you think: is it rude that my boyfriend brings his laptop to dinner?", NOT_URGENT),
    ("The silence in our house is suffocating. We only talk about the kids' schedules.", NOT_URGENT),
    ("My mother-in-law is smothering. She calls my husband twice a day and has a key to our flat.", NOT_URGENT),
    ("He blew up at me about the dishes last night, then went to bed like nothing happened.", NOT_URGENT),
    ("The kids are killing me with the noise, and my husband just puts his headphones on.", NOT_URGENT),
    ("I'm dead tired every evening and my girlfriend still wants to go out. "
     "How do I say no without seeming boring?", NOT_URGENT),
    ("I wanted to die of embarrassment when my husband told my boss about our couples' therapy.", NOT_URGENT),
    ("We fight like cats and dogs but we always make up. My friends say that's toxic, is it?", NOT_URGENT),
    ("I suggested we move closer to my parents and he shot down my idea before I'd even finished the sentence.",
     NOT_URGENT),
    ("My mother-in-law took my side in the argument about the wedding and now my husband's sulking.", NOT_URGENT),
    ("Our marriage has been on a knife-edge since I lost my job.", NOT_URGENT),
    ("When I told him I'd dented his car he hit the roof.", NOT_URGENT),
    ("Everyone keeps telling me she's a knockout, but I'm just not attracted to my girlfriend anymore.", NOT_URGENT),
    ("I hit rock bottom financially last year and my partner paid our rent for six months. "
     "Now I feel like I owe her forever.", NOT_URGENT),
    ("He wants to move his mother in with us. Over my dead body.", NOT_URGENT),
    ("I wish my wife would cut me some slack about the garage. It's my one hobby.", NOT_URGENT),
    ("I want to end it with him but we have a lease until August. How do I survive four months?", NOT_URGENT),
    ("After twelve years I've decided to end the marriage. How do I tell the kids?", NOT_URGENT),
    # Bare "end it" with a relationship meaning: labelled not urgent (see module docstring).
    ("I want to end it. We've been together since college and I feel nothing. "
     "He's a good man and I feel like a monster.", NOT_URGENT),
    ("He has never hit me or anything like that, he just ignores me for days after an argument.", NOT_URGENT),
    ("My wife would kill me if she knew I was writing to an advice column about her mother.", NOT_URGENT),
    ("My boyfriend hunts and keeps his rifles in a locked safe. I grew up without guns and it makes me uneasy, "
     "though he's very careful.", NOT_URGENT),
    ("I dumped him last week and it hurts so much. I cry at work.", NOT_URGENT),
    ("I'm scared he's going to leave me for someone younger.", NOT_URGENT),
    ("I'm terrified of commitment. My girlfriend wants to move in and I keep stalling.", NOT_URGENT),
    ("He choked up when he proposed, and now he says he's not sure about the wedding.", NOT_URGENT),
    ("My boyfriend's jokes absolutely kill at parties but at home he barely talks.", NOT_URGENT),
    ("She went through my phone and found messages to my ex. I know I messed up. How do I rebuild trust?",
     NOT_URGENT),
    ("I stalked his ex on Instagram for an hour last night and now I feel insecure. Normal?", NOT_URGENT),
    ("My husband shot me a look across the table when I mentioned his weight gain.", NOT_URGENT),
    ("My partner hit me with the news that he's taking a job in Denver. We never even discussed it.", NOT_URGENT),
    ("He only hits me up when he's bored. Should I block him?", NOT_URGENT),
    ("It hit me last night that I don't actually like my fiancé's friends.", NOT_URGENT),
    ("We hit it off immediately, but three dates in he still hasn't kissed me.", NOT_URGENT),
    ("My ex really hurt me when he cheated, and I'm scared to trust my new boyfriend.", NOT_URGENT),
    ("My girlfriend always beats me at Scrabble and gloats for days. Petty, but it bugs me.", NOT_URGENT),
    ("I'd rather die than spend another Christmas with his family, but he insists.", NOT_URGENT),
    ("My husband has been killing it at work since his promotion, but he's never home.", NOT_URGENT),
    ("I think our relationship is dying a slow death and neither of us wants to admit it.", NOT_URGENT),
    ("She says I'm suffocating her because I text too much. Am I clingy?", NOT_URGENT),
    ("He's so afraid of conflict that he just agrees with everything I say.", NOT_URGENT),
    ("My wife threatened to leave me if I don't stop gaming. Is that fair?", NOT_URGENT),
    ("Whenever I bring up money, my husband says I'm stabbing him in the back.", NOT_URGENT),
    ("I feel like I'm drowning in wedding planning and my fiancée doesn't help at all.", NOT_URGENT),
    ("He said our relationship is going nowhere and he wants to end things. Should I fight for it?", NOT_URGENT),
    ("I'm done. I've asked him a hundred times to put the seat down.", NOT_URGENT),
    ("He pushed me to apply for the promotion and now that I got it he resents me.", NOT_URGENT),
    ("My boyfriend and I are always at each other's throats about money.", NOT_URGENT),
    ("My husband will be the death of me. He invited twelve people to dinner without asking.", NOT_URGENT),
    ("My son is scared of the dark and my husband thinks we should let him cry it out.", NOT_URGENT),
    ("I'm afraid of hurting his feelings if I tell him I don't want kids.", NOT_URGENT),
    ("I don't want to hurt her, but I'm not in love anymore. How do I break up kindly?", NOT_URGENT),
    ("I'm worried I'll hurt him if I tell him the truth about the affair.", NOT_URGENT),
    ("How do I make him pay his share of the bills without starting a fight?", NOT_URGENT),
    ("He left me for my best friend. I feel like I'm going to die of a broken heart, but I know I won't.",
     NOT_URGENT),
    ("My wife's lasagne is to die for, but she refuses to teach me the recipe.", NOT_URGENT),
    ("My boyfriend says he'd kill for a girlfriend who likes football as much as he does. I'm his girlfriend.",
     NOT_URGENT),
    ("She dropped a bombshell last night: she wants an open marriage.", NOT_URGENT),
    ("My husband keeps a knife in his truck for work and my mom thinks it's weird. Is it?", NOT_URGENT),
    ("We went to a shooting range on our third date and I loved it. Is it weird that I want to go again?",
     NOT_URGENT),
    ("I feel like I'm dying inside every time he talks about his ex.", NOT_URGENT),
    ("Honestly, my in-laws' visits make me want to jump out of a window. Two weeks every summer!", NOT_URGENT),
    ("My girlfriend says I'm killing the romance by planning every date in a spreadsheet.", NOT_URGENT),
    ("I nearly died laughing when he tried to assemble the crib.", NOT_URGENT),
    ("My husband is a surgeon and comes home with stories about cutting people open. I find it gross at dinner.",
     NOT_URGENT),
    ("Whenever we disagree he says I'm twisting the knife. I'm just trying to talk.", NOT_URGENT),
    ("I said no to his proposal and he hasn't spoken to me since.", NOT_URGENT),
    ("My wife says if I buy another guitar she'll murder me.", NOT_URGENT),
    ("His ex keeps threatening to take him back to court over child support.", NOT_URGENT),
    ("My teenager says I'm ruining her life because I won't let her see her boyfriend on school nights.",
     NOT_URGENT),
    ("My husband won't let me pay for anything when we go out. Sweet, but I feel like a kept woman.", NOT_URGENT),
    ("My daughter hit her little brother with a toy truck and my husband laughed instead of telling her off.",
     NOT_URGENT),
    ("I grabbed my son's arm before he ran into the road, and my ex is using it to say I'm a bad mother.",
     NOT_URGENT),
    ("I'm afraid of losing her. She's been distant since the baby.", NOT_URGENT),
    ("My boyfriend stormed out after the argument and didn't come home till 3am. I was worried sick.", NOT_URGENT),
    ("I keep telling myself I'll never love anyone again. Is that normal after a divorce?", NOT_URGENT),
    ("Those texts were the smoking gun. He'd been seeing her since the summer.", NOT_URGENT),
    ("My mum won\u2019t take no for an answer about us hosting Christmas.", NOT_URGENT),
    ("My boyfriend beat me to it and proposed first, and now I have a ring I bought for him.", NOT_URGENT),
    ("I'm scared of her reaction if I tell her I lost my job.", NOT_URGENT),
    ("I'm sick of him leaving his wet towels on the bed. It's killing our marriage.", NOT_URGENT),
    ("The kids are terrified of the new puppy, which is funny because my husband chose it.", NOT_URGENT),
]

# --- Ordinary letters ---
ORDINARY = [
    ("My boyfriend spends every Sunday at his mother's. I love her but I'd like one weekend to ourselves.", NOT_URGENT),
    ("We've been together five years and he still hasn't proposed. Should I ask him?", NOT_URGENT),
    ("My husband and I can't agree on whether to send our son to private school.", NOT_URGENT),
    ("Is it normal to still think about your ex after you're married? I don't want him back, I just wonder.",
     NOT_URGENT),
    ("My girlfriend wants a dog and I'm allergic. She says I'm making excuses.", NOT_URGENT),
    ("We met on an app and I'm embarrassed to tell my parents. Does it matter?", NOT_URGENT),
    ("My wife earns more than me and her friends make jokes about it. How do I stop it bothering me?", NOT_URGENT),
    ("My partner is moving to Lisbon for a year. Can long distance actually work?", NOT_URGENT),
    ("He never plans dates. If I don't book something, we just watch TV.", NOT_URGENT),
    ("My best friend is marrying a man I can't stand. Do I say something or smile through the wedding?",
     NOT_URGENT),
    ("We split the chores fifty-fifty on paper, but somehow I do all the thinking about them.", NOT_URGENT),
    ("My husband snores and I've started sleeping in the spare room. Is this the beginning of the end?",
     NOT_URGENT),
    ("My girlfriend's family speaks Tagalog at dinner and I feel left out. Should I learn?", NOT_URGENT),
    ("I'm 52, divorced and starting to date again. Where do people my age even meet?", NOT_URGENT),
    ("My fiancée wants a huge wedding and I want to elope. Who should give in?", NOT_URGENT),
    ("My stepdaughter won't speak to me at dinner. I've tried everything I can think of.", NOT_URGENT),
    ("He likes his friends more than he likes me, or that's how it feels on Friday nights.", NOT_URGENT),
    ("We haven't had a real conversation since the twins were born. How do couples find time?", NOT_URGENT),
    ("My wife keeps a spreadsheet of every argument we've had. Is that healthy?", NOT_URGENT),
    ("My partner wants to open a joint bank account and I'm hesitant. Am I being unromantic?", NOT_URGENT),
    ("My boyfriend says 'I love you' but never in front of his friends.", NOT_URGENT),
    ("Our teenage daughter just came out to us and my husband is struggling. How can I help him catch up?",
     NOT_URGENT),
    ("My ex wants to be friends. My new boyfriend says absolutely not. Who's right?", NOT_URGENT),
    ("My husband retired last month and now he reorganises my kitchen every day.", NOT_URGENT),
    ("I forgot my girlfriend's birthday and she's been cold for a week. How do I make it up to her?", NOT_URGENT),
    ("My sister-in-law borrowed money for a car and now pretends it never happened.", NOT_URGENT),
    ("We're trying for a baby and it's turned sex into a chore. How do we get the fun back?", NOT_URGENT),
    ("My boyfriend is a vegan and I'm a butcher's daughter. Christmas is going to be interesting.", NOT_URGENT),
    ("I think my husband has a crush on his new colleague. He mentions her constantly.", NOT_URGENT),
    ("My partner's gaming takes up every evening. I've asked for two nights a week together.", NOT_URGENT),
    ("We disagree about religion now that we have kids. How do other couples handle it?", NOT_URGENT),
    ("My wife wants to move back to her home town and I'd lose my job. What's fair?", NOT_URGENT),
    ("I'm jealous of my girlfriend's male best friend. He's nice, which makes it worse.", NOT_URGENT),
    ("My husband's mother criticises my cooking at every visit. He says to ignore it.", NOT_URGENT),
    ("My boyfriend has never been in a relationship before and everything is new to him. Is that a problem?",
     NOT_URGENT),
    ("How do I tell my partner I want more affection without sounding needy?", NOT_URGENT),
    ("I proposed and she said she needs time. It's been a month. Should I worry?", NOT_URGENT),
    ("We bought a house together last year and now we argue about every repair.", NOT_URGENT),
    ("My husband and I love each other but we bore each other. Is that just marriage?", NOT_URGENT),
    ("My adult son lives with us and brings his girlfriend home every weekend. Where do I draw the line?",
     NOT_URGENT),
    ("Dear Dearly, thank you for last week's column about apologising. We tried it and it worked.", NOT_URGENT),
    ("My partner wants to invite her ex to our wedding. They're still close. Am I wrong to mind?", NOT_URGENT),
]

LETTERS: list[tuple[str, Set[Category]]] = SUICIDE + ABUSE + CHILD + HARM + MULTI + HARD_NEGATIVES + ORDINARY
