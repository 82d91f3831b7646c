"""Labelled letters for the anonymizer.

Each entry is ``(letter, identifiers)``; an identifier is ``(kind, exact_substring)``
or ``(kind, exact_substring, n)``.  Without ``n`` every occurrence of the
substring that stands as a whole word (not inside a longer word) is an
identifier; with ``n`` only the n-th such occurrence (0-based) is, for letters
where one spelling is both a person and a place ("my son Austin ... to Austin").

The letters are written the way readers write (lowercase emails, "i'm 24",
"(29F)", sign-offs such as "Exhausted in Ogden") and keep the hard cases.

``LETTERS`` is the tuning set: the rules in ``anonymizer.py`` were written and
fixed against it, so its figures are optimistic.  It grew in three steps:

1. 62 letters written before the module.
2. 15 letters written as a held-out batch once the rules were frozen.  First run:
   67/76 identifiers found (names 0.95, places 0.93, ages 0.85, organizations
   0.75, addresses 0.50), 2 false proposals.  The general gaps it showed were
   fixed and it joined the tuning letters.
3. 15 more letters, held out the same way.  First run: 58/67 (emails 1/1,
   phones 1/2, links 1/4, ages 15/17, organizations 5/8), 7 false proposals.
   Fixed (hyphenated handles, a "1-" phone prefix, quoted usernames, "of" inside
   organization names, "her 35th") and joined.
4. 24 letters written for the gaps an independent check of the rules showed
   (texting-style lowercase, UK/Australian/Irish phones, addresses with
   postcodes, venues and short employer names, ages phrased "I have 33 years",
   bare years, licence plates, identifying job titles) and for what must be left
   alone (public figures, book titles, therapy terms, countries in general
   statements, "Pride").  With them two kinds joined (``plate``, ``job``), a
   venue or church counts as an ``organization`` and a year that dates a
   personal event ("moved here in 2019") as a ``date``; four labels of that
   kind were added to earlier letters (three years, "the Elks Lodge").  On the
   24: today's rules alone found 36 of 71 with 14 false proposals; the first
   version with the entity model 60 of 71 with 12; the misses and false
   proposals then fixed were general ones (saints' churches, "Kehoe's pub",
   "Route 9", "March 2021", four-digit postcodes, plates followed by a word,
   public figures in the leave-alone list).

``HELD_OUT`` (12 letters) was written after step 3 and has not been used to
change the rules, nor the model merge of step 4 (52/54 before it, 53/54 and one
false proposal, "the Marriott", after): it is the fairer estimate.  Keep it that way: if you fix
something it shows, move those letters into ``LETTERS`` and write new ones.
"""

from __future__ import annotations

import re

KINDS = ("email", "phone", "url", "address", "name", "place", "age", "date", "organization",
         "plate", "job")

LETTERS: list[tuple[str, list[tuple]]] = [
    (
        "My husband Mark said I was overreacting when I found texts from a coworker named Jenna "
        "on his phone. He works at Deloitte and they travel together a lot. I'm 34 and we have a "
        "7-year-old son. We live in Provo, Utah, and I don't have family nearby. Should I confront "
        "her? Her email is jenna.k88@gmail.com.",
        [
            ("name", "Mark"),
            ("name", "Jenna"),
            ("organization", "Deloitte"),
            ("age", "34"),
            ("age", "7-year-old"),
            ("place", "Provo, Utah"),
            ("email", "jenna.k88@gmail.com"),
        ],
    ),
    (
        "I (29F) have been dating my boyfriend Tyler for two years. Last weekend at his sister's "
        "wedding in Boise, he spent the whole night talking to his ex, Kayla. When I brought it up "
        "he said I was being dramatic. He gave Kayla his number, 208-555-0187, which I know because "
        "she texted it back to him. Am I wrong to be hurt?",
        [
            ("age", "29F"),
            ("name", "Tyler"),
            ("place", "Boise"),
            ("name", "Kayla"),
            ("phone", "208-555-0187"),
        ],
    ),
    (
        "Dear Dearly, my mother-in-law Linda calls my husband every single night at 9pm. If he "
        "doesn't answer she calls the house phone, (801) 555-0134, until somebody picks up. Tom "
        "says I should just let it go because she's 71 and lonely since his dad died. I'm losing "
        "my mind.\n— Exhausted in Ogden",
        [
            ("name", "Linda"),
            ("phone", "(801) 555-0134"),
            ("name", "Tom"),
            ("age", "71"),
            ("place", "Ogden"),
        ],
    ),
    (
        "My wife and I met at BYU when we were both 19. Twenty years later she wants to go back to "
        "school and I'm supportive, but she applied to the University of Michigan without telling "
        "me. That would mean moving from Lehi to Ann Arbor with three kids. How do I bring this up "
        "without starting a fight?",
        [
            ("organization", "BYU"),
            ("age", "19"),
            ("organization", "University of Michigan"),
            ("place", "Lehi"),
            ("place", "Ann Arbor"),
        ],
    ),
    (
        "I'm a nurse at St. Mary's Hospital and I work nights, so I barely see my partner Sam. Sam "
        "keeps leaving passive-aggressive notes on the fridge. Last Tuesday one said 'must be nice "
        "to sleep all day.' I'm 41, I've been doing this for 15 years, and I'm tired. How do we "
        "fix this?",
        [
            ("organization", "St. Mary's Hospital"),
            ("name", "Sam"),
            ("age", "41"),
        ],
    ),
    (
        "My sister Rachel borrowed $4,000 from me on March 3rd and promised to pay it back by "
        "summer. She now says she 'doesn't remember' agreeing to a date. I have the Venmo request "
        "to @rachel.m.lowe saved. Our mom says to drop it, but that was my emergency fund. Do I push?",
        [
            ("name", "Rachel"),
            ("date", "March 3rd"),
            ("url", "@rachel.m.lowe"),
        ],
    ),
    (
        "My son Jake is 16 and just got caught sneaking out to see a girl from Lincoln High School. "
        "Her dad called me at work from 385-555-0199 and was furious. My ex-husband Greg thinks I'm "
        "too lenient. We share custody and he lives at 1420 Maple Street, ten minutes away, so Jake "
        "goes back and forth. What should the consequences be?",
        [
            ("name", "Jake"),
            ("age", "16"),
            ("organization", "Lincoln High School"),
            ("phone", "385-555-0199"),
            ("name", "Greg"),
            ("address", "1420 Maple Street"),
        ],
    ),
    (
        "I'm 52 and recently divorced after 27 years. A friend set up a dating profile for me "
        "(www.ourtime.com/profile/dee52) and I've had a few dates, but it's terrifying. One man, "
        "Richard, asked me to wire him money after three messages. My daughter Emily says I'm too "
        "trusting, and she made me a new email, dee.m.walsh@aol.com, just for dating. How do I date "
        "safely at my age?",
        [
            ("age", "52"),
            ("url", "www.ourtime.com/profile/dee52"),
            ("name", "Richard"),
            ("name", "Emily"),
            ("email", "dee.m.walsh@aol.com"),
        ],
    ),
    (
        "My boyfriend is 38 and still lives with his parents in Scottsdale. He says it's temporary, "
        "but it's been four years. His mom does his laundry. I found his old profile at "
        "linkedin.com/in/chris-albright-phx and he hasn't updated it since 2019. Am I expecting "
        "too much?",
        [
            ("age", "38"),
            ("place", "Scottsdale"),
            ("url", "linkedin.com/in/chris-albright-phx"),
            ("date", "2019"),
        ],
    ),
    (
        "We moved to Denver for my husband's job at Lockheed Martin, and I left everything behind. "
        "I don't know anyone here. My best friend Priya is back in Atlanta and we talk every day, "
        "but it isn't the same. My husband says I should join something. I'm 27 and I feel like my "
        "life is on hold.",
        [
            ("place", "Denver"),
            ("organization", "Lockheed Martin"),
            ("name", "Priya"),
            ("place", "Atlanta"),
            ("age", "27"),
        ],
    ),
    (
        "My fiancé David and I are fighting over the guest list. His mother wants to invite 40 "
        "cousins from Manila and we only have room for 120 people. The wedding is on June 12 at a "
        "venue in Sacramento. He won't stand up to her. Help!",
        [
            ("name", "David"),
            ("place", "Manila"),
            ("date", "June 12"),
            ("place", "Sacramento"),
        ],
    ),
    (
        "After my wife Sarah passed away, I started talking to a woman I met online. Her name is "
        "Olga and she says she lives in Kyiv. She's asked me to send money to 14 Shevchenko St, "
        "Apt 5B to help her get a visa. My son thinks it's a scam. I'm 68 and lonely. You can write "
        "me at walt.hennessy@comcast.net or call (503) 555-0177 if you need more details.",
        [
            ("name", "Sarah"),
            ("name", "Olga"),
            ("place", "Kyiv"),
            ("address", "14 Shevchenko St"),
            ("address", "Apt 5B"),
            ("age", "68"),
            ("email", "walt.hennessy@comcast.net"),
            ("phone", "(503) 555-0177"),
        ],
    ),
    (
        "my girlfriend and i have been together 3 yrs and she just told me shes bi. i'm 24 and "
        "honestly dont care but my roommate Dev keeps making jokes about it. we share an apartment "
        "at 5500 Riverside Dr, Apt 12 so i cant really avoid him. how do i shut this down",
        [
            ("age", "24"),
            ("name", "Dev"),
            ("address", "5500 Riverside Dr"),
            ("address", "Apt 12"),
        ],
    ),
    (
        "My husband's best friend Luis has been staying on our couch since he got laid off from "
        "Amazon in January. That was five months ago. My husband says Luis would do the same for "
        "us. I'm working two jobs and I'm done. How do I tell my husband the friend has to go?",
        [
            ("name", "Luis"),
            ("organization", "Amazon"),
        ],
    ),
    (
        "I'm 17 and my parents are making me go to BYU-Idaho even though I got into Oregon State. "
        "My dad says he won't pay for anything else. I've saved some money from working at "
        "Starbucks but not enough. Is it wrong to choose my own school?",
        [
            ("age", "17"),
            ("organization", "BYU-Idaho"),
            ("organization", "Oregon State"),
            ("organization", "Starbucks"),
        ],
    ),
    (
        "My neighbor at 22 Oak Lane keeps parking in front of our driveway, and my husband "
        "confronted him last night. Now the neighbor's wife, Brenda, is telling everyone at church "
        "that my husband threatened him; she even sent a group email from brendaj4@gmail.com and "
        "called our landline, 541-555-0190, twice. We've lived in Bend, Oregon for eleven years. My "
        "husband Carl wants to move. I don't want to be run out of my own home.",
        [
            ("address", "22 Oak Lane"),
            ("name", "Brenda"),
            ("email", "brendaj4@gmail.com"),
            ("phone", "541-555-0190"),
            ("place", "Bend, Oregon"),
            ("name", "Carl"),
        ],
    ),
    (
        "I found out my 14-year-old daughter has a secret Instagram account, @lily.luvs.cats, where "
        "she's been talking to older boys. Her school, Jefferson Middle School, already called us "
        "about her grades. My husband wants to take her phone away for good. I'm worried that will "
        "just make her sneakier.",
        [
            ("age", "14-year-old"),
            ("url", "@lily.luvs.cats"),
            ("organization", "Jefferson Middle School"),
        ],
    ),
    (
        "My mother is 79 and refuses to stop driving. She rear-ended someone in the Costco parking "
        "lot in Fresno last month. My brother Kevin lives five minutes from her and does nothing, "
        "while I'm three hours away in San Jose. Her doctor, Dr. Patel, says it's our call. How do "
        "I get Kevin to help?",
        [
            ("age", "79"),
            ("place", "Fresno"),
            ("name", "Kevin"),
            ("place", "San Jose"),
            ("name", "Patel"),
        ],
    ),
    (
        "Ten years ago I had an affair with a coworker at Wells Fargo. My wife never found out. The "
        "coworker, Nicole, just messaged me on Facebook saying she wants to 'talk about the past.' "
        "Her number is +1 (415) 555-0112 and she wrote from nicole.ferris@icloud.com. I'm "
        "terrified. Do I tell my wife before Nicole does?",
        [
            ("organization", "Wells Fargo"),
            ("name", "Nicole"),
            ("phone", "+1 (415) 555-0112"),
            ("email", "nicole.ferris@icloud.com"),
        ],
    ),
    (
        "My daughter-in-law doesn't let me see my grandkids unless my son is there. I'm 63 and I "
        "raised four children; I know what I'm doing. Last time I visited their place at 918 E 400 S "
        "in Salt Lake, she corrected how I buckled the car seat in front of everyone. My son Brandon "
        "just says 'Mom, please.' What did I do wrong?",
        [
            ("age", "63"),
            ("address", "918 E 400 S"),
            ("place", "Salt Lake"),
            ("name", "Brandon"),
        ],
    ),
    (
        "I met a guy named Marcus on Hinge and we've been on four dates. He's 45, I'm 39, and he "
        "just told me he's still legally married but 'separated.' He lives in Nashville and I'm in "
        "Memphis so I can't really check. His profile links to marcusreed.com, which looks legit. "
        "Should I keep seeing him?",
        [
            ("name", "Marcus"),
            ("age", "45"),
            ("age", "39"),
            ("place", "Nashville"),
            ("place", "Memphis"),
            ("url", "marcusreed.com"),
        ],
    ),
    (
        "My twin sister Hannah and I haven't spoken since our dad's funeral on 11/02/2023. She took "
        "his watch without asking anyone. We're both 31 and this feels so childish, but I can't let "
        "it go. She lives in London now and I'm still in Toronto. I still have her email, "
        "hannah.brooks.uk@gmail.com. How do I reach out first?",
        [
            ("name", "Hannah"),
            ("date", "11/02/2023"),
            ("age", "31"),
            ("place", "London"),
            ("place", "Toronto"),
            ("email", "hannah.brooks.uk@gmail.com"),
        ],
    ),
    (
        "Dear Dearly, I'm a teacher at Riverside Elementary and one of my students' dads keeps "
        "asking me out at pickup. He's a single father and seems nice, but I'm worried about "
        "ethics. His son Ethan is in my class. I'm 26. Is it ever okay?",
        [
            ("organization", "Riverside Elementary"),
            ("name", "Ethan"),
            ("age", "26"),
        ],
    ),
    (
        "My husband Jason spends hours every night gaming with a woman named Tasha from Texas. He "
        "says they're just teammates. I looked at his Discord and her username is tashaplays_tx. He "
        "even gave her our address, 77 Birch Ct, to send him a birthday gift. Am I crazy to be upset?",
        [
            ("name", "Jason"),
            ("name", "Tasha"),
            ("place", "Texas"),
            ("url", "tashaplays_tx"),
            ("address", "77 Birch Ct"),
        ],
    ),
    (
        "I'm 33, my husband is 35, and we've been trying for a baby for three years. We're doing IVF "
        "at the Utah Fertility Center and it's costing us everything. His parents keep asking when "
        "we'll 'give them grandkids.' His mom, Diane, even posted about it on Facebook. How do we "
        "set a boundary without blowing up the family?",
        [
            ("age", "33"),
            ("age", "35"),
            ("organization", "Utah Fertility Center"),
            ("name", "Diane"),
        ],
    ),
    (
        "My ex, Kyle, keeps showing up at my job at the Home Depot on State Street. I've asked him to "
        "stop. He also emails me from new addresses like kyle.r.1990@hotmail.com after I block them, "
        "and calls from 8015550123. My sister says I should get a protective order. I'm 22 and I "
        "don't know how that works.",
        [
            ("name", "Kyle"),
            ("organization", "Home Depot"),
            ("address", "State Street"),
            ("email", "kyle.r.1990@hotmail.com"),
            ("phone", "8015550123"),
            ("age", "22"),
        ],
    ),
    (
        "I've been married 12 years and my husband just told me he wants an open marriage. He's been "
        "talking to a couple on a site called feeld.co and he showed me their profile. I'm 38, we "
        "have two kids, ages 6 and 9, and I feel blindsided. Where do I even start?",
        [
            ("url", "feeld.co"),
            ("age", "38"),
            ("age", "ages 6 and 9"),
        ],
    ),
    (
        "My daughter Megan is 19 and wants to move to Los Angeles with a boyfriend she met online. "
        "She's never met him in person and says she's leaving on 03/14/2025. His name is Trevor and "
        "his number is 323.555.0147. I looked him up and can't find anything. How do I stop her "
        "without pushing her straight to him?",
        [
            ("name", "Megan"),
            ("age", "19"),
            ("place", "Los Angeles"),
            ("date", "03/14/2025"),
            ("name", "Trevor"),
            ("phone", "323.555.0147"),
        ],
    ),
    (
        "My coworker Aisha and I have been flirting for months at the Intermountain clinic where we "
        "both work. I'm married and so is she. Nothing has happened yet. Her husband is a cop in West "
        "Valley and I'm scared of what happens if this comes out. I'm 44 and should know better. How "
        "do I stop this before it starts?",
        [
            ("name", "Aisha"),
            ("organization", "Intermountain"),
            ("place", "West Valley"),
            ("age", "44"),
        ],
    ),
    (
        "Our son, 8, was diagnosed with ADHD and my husband refuses to believe it. He says he was "
        "'the same way' and turned out fine. The school psychologist at Hawthorne Elementary sent a "
        "report to his email, d.ortiz77@gmail.com, and he deleted it. How do I get him on board?",
        [
            ("age", "8"),
            ("organization", "Hawthorne Elementary"),
            ("email", "d.ortiz77@gmail.com"),
        ],
    ),
    (
        "I'm 30, single, and my mom won't stop setting me up with men from her church. Last month it "
        "was a dentist named Gary who's 47. This month she gave my number, 801 555 0176, to someone "
        "named Phil without asking. I love her but I'm losing it. How do I get her to stop?",
        [
            ("age", "30"),
            ("name", "Gary"),
            ("age", "47"),
            ("phone", "801 555 0176"),
            ("name", "Phil"),
        ],
    ),
    (
        "My husband got a DUI on Feb. 9 and lost his license. Now I'm driving him to work at the "
        "Kennecott mine every morning before my own shift at Walmart. He keeps promising to get "
        "help. His AA sponsor's name is Ron and his number is 435-555-0163, but my husband won't "
        "call him. I'm exhausted.",
        [
            ("date", "Feb. 9"),
            ("organization", "Kennecott"),
            ("organization", "Walmart"),
            ("name", "Ron"),
            ("phone", "435-555-0163"),
        ],
    ),
    (
        "My best friend since kindergarten, Jess, is marrying a man I can't stand. He's rude to "
        "waiters and makes fun of her weight. The wedding is 08/17/2025 in Savannah and I'm the "
        "maid of honor. Do I say something or stay quiet?",
        [
            ("name", "Jess"),
            ("date", "08/17/2025"),
            ("place", "Savannah"),
        ],
    ),
    (
        "We adopted our daughter from China when she was 2. She is 15 now and has started asking "
        "about her birth family. My husband thinks we should wait until she's 18. I found an agency "
        "at chinaroots.org that helps with searches. I'm afraid of losing her. What should we do?",
        [
            ("place", "China"),
            ("age", "2"),
            ("age", "15"),
            ("url", "chinaroots.org"),
        ],
    ),
    (
        "I'm a 46-year-old dad and my son's soccer coach, Coach Reynolds, yells at the kids "
        "constantly. My son Liam came home crying twice last week. I emailed the league director at "
        "director@wasatchyouthsoccer.org and never heard back. Am I being a helicopter parent?",
        [
            ("age", "46-year-old"),
            ("name", "Reynolds"),
            ("name", "Liam"),
            ("email", "director@wasatchyouthsoccer.org"),
        ],
    ),
    (
        "My girlfriend Chloe wants me to move in with her in Portland, OR. I'd have to leave my job "
        "at Microsoft and my dog has a vet here in Redmond. She needs an answer by August 1. I'm 35 "
        "and she's 28. I love her but I'm scared of giving everything up. Is fear a good enough "
        "reason to say no?",
        [
            ("name", "Chloe"),
            ("place", "Portland, OR"),
            ("organization", "Microsoft"),
            ("place", "Redmond"),
            ("date", "August 1"),
            ("age", "35"),
            ("age", "28"),
        ],
    ),
    (
        "My father-in-law, Frank, made a racist joke at Thanksgiving in front of our kids. My "
        "husband laughed. I told him afterward that I won't take the kids to his parents' house in "
        "Mesa again until Frank apologizes. Frank sent the whole family an email from "
        "fhollister@msn.com calling me 'the PC police.' Was I wrong?",
        [
            ("name", "Frank"),
            ("place", "Mesa"),
            ("email", "fhollister@msn.com"),
        ],
    ),
    (
        "I'm 58 and my wife wants to retire to Costa Rica. I want to stay near our grandchildren in "
        "Columbus. We've argued about this since Christmas. She sent me listings from "
        "www.ticorealestate.cr every day this week. How do couples compromise on something this big?",
        [
            ("age", "58"),
            ("place", "Costa Rica"),
            ("place", "Columbus"),
            ("url", "www.ticorealestate.cr"),
        ],
    ),
    (
        "My sister-in-law Kim posts everything about our family on her blog, "
        "kimskitchenchronicles.blogspot.com, including photos of my kids. I've asked her to stop. "
        "My kids are 4 and 6. She says it's her 'content' and that I'm being paranoid. My husband "
        "won't back me up. What can I do?",
        [
            ("name", "Kim"),
            ("url", "kimskitchenchronicles.blogspot.com"),
            ("age", "4 and 6"),
        ],
    ),
    (
        "My husband wants to name our baby after his ex-girlfriend's dog, Biscuit, which he swears is "
        "a coincidence. That's not really my question. My real question is that his ex, Amanda Cole, "
        "still texts him on his birthday, 9/14, every year, and even emails his work address, "
        "derek.sloan@sloanmotors.com. I'm 32 and pregnant and emotional. Am I overreacting?",
        [
            ("name", "Amanda Cole"),
            ("date", "9/14"),
            ("email", "derek.sloan@sloanmotors.com"),
            ("age", "32"),
        ],
    ),
    (
        "My boyfriend Andre has two kids with his ex, and she texts him constantly about things that "
        "aren't about the kids. Her number in his phone is saved as 'Do Not Answer,' which I liked, "
        "until I saw he calls her at 702-555-0138 every night after I go to bed. We live in Vegas. "
        "He's 40 and I'm 36. Am I the problem?",
        [
            ("name", "Andre"),
            ("phone", "702-555-0138"),
            ("place", "Vegas"),
            ("age", "40"),
            ("age", "36"),
        ],
    ),
    (
        "Our 5-year-old told her teacher at Little Sprouts Preschool that Daddy yells. Now the school "
        "wants a meeting. My husband Nate does raise his voice but he's never hurt anyone. The "
        "meeting is on Oct. 22. How do we handle this honestly without making things worse?",
        [
            ("age", "5-year-old"),
            ("organization", "Little Sprouts Preschool"),
            ("name", "Nate"),
            ("date", "Oct. 22"),
        ],
    ),
    (
        "I work at Google and my manager, Steve, keeps inviting me to after-work drinks with just the "
        "two of us. He's married. I'm 25 and this is my first real job. I don't want to hurt my "
        "career. My email at work is a.nguyen@google.com if that matters, and HR is useless. What do "
        "I do?",
        [
            ("organization", "Google"),
            ("name", "Steve"),
            ("age", "25"),
            ("email", "a.nguyen@google.com"),
        ],
    ),
    (
        "My mom is 84 and lives alone in a small town called Panguitch. She refuses to move in with me in St. George. My brother Dale says it's her choice. Her "
        "neighbor's number is 435 555 0121 and she checks on her, but that's not enough. My email is "
        "Carla.Jensen@outlook.com if you answer privately. How do I talk to my mom?",
        [
            ("age", "84"),
            ("place", "Panguitch"),
            ("place", "St. George"),
            ("name", "Dale"),
            ("phone", "435 555 0121"),
            ("email", "Carla.Jensen@outlook.com"),
        ],
    ),
    (
        "I've been talking to a man from Germany named Klaus for eight months. He wants me to fly to "
        "Munich on the 21st of September to meet him. My kids think he's fake, but we've "
        "video-chatted at least 20 times. His number is +49 151 2345 6789. I'm 61, widowed, and I "
        "just want to be happy. Is it crazy to go?",
        [
            ("place", "Germany"),
            ("name", "Klaus"),
            ("place", "Munich"),
            ("date", "21st of September"),
            ("phone", "+49 151 2345 6789"),
            ("age", "61"),
        ],
    ),
    (
        "My wife found my old journal and read about a girl I dated at Ohio State before we met. Now "
        "she's convinced I still have feelings for her because I once wrote 'I'll never love anyone "
        "like I loved Becca.' I was 20! I'm 47 now. How do I convince my wife it's ancient history?",
        [
            ("organization", "Ohio State"),
            ("name", "Becca"),
            ("age", "20"),
            ("age", "47"),
        ],
    ),
    (
        "Please help. My daughter's boyfriend, Cody, 23, is living in our basement at 3301 Elm Avenue "
        "and doesn't pay rent. She's 20 and says we're controlling. He says he's looking for work at "
        "UPS but I never see him leave. Can I kick him out without losing my daughter?",
        [
            ("name", "Cody"),
            ("age", "23"),
            ("address", "3301 Elm Avenue"),
            ("age", "20"),
            ("organization", "UPS"),
        ],
    ),
    (
        "My husband moved out on 2/3/24 and now wants to come home. He had an affair with a woman "
        "from his gym. I'm 37, we have a 10 year old and a 3 year old, and I'm tempted to say yes for "
        "the kids. Is that a bad reason?",
        [
            ("date", "2/3/24"),
            ("age", "37"),
            ("age", "10 year old"),
            ("age", "3 year old"),
        ],
    ),
    (
        "I'm 19, and my parents found out I'm gay from a post on my friend's page, "
        "facebook.com/jordan.pike.98. Now they won't pay my tuition at Utah State. My friend Jordan "
        "feels awful. I'm staying with my aunt in Logan for now. What do I do?",
        [
            ("age", "19"),
            ("url", "facebook.com/jordan.pike.98"),
            ("organization", "Utah State"),
            ("name", "Jordan"),
            ("place", "Logan"),
        ],
    ),
    (
        "My wife's best friend Tiffany asked to borrow our spare room 'for a few weeks' after leaving "
        "her husband. That was in September. She works from home for a company in Dallas and is on "
        "calls all day at our kitchen table. My wife says Tiffany has nowhere else to go. I'm losing "
        "my patience. How do I raise it?",
        [
            ("name", "Tiffany"),
            ("place", "Dallas"),
        ],
    ),
    (
        "Sometimes I wonder if I married the wrong person. My husband Eric is kind and steady, but we "
        "have nothing to talk about. I'm 42 and I keep thinking about my college boyfriend, who lives "
        "in Chicago now. I looked him up at www.instagram.com/benwhittaker and he seems happy. Is "
        "this a midlife crisis?",
        [
            ("name", "Eric"),
            ("age", "42"),
            ("place", "Chicago"),
            ("url", "www.instagram.com/benwhittaker"),
        ],
    ),
    (
        "My stepdaughter Ava is 13 and told me she hates me in front of her friends at Timpview High. "
        "Her mom lets her do whatever she wants at her house on 1150 N 900 E. I'm trying, but I'm 29 "
        "and I didn't sign up to be a villain. My husband Matt says give it time. Any advice?",
        [
            ("name", "Ava"),
            ("age", "13"),
            ("organization", "Timpview High"),
            ("address", "1150 N 900 E"),
            ("age", "29"),
            ("name", "Matt"),
        ],
    ),
    (
        "My brother-in-law Greg owes us $12,000 and just bought a boat. He works at Zions Bank and "
        "makes more than we do. My husband won't say a word. Greg's cell is 801-555-0193 and I'm "
        "tempted to text him myself. Should I?",
        [
            ("name", "Greg"),
            ("organization", "Zions Bank"),
            ("phone", "801-555-0193"),
        ],
    ),
    (
        "Our wedding anniversary is Sept 30th and for the third year in a row my wife has planned a "
        "trip with her sister instead. They're going to Cancun this time. I'm 50 and I'm starting to "
        "feel like a roommate. How do I say this without sounding petty?",
        [
            ("date", "Sept 30th"),
            ("place", "Cancun"),
            ("age", "50"),
        ],
    ),
    (
        "My daughter's new boyfriend is 31. She is 18. They met when she was working at the "
        "Chick-fil-A on Redwood Road and he was her manager. I want to report him but my wife says "
        "it's legal and we'll lose her. He goes by @tj_movesfast on TikTok. What do I do?",
        [
            ("age", "31"),
            ("age", "18"),
            ("organization", "Chick-fil-A"),
            ("address", "Redwood Road"),
            ("url", "@tj_movesfast"),
        ],
    ),
    (
        "My estranged father sent a letter to our PO Box 331 in Cedar City asking to meet my kids. "
        "His return address had his email on it, rjhale1951@yahoo.com. He was abusive when I was a "
        "child. I'm 45 now. My husband thinks everyone deserves a second chance. I don't. Can you "
        "help me explain why?",
        [
            ("address", "PO Box 331"),
            ("place", "Cedar City"),
            ("email", "rjhale1951@yahoo.com"),
            ("age", "45"),
        ],
    ),
    (
        "My friend Mateo and his wife are getting divorced and he asked if he can stay with us at "
        "4810 W. Sunset Blvd, unit 7. We only have a one-bedroom. My boyfriend says yes, I say no. "
        "Mateo is 33 and has a good job at Kaiser. He can afford a motel. Am I heartless?",
        [
            ("name", "Mateo"),
            ("address", "4810 W. Sunset Blvd"),
            ("address", "unit 7"),
            ("age", "33"),
            ("organization", "Kaiser"),
        ],
    ),
    (
        "Dear Dearly, Bill and I have been married 30 years. He retired from Boeing in May and now "
        "he follows me around the house all day. I'm 64 and I love him, but I need space. Our "
        "daughter Grace says to get a hobby together. You can call me at 253-555-0108 or email "
        "bettyjo.lund@comcast.net.",
        [
            ("name", "Bill"),
            ("organization", "Boeing"),
            ("age", "64"),
            ("name", "Grace"),
            ("phone", "253-555-0108"),
            ("email", "bettyjo.lund@comcast.net"),
        ],
    ),
    (
        "I'm thirty-four and have never been in a relationship longer than six months. My therapist "
        "says it's attachment stuff. My last boyfriend, Noah, said I was 'too much.' I live in "
        "Phoenix and everyone here seems married. Can I change at this point? Reply to me at "
        "thirtyfour.andsingle@proton.me or text +1 602 555 0131.",
        [
            ("age", "thirty-four"),
            ("name", "Noah"),
            ("place", "Phoenix"),
            ("email", "thirtyfour.andsingle@proton.me"),
            ("phone", "+1 602 555 0131"),
        ],
    ),
    (
        "My husband is from Mexico and wants to move back to Guadalajara to care for his mother. I'm "
        "American, I don't speak Spanish well, and my job at Lincoln Financial is here. We're both "
        "39. His mother calls at +52 33 1234 5678 every day asking when he's coming. How do we decide?",
        [
            ("place", "Mexico"),
            ("place", "Guadalajara"),
            ("organization", "Lincoln Financial"),
            ("age", "39"),
            ("phone", "+52 33 1234 5678"),
        ],
    ),
    (
        "My son Austin just told us he's moving to Austin with his girlfriend after graduation. He's "
        "22 and has a job lined up at Dell, but he's never lived more than an hour from home. My wife "
        "is heartbroken. How do we let him go gracefully?",
        [
            ("name", "Austin", 0),
            ("place", "Austin", 1),
            ("age", "22"),
            ("organization", "Dell"),
        ],
    ),
    (
        "Jordan and I have been best friends since we were 12. Last month she moved to Jordan for a "
        "teaching job at an international school in Amman and stopped answering my texts. Her new "
        "number is +962 7 9555 0123 and I've tried it twice. I'm 28 and I feel abandoned. Is it "
        "time to let her go?",
        [
            ("name", "Jordan", 0),
            ("place", "Jordan", 1),
            ("place", "Amman"),
            ("age", "12"),
            ("phone", "+962 7 9555 0123"),
            ("age", "28"),
        ],
    ),
    # Written as the first held-out batch, after the rules were frozen; on its first
    # run it scored 67/76 (see the module docstring), then the rules were fixed for the
    # general gaps it showed and it joined the tuning letters.
    (
        "My DH and I have been together since we were 16. His best friend, Derek Lund, just got "
        "engaged to my cousin Brianna and now I'm expected to be in the wedding. Derek once told me "
        "I 'wasn't good enough' for my husband. The wedding is May 18 at the Elks Lodge in Twin "
        "Falls. Do I say yes?",
        [
            ("age", "16"),
            ("name", "Derek Lund"),
            ("name", "Derek", 1),
            ("name", "Brianna"),
            ("date", "May 18"),
            ("organization", "Elks Lodge"),
            ("place", "Twin Falls"),
        ],
    ),
    (
        "I'm a 43M, divorced, dating a woman who is 29. My kids (14 and 17) can't stand her. She "
        "works as a dental hygienist at Bright Smiles Dental in Murray and my daughter goes to the "
        "same practice. Her name is Jasmine. Am I being selfish?",
        [
            ("age", "43M"),
            ("age", "29"),
            ("age", "14 and 17"),
            ("organization", "Bright Smiles Dental"),
            ("place", "Murray"),
            ("name", "Jasmine"),
        ],
    ),
    (
        "Our neighbors, the Okafors, have a teenage son who keeps throwing things at our dog over "
        "the fence. I called his mom at 801.555.0182 and she hung up on me. We're at 2231 S Highland "
        "Dr and they're right behind us. My husband Pete wants to call the police. What's the right "
        "move?",
        [
            ("name", "Okafors"),
            ("phone", "801.555.0182"),
            ("address", "2231 S Highland Dr"),
            ("name", "Pete"),
        ],
    ),
    (
        "hi. im 26f and my boyfriend (28m) refuses to meet my parents. we've been together almost "
        "two years. he says families are 'complicated' and won't explain. i found out from his "
        "sister Meg on instagram (@meg.t.walker) that he hasn't talked to his own parents since "
        "2018. is this a red flag??",
        [
            ("age", "26f"),
            ("age", "28m"),
            ("name", "Meg"),
            ("url", "@meg.t.walker"),
            ("date", "2018"),
        ],
    ),
    (
        "My mother-in-law, Barbara, gave my daughter her first haircut without asking. She's 3. I "
        "know it's just hair but I'm furious. She lives with us in Rexburg while her condo in "
        "Arizona is being fixed. My husband says I'm making it a big deal. You can reach me at "
        "barb.is.too.much@gmail.com lol.",
        [
            ("name", "Barbara"),
            ("age", "3"),
            ("place", "Rexburg"),
            ("place", "Arizona"),
            ("email", "barb.is.too.much@gmail.com"),
        ],
    ),
    (
        "I work night shifts at Costco and my wife works days at Primary Children's Hospital, so we "
        "basically never see each other. Our son Eli is 9 and spends more time with my mom than "
        "with us. I feel like we're roommates. How do couples survive opposite schedules?",
        [
            ("organization", "Costco"),
            ("organization", "Primary Children's Hospital"),
            ("name", "Eli"),
            ("age", "9"),
        ],
    ),
    (
        "My sister just announced she's moving in with a man she met three weeks ago on Facebook. "
        "His name is Raymond Ortiz, he's 55 and she's 34. He has a profile at "
        "www.facebook.com/raymond.ortiz.5011. He wants her to add him to her bank account. She "
        "won't listen to me. Please help.",
        [
            ("name", "Raymond Ortiz"),
            ("age", "55"),
            ("age", "34"),
            ("url", "www.facebook.com/raymond.ortiz.5011"),
        ],
    ),
    (
        "I've been sober since 4/19/2021. My husband still drinks every night and says it's not my "
        "business. We met at a bar in Reno when I was 24. I go to meetings at First Methodist on "
        "Tuesdays. I don't want to leave him but I'm afraid. Is there a way through this?",
        [
            ("date", "4/19/2021"),
            ("place", "Reno"),
            ("age", "24"),
        ],
    ),
    (
        "Dear Dearly, my son is marrying a girl from Boise and her parents want the wedding in "
        "Idaho. We're in Fort Collins and most of our family is here. The bride's mom emailed me "
        "from kjpetersen@q.com with a list of 'non-negotiables.' Her dad, Kurt, called my husband at "
        "208-555-0116 to 'talk man to man.' How do I keep the peace?",
        [
            ("place", "Boise"),
            ("place", "Idaho"),
            ("place", "Fort Collins"),
            ("email", "kjpetersen@q.com"),
            ("name", "Kurt"),
            ("phone", "208-555-0116"),
        ],
    ),
    (
        "My ex-wife's new husband coaches our son's little league team at Riverside Park. He's fine, "
        "but my son (11) now calls him Dad. My ex and I share custody and I have him every other "
        "weekend at my place on 312 Cherry Lane. Is it petty that this hurts?",
        [
            ("place", "Riverside Park"),
            ("age", "11"),
            ("address", "312 Cherry Lane"),
        ],
    ),
    (
        "My girlfriend Ana and I are both nurses at UCHealth in Aurora. Our manager, Linda Price, "
        "keeps scheduling us on opposite shifts and I think it's on purpose. Ana thinks I'm "
        "paranoid. I'm 31, Ana is 27. Should we go to HR?",
        [
            ("name", "Ana"),
            ("organization", "UCHealth"),
            ("place", "Aurora"),
            ("name", "Linda Price"),
            ("age", "31"),
            ("age", "27"),
        ],
    ),
    (
        "Last year my husband got a job offer at Intel in Hillsboro, Oregon, and I said no because "
        "I didn't want to leave my mom. Now he resents me. She's 88 and has dementia. My husband's "
        "brother Colin says we should have put her in a home. My phone is 971-555-0144 if that's "
        "easier. What do I do with this guilt?",
        [
            ("organization", "Intel"),
            ("place", "Hillsboro, Oregon"),
            ("age", "88"),
            ("name", "Colin"),
            ("phone", "971-555-0144"),
        ],
    ),
    (
        "A guy at my church, Brother Hansen, has been texting my 16 year old daughter. Nothing "
        "explicit but it's weird. He's probably 45. I told the bishop and he said Brother Hansen is "
        "'a good man.' We're in the Meadow Creek ward in Layton. Should I go to the police?",
        [
            ("name", "Hansen"),
            ("age", "16 year old"),
            ("age", "45"),
            ("place", "Meadow Creek"),
            ("place", "Layton"),
        ],
    ),
    (
        "I caught my husband texting someone saved as 'Jake Gym.' It turned out to be a woman, "
        "Kelsey, who works at Planet Fitness on 9th Street. He swears they just lift together. I'm "
        "39 and we've been married 15 years. How do I rebuild trust?\n— Suspicious in Sandy",
        [
            ("name", "Kelsey"),
            ("organization", "Planet Fitness"),
            ("address", "9th Street"),
            ("age", "39"),
            ("place", "Sandy"),
        ],
    ),
    (
        "My 20-year-old son dropped out of Weber State and is working at his buddy Tanner's tattoo "
        "shop. He's talented but I worry. His shop is Ink & Iron on Washington Blvd. My wife thinks "
        "we should let him be. I'm 52 and I just want him to have a future. Email: "
        "gwalker1971@yahoo.com.",
        [
            ("age", "20-year-old"),
            ("organization", "Weber State"),
            ("name", "Tanner"),
            ("organization", "Ink & Iron"),
            ("address", "Washington Blvd"),
            ("age", "52"),
            ("email", "gwalker1971@yahoo.com"),
        ],
    ),
    # The second held-out batch: 58/67 on its first run, then joined the tuning letters.
    (
        "My husband's ex, Crystal, keeps showing up at our son's games at Mountain View High. She's "
        "not his mom, she's my stepson's mom, but she sits right behind me and makes comments. Last "
        "Friday she told another parent I 'stole' her family. I'm 36 and I'm exhausted. What do I "
        "say to her?",
        [
            ("name", "Crystal"),
            ("organization", "Mountain View High"),
            ("age", "36"),
        ],
    ),
    (
        "I'm 61 and my husband just turned 65 and retired from the State of Utah after 30 years. He "
        "wants to sell the house and buy an RV. I want to stay near our grandkids in Bountiful. He's "
        "already put a deposit down with a dealer in Elko, NV. How do we decide something this big?",
        [
            ("age", "61"),
            ("age", "65"),
            ("organization", "State of Utah"),
            ("place", "Bountiful"),
            ("place", "Elko, NV"),
        ],
    ),
    (
        "my SIL Tara borrowed our car in june and returned it with 3,000 extra miles and a dent. she "
        "says her boyfriend José drove it to Vegas 'once.' my husband doesn't want drama. her venmo "
        "is @tara-b-88 and she still hasn't paid for the repair. what do i do",
        [
            ("name", "Tara"),
            ("name", "José"),
            ("place", "Vegas"),
            ("url", "@tara-b-88"),
        ],
    ),
    (
        "We've been trying to adopt for four years through Heart of Hope Adoptions. A birth mom in "
        "Tulsa chose us and then changed her mind on Jan 5th. I can't stop crying. My husband Dan "
        "went back to work at the refinery the next day like nothing happened. I'm 38. How do we "
        "grieve together when we grieve so differently?",
        [
            ("place", "Tulsa"),
            ("date", "Jan 5th"),
            ("name", "Dan"),
            ("age", "38"),
        ],
    ),
    (
        "My daughter is 24 and moved back home after graduating from Texas A&M. She sleeps until "
        "noon and won't apply anywhere. I found her resume on indeed.com and it hasn't been touched "
        "since March. My husband thinks I'm too hard on her. How long is too long?",
        [
            ("age", "24"),
            ("organization", "Texas A&M"),
            ("url", "indeed.com"),
        ],
    ),
    (
        "Mrs. Alvarez, my daughter's piano teacher, told me my daughter said I 'scream all the "
        "time.' I don't. I raise my voice sometimes. Now I'm worried she'll report me. Her studio is "
        "at 450 Center St, Suite 3 in Orem. My daughter is 10. How do I handle this?",
        [
            ("name", "Alvarez"),
            ("address", "450 Center St"),
            ("address", "Suite 3"),
            ("place", "Orem"),
            ("age", "10"),
        ],
    ),
    (
        "My wife has been texting an old boyfriend from high school. His name is Brent Nakamura and "
        "he lives in Honolulu. She says they're just catching up. I found his number, 808-555-0173, "
        "saved under 'B.' We have three kids and I'm 44. Should I confront her or him?",
        [
            ("name", "Brent Nakamura"),
            ("place", "Honolulu"),
            ("phone", "808-555-0173"),
            ("age", "44"),
        ],
    ),
    (
        "Grandma Jo has lived with us since Grandpa passed. She's 91, sharp as a tack, and she "
        "thinks my boyfriend is 'no good.' He works for Instacart and he's saving for school at "
        "SLCC. She won't even say hello to him. I'm 20 and I love them both. How do I bridge this?",
        [
            ("name", "Jo"),
            ("age", "91"),
            ("organization", "Instacart"),
            ("organization", "SLCC"),
            ("age", "20"),
        ],
    ),
    (
        "I (31F) found out my fiancé has a second email, tm.hollis.private@gmail.com, that he uses "
        "for dating apps. He says it's from before we met. We're getting married on 10/11/2025 in "
        "Sedona. I'm sick about this. Do I postpone?",
        [
            ("age", "31F"),
            ("email", "tm.hollis.private@gmail.com"),
            ("date", "10/11/2025"),
            ("place", "Sedona"),
        ],
    ),
    (
        "My brother-in-law Jared is 35, unemployed, and keeps asking my husband for money. Last "
        "month it was $2,000 for 'rent' on his apartment at 88 Willow Way, Unit 4. Then we saw him "
        "post from a resort in Cabo. My husband says family is family. Where's the line?",
        [
            ("name", "Jared"),
            ("age", "35"),
            ("address", "88 Willow Way"),
            ("address", "Unit 4"),
            ("place", "Cabo"),
        ],
    ),
    (
        "My partner, Sasha, wants to go back to Scotland to be near her family. We met in Glasgow "
        "but I'm from Ohio and my whole life is here. She's already applied for a job at the "
        "University of Edinburgh. I'm 29 and I can't imagine losing her. What do we do?",
        [
            ("name", "Sasha"),
            ("place", "Scotland"),
            ("place", "Glasgow"),
            ("place", "Ohio"),
            ("organization", "University of Edinburgh"),
            ("age", "29"),
        ],
    ),
    (
        "My 12 yo son got a phone for his birthday and someone on Roblox named 'xXdarkwolfXx' has "
        "been messaging him. The account also asked for his snap, which is jakey_b2012. My husband "
        "says I'm overreacting. Our son goes to Canyon View Middle School and I'm worried this "
        "person knows too much. What should we do?",
        [
            ("age", "12 yo"),
            ("url", "xXdarkwolfXx"),
            ("url", "jakey_b2012"),
            ("organization", "Canyon View Middle School"),
        ],
    ),
    (
        "My husband is 47 and has started running marathons and dressing like a 25-year-old. He "
        "joined a running club that meets at Liberty Park every Saturday at 6am, and there's a "
        "woman there, Rebecca, he talks about constantly. Am I being paranoid? You can call me at "
        "1-801-555-0150.",
        [
            ("age", "47"),
            ("place", "Liberty Park"),
            ("name", "Rebecca"),
            ("phone", "1-801-555-0150"),
        ],
    ),
    (
        "We moved from Manila to San Diego in 2019 for my wife's nursing job at Scripps. My parents "
        "still expect us to send money every month. My wife was born on 3 June 1990 and her parents "
        "want her to come home for her 35th. I'm 37 and I'm tired of being the bad guy. How do we "
        "set limits?",
        [
            ("place", "Manila"),
            ("place", "San Diego"),
            ("date", "2019"),
            ("organization", "Scripps"),
            ("date", "3 June 1990"),
            ("age", "35th"),
            ("age", "37"),
        ],
    ),
    (
        "My best friend Nadia just told me she's been seeing my ex-husband, Rob. They met at my 40th "
        "birthday party. She says she waited 'a respectful amount of time.' It's been 8 months. Rob "
        "still lives around the corner at 17 Aspen Court. Am I allowed to be angry?",
        [
            ("name", "Nadia"),
            ("name", "Rob"),
            ("age", "40th"),
            ("address", "17 Aspen Court"),
        ],
    ),
    # 4. 24 letters written for the gaps an independent check showed (texting-style
    # lowercase, UK/Australian/Irish/NZ phones, addresses with postcodes, venues and
    # short employer names, ages in non-native phrasing, bare years, plates, identifying
    # job titles) and for what must be left alone (public figures, book titles, therapy
    # terms, countries in general statements).  From this batch on, a venue or church is
    # an "organization", a year that dates a personal event a "date", and the kinds
    # "plate" and "job" exist.  First run, before any change for them: see the report
    # in the commit that added them.
    (
        "ok so my bf jordan cheated on me with his coworker. she works at the dominos on main "
        "and i see her every time i drive past. im 19 and we live in manchester with his mum. "
        "his mum says i should forgive him. what do i do",
        [
            ("name", "jordan"),
            ("organization", "dominos"),
            ("age", "19"),
            ("place", "manchester"),
        ],
    ),
    (
        "hi dearly. my husband ryan and i moved to brisbane from dublin last year and i have no "
        "friends here. he works at a mine up north and is gone for two weeks at a time. my sister "
        "aoife says come home. am i giving up too soon",
        [
            ("name", "ryan"),
            ("place", "brisbane"),
            ("place", "dublin"),
            ("name", "aoife"),
        ],
    ),
    (
        "My mother-in-law keeps ringing me on 07700 900482 while I'm at work and my husband "
        "won't tell her to stop. She lives round the corner at 14 Cranbrook Road, Ilford IG1 4PU "
        "and pops in whenever she likes. I'm 36 and at the end of my rope. How do I set a "
        "boundary without starting a war?",
        [
            ("phone", "07700 900482"),
            ("address", "14 Cranbrook Road, Ilford IG1 4PU"),
            ("age", "36"),
        ],
    ),
    (
        "My ex keeps turning up at my flat in Newtown. I've changed my number twice; the new one "
        "is 0412 555 873 and he still got it. He drives a white Hilux, rego XQG-984, and parks "
        "outside at night. The police say there's nothing they can do. What are my options?",
        [
            ("place", "Newtown"),
            ("phone", "0412 555 873"),
            ("plate", "XQG-984"),
        ],
    ),
    (
        "I have 33 years and my husband he has 41. We came from Romania to Toronto in 2016 "
        "for his work. He says a wife must obey her husband's mother, and his mother lives with "
        "us. I work at Brio, a small bakery, and she comes there to check on me. Is this "
        "normal in Canada?",
        [
            ("age", "33 years"),
            ("age", "41"),
            ("place", "Romania"),
            ("place", "Toronto"),
            ("date", "2016"),
            ("organization", "Brio"),
        ],
    ),
    (
        "I'm the only pediatric cardiologist in town, so everyone at church knows who I am. My "
        "marriage is falling apart and I can't even see a counselor without people talking. We "
        "go to St. Brendan's, and the priest is a family friend. Where do people like me get "
        "help?",
        [
            ("job", "the only pediatric cardiologist"),
            ("organization", "St. Brendan's"),
        ],
    ),
    (
        "My husband and I read Hold Me Tight by Sue Johnson and started EFT with a counselor. "
        "It helped for a while. Now he says the Gottman stuff is 'just Oprah for couples' and "
        "won't go back. I'm 44 and I don't want to give up. How do I get him back to therapy?",
        [
            ("age", "44"),
        ],
    ),
    (
        "In America people act like marrying at 22 is crazy, but in India my parents married at "
        "19 and 21. My boyfriend Arjun thinks we should wait. Europeans seem to wait even longer. "
        "Who is right?",
        [
            ("name", "Arjun"),
        ],
    ),
    (
        "my gf says i never plan anything. so i booked us a weekend at the lakeview lodge in "
        "tahoe for her birthday on june 3 and she said it was 'fine'. im 27 and i have no idea "
        "what she wants from me lol",
        [
            ("organization", "lakeview lodge"),
            ("place", "tahoe"),
            ("date", "june 3"),
            ("age", "27"),
        ],
    ),
    (
        "I work nights at the Kwik Stop on Route 9 and my wife works days, so we never see each "
        "other. Our daughter is 4 and my mother watches her. My wife wants me to quit but it pays "
        "the rent. How do we stay close on opposite schedules?",
        [
            ("organization", "Kwik Stop"),
            ("address", "Route 9"),
            ("age", "4"),
        ],
    ),
    (
        "We got married at Grace Community Church in 2012 and the pastor there, Pastor Dan, "
        "still calls my husband every week. My husband tells him everything about our fights. "
        "I feel exposed. Is it wrong to ask him to stop?",
        [
            ("organization", "Grace Community Church"),
            ("date", "2012"),
            ("name", "Dan"),
        ],
    ),
    (
        "My brother's friend keeps texting me from +353 87 555 0192 even though I blocked his "
        "old number. We met at Kehoe's pub in Wexford at a wedding last summer. My brother "
        "thinks he's harmless. I don't. How do I make it stop?",
        [
            ("phone", "+353 87 555 0192"),
            ("organization", "Kehoe's"),
            ("place", "Wexford"),
        ],
    ),
    (
        "Since my divorce I've been staying with my parents at 8 Elm Grove, Palmerston North "
        "4410. My ex-wife moved in with her new partner, Hemi, across town. My son is 9 and "
        "splits his time between us. I'm 39 and I feel like a failure. How do I start again?",
        [
            ("address", "8 Elm Grove, Palmerston North 4410"),
            ("name", "Hemi"),
            ("age", "9"),
            ("age", "39"),
        ],
    ),
    (
        "My wife is the head nurse at the Mercy ICU and works 60 hours a week. When she's home "
        "she's exhausted and snaps at the kids. I'm proud of her but I'm drowning. How do we "
        "talk about this without it sounding like I want her to quit?",
        [
            ("job", "the head nurse"),
            ("organization", "Mercy"),
        ],
    ),
    (
        "My husband's truck is a black F-150 with the license plate 8KTR221 and I saw it parked "
        "outside his ex's house on Tuesday. He says he was helping her move. We live at 2206 "
        "Alder Lane, Sacramento, CA 95822, ten minutes from her. Should I believe him?",
        [
            ("plate", "8KTR221"),
            ("address", "2206 Alder Lane, Sacramento, CA 95822"),
        ],
    ),
    (
        "My daughter (16) wants to go to Pride with her friends and my husband says absolutely "
        "not. I support her but I don't want a fight. She says Taylor Swift and half of "
        "Hollywood go to these things. How do I handle this?",
        [
            ("age", "16"),
        ],
    ),
    (
        "I'm 52 and my father, 78, lives alone in a village outside Galway. He refuses to move "
        "in with us in Leeds and the home carers ring me every week. My brother Padraig does "
        "nothing. I feel torn between two countries. What should I do?",
        [
            ("age", "52"),
            ("age", "78"),
            ("place", "Galway"),
            ("place", "Leeds"),
            ("name", "Padraig"),
        ],
    ),
    (
        "my boyfriend has 29 years and he still lives with his mom. she does everything for him. "
        "we met at uni in lyon and now we live in montreal. i want to move in together but he "
        "says not yet. how long do i wait",
        [
            ("age", "29 years"),
            ("place", "lyon"),
            ("place", "montreal"),
        ],
    ),
    (
        "Back in 2019 my husband had an affair with a woman from his gym, Anytime Fitness on "
        "Kingsway. We worked through it with a counselor. Now she's joined the same book club as "
        "me. I'm 47. Do I quit the club?",
        [
            ("date", "2019"),
            ("organization", "Anytime Fitness"),
            ("address", "Kingsway"),
            ("age", "47"),
        ],
    ),
    (
        "Our neighbor keeps parking across our driveway at 45 Birch Crescent, Halifax, NS B3H "
        "4R2. My husband wants to call the city; I want to talk to him first. His name is Gord "
        "and he's in his seventies. What's the kind way to handle this?",
        [
            ("address", "45 Birch Crescent, Halifax, NS B3H 4R2"),
            ("name", "Gord"),
        ],
    ),
    (
        "My wife and I disagree about screen time. She read The Anxious Generation and wants no "
        "phones until 16; I grew up with an Xbox and turned out fine. Our son is 11. Jonathan "
        "Haidt seems to be all anyone talks about. Who is right?",
        [
            ("age", "11"),
        ],
    ),
    (
        "I'm the youth pastor at Cornerstone Baptist in a town of 3,000, and I've fallen for a "
        "member of the congregation. She's divorced; I'm single. If anyone finds out I lose my "
        "job. I'm 31. What do I do?",
        [
            ("job", "the youth pastor"),
            ("organization", "Cornerstone Baptist"),
            ("age", "31"),
        ],
    ),
    (
        "My mum passed away in March 2021 and my dad has a new girlfriend, Tracey, already. She "
        "has moved into the house in Ballarat and thrown out Mum's things. Dad's number is 03 "
        "5555 0178 if you want to know how he sounds: happy. I'm 29. Am I allowed to be "
        "angry?",
        [
            ("date", "March 2021"),
            ("name", "Tracey"),
            ("place", "Ballarat"),
            ("phone", "03 5555 0178"),
            ("age", "29"),
        ],
    ),
    (
        "i'm 15 and my parents are getting divorced. my dad moved to phoenix with his new wife "
        "and my mom cries every night. i go to desert vista high and i can't focus. my friend "
        "kayla says i should talk to the counselor but i don't want to",
        [
            ("age", "15"),
            ("place", "phoenix"),
            ("organization", "desert vista high"),
            ("name", "kayla"),
        ],
    ),
]


HELD_OUT: list[tuple[str, list[tuple]]] = [
    (
        "My husband Travis and I run a small bakery together, Sweet Crumb on Main, and we fight "
        "constantly about money. He wants to open a second location in Lehi; I want to pay off our "
        "loan first. I'm 41, he's 43, and the stress is wrecking us. How do business partners stay "
        "married?",
        [
            ("name", "Travis"),
            ("organization", "Sweet Crumb"),
            ("place", "Lehi"),
            ("age", "41"),
            ("age", "43"),
        ],
    ),
    (
        "Since my dad died in February, my mom has been calling me ten times a day. I live in "
        "Cleveland and she's in Tampa. I love her but I have a job at the Cleveland Clinic and two "
        "kids under 5. Her number changed to 813-555-0107 and she now texts from that too. How do I "
        "set limits without abandoning her?",
        [
            ("place", "Cleveland", 0),
            ("place", "Tampa"),
            ("organization", "Cleveland Clinic"),
            ("phone", "813-555-0107"),
        ],
    ),
    (
        "I'm 23 and my boyfriend's mom, Sheila, tracks his location on Life360 and calls if he's at "
        "my apartment past 10. He's 25! He says it's easier to go along with it. She even emailed me "
        "at kaylie.m.r@icloud.com to ask what my 'intentions' are. Is this normal?",
        [
            ("age", "23"),
            ("name", "Sheila"),
            ("age", "25"),
            ("email", "kaylie.m.r@icloud.com"),
        ],
    ),
    (
        "My twin brother Marcus and his wife are moving to Portugal next month and want us to take "
        "their dog. My wife is allergic. Marcus is hurt that we said no and now his wife, Leah, "
        "posted about it on her blog (leahwritesthings.com). We're 33. How do I fix this with my "
        "brother?",
        [
            ("name", "Marcus"),
            ("place", "Portugal"),
            ("name", "Leah"),
            ("url", "leahwritesthings.com"),
            ("age", "33"),
        ],
    ),
    (
        "Our daughter Zoë is 15 and wants to go to a concert in Denver with her 19-year-old "
        "boyfriend. We said no. She says all her friends at Rocky Mountain High School get to go to "
        "things like that. Her boyfriend's Instagram is @dyl.on.tour. Are we being too strict?",
        [
            ("name", "Zoë"),
            ("age", "15"),
            ("place", "Denver"),
            ("age", "19-year-old"),
            ("organization", "Rocky Mountain High School"),
            ("url", "@dyl.on.tour"),
        ],
    ),
    (
        "I've been seeing a therapist, Dr. Emily Hart, for a year and I think I have feelings for "
        "her. I know it's transference. I'm 35 and married. Her office is at 1200 Pearl St. in "
        "Boulder. Should I switch therapists or talk about it with her?",
        [
            ("name", "Emily Hart"),
            ("age", "35"),
            ("address", "1200 Pearl St"),
            ("place", "Boulder"),
        ],
    ),
    (
        "My husband lost his job at Goldman Sachs in the spring and hasn't told his parents. They're "
        "visiting from Connecticut on July 14 and he wants me to pretend everything's fine. I'm 39 "
        "and tired of lying for him. What do I say if they ask?",
        [
            ("organization", "Goldman Sachs"),
            ("place", "Connecticut"),
            ("date", "July 14"),
            ("age", "39"),
        ],
    ),
    (
        "my best friend since 3rd grade, Hailey, is dating my ex. i'm 17 and we go to the same "
        "school (Skyline) so i see them together every day. i told my mom and she said 'that's high "
        "school.' how do i stop feeling like this",
        [
            ("name", "Hailey"),
            ("age", "17"),
            ("organization", "Skyline"),
        ],
    ),
    (
        "My wife's family is from Puerto Rico and every Christmas we fly to San Juan for two weeks. "
        "This year I want to spend it with my parents in Des Moines for once. My mother-in-law, "
        "Marisol, already bought our tickets. You can reach me at (515) 555-0139. How do I bring "
        "this up?",
        [
            ("place", "Puerto Rico"),
            ("place", "San Juan"),
            ("place", "Des Moines"),
            ("name", "Marisol"),
            ("phone", "(515) 555-0139"),
        ],
    ),
    (
        "My son Caleb, 26, told us he's gay and his fiancé Andrés is coming to Thanksgiving. My "
        "husband is refusing to sit at the table. I love my son. My husband is 58 and grew up in a "
        "very strict home in rural Georgia. How do I keep my family together?",
        [
            ("name", "Caleb"),
            ("age", "26"),
            ("name", "Andrés"),
            ("age", "58"),
            ("place", "Georgia"),
        ],
    ),
    (
        "I found my husband's second phone. There were texts to a number, 385.555.0166, about "
        "meeting at the Marriott downtown on Friday. He says it's a work thing for Adobe. We've been "
        "married 19 years. I'm 48. Do I hire a private investigator?",
        [
            ("phone", "385.555.0166"),
            ("organization", "Adobe"),
            ("age", "48"),
        ],
    ),
    (
        "My daughter Brooke (22) met a man online who lives in Lagos and she's sent him almost "
        "$8,000. His name is supposedly Michael Adeyemi and his WhatsApp is +234 803 555 0142. She "
        "won't believe it's a scam. How do I get through to her?",
        [
            ("name", "Brooke"),
            ("age", "22"),
            ("place", "Lagos"),
            ("name", "Michael Adeyemi"),
            ("phone", "+234 803 555 0142"),
        ],
    ),
]


_WORDISH = re.compile(r"\w")


def labelled_spans(text: str, identifiers) -> list[tuple[str, int, int]]:
    """Turn ``(kind, substring[, n])`` labels into ``(kind, start, end)`` spans."""
    spans = []
    for label in identifiers:
        kind, needle = label[0], label[1]
        which = label[2] if len(label) > 2 else None
        pattern = re.compile(
            (r"(?<!\w)" if _WORDISH.match(needle[0]) else "")
            + re.escape(needle)
            + (r"(?!\w)" if _WORDISH.match(needle[-1]) else "")
        )
        found = [(m.start(), m.end()) for m in pattern.finditer(text)]
        if not found:
            raise ValueError(f"label {needle!r} not found in letter {text[:40]!r}")
        if which is not None:
            found = [found[which]]
        spans.extend((kind, start, end) for start, end in found)
    return sorted(set(spans), key=lambda s: (s[1], s[2], s[0]))


def covers(proposal, start: int, end: int) -> bool:
    """A proposal finds an identifier when its span covers the identifier's span."""
    return proposal.start <= start and proposal.end >= end


def score(find, letters=None) -> dict:
    """Run ``find`` (text -> proposals) over the letters and count.

    Returns ``{"total": {kind: n}, "found": {kind: n}, "found_as_kind": {kind: n},
    "false": n, "proposals": n, "misses": [(kind, text)], "false_list": [...]}``.
    ``found`` counts an identifier as found when any proposal covers it (the
    definition the tests use); ``found_as_kind`` only when that proposal also
    has the labelled kind.  A false proposal is one that covers no labelled
    identifier.
    """
    letters = LETTERS if letters is None else letters
    result = {
        "total": dict.fromkeys(KINDS, 0),
        "found": dict.fromkeys(KINDS, 0),
        "found_as_kind": dict.fromkeys(KINDS, 0),
        "false": 0,
        "proposals": 0,
        "misses": [],
        "false_list": [],
    }
    for text, identifiers in letters:
        spans = labelled_spans(text, identifiers)
        proposals = list(find(text))
        result["proposals"] += len(proposals)
        for kind, start, end in spans:
            result["total"][kind] += 1
            covering = [p for p in proposals if covers(p, start, end)]
            if covering:
                result["found"][kind] += 1
                if any(str(p.kind) == kind for p in covering):
                    result["found_as_kind"][kind] += 1
            else:
                result["misses"].append((kind, text[start:end]))
        for p in proposals:
            if not any(covers(p, start, end) for _, start, end in spans):
                result["false"] += 1
                result["false_list"].append((str(p.kind), p.original))
    return result


def recall(result: dict, kind: str) -> float:
    total = result["total"][kind]
    return result["found"][kind] / total if total else 0.0


def count_by_kind(letters=None) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for text, identifiers in LETTERS if letters is None else letters:
        for kind, _, _ in labelled_spans(text, identifiers):
            counts[kind] += 1
    return counts
