"""Find identifiers in a reader's letter and propose neutral replacements.

The desk starts a draft article from an anonymized copy of the letter.  Nothing
here changes a letter on its own: :func:`find_identifiers` returns
*proposals*, the expert accepts, edits or rejects each one, and :func:`apply`
writes the accepted ones into the text.

Rules first: regular expressions for the shaped identifiers (emails, phone
numbers, links and handles, street addresses with postcodes, plates, dates,
ages) and word lists plus context rules for the unshaped ones (names, places,
employers and schools, identifying job titles).  Phone numbers also go through
Google's libphonenumber (``phonenumbers``) for several regions.  Then the
named-entity model (:mod:`dearly.language.entities`) adds the people, places
and organizations the rules did not see; where both find the same words the
rules' proposal and wording win.  Words the model must leave alone (public
figures, titles, therapy terms, holidays, countries in general statements) are
in the data files of ``anonymizer_data/``.  A letter written all in lowercase
is read from a truecased copy of the same length, so offsets stay the same.

It is meant to miss little, so it proposes more than strictly needed; a wrong
proposal costs the expert one click.  It runs in the background worker
(``services.prepare_letter``), which loads the model once.

Spans are offsets into the original text.  A proposal that removes words
(``replacement == ""``) usually spans the space or comma before them as well
(" in Provo, Utah", ", Kyle,") so that the text around it still reads.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path


class Kind(enum.StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    ADDRESS = "address"
    NAME = "name"
    PLACE = "place"
    AGE = "age"
    DATE = "date"
    ORGANIZATION = "organization"  # employers, schools, venues, churches
    PLATE = "plate"  # a vehicle registration
    JOB = "job"  # a job title that identifies ("the only pediatric cardiologist in town")


@dataclass(frozen=True)
class Proposal:
    kind: Kind
    start: int  # offsets into the original text
    end: int
    original: str
    replacement: str  # "" means remove (apply tidies the words around it)
    reason: str  # short human text for the expert


# --------------------------------------------------------------------------- #
# Word lists
# --------------------------------------------------------------------------- #

def _words(block: str) -> list[str]:
    return block.split()


MALE_NAMES = frozenset(_words("""
    James John Robert Michael William David Richard Joseph Thomas Charles Christopher
    Daniel Matthew Anthony Mark Donald Steven Stephen Paul Andrew Joshua Kenneth Kevin
    Brian Bryan George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric
    Erik Jonathan Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank
    Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary
    Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean
    Shawn Austin Carl Arthur Lawrence Dylan Jesse Jordan Billy Joe Bruce Gabriel Logan
    Albert Willie Alan Allen Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell
    Bobby Mason Philip Phillip Louis Liam Lucas Oliver Aiden Jayden Caleb Owen Luke Isaac
    Hunter Connor Evan Jake Cody Chase Trevor Travis Derek Dustin Chad Brett Brent Todd
    Troy Marcus Andre Darnell Jamal Malik Tyrone DeShawn Terrell Carlos Luis Miguel Diego
    Mateo Javier Alejandro Ricardo Eduardo Antonio Manuel Jorge Pedro Rafael Omar Ahmed
    Mohammed Muhammad Ali Raj Arjun Rohan Tom Tommy Tony Mike Matt Chris Dan Danny Dave
    Steve Jim Jimmy Bob Bill Rob Robbie Greg Jeff Tim Nick Nate Ben Sam Alex Zach Josh
    Drew Max Jeremiah Colton Brody Landon Bryce Spencer Tanner Garrett Cole Blake Grant
    Parker Wyatt Levi Ezra Asher Hudson Carter Jackson Grayson Easton Declan Rhett Bennett
    Silas Everett Miles Leo Theo Finn Ian Neil Glenn Dale Ron Phil Ray Don Stan Rick Kurt
    Craig Curtis Marvin Mitchell Leonard Howard Earl Fred Jon Dean Jonah Gavin Seth Colin
    Brady Jared Brock Lance Ross Shane Wade Reid Corey Cory Casey Derrick Xavier Dominic
    Damian Julian Adrian Victor Hector Oscar Ivan Sergio Roberto Fernando Andres Emmanuel
    Kenny Kirk Joel Marc Doug Gordon Norman Glen Ted Teddy Ernie Lloyd Warren Clint Jace
    Brayden Kaden Axel Ryder Jaxon Braxton Kai Ezekiel Nolan Tristan Colby Kade Trent
"""))

FEMALE_NAMES = frozenset(_words("""
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy
    Betty Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa
    Deborah Stephanie Dorothy Rebecca Sharon Laura Cynthia Amy Kathleen Angela Shirley
    Brenda Emma Anna Pamela Nicole Samantha Katherine Christine Debra Rachel Carolyn
    Janet Maria Olivia Heather Helen Catherine Diane Julie Victoria Joyce Lauren Kelly
    Christina Ruth Joan Virginia Judith Evelyn Hannah Andrea Megan Cheryl Jacqueline
    Madison Teresa Abigail Sophia Martha Sara Gloria Janice Kathryn Ann Anne Isabella Judy
    Charlotte Julia Grace Amber Alice Jean Denise Frances Danielle Marilyn Natalie
    Beverly Diana Brittany Theresa Kayla Alexis Doris Lori Tiffany Ava Mia Chloe Ella Lily
    Zoe Addison Aubrey Harper Avery Riley Layla Nora Hazel Violet Audrey Bella Claire
    Lucy Stella Leah Paisley Skylar Madelyn Kennedy Peyton Mackenzie Kaylee Haley Hailey
    Jenna Jenny Jen Jess Jessie Becca Becky Katie Kate Kim Liz Beth Meg Molly Holly
    Kelsey Courtney Lindsay Lindsey Whitney Erin Erica Caitlin Kaitlyn Allison Alyssa
    Shelby Taylor Morgan Brooke Paige Sydney Jasmine Destiny Aaliyah Aisha Keisha Tamika
    Latoya Ebony Maya Priya Ananya Mei Yuki Sofia Camila Valentina Lucia Gabriela Carmen
    Rosa Marisol Elena Ana Isabel Daniela Adriana Veronica Monica Tina Wendy Tracy Stacy
    Stacey Dawn Tammy Crystal Misty Jodi Kristen Kristin Krista Tara Carrie Leslie Vanessa
    Rose Joy Hope Faith Gina Rita Sue Peggy Cindy Carla Connie Kathy Debbie Sherry Terri
    Patty Jill Jane June April Naomi Ruby Eva Esther Miriam Natasha Marie Kristy Mandy
    Brianna Gabrielle Jordyn Kendra Kara Lacey Lacy Shannon Sabrina Bethany Felicia Renee
    Tanya Sonia Sonya Heidi Jillian Colleen Meredith Marissa Melanie Alicia Bonnie Joanna
    Cassie Cassandra Miranda Autumn Summer Savannah Hayley Makayla McKenna Ellie Sadie
    Piper Quinn Delaney Reagan Ivy Daisy Iris Lydia Alana Kiara Tessa Norah Lila Elise
"""))

FIRST_NAMES = MALE_NAMES | FEMALE_NAMES

# Given names that are also everyday words: a capital at the start of a sentence
# is no evidence for them.
WORD_NAMES = frozenset(_words("""
    will mark bill frank grace hope faith joy rose dawn amber ruby crystal misty holly
    heather ivy lily daisy iris jack bob rob sue pat don ray chase hunter mason taylor
    miles max grant cole drew dean dale glen glenn wade reid lance ross brock carter parker
    jackson hudson carol jean violet hazel destiny harper kennedy paige brooke sky penny
    christian victoria beverly summer autumn sage sandy guy gene earl kirk joel piper quinn
    bonnie jasmine
"""))

MONTHS = ("january february march april may june july august september october november "
          "december").split()
MONTH_NAMES = frozenset(MONTHS)
DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

US_STATES = (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia "
    "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts "
    "Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon "
    "Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming"
).split() + ["New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
             "North Dakota", "Rhode Island", "South Carolina", "South Dakota", "West Virginia"]

STATE_ABBREVIATIONS = frozenset(_words("""
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC
"""))

CITIES = [
    # United States
    "New York City", "New York", "NYC", "Los Angeles", "LA", "Chicago", "Houston", "Phoenix",
    "Philadelphia", "Philly", "San Antonio", "San Diego", "Dallas", "San Jose", "Austin",
    "Jacksonville", "Fort Worth", "Columbus", "Charlotte", "San Francisco", "Indianapolis",
    "Seattle", "Denver", "Washington DC", "DC", "Boston", "El Paso", "Nashville", "Detroit",
    "Oklahoma City", "Portland", "Las Vegas", "Vegas", "Memphis", "Louisville", "Baltimore",
    "Milwaukee", "Albuquerque", "Tucson", "Fresno", "Sacramento", "Mesa", "Kansas City",
    "Atlanta", "Omaha", "Colorado Springs", "Raleigh", "Long Beach", "Virginia Beach",
    "Miami", "Oakland", "Minneapolis", "Tulsa", "Bakersfield", "Wichita", "Arlington",
    "Tampa", "New Orleans", "Cleveland", "Honolulu", "Anaheim", "Lexington", "Stockton",
    "Corpus Christi", "Newark", "St. Paul", "Saint Paul", "Santa Ana", "Cincinnati", "Irvine",
    "Orlando", "Pittsburgh", "St. Louis", "Saint Louis", "Greensboro", "Jersey City",
    "Anchorage", "Plano", "Durham", "Buffalo", "Chandler", "Toledo", "Madison", "Reno",
    "Fort Wayne", "North Las Vegas", "Scottsdale", "Glendale", "Boise", "Spokane",
    "Richmond", "Des Moines", "Salt Lake City", "Salt Lake", "SLC", "Provo", "Orem", "Ogden",
    "St. George", "Tacoma", "Little Rock", "Birmingham", "Knoxville", "Savannah",
    "St George", "St Louis", "St Paul", "Charleston", "Palm Springs", "Santa Fe", "Brooklyn", "Queens", "Manhattan", "Bronx",
    "Hoboken", "Pasadena", "Berkeley", "Hartford", "Providence", "Fargo", "Billings",
    "Cheyenne", "Sioux Falls", "Tallahassee", "Ann Arbor", "Chattanooga", "Asheville",
    "Boulder", "Eugene", "Flagstaff", "Santa Barbara", "San Bernardino", "Palo Alto",
    "Silicon Valley", "Bay Area", "Twin Cities", "Dearborn",
    # elsewhere
    "London", "Paris", "Berlin", "Munich", "Madrid", "Barcelona", "Rome", "Milan", "Dublin",
    "Amsterdam", "Brussels", "Zurich", "Geneva", "Toronto", "Vancouver", "Montreal",
    "Calgary", "Ottawa", "Mexico City", "Guadalajara", "Monterrey", "Tijuana", "Cancun",
    "Tokyo", "Osaka", "Seoul", "Beijing", "Shanghai", "Hong Kong", "Manila", "Mumbai",
    "Delhi", "New Delhi", "Bangalore", "Sydney", "Melbourne", "Auckland", "Dubai", "Moscow",
    "Kyiv", "Kiev", "Lagos", "Nairobi", "Cairo", "Johannesburg", "Cape Town", "Sao Paulo",
    "Rio", "Buenos Aires", "Lima", "Bogota", "Stockholm", "Oslo", "Copenhagen", "Vienna",
    "Prague", "Warsaw", "Lisbon", "Athens", "Istanbul", "Tel Aviv", "Jerusalem", "Bangkok",
    "Singapore", "Jakarta", "Hanoi", "Edinburgh", "Glasgow", "Manchester", "Liverpool",
    # the UK, Ireland, Australia, New Zealand and Canada, where many readers write from
    "Leeds", "Sheffield", "Bristol", "Leicester", "Nottingham", "Newcastle", "Cardiff",
    "Swansea", "Belfast", "Aberdeen", "Dundee", "Inverness", "Brighton", "Southampton",
    "Portsmouth", "Plymouth", "Exeter", "Norwich", "Cambridge", "Oxford", "Reading",
    "Coventry", "Wolverhampton", "Stoke", "Derby", "Hull", "York", "Bradford", "Croydon",
    "Ilford", "Luton", "Milton Keynes", "Cork", "Galway", "Limerick", "Waterford", "Wexford",
    "Kilkenny", "Sligo", "Derry", "Brisbane", "Perth", "Adelaide", "Canberra", "Hobart",
    "Darwin", "Gold Coast", "Newcastle", "Wollongong", "Geelong", "Ballarat", "Bendigo",
    "Townsville", "Cairns", "Toowoomba", "Wellington", "Christchurch", "Dunedin",
    "Tauranga", "Palmerston North", "Napier", "Nelson", "Rotorua", "Edmonton", "Winnipeg",
    "Halifax", "Quebec City", "Victoria", "Saskatoon", "Regina", "Mississauga", "Brampton",
    "Surrey", "Kelowna", "London Ontario", "Lyon", "Marseille", "Nice", "Bordeaux",
    "Toulouse", "Frankfurt", "Hamburg", "Cologne", "Naples", "Florence", "Venice", "Seville",
    "Valencia", "Porto", "Krakow", "Budapest", "Bucharest", "Sofia", "Belgrade", "Zagreb",
    "Karachi", "Lahore", "Dhaka", "Chennai", "Hyderabad", "Kolkata", "Pune", "Ho Chi Minh City",
    "Kuala Lumpur", "Taipei", "Accra", "Addis Ababa", "Kampala", "Harare", "Casablanca",
    "Havana", "San Juan", "Santo Domingo", "Kingston", "Medellin", "Quito", "Santiago",
    "Lake Tahoe", "Tahoe", "Palm Beach", "Fort Lauderdale", "Key West", "Myrtle Beach",
    "Park City", "Logan", "Bozeman", "Missoula", "Sedona", "Napa", "Lancaster", "Allentown",
    "Scranton", "Syracuse", "Rochester", "Albany", "Worcester", "Springfield", "Peoria",
]

COUNTRIES = [
    "Canada", "Mexico", "UK", "England", "Scotland", "Ireland", "Wales", "France", "Germany",
    "Italy", "Spain", "Portugal", "Netherlands", "Belgium", "Switzerland", "Austria",
    "Poland", "Ukraine", "Russia", "Sweden", "Norway", "Denmark", "Finland", "Greece",
    "Turkey", "Israel", "Egypt", "Nigeria", "Kenya", "Ghana", "Ethiopia", "South Africa",
    "Morocco", "India", "Pakistan", "Bangladesh", "China", "Japan", "South Korea", "Korea",
    "Vietnam", "Thailand", "Philippines", "Indonesia", "Malaysia", "Australia",
    "New Zealand", "Brazil", "Argentina", "Chile", "Peru", "Colombia", "Venezuela",
    "Ecuador", "Guatemala", "Honduras", "El Salvador", "Nicaragua", "Costa Rica", "Panama",
    "Cuba", "Puerto Rico", "Dominican Republic", "Haiti", "Jamaica", "Iran", "Iraq", "Syria",
    "Lebanon", "Jordan", "Saudi Arabia", "Afghanistan", "Nepal", "Sri Lanka", "Taiwan",
    "Romania", "Hungary", "Czech Republic", "Croatia", "Serbia", "Bosnia", "Iceland",
    "Tonga", "Samoa", "Fiji", "Somalia", "Sudan", "Uganda", "Zimbabwe", "Cambodia", "Laos",
    "Mongolia", "Bolivia", "Uruguay", "Paraguay", "Belize", "Trinidad",
]
COUNTRY_SET = frozenset(COUNTRIES)

_PLACE_ENTRIES = sorted(set(CITIES) | set(COUNTRIES) | set(US_STATES), key=len, reverse=True)

# Relation words: a name right after one of these is dropped, the relation kept.
RELATIONS = frozenset(_words("""
    husband wife partner boyfriend girlfriend bf gf fiance fiancé fiancee fiancée spouse
    son daughter stepson stepdaughter child kid baby sister brother twin sibling
    mother father mom dad mum mommy daddy stepmom stepdad stepmother stepfather
    parent stepsister stepbrother half-sister half-brother
    grandmother grandfather grandma grandpa grandson granddaughter grandchild grandkid
    aunt aunty auntie uncle cousin niece nephew in-law
    friend bestie roommate housemate flatmate coworker co-worker colleague boss manager
    supervisor employee assistant ex neighbor neighbour landlord tenant
    teacher therapist counselor doctor pastor bishop coach sponsor nanny babysitter
    classmate teammate mentor lover crush date match affair mate missus hubby wifey
    kakak abang adik kuya bhaiya bhai didi behen chacha chachi khala khalu mamu phupho
    nani dadi amma appa akka thambi abuela abuelo tio nonna nonno babcia dziadek ciocia
    wujek tante onkel oom tannie ouma oupa shangazi mjomba yaya
    novio novia esposo esposa marido namorado namorada copain copine fidanzato fidanzata
    ragazzo ragazza freundin vriendin hermano hermana irmão irmã hijo hija filho filha
    suegra suegro sogra sogro cuñada cuñado
"""))
# ("my kakak aisyah", "my bhaiya rohit": what a reader calls a relation in their own language;
# words that are also English words or given names, such as ate, anna, lola or tia, are left out)
# Nouns that can stand before ", Name," the way relations do.
PERSON_NOUNS = frozenset(_words("""
    man woman guy girl lady gentleman person dentist nurse officer cop lawyer
    boy boys girls guys men women ladies kids children twins babies sons daughters
"""))
# Closed-class words: after "works at" a capitalized word that is none of these is a name
# ("works at Next"), even when it is also an everyday word.
FUNCTION_WORDS = frozenset(_words("""
    i me my mine you your he him his she her it its we us our they them their this that these
    those the a an and or but nor so yet for of in on at to from by with without about as if
    then than when while because since after before until though although unless what which
    who whom whose where why how am is are was were be been being do does did have has had
    can could should would shall will might must not no all both some any each every there
    here home night nights day days weekends weekend least most
"""))

MALE_WORDS = frozenset(_words("""
    husband boyfriend bf fiance fiancé son stepson brother stepbrother half-brother father dad
    daddy stepdad stepfather grandfather grandpa grandson uncle nephew man guy gentleman he
    him his king
"""))
FEMALE_WORDS = frozenset(_words("""
    wife girlfriend gf fiancee fiancée daughter stepdaughter sister stepsister half-sister
    mother mom mum mommy stepmom stepmother grandmother grandma granddaughter aunt niece
    woman girl lady she her
"""))

TITLES = {
    "dr": "the doctor", "doctor": "the doctor", "coach": "the coach", "pastor": "the pastor",
    "bishop": "the bishop", "reverend": "the pastor", "rev": "the pastor", "father": "the priest",
    "professor": "the professor", "officer": "the officer", "judge": "the judge",
    "mr": "[name]", "mrs": "[name]", "ms": "[name]", "miss": "[name]", "mx": "[name]",
    "aunt": "my aunt", "auntie": "my aunt", "uncle": "my uncle", "grandma": "my grandma",
    "grandpa": "my grandpa", "nana": "my grandma", "cousin": "my cousin",
    "sister": "[name]", "brother": "[name]", "elder": "[name]", "president": "[name]",
}

# Capitalized words that are never a person or a place by themselves.
STOP_WORDS = frozenset(_words("""
    i i'm i've i'd i'll im ive me my mine myself you your yours you're yourself he him his
    she her hers it its it's we us our ours they them their theirs this that these those
    there here the a an and or but nor so yet for of in on at to from by with without about
    as if then than when while because since after before until though although unless
    once what which who whom whose where why how whatever whenever wherever however
    am is are was were be been being do does did done have has had can could should would
    shall might must let let's lets not no yes yeah ok okay oh um wow hi hello hey dear
    thanks thank please sorry help well also still even just only maybe perhaps now today
    tonight tomorrow yesterday honestly sometimes often always never usually lately
    recently finally eventually obviously apparently unfortunately luckily hopefully
    basically actually really clearly anyway besides plus meanwhile instead otherwise
    again already almost every each all both some most many much few several another other
    such any none nothing everything something anything someone somebody anyone anybody
    everyone everybody nobody last next first second third one two three four five six
    seven eight nine ten twenty thirty forty fifty hundred
    mom dad mommy daddy mama papa mum mother father grandma grandpa nana granny babe baby
    honey sweetie sir ma'am madam bro dude
    god lord jesus christ heaven hell bible scripture church gospel spirit holy mass
    sacrament temple seminary confession communion sabbath
    dearly desk editor column email e-mail mobile phone cell text call ring number
    christmas easter thanksgiving halloween hanukkah passover ramadan eid diwali valentine's
    valentine new year's memorial labor independence
    english spanish french german italian chinese japanese korean russian arabic
    portuguese tagalog hindi american mexican canadian british irish asian african
    european latino latina hispanic black white catholic mormon christian jewish muslim
    lds baptist methodist protestant evangelical buddhist hindu atheist democrat republican
    instagram facebook tiktok snapchat twitter reddit youtube whatsapp messenger venmo
    zelle paypal cashapp hinge tinder bumble grindr match discord zoom netflix hulu
    iphone android xbox playstation nintendo google amazon costco target walmart
    internet wifi covid tv
    work job school college life love marriage family therapy counseling money sex dating
    texting dinner lunch breakfast weekend summer winter spring fall autumn
    part chapter question answer update edit note ps p.s
    north south east west northern southern eastern western
    mr mrs ms dr st mt ft jr sr
    unit apt suite
    idk tbh imo imho lol lmao omg btw ngl smh pls plz ty ik fyi jk wtf ugh bc cuz rn af u ur
    ya yep nope hmm tho thx aita wibta tldr update edit
"""))

# Texting shorthand that no capital would make a name or a place.
TEXTING = frozenset(_words("""
    im ive id ill dont cant wont didnt isnt wasnt doesnt hasnt havent shouldnt couldnt wouldnt
    shes hes thats whats theres theyre youre idk tbh imo lol lmao omg btw ngl smh pls plz ty
    fyi jk wtf ugh bc cuz coz rn af ur ya yep nope hmm tho thx aita wibta tldr bf gf bff dm dms
    irl fwb hubby wifey missus mum mam nan nana lil bday yrs yr hrs mins pic pics insta snap fb
    ig lmk tmi ffs fml omw ikr istg ppl abt bout thru tmrw tmr tonite nite gonna wanna gotta
    kinda sorta dunno lemme gimme ok okay yeah yea nah hun babe bro sis mate bestie hbu wyd
    etc vs esp obvs defo deffo prob probs tho ofc asap ish xx xxx lad lads whos w u r n
    email mobile cell heya hiya heyy heyyy hii hiii hey yo sup howdy aight xo xoxo xoxox
"""))

SPEECH_VERBS = frozenset(_words("""
    said says told tells texted texts asked asks wants wanted thinks thought called calls
    replied replies admitted admits insists insisted keeps kept refuses refused promised
    promises cheated moved left laughed yelled yells screamed screams cried cries agreed
    agrees decided decides started stopped loves loved hates hated knows knew feels felt
    works worked lives lived lied lies claims claimed doesn't didn't won't can't wouldn't
    isn't wasn't hasn't hadn't sent sends posted posts got gets went goes came comes makes
    made took takes gave gives seems seemed messaged emailed apologized apologizes blames
    blamed swears swore wrote writes owes owed borrowed broke cheats drinks drank
    invited invites tried tries suggested suggests believes believed wrote
"""))

PLACE_PREPS = frozenset("in from to near outside around across into visiting visited visit "
                        "visits".split())
BE_WORDS = frozenset("am is are was were be been being i'm im he's she's it's we're "
                     "they're you're who's".split())
SOFT_WORDS = frozenset("still now currently originally back also all both here there "
                       "just only even really".split())
# Verbs after which "to/in <word>" is a destination, even for a word that is also a name.
MOTION_WORDS = frozenset(_words("""
    move moved moves moving fly flew flies flying drive drove driving go going goes went
    travel traveled travelled traveling travelling trip relocate relocated relocating back
    visit visited visiting return returned returning retire retired retiring headed heading
    transferred transferring live lives lived living stay stayed staying raised grew up
    based located vacation honeymoon
"""))
# After these a removed place would leave the verb hanging ("he lives and I ..."),
# unless the clause ends right after the place.
DWELL_WORDS = frozenset("live lives lived living stay stays stayed staying reside resides "
                        "resided based located raised up".split())
FAMILY_NAME_EXCEPTIONS = frozenset("olympics rockies holidays avengers beatles states rules "
                                   "news sims simpsons bahamas maldives azores smokies "
                                   "andes alps".split())
PLACE_STARTERS = frozenset("st mt ft north south east west".split())
DETERMINERS = frozenset("my his her our their your the a an one this that".split())

WORK_NOUNS = frozenset("clinic mine plant office store branch location factory warehouse "
                       "hospital campus site restaurant shop lab school pub bar diner cafe "
                       "salon gym bakery garage church hotel lodge motel".split())

# Employers and schools mentioned often enough to list.  The value is the kind of
# place, which picks the replacement.  ``ORGS_IN_CONTEXT`` are names that are
# also everyday things (a shop, a website); they count only after work words.
ORGS_ALWAYS = {
    "BYU": "university", "BYU-Idaho": "university", "BYU-Hawaii": "university",
    "UVU": "university", "USU": "university", "UCLA": "university", "USC": "university",
    "NYU": "university", "MIT": "university", "UNLV": "university", "UCF": "university",
    "UNC": "university", "Harvard": "university", "Yale": "university",
    "Stanford": "university", "Princeton": "university", "Cornell": "university",
    "Georgetown": "university", "Purdue": "university", "Notre Dame": "university",
    "Vanderbilt": "university", "Penn State": "university", "Texas A&M": "university",
    "William & Mary": "university", "AT&T": "company",
    "Deloitte": "firm", "KPMG": "firm", "PwC": "firm", "Accenture": "firm",
    "McKinsey": "firm", "Goldman Sachs": "firm", "JPMorgan": "firm", "J.P. Morgan": "firm",
    "Morgan Stanley": "firm", "Wells Fargo": "firm", "Bank of America": "firm",
    "Charles Schwab": "firm", "Edward Jones": "firm", "Ernst & Young": "firm",
    "Lockheed Martin": "company", "Northrop Grumman": "company", "Raytheon": "company",
    "General Electric": "company", "General Motors": "company", "Procter & Gamble": "company",
    "Johnson & Johnson": "company", "Microsoft": "company", "Boeing": "company",
    "IBM": "company", "Salesforce": "company", "Qualcomm": "company", "Cisco": "company",
    "Nvidia": "company", "Tesla": "company", "SpaceX": "company", "Verizon": "company",
    "Pfizer": "company", "FedEx": "company", "USPS": "company", "Kroger": "store",
    "Walgreens": "store", "Safeway": "store", "Albertsons": "store",
    "Intermountain": "health", "Kaiser": "health", "Kaiser Permanente": "health",
    "Mayo Clinic": "clinic", "Cleveland Clinic": "clinic",
}
ORGS_IN_CONTEXT = {
    "Amazon": "company", "Google": "company", "Apple": "company", "Meta": "company",
    "Facebook": "company", "Netflix": "company", "Dell": "company", "Intel": "company",
    "Oracle": "company", "Adobe": "company", "Uber": "company", "Lyft": "company",
    "Disney": "company", "Nike": "company", "Ford": "company", "Delta": "company",
    "Chase": "firm", "Fidelity": "firm", "Target": "store", "Walmart": "store",
    "Costco": "store", "Home Depot": "store", "Lowe's": "store", "Best Buy": "store",
    "CVS": "store", "UPS": "company", "Starbucks": "cafe", "Chick-fil-A": "restaurant",
    "McDonald's": "restaurant", "Comcast": "company", "DoorDash": "company",
}
ORG_REPLACEMENT = {
    "school": "a local school", "university": "a university", "college": "a college",
    "hospital": "a local hospital", "clinic": "a clinic", "health": "a healthcare company",
    "firm": "a large firm", "bank": "a bank", "company": "a large company",
    "store": "a store", "restaurant": "a restaurant", "cafe": "a coffee shop",
    "church": "a local church", "workplace": "[workplace]", "gym": "a gym",
    "bar": "a bar", "hotel": "a hotel", "venue": "[venue]", "club": "a club",
    "organization": "[organization]",
}
ORG_SUFFIXES = [
    ("High School", "school"), ("Middle School", "school"), ("Junior High", "school"),
    ("Elementary School", "school"), ("Elementary", "school"), ("Preschool", "school"),
    ("Academy", "school"), ("School", "school"), ("High", "school"),
    ("Community College", "college"), ("College", "college"), ("University", "university"),
    ("State", "university"), ("Hospital", "hospital"), ("Medical Center", "hospital"),
    ("Clinic", "clinic"), ("Center", "clinic"), ("Healthcare", "health"), ("Health", "health"),
    ("Bank", "bank"), ("Credit Union", "bank"), ("Financial", "firm"), ("Insurance", "firm"),
    ("Corporation", "company"), ("Corp", "company"), ("Inc", "company"), ("LLC", "company"),
    ("Company", "company"), ("Motors", "company"), ("Dental", "clinic"),
    ("Pharmacy", "store"), ("Institute", "university"), ("Labs", "company"),
    ("Church", "church"), ("Chapel", "church"), ("Baptist", "church"), ("Methodist", "church"),
    ("Lutheran", "church"), ("Presbyterian", "church"), ("Episcopal", "church"),
    ("Pentecostal", "church"), ("Lodge", "hotel"), ("Cathedral", "church"), ("Parish", "church"),
    ("Mosque", "church"), ("Synagogue", "church"), ("Tabernacle", "church"),
    ("Ministries", "church"), ("Fellowship", "church"),
    ("Gym", "gym"), ("Fitness", "gym"), ("CrossFit", "gym"), ("Yoga", "gym"),
    ("Pub", "bar"), ("Tavern", "bar"), ("Saloon", "bar"), ("Brewery", "bar"),
    ("Bar & Grill", "restaurant"), ("Grill", "restaurant"), ("Diner", "restaurant"),
    ("Bistro", "restaurant"), ("Pizzeria", "restaurant"), ("Cafe", "cafe"), ("Café", "cafe"),
    ("Coffee", "cafe"), ("Bakery", "restaurant"), ("Salon", "workplace"),
    ("Hotel", "hotel"), ("Inn", "hotel"), ("Motel", "hotel"), ("Resort", "hotel"),
    ("Theater", "venue"), ("Theatre", "venue"), ("Arena", "venue"), ("Stadium", "venue"),
    ("Club", "club"), ("Country Club", "club"), ("Daycare", "school"), ("Nursery", "school"),
    ("Grammar", "school"), ("Primary", "school"), ("Primary School", "school"),
    ("Sixth Form", "school"), ("Polytechnic", "college"), ("TAFE", "college"),
    ("Surgery", "clinic"), ("Practice", "clinic"), ("Pharmacy", "store"), ("Market", "store"),
    ("Supermarket", "store"), ("Garage", "workplace"), ("Motors", "company"),
    ("Logistics", "company"), ("Solutions", "company"), ("Group", "company"),
    ("Ltd", "company"), ("Pty", "company"), ("Plc", "company"), ("Partners", "firm"),
    ("Associates", "firm"), ("Law", "firm"),
    ("Stable", "workplace"), ("Stables", "workplace"), ("Barn", "venue"), ("Farm", "workplace"),
    ("Manor", "venue"), ("Co-op", "store"), ("Electrical", "company"), ("Plumbing", "company"),
    ("Builders", "company"), ("Roofing", "company"), ("Studio", "workplace"),
    ("Rollers", "club"), ("FC", "club"), ("F.C.", "club"), ("AFC", "club"), ("RFC", "club"),
    ("GAA", "club"), ("Taxis", "company"), ("Cabs", "company"), ("Police", "workplace"), ("Constabulary", "workplace"),
    ("Council", "workplace"), ("Trust", "workplace"), ("Fire Service", "workplace"),
    ("Ambulance Service", "workplace"), ("Energy", "company"), ("Haulage", "company"),
    ("Freight", "company"), ("Construction", "company"), ("Athletics", "gym"),
]

WORK_CUES = (r"work|works|worked|working|job|jobs|shift|shifts|employed|employer|nurses?|"
             r"teachers?|managers?|engineers?|interns?|internship|laid off|fired|retired|hired|"
             r"coworkers?|employees?|(?:cabin\s+)?crew|"
             r"co-workers?|colleagues?|boss|career|position|student|studying|enrolled|tuition|"
             r"degree|graduated|graduating|attends|attending|classes|professor|transferred|"
             r"volunteers?|school|college|university|campus|"
             r"accountant|cashier|barista|developer|consultant|contractor|clerk|paralegal|"
             r"(?:nights|days|shifts|mornings|evenings|weekends)(?=\s+at\b)|waitress|waiter|server|bartender|bartending|cook|chef|cleaner|"
             r"driver|mechanic|receptionist|hairdresser|stylist|pharmacist|therapist|pastor|"
             r"vet|physio|carer|caregiver|aide|tech|technician|analyst|intern|shifts|"
             r"waitressing|serving|cleaning|teaching|teach|teaches|taught|nursing|"
             r"apprentice|apprenticeship|placement|residency|resident|fellowship|"
             r"sixth form|uni|varsity|year \d+|grade \d+|\d+(?:st|nd|rd|th) grade|enrolled|"
             r"started at|starts at|start at|quit|promoted|hired at|laid off from")

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
              "seventy": 70, "eighty": 80, "ninety": 90}
DECADES = {20: "twenties", 30: "thirties", 40: "forties", 50: "fifties", 60: "sixties",
           70: "seventies", 80: "eighties", 90: "nineties"}
_TENS_BY_VALUE = {v: k for k, v in TENS_WORDS.items()}

REASONS = {
    Kind.EMAIL: "an email address",
    Kind.PHONE: "a phone number",
    Kind.URL: "a link or social-media handle",
    Kind.ADDRESS: "a street address",
    Kind.DATE: "an exact date",
    Kind.AGE: "an exact age",
    Kind.ORGANIZATION: "an employer or school",
    Kind.NAME: "a personal name",
    Kind.PLACE: "a town, state or country",
    Kind.PLATE: "a licence plate",
    Kind.JOB: "a job title that identifies",
}


# --------------------------------------------------------------------------- #
# Regular expressions for shaped identifiers
# --------------------------------------------------------------------------- #

_NUMBER_WORD_RE = (
    r"(?:(?:" + "|".join(TENS_WORDS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|"
    r"nine))?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
)
_AGE_NUMBER = r"(?:\d{1,2}|" + _NUMBER_WORD_RE + r")"

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                      r"\.[A-Za-z]{2,}")
_TLDS = ("com|org|net|edu|gov|io|co|me|us|ca|uk|cr|mx|de|fr|au|nz|info|biz|app|ly|tv|blog|"
         "page|site|online|link|gg|xyz|ai|dev|"
         # country codes and newer endings that are not everyday words ("linktr.ee", "site.co.za")
         "ee|ie|za|ke|ng|gh|sg|ph|jp|kr|br|ar|cl|es|nl|ch|se|dk|fi|pl|pt|gr|tr|ru|ua|cz|hu|ro|"
         "il|ae|pk|bd|lk|np|fm|bio|nyc|lt|lv|sk|si|rs|bg|vn|tw|hk|cn|tt|jm|ug|tz|zw")
URL_RE = re.compile(
    r"(?<![\w@./-])(?:https?://|www\.)[^\s<>()\"'\[\]]+"
    r"|(?<![\w@./-])(?:[A-Za-z0-9-]+\.)+(?:" + _TLDS + r")(?:/[^\s<>()\"'\[\]]*)?(?![\w@-])"
    # any ending with a path after it: "my.studio/sam", "portfolio.art/jo-b"
    r"|(?<![\w@./-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,12}/[A-Za-z0-9_~%.-]*[A-Za-z0-9_~%-](?:/[^\s<>()\"'\[\]]*)?",
    re.IGNORECASE,
)
HANDLE_RE = re.compile(r"(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
# A domain whose ending is also an everyday word ("in", "it", "is", "at", "my"...): a link where
# the words before say so ("his site is x.in", "check out x.it") or where the name before the
# dot is one long glued word no dictionary knows ("rahulbakescakes.in")
_WORD_TLDS = "in|it|is|at|be|no|my|to|am|as|so|id|im|la|cc|sh|ms|ax|ga"
SITE_CUE_URL_RE = re.compile(
    r"(?i:\b(?:site|website|web\s+site|portfolio|page|blog|shop|store|link|url|domain)\s*(?:is|was|:|=)\s+|"
    r"\b(?:check\s+out|visit|go\s+to)\s+)"
    r"(?P<url>(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,12}(?:/[^\s<>()\"'\[\]]*)?)(?![\w@-])")
GLUED_DOMAIN_RE = re.compile(
    r"(?<![\w@./-])(?P<label>[A-Za-z0-9-]{8,})\.(?:" + _WORD_TLDS + r")(?:/[^\s<>()\"'\[\]]*)?(?![\w@-])")
# Reddit's "u/name" is a handle wherever it stands; so is a word joined by underscores
# ("sakura_mama_osk", "big_dave_77"): nobody writes prose that way.
REDDIT_USER_RE = re.compile(r"(?<![\w/@.-])/?u/[A-Za-z0-9_-]{3,20}(?![\w/-])")
UNDERSCORED_RE = re.compile(r"(?<![\w@./-])[A-Za-z0-9]+(?:_+[A-Za-z0-9]+)+(?![\w@-]|\.\w)")
USERNAME_RE = re.compile(
    r"\b(?:user ?name|handle|gamertag|gamer tag|screen ?name|snap(?:chat)?|insta(?:gram)?|ig|"
    r"tiktok|discord|twitter|x|reddit|twitch|steam|psn|xbox(?:\s+live)?|roblox|kik|skype|"
    r"telegram|signal|viber|wechat|we\s?chat|line(?:\s+id)?|id|venmo|cash\s?app|threads|bluesky)"
    # "my steam name is ...", "my handle everywhere is ..."
    r"(?:\s+(?:name|id|tag|handle|account|username|user|everywhere|there|now|still|online))?"
    r"\b(?:,?\s+(?:which|that)\s+is\s+|\s+(?:is|was)\s+|\s*:\s*)"
    # "her username is something like u/..." : the filler is not the name
    r"(?:(?:something|sth|smth)\s+like\s+|like\s+)?@?"
    r"(?P<user>(?:[A-Za-z0-9_.]*[_\d][A-Za-z0-9_.]*[A-Za-z0-9_]|[a-z0-9_.]{4,}[a-z0-9_])"
    r"(?:#\d{4})?)",  # a Discord tag: "moonpie#4821"
    re.IGNORECASE,
)
# a Cash App "$cashtag" ("$jdog2022"); "$USD" and "$5k" are money
CASHTAG_RE = re.compile(r"(?<![\w$])\$(?![A-Z]{3}\b)[A-Za-z][A-Za-z0-9_-]{2,19}(?![\w-])")

# A quoted screen name: 'xXdarkwolfXx', "jess_b22" (a digit, an underscore or a capital
# inside a lowercase word; a quoted plain name such as 'Jake' does not match).
QUOTED_HANDLE_RE = re.compile(
    r"(?i:named|called|user(?:name)?|account|handle|goes by|as)\s+['\"“‘]"
    r"(?P<user>(?=[A-Za-z0-9_.]*(?:\d|_|[a-z][A-Z]))[A-Za-z0-9_.]{3,})['\"”’]"
)

PHONE_RES = [
    re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w])"),
    re.compile(r"(?<![\w(+-])(?:1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\w)"),
    re.compile(r"(?<![\w-])\d{10}(?![\w-])"),
    re.compile(r"(?<![\w$.,/-])\d{3}-\d{4}(?![\w-])"),
]

_STREET_SUFFIX = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Boulevard|Blvd|"
                  r"Way|Place|Pl|Circle|Cir|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Loop|"
                  r"Square|Sq|Crescent|Alley|Pike|Close|Gardens|Grove|Mews|Row|Walk|Rise|Green|Parade|Esplanade|"
                  r"Quay|Wynd|Gate|Tce|Cres|Pde|Cl|Gr|Esp|Hts|View|Heights|Park|Court)")
ADDRESS_RES = [
    re.compile(r"\b\d{1,6}\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?"
               r"(?:(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))\s+){1,3}" + _STREET_SUFFIX +
               r"\b(?:\.(?=\s+[a-z]))?"),
    re.compile(r"\b\d{1,5}\s+[NSEW]\.?\s+\d{1,5}\s+[NSEW]\b"),
    re.compile(r"(?i:\b(?:apt|apartment|unit|suite|ste|flat)\b\.?\s*#?\s*\d+[A-Za-z]?\b)"),
    re.compile(r"(?i:\bp\.?\s?o\.?\s*box\s+\d+)"),
    re.compile(r"\b(?:Route|Rte|Highway|Hwy|Interstate|State Road|County Road|SR|CR)\s?\d{1,4}\b"
               r"|\bI-\d{1,3}\b"),
]
NAMED_STREET_RE = re.compile(
    r"\b(?:on|off|at|near|down|along)\s+(?:the\s+)?"
    r"(?P<street>(?:(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))\s+){1,2}(?:Street|Avenue|Road|"
    r"Boulevard|Drive|Lane|Highway|Parkway|St|Ave|Rd|Blvd|Dr|Ln|Hwy|Pkwy))\b"
)

# A street in the writer's own language: the word for street first ("on Rua do Souto", "near
# Calle de Alcalá", "in ul. Piotrkowska"), or last, alone or joined ("on Bağdat Caddesi", "in
# der Hauptstraße" read as "Hauptstraße", "Vesterbrogade")
_STREET_FIRST = (r"Rua|Avenida|Av\.|Calle|Carrer|Carretera|Paseo|Passeig|Plaza|Praça|Largo|Travessa|"
                 r"Via|Viale|Corso|Piazza|Rue|Avenue|Chaussée|Ulica|ul\.|Aleja|al\.|Jalan|Jl\.|"
                 r"Calea|Strada|Bulevardul|Soi|Thanon|Odos|Leoforos")
_STREET_LAST = (r"Caddesi|Sokak|Sokağı|Bulvarı|Utca|Straße|Strasse|Gasse|Allee|Laan|Straat|Gracht|"
                r"Kade|Vej|Gade|Gatan|Vägen|Veien|Gata")
FOREIGN_STREET_RE = re.compile(
    r"\b(?:on|off|at|near|in|along|down|from)\s+(?P<street>(?:(?:" + _STREET_FIRST + r")\s+"
    r"(?:(?:de|do|da|dos|das|del|della|di|des|du|de\s+la|la|le|les|el|San|Santa|São|Saint|Sainte)\s+)*"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})|"
    # written without its capital but with the connector after it: "in via dei Servi", "on rua da Prata"
    r"(?:via|viale|rua|calle|carrer|rue|avenida|strada|ulica)\s+(?:del|della|dei|degli|delle|di|de|do|da|dos|das|"
    r"des|du|de\s+la)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}|"
    r"(?:[A-Z][\w'’-]+\s+){1,2}(?:" + _STREET_LAST + r")|"
    r"[A-Z][\w'’-]*(?:straße|strasse|gasse|allee|laan|straat|gracht|vej|gade|gatan|vägen|veien|"
    r"gata|utca))(?![\w'’-])")

_ACCENTED_CAP = "[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽƠƯẠ-ỸẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]"
# "the Boots on Castlegate", "a flat on Kingsway": a street known by the shop or home on it
STREET_AFTER_VENUE_RE = re.compile(
    r"(?:\b(?i:flat|house|apartment|bedsit|shop|store|branch|office|pub|bar|cafe|café|restaurant|"
    r"salon|gym|clinic|surgery|pharmacy|chemist|studio|bakery|takeaway|chippy|unit)|"
    r"\b(?i:the)\s+[A-Z][\w'’&-]*)[ \t]+(?P<on>on)[ \t]+(?P<street>"
    # a street of two or three short words with their accents: "on Hàng Bạc", "on Lý Tự Trọng"
    r"(?=\S*[^\x00-\x7f]|\S+[ \t]+\S*[^\x00-\x7f])" + _ACCENTED_CAP + r"[^\W\d_]{0,5}(?:[ \t]+"
    + _ACCENTED_CAP + r"[^\W\d_]{0,5}){1,2}(?![^\W\d_])|"
    r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŠŽČ][a-zß-öø-ÿłśżźćńšžč]{3,}(?:[ \t]+[A-Z][a-z]+)?)"
    r"\b(?![’'-])")

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
             r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
DATE_RES = [
    re.compile(r"(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w/])"),
    re.compile(r"(?<![\w/.$-])(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?(?![\w/%])"),
    re.compile(r"\b" + _MONTH_RE + r"\b\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?"),
    re.compile(r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE +
               r"\b(?:,?\s+\d{4}\b)?"),
    re.compile(r"\b" + _MONTH_RE + r"\.?,?\s+(?:of\s+)?(?:19|20)\d{2}\b"),
    # "our appointment is on the 19th", "until the 5th.": a day of this month; not "the 12th
    # floor" nor "the 5th time"
    re.compile(r"\bthe (?:(?<=\b[Oo]n the )|(?<=\b[Bb]y the )|"
               r"(?<=[Ss]ince the )|(?<=[Uu]ntil the )|(?<=[Tt]ill the )|(?<=[Aa]fter the )|"
               r"(?<=[Bb]efore the )|(?<=[Ff]rom the ))(?:[1-9]|[12]\d|3[01])"
               r"(?:st|nd|rd|th)\b(?=\s*(?:[.,;:!?)]|$)|\s+(?:and|but|so|at|when|which|i|we|he|"
               r"she|they|my|our|his|her|it|because|or|for|in|to|if)\b)"),
]
_PAST_CUES = re.compile(
    r"\b(?:was|were|did|had|got|went|came|left|took|said|told|met|found|made|saw|lost|gave|"
    r"bought|sent|broke|began|ran|paid|won|fell|\w{3,}ed)\b", re.IGNORECASE)
_FUTURE_CUES = re.compile(
    r"\b(?:will|going to|gonna|wants?|plans?|planning|planned|next|upcoming|leaving|"
    r"scheduled|coming|getting|hoping|supposed)\b|(?:\bis|\bare|'s|’s)\s+on\s*$"
    r"|(?:\bam|\bis|\bare|['’]m|['’]s|['’]re)\s+\w+ing\b", re.IGNORECASE)
# Dates a person is known by: keep them as "[date]", never "recently".
_FIXED_DATE_CUES = re.compile(r"\b(?:born|birthday|anniversary|died|passed away|funeral)\b",
                              re.IGNORECASE)

_AGE_TAIL = (r"(?:\s+years?\s+old|\s*yrs?\s+old|\s*y/?o\b)?"
             r"(?=\s*(?:[.,;:!?)(]|$|\n|\s(?:and|but|now|so|with|when|yet|too|already|or|at|"
             r"in|who|which|this|next|last|because|since|going|soon|today|tomorrow|myself|"
             r"herself|himself|if|years?\s+old|i['’]?m|he['’]?s|she['’]?s|i|we|my|his|her|"
             r"from|living|working|studying|married|single|divorced|widowed|female|male)\b))")
AGE_SUBJECT_RE = re.compile(
    r"\b(?:(?P<i>i)\s*['’]?m|(?P<i2>i)\s+(?:am|was)|(?P<p>he|she|who|it)\s*['’]s|(?P<p3>he|she)s|"
    r"(?P<p2>he|she|who)\s+(?:is|was)|(?P<pl>we|they|you)\s*['’]re|"
    r"(?P<pl2>we|they|you|who)\s+(?:are|were)|(?P<w>[A-Za-z][\w'’-]*),?\s+(?:is|was)|"
    r"(?-i:(?P<ws>[A-Z][a-zà-ÿ]+))['’]s|(?P<both>(?:are|were|\()\s*both)|"
    r"(?P<turn>turned|turns|turning))"
    r"\s+(?:(?:both|now|only|just|almost|nearly|barely|about|already|probably|maybe|around|"
    r"like|roughly|approximately|supposedly|apparently|actually|literally|technically|still|"
    r"finally|at least)\s+)?"
    r"(?P<num>" + _AGE_NUMBER + r")\b(?P<tail>" + _AGE_TAIL + r")",
    re.IGNORECASE,
)
AGE_YEAR_OLD_RE = re.compile(
    r"(?:\b(?P<art>an?)\s+)?\b(?P<num>" + _AGE_NUMBER + r")\s*-?\s*"
    r"(?:(?P<sing>year|yr|month)[\s-]*old|(?P<plur>years|yrs|months)[\s-]*old|(?P<yo>yo|y/o)\b)"
    r"(?P<s>s)?\b",
    re.IGNORECASE,
)
AGE_SEX_RES = [
    re.compile(r"(?<=\()\s*(?P<num>\d{2})\s*/?\s*(?P<sex>[MFmf]|NB|nb)\s*(?=[),])"),
    re.compile(r"(?<=\()\s*(?P<sex>[MFmf])\s*/?\s*(?P<num>\d{2})\s*(?=[),])"),
    re.compile(r"\b(?P<num>\d{2})(?P<sex>[MF])\b"),
    re.compile(r"(?i:\b(?:i['’]?m|i am|me|i)\s+(?:a\s+)?)(?P<num>\d{2})\s?(?P<sex>[mf])\b"),
]
AGE_ORDINAL_RE = re.compile(
    r"(?:\b(?i:my|his|her|their|your|our)|[A-Za-z]['’]s)\s+(?P<num>\d{2})(?:st|nd|rd|th)\b"
    r"(?=\s+birthday|\s*[.,;!?]|\s+(?i:party|bash|celebration|do|dinner|in|next|this|coming|"
    r"is|was|and|he|she|we|they|i)\b)"
)
_BOTH_PAREN_RE = re.compile(r"\(\s*(?i:both|we['’]re\s+both|both\s+aged)\s+(?P<num>\d{2})\s*\)"
                            r"|(?<=,\s)(?i:both|all|both\s+aged)\s+(?P<num2>\d{2})(?=\s*[,.;!?)]|\s+and\b)")
AGE_APPOSITIVE_RE = re.compile(r"(?<=[^\W\d_]),\s(?P<num>\d{1,2})(?:,(?=\s)|(?P<stop>\.)(?=\s|$))")
AGE_PAREN_RE = re.compile(r"(?<=[^\W\d_])\s\((?P<num>\d{1,2})\)")
# "me (Oliver, 38)", "my partner (she/her, 25)", "i (f, 29)": an age closing a bracket
AGE_PAREN_TAIL_RE = re.compile(r"\((?:[^()\d\n]{1,24}),\s*(?P<num>\d{2})\s*\)")
AGE_LIST_RE = re.compile(
    r"(?:\b(?P<ages>ages|aged)\s+|(?<=\bare\s)|(?<=\bwere\s)|(?<=['’]re\s)|(?<=\())"
    r"(?P<nums>\d{1,2}(?:\s*,\s*\d{1,2})*,?\s+(?:and|&)\s+\d{1,2})\b"
    r"(?!\s*(?:%|percent|minutes|hours|days|weeks|months|years|times|pounds|lbs|dollars))",
    re.IGNORECASE,
)

_TOKEN_RE = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_ABBREVIATIONS = frozenset("dr mr mrs ms st mt ft jr sr vs feb jan mar apr jun jul aug sep sept "
                           "oct nov dec approx etc".split())


# --------------------------------------------------------------------------- #
# Document model
# --------------------------------------------------------------------------- #

@dataclass
class _Token:
    start: int
    end: int
    text: str
    sentence_start: bool = False

    @property
    def base(self) -> str:
        t = self.text
        if t.endswith(("'s", "’s")) and len(t) > 2:
            return t[:-2]
        if t.endswith(("'", "’")):
            return t[:-1]
        return t

    @property
    def lower(self) -> str:
        return self.base.lower()

    @property
    def possessive(self) -> bool:
        return self.text != self.base

    @property
    def capitalized(self) -> bool:
        return self.text[0].isupper() and not (len(self.base) > 1 and self.base.isupper())

    @property
    def all_caps(self) -> bool:
        return len(self.base) > 1 and self.base.isupper()


class _Doc:
    def __init__(self, text: str):
        self.text = text
        self.lowercase = False  # read from a truecased copy of a lowercase letter
        self.tokens = [_Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
        for i, tok in enumerate(self.tokens):
            tok.sentence_start = self._starts_sentence(i)
        self.by_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.by_end = {t.end: i for i, t in enumerate(self.tokens)}

    def _starts_sentence(self, i: int) -> bool:
        if i == 0:
            return True
        prev = self.tokens[i - 1]
        gap = self.gap(i)
        if "\n" in gap or ":" in gap or "—" in gap or "–" in gap:
            return True
        if any(c in ".!?" for c in gap):
            if gap.strip() == "." and (prev.lower in _ABBREVIATIONS or len(prev.text) == 1):
                return False
            return True
        stripped = gap.strip()
        if stripped and stripped[-1] in "\"'“‘(":
            return True
        return False

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        if i <= 0:
            return self.text[: self.tokens[0].start] if self.tokens else ""
        return self.text[self.tokens[i - 1].end: self.tokens[i].start]

    def prev_word(self, i: int) -> _Token | None:
        """The token before i when only spaces lie between them."""
        if i > 0 and self.gap(i).strip(" \t") == "":
            return self.tokens[i - 1]
        return None

    def next_word(self, i: int) -> _Token | None:
        if i + 1 < len(self.tokens) and self.gap(i + 1).strip(" \t") == "":
            return self.tokens[i + 1]
        return None

    def index_at(self, offset: int) -> int | None:
        return self.by_start.get(offset)

    def sentence_before(self, offset: int) -> str:
        cut = max(self.text.rfind(c, 0, offset) for c in ".!?\n")
        return self.text[cut + 1: offset]


class _Found:
    def __init__(self, text: str):
        self.text = text
        self.items: list[Proposal] = []

    def overlaps(self, start: int, end: int) -> bool:
        return any(p.start < end and start < p.end for p in self.items)

    def add(self, kind: Kind, start: int, end: int, replacement: str, reason: str | None = None,
            *, core: tuple[int, int] | None = None, fallback: str | None = None) -> bool:
        if start >= end:
            return False
        if self.overlaps(start, end):
            if core is None or self.overlaps(*core):
                return False
            start, end = core
            replacement = fallback if fallback is not None else replacement
        self.items.append(Proposal(kind, start, end, self.text[start:end], replacement,
                                   reason or REASONS[kind]))
        return True

    def result(self) -> list[Proposal]:
        return sorted(self.items, key=lambda p: (p.start, p.end))


# --------------------------------------------------------------------------- #
# Helpers
# --------------------------------------------------------------------------- #

def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" and not word.lower().startswith("one") else "a"


def _with_article(phrase: str) -> str:
    return f"{_article(phrase)} {phrase}"


def _cap_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _parse_number(s: str) -> int | None:
    s = s.lower().strip()
    if s.isdigit():
        return int(s)
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s]
    parts = re.split(r"[- ]", s)
    if parts[0] in TENS_WORDS:
        value = TENS_WORDS[parts[0]]
        if len(parts) > 1:
            if parts[1] not in NUMBER_WORDS:
                return None
            value += NUMBER_WORDS[parts[1]]
        return value
    return None


def _decade(age: int) -> int:
    return min(age // 10 * 10, 90)


def _age_adjective(age: int) -> str:
    if age < 2:
        return "baby"
    if age < 5:
        return "little"
    if age < 13:
        return "young"
    if age < 20:
        return "teenage"
    return f"{_TENS_BY_VALUE[_decade(age)]}-something"


def _age_noun(age: int) -> str:
    if age < 2:
        return "baby"
    if age < 5:
        return "toddler"
    if age < 13:
        return "school-age child"
    if age < 20:
        return "teenager"
    return f"{_TENS_BY_VALUE[_decade(age)]}-something"


def _age_predicate(age: int, possessive: str, plural: bool) -> str:
    if age >= 20:
        return f"in {possessive} {DECADES[_decade(age)]}"
    if age >= 13:
        return "teenagers" if plural else "a teenager"
    if age >= 5:
        return "young children" if plural else "a young child"
    if age >= 2:
        return "toddlers" if plural else "a toddler"
    return "babies" if plural else "a baby"


def _gender_of_word(word: str) -> str | None:
    w = word.lower().rstrip("'’s") if word.lower().endswith(("'s", "’s")) else word.lower()
    w = re.sub(r"^(?:ex-|step-?)", "", w)
    w = re.sub(r"-in-law$", "", w)
    if w in MALE_WORDS:
        return "his"
    if w in FEMALE_WORDS:
        return "her"
    cap = word[:1].upper() + word[1:].lower()
    if cap in MALE_NAMES and cap not in FEMALE_NAMES:
        return "his"
    if cap in FEMALE_NAMES and cap not in MALE_NAMES:
        return "her"
    return None


def _is_relation(word: str) -> bool:
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if w in RELATIONS or (w.endswith("s") and w[:-1] in RELATIONS):
        return True
    if w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
        w = w[:-1]
    for prefix in ("ex-", "step-", "step", "half-"):
        if w.startswith(prefix) and w[len(prefix):] in RELATIONS:
            return True
    if w.endswith("-in-law"):
        return True
    if w.startswith("ex") and w[2:] in RELATIONS:
        return True
    return False


def _is_person_noun(word: str) -> bool:
    return _is_relation(word) or word.lower() in PERSON_NOUNS


_CONTRACTION_RE = re.compile(r"['’](?:ve|re|ll|d|m|t)$", re.IGNORECASE)


def _is_stop(tok: _Token) -> bool:
    lower = tok.lower
    return (bool(_CONTRACTION_RE.search(tok.text)) or lower in STOP_WORDS or tok.text.lower() in STOP_WORDS or lower in MONTH_NAMES
            or lower in DAYS)


# --------------------------------------------------------------------------- #
# Detectors
# --------------------------------------------------------------------------- #

def _strip_trailing(text: str, start: int, end: int, chars: str = ".,;:!?'\"’”") -> int:
    while end > start and text[end - 1] in chars:
        end -= 1
    return end


def _find_emails(doc: _Doc, found: _Found) -> None:
    for m in EMAIL_RE.finditer(doc.text):
        found.add(Kind.EMAIL, m.start(), m.end(), "[email]")


def _find_links(doc: _Doc, found: _Found) -> None:
    text = doc.text
    for m in URL_RE.finditer(text):
        end = _strip_trailing(text, m.start(), m.end())
        if _public_site(text[m.start():end]):
            continue  # "profiles from Shaadi.com": a site everyone uses, nobody's own page
        found.add(Kind.URL, m.start(), end, "[link]")
    for m in SITE_CUE_URL_RE.finditer(text):  # "his site is rohitpaints.in"
        start, end = m.start("url"), _strip_trailing(text, m.start("url"), m.end("url"))
        if "." in text[start:end] and not _public_site(text[start:end]):
            found.add(Kind.URL, start, end, "[link]")
    for m in GLUED_DOMAIN_RE.finditer(text):  # "rahulbakescakes.in"
        label = m.group("label").lower()
        if _is_known_word(label) or "-" not in label and not re.search(r"\d", label) and \
                _is_known_word(label.rstrip("s")):
            continue
        found.add(Kind.URL, m.start(), _strip_trailing(text, m.start(), m.end()), "[link]")
    for m in HANDLE_RE.finditer(text):
        end = _strip_trailing(text, m.start(), m.end())
        found.add(Kind.URL, m.start(), end, "[link]", "a social-media handle")
    for m in QUOTED_HANDLE_RE.finditer(text):
        found.add(Kind.URL, m.start("user"), m.end("user"), "[link]", "a username")
    for m in USERNAME_RE.finditer(text):
        start, end = m.start("user"), _strip_trailing(text, m.start("user"), m.end("user"))
        if _is_known_word(text[start:end].lower()) and not re.search(r"[\d_]", text[start:end]):
            continue  # "my ID is expired", "her insta was private"
        found.add(Kind.URL, start, end, "[link]", "a username")
    for rx in (REDDIT_USER_RE, UNDERSCORED_RE, CASHTAG_RE):
        for m in rx.finditer(text):
            end = _strip_trailing(text, m.start(), m.end())
            found.add(Kind.URL, m.start(), end, "[link]", "a username")


def _public_site(link: str) -> bool:
    """The bare address of a service the lists name by its address ("Shaadi.com",
    "booking.com"), with no path that would lead to someone's own page. A brand's name alone
    is not enough: "a site called feeld.co" is still proposed."""
    if re.match(r"(?i:https?://)", link) or "/" in link:
        return False
    return _normal(re.sub(r"(?i)^www\.", "", link)) in _public_phrases()


def _find_phones(doc: _Doc, found: _Found) -> None:
    for rx in PHONE_RES:
        for m in rx.finditer(doc.text):
            digits = re.sub(r"\D", "", m.group())
            if len(digits) < 7 or len(digits) > 15:
                continue
            found.add(Kind.PHONE, m.start(), m.end(), "[phone]")


def _find_addresses(doc: _Doc, found: _Found) -> None:
    text = doc.text
    spans: list[list[int]] = []
    for rx in ADDRESS_RES:
        for m in rx.finditer(text):
            spans.append([m.start(), m.end()])
    postcodes = {tuple(s) for s in _postcode_spans(text)}
    spans += [list(s) for s in postcodes]
    spans.sort()
    merged: list[list[int]] = []
    for s in spans:
        between = text[merged[-1][1]: s[0]] if merged and s[0] >= merged[-1][1] else ""
        if merged and re.fullmatch(r"[\s,]*", between):
            merged[-1][1] = max(merged[-1][1], s[1])
        elif merged and tuple(s) in postcodes and "\n" not in between and \
                _ADDRESS_JOIN_RE.fullmatch(between):
            # "12 Baker Street, London NW1 6XE": the town between street and postcode
            merged[-1][1] = max(merged[-1][1], s[1])
        elif merged and s[0] < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], s[1])
        else:
            merged.append(s)
    for start, end in merged:
        if re.search(r"\d", text[start:end]):
            # "8 Elm Grove, Palmerston North 4410": a four-digit postcode after the town
            tail = re.match(r",[ \t]*(?:[A-Z][\w'’.-]*[ \t]+){1,3}\d{4}(?![\w%])", text[end:])
            if tail:
                end += tail.end()
        found.add(Kind.ADDRESS, start, end, "[address]")
    for m in NAMED_STREET_RE.finditer(text):
        start = m.start()
        lead = start
        while lead > 0 and text[lead - 1] in " \t":
            lead -= 1
        found.add(Kind.ADDRESS, lead, m.end("street"), "", "a street name",
                  core=(m.start("street"), m.end("street")), fallback="[street]")
    for m in FOREIGN_STREET_RE.finditer(text):
        street = m.group("street")
        if " " not in street and (_is_known_word(street.lower()) or street in FIRST_NAMES or
                                  _in_gazetteers(street.lower()) and not street.endswith(
                                      ("straße", "strasse", "gade", "gatan", "vägen", "veien"))) or \
                _leave_alone(street) or street in _PLACE_SET:
            continue  # "in Brigade", "on Via Appia" is a road everyone knows
        lead = m.start()
        while lead > 0 and text[lead - 1] in " \t":
            lead -= 1
        # with its house number it is an address; alone, a place (as every editor labels it)
        kind = Kind.ADDRESS if re.match(r"\s+\d", text[m.end("street"):]) else Kind.PLACE
        found.add(kind, lead, m.end("street"), "", "a street name",
                  core=(m.start("street"), m.end("street")), fallback="[street]")
    for m in STREET_AFTER_VENUE_RE.finditer(text):
        street = m.group("street")
        words = street.lower().split()
        if len(words[0]) < 4 and street.isascii():
            continue  # short words make a street only with the accents of their language
        if any(w in STOP_WORDS or w in DAYS or w in MONTH_NAMES for w in words) or \
                _leave_alone(street) or street in _PLACE_SET or street in FIRST_NAMES or \
                _is_given_name(words[0]) or _normal(street) in _data("countries.txt"):
            continue  # "the shop on Monday", "the show on Netflix", "the office on Leeds"
        lead = m.start("on")
        while lead > 0 and text[lead - 1] in " \t":
            lead -= 1
        found.add(Kind.ADDRESS, lead, m.end("street"), "", "a street name",
                  core=(m.start("street"), m.end("street")), fallback="[street]")


# a numbered part of a planned town: "in DHA Phase 5", "in Sector 62", "to Gulshan Block 13"
NUMBERED_DISTRICT_RE = re.compile(
    r"\b(?i:in|at|from|to|near|into)\s+(?P<place>(?:[A-Z][\w'’-]*\s+){0,3}"
    r"(?:Phase|Sector|Block|Zone|Extension|Scheme|Colony|(?i:phase|sector|block))\s+(?:[0-9]{1,3}[A-Z]?|[IVX]{1,4})"
    r"(?:-[A-Z0-9]{1,2})?)(?![\w-])")


def _find_numbered_districts(doc: _Doc, found: _Found) -> None:
    text = doc.text
    for m in NUMBERED_DISTRICT_RE.finditer(text):
        words = m.group("place").split()
        if len(words) == 2 and words[0].lower() != "sector":
            continue  # "in phase 2 of the trial", "in Block 2": a stage or a wing, not a place
        lead = m.start()
        while lead > 0 and text[lead - 1] in " \t":
            lead -= 1
        found.items = [p for p in found.items if not (
            p.kind in (Kind.PLACE, Kind.NAME, Kind.ORGANIZATION) and m.start() <= p.start and p.end <= m.end("place"))]
        if found.overlaps(m.start("place"), m.end("place")):
            continue
        found.add(Kind.PLACE, lead, m.end("place"), "", "a part of town (removed with its preposition)",
                  core=(m.start("place"), m.end("place")), fallback="[place]")


def _valid_numeric_date(m: re.Match) -> bool:
    a, b = int(m.group(1)), int(m.group(2))
    year = m.group(3)
    if a == 0 or b == 0 or a > 31 or b > 31 or (a > 12 and b > 12):
        return False
    if (a, b) == (24, 7) and not year:
        return False
    return True


def _find_dates(doc: _Doc, found: _Found) -> None:
    text = doc.text
    for i, rx in enumerate(DATE_RES):
        for m in rx.finditer(text):
            if i == 1 and not _valid_numeric_date(m):
                continue
            start, end = m.start(), m.end()
            before = text[:start]
            on = re.search(r"(?:^|(?<=\s))on\s+$", before)
            if on:
                on_start = on.start()
                while on_start > 0 and text[on_start - 1] in " \t":
                    on_start -= 1
                lead_clause = doc.sentence_before(on.start())
                if _FIXED_DATE_CUES.search(lead_clause):
                    pass
                elif _FUTURE_CUES.search(lead_clause + "on "):
                    if found.add(Kind.DATE, on_start, end, " soon", core=(start, end),
                                 fallback="[date]"):
                        continue
                elif _PAST_CUES.search(lead_clause):
                    if found.add(Kind.DATE, on_start, end, " recently", core=(start, end),
                                 fallback="[date]"):
                        continue
            found.add(Kind.DATE, start, end, "[date]")


def _subject_possessive(doc: _Doc, m: re.Match) -> tuple[str, bool]:
    """Possessive pronoun for the subject of an age ("I'm 34" -> my) and whether plural."""
    if m.group("i") or m.group("i2"):
        return "my", False
    pl = (m.group("pl") or m.group("pl2") or "").lower()
    if pl:
        return {"we": "our", "they": "their", "you": "your", "who": "their"}[pl], True
    p = (m.group("p") or m.group("p2") or m.group("p3") or "").lower()
    if p in ("he", "she"):
        return ("his" if p == "he" else "her"), False
    if p == "who":
        who = m.start()
        idx = None
        for j, t in enumerate(doc.tokens):
            if t.end <= who:
                idx = j
        if idx is not None:
            for t in reversed(doc.tokens[max(0, idx - 3): idx + 1]):
                g = _gender_of_word(t.text)
                if g:
                    return g, False
        return "their", False
    if m.group("both"):
        return "their", True
    w = m.group("w") or m.group("ws")
    if w:
        g = _gender_of_word(w)
        return g or "their", False
    return "their", False


def _find_ages(doc: _Doc, found: _Found) -> None:
    text = doc.text

    for rx in AGE_SEX_RES:
        for m in rx.finditer(text):
            age = int(m.group("num"))
            sex = m.group("sex").upper()
            band = f"{_decade(age)}s" if age >= 20 else "teen"
            found.add(Kind.AGE, m.start("num"), m.end(), f"{band} {sex}")

    for m in AGE_YEAR_OLD_RE.finditer(text):
        age = _parse_number(m.group("num"))
        if age is None or age > 110:
            continue
        if m.group("sing") and m.group("sing").lower() == "month" or \
                m.group("plur") and m.group("plur").lower() == "months":
            age = 0
        start, end = m.start(), m.end()
        num_start = m.start("num")
        rest = text[end:]
        nxt = re.match(r"\s+([a-z][\w-]*)", rest)
        nxt_word = nxt.group(1) if nxt else ""
        adjectival = (m.group("sing") or m.group("yo")) and nxt_word and (
            _is_person_noun(nxt_word) or nxt_word.rstrip("s") in
            {"boy", "girl", "kid", "child", "twin", "toddler", "baby", "dog", "cat", "puppy"})
        if m.group("plur") and not m.group("art"):
            # "52 years old" after a subject is handled below; alone it is just an age.
            pred = AGE_SUBJECT_RE.search(text, max(0, num_start - 40), end)
            if pred and pred.start("num") == num_start:
                continue
            found.add(Kind.AGE, num_start, end, "[age]")
            continue
        if adjectival:
            word = _age_adjective(age)
        else:
            word = _age_noun(age) + ("s" if m.group("s") else "")
        if m.group("art"):
            replacement = _with_article(word)
            if text[start].isupper():
                replacement = _cap_first(replacement)
            found.add(Kind.AGE, start, end, replacement, core=(num_start, end),
                      fallback=word)
        else:
            found.add(Kind.AGE, num_start, end, word)

    for m in AGE_LIST_RE.finditer(text):
        nums = [int(n) for n in re.findall(r"\d+", m.group("nums"))]
        if all(n < 13 for n in nums):
            word = "young"
        elif all(13 <= n < 20 for n in nums):
            word = "teenagers"
        elif all(n >= 20 for n in nums):
            word = "adults" if m.group("ages") else "grown"
        else:
            word = "of different ages"
        if m.group("ages"):
            both = "both" if len(nums) == 2 else "all"
            found.add(Kind.AGE, m.start(), m.end(), f"{both} {word}")
        else:
            found.add(Kind.AGE, m.start("nums"), m.end("nums"), word)

    for m in AGE_SUBJECT_RE.finditer(text):
        age = _parse_number(m.group("num"))
        if age is None or age > 110:
            continue
        if m.group("w"):
            w = m.group("w").lower()
            if w in ("it", "this", "that", "there", "which", "what", "score", "number", "rent",
                     "time", "price", "count", "total"):
                continue
            if re.fullmatch(r"\d+", m.group("num")) is None and age < 13 and not (
                    _is_relation(w) or m.group("w")[:1].isupper() and _is_given_name(w)):
                # "he is one of" is common; "my son is seven" is an age
                continue
        if m.group("ws"):  # "Dani's 38": a person's, not "That's 38" nor "It's 10"
            w = m.group("ws").lower()
            if (w in STOP_WORDS and not _is_relation(w)) or w in TEXTING or \
                    not re.fullmatch(r"\d+", m.group("num")):
                continue
        if m.group("both") and (not re.fullmatch(r"\d+", m.group("num")) or age < 13):
            continue
        if m.group("p") and m.group("p").lower() == "it":
            continue
        before = text[max(0, m.start() - 12): m.start()].lower()
        if re.search(r"\b(?:until|till|til|unless|once|by the time)\s*$", before):
            continue
        start, end = m.start("num"), m.end("tail")
        if m.group("turn"):
            found.add(Kind.AGE, start, end, "[age]")
            continue
        possessive, plural = _subject_possessive(doc, m)
        found.add(Kind.AGE, start, end, _age_predicate(age, possessive, plural))

    for m in _BOTH_PAREN_RE.finditer(text):  # "Thabo and I (both 31)", "Hamid and Leila, both 36,"
        g = "num" if m.group("num") else "num2"
        found.add(Kind.AGE, m.start(g), m.end(g), _age_predicate(int(m.group(g)), "their", True))

    for m in AGE_ORDINAL_RE.finditer(text):
        found.add(Kind.AGE, m.start("num"), m.end(), "milestone", "an exact age (a birthday)")

    for m in AGE_APPOSITIVE_RE.finditer(text):
        age = int(m.group("num"))
        before_idx = doc.by_end.get(m.start())
        if before_idx is None:
            continue
        tok = doc.tokens[before_idx]
        # "Geoff here, 61,": the writer names himself; "Duarte is Portuguese, 37,": a people
        here = tok.lower == "here" and before_idx > 0 and doc.tokens[before_idx - 1].capitalized
        people = tok.capitalized and _normal(tok.text) in _data("countries.txt")
        if not (_is_person_noun(tok.text) or tok.capitalized and not _is_stop(tok) or here or people):
            continue
        if m.group("stop") and (not tok.capitalized or _is_stop(tok)):
            continue  # "Kenta, 7." ends a sentence; "page 7." does not follow a name
        if age < 13:
            found.add(Kind.AGE, m.start(), m.end("num") if m.group("stop") else m.end(), "")
        else:
            g = _gender_of_word(tok.text) or "their"
            found.add(Kind.AGE, m.start("num"), m.end("num"), _age_predicate(age, g, False))

    for m in AGE_PAREN_TAIL_RE.finditer(text):
        if 13 <= int(m.group("num")) <= 99:
            found.add(Kind.AGE, m.start("num"), m.end("num"), "[age]")

    for m in AGE_PAREN_RE.finditer(text):
        prev = re.search(r"([\w'’-]+)$", text[: m.start()])
        if not prev:
            continue
        word = prev.group(1)
        if not (_is_person_noun(word) or word[:1].isupper()):
            continue
        found.add(Kind.AGE, m.start(), m.end(), "")


def _org_span_and_kind(doc: _Doc, start: int, end: int, category: str) -> tuple[int, int, str]:
    """Widen an organization span over "the" before it and a workplace noun after it."""
    text = doc.text
    m_the = re.search(r"\b[Tt]he\s+$", text[:start])
    m_noun = re.match(r"(?:['’]s)?\s+([a-z]+)\b", text[end:])
    if m_noun and m_noun.group(1) in WORK_NOUNS:
        noun = m_noun.group(1)
        new_start = m_the.start() if m_the else start
        return new_start, end + m_noun.end(), _with_article(noun)
    replacement = ORG_REPLACEMENT[category]
    if m_the:
        return m_the.start(), end, replacement
    return start, end, replacement


_AND_CO_RE = re.compile(r"\s*(?:&|and)\s+(?i:co|sons|daughters|partners|associates|friends)\b\.?")


def _add_org(doc: _Doc, found: _Found, start: int, end: int, category: str) -> None:
    tail = _AND_CO_RE.match(doc.text, end)  # "Crumb & Co", "Patel and Sons": the whole firm
    if tail:
        end = _strip_trailing(doc.text, start, tail.end())
    s, e, replacement = _org_span_and_kind(doc, start, end, category)
    if doc.text[s:s + 1].isupper() and doc.tokens and (doc.index_at(s) is not None and
                                                       doc.tokens[doc.index_at(s)].sentence_start):
        replacement = _cap_first(replacement)
    found.add(Kind.ORGANIZATION, s, e, replacement, core=(start, end),
              fallback=ORG_REPLACEMENT[category])


def _org_name_re(names: Iterable[str]) -> re.Pattern:
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alts + r")(?![\w-]|'s\b(?=\s+[a-z]))")


ORGS_ALWAYS_RE = _org_name_re(ORGS_ALWAYS)
ORGS_IN_CONTEXT_RE = _org_name_re(ORGS_IN_CONTEXT)
_ORG_PREFIX_WORD = r"(?:(?:St|Mt|Ft)\.\s|[A-Z][A-Za-z'’&.-]*\s|of\s|&\s)"
ORG_SUFFIX_RE = re.compile(
    r"\b(?P<suffix>" + "|".join(re.escape(s) for s, _ in ORG_SUFFIXES) + r")\b\.?"
)
UNIVERSITY_OF_RE = re.compile(
    r"\b(?:University|College)\s+of\s+(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?"
    r"(?:\s*[,-]\s*[A-Z][a-z]+(?=\s|[.,;!?]))?"
)
JOB_NOUNS = (
    r"paramedics?|librarians?|solicitors?|lawyers?|attorneys?|barristers?|doctors?|gps?|dentists?|"
    r"plumbers?|electricians?|builders?|carpenters?|joiners?|painters?|labou?rers?|"
    r"firefighters?|fire\s?fighters?|police\s+officers?|soldiers?|sergeants?|midwi(?:fe|ves)|"
    r"carers?|porters?|security\s+guards?|lecturers?|researchers?|scientists?|optometrists?|"
    r"opticians?|physios?|physiotherapists?|architects?|designers?|editors?|journalists?|"
    r"reporters?|producers?|directors?|partners?|associates?|trainees?|apprentices?|"
    r"assistants?|secretar(?:y|ies)|administrators?|coordinators?|supervisors?|foreman|"
    r"operators?|couriers?|postman|postie|dispatchers?|surgeons?|registrars?|locums?|"
    r"coach(?:es)?|trainers?|instructors?|tutors?|janitors?|caretakers?|bakers?|butchers?|"
    r"florists?|barbers?|beauticians?|counsell?ors?|social\s+workers?|caseworkers?|rangers?|"
    r"groomers?|tellers?|bankers?|brokers?|realtors?|estate\s+agents?|recruiters?|"
    r"programmers?|welders?|machinists?|miners?|farmers?|fishermen|fisherman|sailors?|pilots?|"
    r"flight\s+attendants?|truck\s+drivers?|lorry\s+drivers?|bus\s+drivers?|cabbies?|"
    r"chauffeurs?|hosts?|hostesses|dispensers?|sales\s+assistants?|shop\s+assistants?|"
    r"managers?|owners?|chefs?|cooks?|servers?|bar\s?staff|bar\s?tenders?|baristas?|"
    r"nann(?:y|ies)|au\s+pairs?|childminders?|support\s+workers?|healthcare\s+assistants?|"
    r"hcas?|admin|receptionists?|cashiers?|clerks?|cleaners?|nurses?|teachers?|"
    r"teaching\s+assistants?|accountants?|engineers?|developers?|analysts?|consultants?|"
    r"technicians?|mechanics?|drivers?|officers?|volunteers?|players?|captains?|members?"
)
# "a paramedic with EHS", "drives for Bus Éireann": a capitalized name after at/for/with, then
# a job noun (or "drives for") right before it; found in two steps, since few places qualify
_AT_NAME_RE = re.compile(
    r"\s(?i:at|for|with)\s+(?:[Tt]he\s+)?(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)")
_JOB_BEFORE_RE = re.compile(
    r"\b(?i:(?:" + JOB_NOUNS + r")|(?:drives?|drove|driving|plays?|played|playing|signed|"
    r"articles|pupillage|residency|rotation|placement|contract|trains?|training)"
    r"(?:\s+[\w'’-]+){0,3}?)$")


# "we met at Iron Republic in Swindon": a named place of business in a town
VENUE_IN_PLACE_RE = re.compile(
    r"\b(?i:at)\s+(?:[Tt]he\s+)?(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&)){0,3})"
    r"(?=\s+(?:in|on|near)\s+(?:the\s+)?[A-Z])")


def _job_at_matches(text: str) -> list[re.Match]:
    return [m for m in _AT_NAME_RE.finditer(text)
            if _JOB_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())]


WORK_CONTEXT_RE = re.compile(
    r"\b(?i:" + WORK_CUES + r")\b(?:\s+[\w'’-]+){0,4}?\s+(?i:at|for|from|with|by|to|into)\s+"
    r"(?:[Tt]he\s+)?(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)"
)


# A learner's English names an employer with other prepositions and the kind of firm before
# it: "works in the company Nokia", "I work in the bank Itaú", "works as driver in Al Futtaim"
WORK_IN_THE_KIND_RE = re.compile(
    r"\b(?i:work|works|worked|working|employed|job)\s+(?:(?i:as)\s+(?:an?\s+)?[a-z]+(?:\s+[a-z]+)?\s+)?"
    r"(?i:in|at|by|for|with)\s+(?i:the|a)\s+(?i:company|firm|bank|corporation|factory|plant|group|"
    r"concern|enterprise|supermarket|shop|store|hospital|clinic|school|agency|studio)\s+"
    r"(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)")
WORK_AS_IN_RE = re.compile(
    r"\b(?i:work|works|worked|working)\s+(?i:as)\s+(?:an?\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?i:in)\s+"
    r"(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)")


# "we both work in Bangsar, him at Grab and me at a design studio": two employers side by side
# after a work cue, each after its person
_PAIR_PERSON = r"(?:him|her|he|she|me|i|I|myself|my\s+(?:wife|husband|partner|boyfriend|girlfriend|bf|gf))"
WORK_PAIR_RE = re.compile(
    r"\b(?i:work|works|working|worked|jobs|employed)\b[^.!?\n]{0,40}?[,;:]\s*" + _PAIR_PERSON +
    r"\s+(?i:at|for)\s+(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)[,]?\s+(?i:and|&|while)\s+"
    + _PAIR_PERSON + r"\s+(?i:at|for)\b")


_PAIR_BEFORE_RE = re.compile(
    r"\b(?i:work|works|working|worked|jobs|employed)\b[^.!?\n]{0,40}?[,;:]\s*" + _PAIR_PERSON +
    r"\s+(?i:at|for)\s+(?:[^.!?\n]{1,40}?\s(?i:and|&|while)\s+" + _PAIR_PERSON + r"\s+(?i:at|for)\s+)?$")
# and the second of the pair: "..., me at Primark and her at Lidl"
WORK_PAIR_SECOND_RE = re.compile(
    r"\b(?i:work|works|working|worked|jobs|employed)\b[^.!?\n]{0,40}?[,;:]\s*" + _PAIR_PERSON +
    r"\s+(?i:at|for)\s+[^.!?\n]{1,40}?\s(?i:and|&|while)\s+" + _PAIR_PERSON + r"\s+(?i:at|for)\s+"
    r"(?:the\s+)?(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)")


def _is_place_name(name: str) -> bool:
    """A town, a region, a country or a people, in any list: "works as a nurse in Tromsø"."""
    lower = _normal(name)
    return name in _PLACE_SET or lower in _data("countries.txt") or lower in _data("regions.txt") \
        or any(lower in part for part in _gazetteer("places.txt"))


_ORG_NAME_WORDS = r"[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&|de|da|do|la|le))*"
# "our church, Igreja Nova Vida," "the pub, the Wheatsheaf"; "runs Core Studio", "co-own Fadez"
_WHERE_IT_STANDS = r"(?:\s+(?i:on|in|off|near|by)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?"
ORG_APPOSITION_RE = re.compile(
    r"\b(?i:pub|bar|church|parish|congregation|school|gym|club|firm|company|business|shop|store|"
    r"cafe|café|restaurant|salon|clinic|practice|employer|team|band|studio|bakery|garage|"
    r"charity|agency|mosque|temple|synagogue|call\s+cent(?:er|re)|factory|warehouse|hotel|"
    r"takeaway|office)s?" + _WHERE_IT_STANDS + r"\s*,\s+(?:the\s+)?(?P<org>" + _ORG_NAME_WORDS + r")"
    r"(?=\s*[,.;!?)]|\s+(?:in|on|at|near|off|where|which|who|and)\b)")
ORG_OWNER_RE = re.compile(
    r"\b(?i:runs|ran|run|running|owns|owned|own|co-owns?|co-owned|manages|managed|manage|"
    r"managing|founded|"
    r"opened|started)\s+(?:the\s+)?(?P<org>" + _ORG_NAME_WORDS + r")")
WORKPLACE_NAMED_RE = re.compile(
    r"\b(?i:shop|store|business|company|firm|salon|restaurant|bakery|gym|studio|practice|"
    r"daycare|boutique|agency|cafe|café|bar|office|startup|pub|chippy|chip\s+shop|takeaway|"
    r"team|club|band|church|charity|farm|garage|clinic|nursery|school|hotel|hostel|venue|stall|"
    r"brand|label|firm|league|choir|group|gallery|centre|center)" + _WHERE_IT_STANDS +
    r"\s+(?:is\s+called|is\s+named|called|"
    r"named|is)\s+(?:[Tt]he\s+)?(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)"
)


_VENUE_NOUNS = (r"club|church|chapel|parish|congregation|mosque|temple|gurdwara|synagogue|gym|pub|bar|"
                r"nightclub|cafe|café|restaurant|school|college|university|uni|hospital|clinic|"
                r"practice|firm|company|startup|start-up|agency|charity|salon|studio|academy")
# "the tennis club LTC Bilthoven" (with "called", WORKPLACE_NAMED_RE reads it)
ORG_AFTER_NOUN_RE = re.compile(
    r"\b(?i:the|a|my|our|his|her|their)\s+(?:[a-z]+\s+)?(?i:" + _VENUE_NOUNS + r")\s+"
    r"(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)(?![\w'’])")
# "at Ebenezer, the Presbyterian church in Osu", "in Shoreditch, Fabric, the club"
ORG_BEFORE_NOUN_RE = re.compile(
    r"\b(?i:at|to|in|from|joined)\s+(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*),\s+"
    r"(?i:the|a|our|my|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?i:" + _VENUE_NOUNS + r")"
    r"(?=\s*[,.;!?)]|\s+(?:in|on|at|near|where|which|that|we|i|I)\b)")
# "after service at Christ Embassy Ikeja", "mass at Holy Name": where the writer worships
WORSHIP_AT_RE = re.compile(
    r"\b(?i:services?|mass|worship|prayers|fellowship|bible\s+study|sunday\s+school|youth\s+group|"
    r"cell\s+group|choir(?:\s+practice)?)\s+(?i:at)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&))*)")
# "we met at Northwestern in 2013": where two people met is a school, a workplace or a venue
MET_AT_RE = re.compile(
    r"\b(?i:met|meet|meeting)\s+(?:(?:each\s+other|him|her|them|first|back)\s+)?(?i:at)\s+"
    r"(?P<org>[A-Z][\w&-]*(?:\s+(?:[A-Z][\w&-]*|of|&))*)(?![\w'’])")


SAINT_RE = re.compile(r"\b(?:St\.?|Saint)\s+[A-Z][a-z]+(?:\s+the\s+[A-Z][a-z]+)?(?:['’]s|(?<=[^s]s))(?!\s+(?:Day|Eve)\b)"
                      r"(?!\s+[A-Z])")


# a parish, or the school or hospital named after it: "Holy Trinity", "Sacred Heart", "Our Lady
# of Lourdes", "Christ the King"
DEDICATION_RE = re.compile(
    r"\b(?:Holy\s+(?:Trinity|Family|Cross|Spirit|Name|Rosary|Redeemer|Innocents|Ghost|Angels)|"
    r"Sacred\s+Heart|Our\s+Lady(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?|"
    r"Christ\s+the\s+King|Immaculate\s+(?:Conception|Heart)|Corpus\s+Christi|"
    r"Blessed\s+Sacrament|Precious\s+Blood)(?:\s+(?:Church|Parish|School|College|Primary|"
    r"Catholic\s+School|Hospital|Academy|High(?:\s+School)?))?\b")
_LOWER_DEDICATION_RE = re.compile(DEDICATION_RE.pattern.replace("[A-Z][a-z]+", "[a-z]+"),
                                  re.IGNORECASE)


def _find_organizations(doc: _Doc, found: _Found) -> None:
    text = doc.text
    for m in DEDICATION_RE.finditer(text):
        if not re.search(r"\b(?i:Day|Mass|feast)\s*$", text[m.end(): m.end() + 6]):
            category = "school" if re.search(r"School|College|Primary|Academy|High", m.group()) \
                else "hospital" if m.group().endswith("Hospital") else "church"
            _add_org(doc, found, m.start(), m.end(), category)
    # "We go to St. Brendan's": a parish, a school or a hospital known by its saint
    for m in SAINT_RE.finditer(text):
        nxt = re.match(r"\s+([a-z]+)", text[m.end():])
        category = "church"
        if nxt and nxt.group(1) in ("school", "academy", "college", "hospital", "clinic"):
            category = {"academy": "school"}.get(nxt.group(1), nxt.group(1))
        _add_org(doc, found, m.start(), m.end(), category)
    suffix_category = dict(ORG_SUFFIXES)
    states = {s for s in US_STATES} | {"Penn", "Boise", "Weber", "Dixie", "Ball", "Kent",
                                      "Wayne", "Wright", "Portland", "San Diego", "Iowa"}

    for m in UNIVERSITY_OF_RE.finditer(text):
        _add_org(doc, found, m.start(), m.end(), "university")

    for m in ORGS_ALWAYS_RE.finditer(text):
        _add_org(doc, found, m.start(), m.end(), ORGS_ALWAYS[m.group()])

    # "<Capitalized words> High School", "... Hospital", "Ohio State"
    for m in ORG_SUFFIX_RE.finditer(text):
        suffix = m.group("suffix")
        idx = doc.index_at(m.start())
        if idx is None:
            continue
        j = idx
        while j > 0:
            prev = doc.tokens[j - 1]
            gap = doc.gap(j)
            if gap == "' " and prev.text.endswith("s"):
                pass  # "Rhenish Girls' High"
            elif gap == "&" and len(prev.text) <= 2 and len(doc.tokens[j].text) <= 2 and \
                    prev.text.isupper():
                j -= 1  # "J&M Electrical", "A&B Plumbing": initials joined by an ampersand
                continue
            elif gap not in (" ", ". ") or (gap == ". " and prev.lower not in ("st", "mt", "ft")):
                break
            if prev.lower in ("of", "&", "and") and j - 1 > 0:
                j -= 1
                continue
            if not (prev.text[0].isupper() and (prev.text not in ("I",))):
                break
            if _is_stop(prev) and prev.lower not in ("st", "mt", "ft", "north", "south", "east",
                                                     "west") and not (
                    prev.lower in ("first", "second", "third") and
                    suffix_category[suffix] == "church"):
                break
            j -= 1
            if idx - j >= 4:
                break
        while j < idx and doc.tokens[j].lower in ("of", "&", "and"):
            j += 1
        if j == idx:
            continue  # a bare "School" or "High"
        prefix = text[doc.tokens[j].start: m.start()].strip()
        if suffix == "State" and prefix not in states:
            continue
        if suffix in ("Center", "Health") and not re.search(r"[A-Z]", prefix):
            continue
        after = text[m.end(): m.end() + 12]
        if re.match(r"\s+(?:Street|St\b|Avenue|Road|Park|Line)", after):
            continue
        end = m.end() if not m.group().endswith(".") else m.end() - 1
        if suffix in ("Corp", "Inc") and text[end:end + 1] == ".":
            end += 1
        _add_org(doc, found, doc.tokens[j].start, end, suffix_category[suffix])

    for m in ORGS_IN_CONTEXT_RE.finditer(text):
        before = text[max(0, m.start() - 60): m.start()]
        if re.search(r"\b(?:" + WORK_CUES + r")\b(?:\s+[\w'’-]+){0,4}?\s+(?:at|for|from|with|by)"
                     r"\s+(?:the\s+)?$", before, re.IGNORECASE):
            _add_org(doc, found, m.start(), m.end(), ORGS_IN_CONTEXT[m.group()])

    venues = [m for m in VENUE_IN_PLACE_RE.finditer(text)
              if not m.group("org").endswith(("'s", "’s")) and not _in_gazetteers(m.group("org").lower())]
    matches = list(WORK_CONTEXT_RE.finditer(text)) + _job_at_matches(text) + venues + \
        list(WORKPLACE_NAMED_RE.finditer(text)) + \
        [m for m in ORG_APPOSITION_RE.finditer(text) if not _is_given_name(
            m.group("org").split()[0].lower()) and not (
            # "a factory in Slough, Berkshire,": after a town, a county or a town goes on
            re.search(r"\s(?i:on|in|off|near|by)\s", m.group()[: m.start("org") - m.start()]) and
            _is_place_name(m.group("org").split(",")[0]))] + list(ORG_OWNER_RE.finditer(text)) + \
        list(WORK_IN_THE_KIND_RE.finditer(text)) + list(WORK_PAIR_RE.finditer(text)) + \
        list(WORK_PAIR_SECOND_RE.finditer(text)) + [
            m for m in WORK_AS_IN_RE.finditer(text) if not _is_place_name(m.group("org")) and
            not all(_is_known_word(w.lower()) for w in m.group("org").split()) and
            # "works as pharmacist in Croix-Rousse at the Pharmacie ...": the employer comes next
            not re.match(r"\s+(?i:at|for|with)\b", text[m.end():])]
    _find_venues_by_their_nouns(doc, found)
    _find_names_before_their_nouns(doc, found)
    for m in matches:
        org = m.group("org")
        start = m.start("org")
        words = org.split()
        # stop before words that are not part of a name
        keep = []
        for w in words:
            bare = w.rstrip(".,")
            if bare.lower() in ("of", "&"):
                keep.append(w)
                continue
            if not keep and w is words[0] and bare[:1].isupper() and bare.isalpha() and \
                    bare.lower() in STOP_WORDS \
                    and bare.lower() not in FUNCTION_WORDS and bare.lower() not in MONTH_NAMES \
                    and bare.lower() not in DAYS and bare != "I" and doc.index_at(start) is not None \
                    and not doc.tokens[doc.index_at(start)].sentence_start:
                keep.append(w)  # "works at Next", "at Two Birds": a capital mid-sentence
                continue
            if bare.lower() in STOP_WORDS or bare.lower() in MONTH_NAMES or \
                    bare.lower() in DAYS or bare.lower()[:-1] in DAYS or bare in COUNTRY_SET:
                break  # "I work in the shop Saturdays"
            keep.append(w)
        while keep and keep[-1].lower() in ("of", "&"):
            keep.pop()
        if not keep:
            continue
        if keep[0] in ("I",) or keep[0].lower() in FUNCTION_WORDS:
            continue
        name = " ".join(keep)
        end = start + len(name)
        end = _strip_trailing(text, start, end, ".,'’")
        if text[start:end] in _PLACE_SET or text[start:end] in FIRST_NAMES:
            continue
        category = ORGS_ALWAYS.get(text[start:end]) or ORGS_IN_CONTEXT.get(text[start:end]) \
            or "workplace"
        _add_org(doc, found, start, end, category)


_VENUE_KIND = {"uni": "university", "academy": "school", "nightclub": "club", "pub": "bar",
               "school": "school", "college": "college", "university": "university",
               "club": "club", "bar": "bar", "gym": "gym"}

_GENERIC_VENUE_RE = re.compile(
    r"(?i:study|group|class|classes|school|college|university|uni|church|chapel|temple|mosque|"
    r"synagogue|work|club|camp|gym|prom|training|orientation|freshers|induction|rehab|therapy|"
    r"lunch|dinner|breakfast|brunch|home|hospital|court|mass|service|practice)")


def _venue_name_words(name: str) -> str:
    """The name a venue cue caught, without the everyday words after it ("Uni Monday")."""
    words = name.split()
    while words and (words[-1].lower() in STOP_WORDS or words[-1].lower() in ("of", "&") or
                     words[-1].lower() in DAYS or words[-1].lower() in MONTH_NAMES):
        words.pop()
    if not words or words[0] in FIRST_NAMES or _is_given_name(words[0].lower()) or \
            words[0].lower() in FUNCTION_WORDS or len(words) == 1 and words[0].lower() in STOP_WORDS \
            or _leave_alone(" ".join(words)):
        return ""  # "the gym Sam goes to", "met at Christmas"; "Christ Embassy" is a name
    if all(_is_known_word(w.lower()) for w in words) and _GENERIC_VENUE_RE.fullmatch(words[-1]):
        return ""  # "met at University", "after Bible Study": a capital on an everyday word
    return " ".join(words)


# "the Dumont hospital", "Rönnens förskola": a name before the lowercase noun that says what it
# is, in English or in the writer's own language (the name goes, the noun stays)
_FOREIGN_VENUE_NOUNS = (r"förskola|forskola|skola|grundskola|gymnasiet|skole|barnehage|børnehave|"
                        r"kirke|kyrka|kirche|gemeente|kerk|kita|grundschule|schule|krankenhaus|"
                        r"klinik|sjukhus|sykehus|przedszkole|liceum|okulu|lisesi|camii|basisschool")
NAME_BEFORE_NOUN_RE = re.compile(
    r"(?<![\w'’-])(?P<org>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?P<noun>hospital|clinic|"
    r"church|chapel|cathedral|mosque|temple|gurdwara|synagogue|school|academy|surgery|hotel|pub|"
    r"nursery|daycare|" + _FOREIGN_VENUE_NOUNS + r")\b")
# "Colegio San Ignacio", "École Jules Ferry", "Liceo Manzoni": the noun first, in its language
FOREIGN_NOUN_FIRST_RE = re.compile(
    r"\b(?P<noun>Colegio|Colégio|Escola|Escuela|École|Ecole|Lycée|Lycee|Collège|Liceo|Scuola|"
    r"Istituto|Instituto|Szkoła|Przedszkole|Liceum|Gimnazjum|Grundschule|Gesamtschule|Gymnasium|"
    r"Kita|Igreja|Iglesia|Parroquia|Paróquia|Chiesa|Église|Eglise|Ospedale|Hôpital|Hopital|"
    r"Klinikum|Krankenhaus|Clínica|Universidad|Universidade|Università|Université|Universität|"
    r"Uniwersytet|"
    # a firm, a bank or a place to eat, named the same way: "Banco Popular do Norte", "Tasca do Zé"
    r"Cooperativa|Coopérative|Banco|Banca|Caixa|Tasca|Taberna|Taverna|Trattoria|Osteria|Pastelaria|"
    r"Padaria|Panadería|Panaderia|Pastelería|Pasteleria|Librería|Livraria|Farmacia|Farmácia|Pharmacie|"
    r"Boulangerie|Pâtisserie|Supermercado|Restaurante|Ristorante|Empresa|Fundación|Fundação|Fondazione|"
    r"Associação|Asociación|Associazione|Bodega|Pousada|Posada|Hostal)\s+"
    r"(?P<org>(?:(?:de|do|da|dos|das|del|di|della|la|le|les|am|an\s+der|im|"
    r"nr\.?\s*\d+|St\.?|Ste\.?|Santa|San|São|Saint|Sainte)\s+)*[A-Z0-9][\w'’-]*"
    r"(?:\s+(?:[A-Z][\w'’-]*|de|do|da|del|di|la)){0,3})")
# what kind of school, church or hotel it is, not which one: "the Montessori school", "the
# Jesuit school", "the Islamic school", "the Orthodox church"
_KIND_BEFORE_NOUN = frozenset(_words("""
    montessori steiner waldorf reggio froebel islamic jesuit quaker mennonite amish adventist anglican lutheran presbyterian pentecostal
    episcopal orthodox coptic maronite evangelical catholic protestant baptist methodist
    reformed calvinist unitarian charismatic hasidic sephardic ashkenazi sikh hindu jain
    buddhist shia sunni sufi ismaili ahmadiyya salafi bahai baha'i mormon
"""))
_FOREIGN_SCHOOL_NOUNS = frozenset(_words("""
    colegio colégio escola escuela école ecole lycée lycee collège liceo scuola istituto instituto
    szkoła przedszkole liceum gimnazjum grundschule gesamtschule gymnasium kita
"""))
_FOREIGN_EATING_NOUNS = frozenset(_words("""
    tasca taberna taverna trattoria osteria pastelaria padaria panadería panaderia pastelería
    pasteleria boulangerie pâtisserie restaurante ristorante bodega
"""))
_FOREIGN_NOUN_KIND = {"hospital": "hospital", "clinic": "clinic", "klinik": "clinic", "klinikum": "hospital",
                      "krankenhaus": "hospital", "ospedale": "hospital", "hôpital": "hospital",
                      "hopital": "hospital", "clínica": "clinic", "igreja": "church",
                      "iglesia": "church", "parroquia": "church", "paróquia": "church",
                      "chiesa": "church", "église": "church", "eglise": "church"}


def _find_names_before_their_nouns(doc: _Doc, found: _Found) -> None:
    text = doc.text
    for m in NAME_BEFORE_NOUN_RE.finditer(text):
        words = m.group("org").split()
        noun = m.group("noun")
        foreign = re.fullmatch(_FOREIGN_VENUE_NOUNS, noun) is not None
        idx = doc.index_at(m.start())
        if idx is None or doc.tokens[idx].sentence_start and _is_known_word(words[0].lower()):
            continue
        if re.search(r"\b(?i:a|an|any|some|every|another)\s+$", text[max(0, m.start() - 8): m.start()]):
            continue  # "a Montessori school", "an Anglican church": a kind, not one place
        if any(w.endswith(("'s", "’s", "s'")) or w.lower() in STOP_WORDS or w.lower() in DAYS or
               w.lower() in _KIND_BEFORE_NOUN or
               w.lower() in MONTH_NAMES or w in FIRST_NAMES or _is_given_name(w.lower()) or
               _is_relation(w.lower()) for w in words):
            continue  # "Ben's school", "Sunday school", "Catholic church", "Jake's gym"
        name = " ".join(words)
        lower = _normal(name)
        if _leave_alone(name) or any(_leave_alone(w) for w in words) or name in _PLACE_SET or \
                lower in _data("regions.txt") or \
                not foreign and all(_is_known_word(w.lower()) for w in words):
            continue  # "the Polish school", "the Leeds hospital", "the General hospital"
        end = m.end("org")
        if text[end:end + 1] == " ":
            end += 1
        found.add(Kind.ORGANIZATION, m.start("org"), end, "",
                  "an employer or school's name (the kind of place is kept)")
    for m in FOREIGN_NOUN_FIRST_RE.finditer(text):
        noun = m.group("noun").lower()
        category = _FOREIGN_NOUN_KIND.get(noun) or (
            "university" if noun.startswith("univ") else "school" if noun in _FOREIGN_SCHOOL_NOUNS
            else "bank" if noun in ("banco", "banca", "caixa") else "restaurant"
            if noun in _FOREIGN_EATING_NOUNS else "organization")
        _add_org(doc, found, m.start(), m.end("org"), category)


def _find_venues_by_their_nouns(doc: _Doc, found: _Found) -> None:
    """A venue named beside the noun that says what it is ("the tennis club LTC Bilthoven",
    "Ebenezer, the Presbyterian church"), where someone worships ("service at Daystar") or
    where a couple met ("met at Dalhousie"). The whole capitalized name is kept: "Fountain
    of Life" is one name, not "Fountain" before an everyday word."""
    text = doc.text
    for m in ORG_AFTER_NOUN_RE.finditer(text):
        # the noun already says what it is, so the name goes and the noun stays
        name = _venue_name_words(m.group("org"))
        if name:
            end = _strip_trailing(text, m.start("org"), m.start("org") + len(name))
            found.add(Kind.ORGANIZATION, m.start("org") - 1, end, "",
                      "an employer or school's name (the kind of place is kept)")
    for rx in (ORG_BEFORE_NOUN_RE, WORSHIP_AT_RE, MET_AT_RE):
        for m in rx.finditer(text):
            name = _venue_name_words(m.group("org"))
            start = m.start("org")
            end = _strip_trailing(text, start, start + len(name), ".,'’")
            if not name or text[start:end] in _PLACE_SET:
                continue
            noun = re.search(r"\b(?i:school|college|university|uni|academy|club|nightclub|pub|bar|"
                             r"gym)\b", m.group()[m.end("org") - m.start():])
            category = ORGS_ALWAYS.get(text[start:end]) or ORGS_IN_CONTEXT.get(text[start:end]) or (
                _VENUE_KIND[noun.group().lower()] if noun else
                "church" if rx is not MET_AT_RE else "organization")
            _add_org(doc, found, start, end, category)


_PLACE_SET = frozenset(_PLACE_ENTRIES)
PLACE_LIST_RE = re.compile(
    r"(?:" + "|".join(re.escape(p) for p in _PLACE_ENTRIES) + r")(?![\w-])"
)
_STATE_TAIL_RE = re.compile(
    r",\s*(?:" + "|".join(re.escape(s) for s in sorted(US_STATES, key=len, reverse=True)) +
    r"|" + "|".join(sorted(STATE_ABBREVIATIONS)) + r")(?![\w-])"
    # "Mesa Arizona": a full state name needs no comma
    r"|[ \t]+(?:" + "|".join(re.escape(s) for s in sorted(US_STATES, key=len, reverse=True)) +
    r")(?![\w-])"
)


_SELF_INTRO_RE = re.compile(
    r"(?i:(?:^|[^\w'’])(?:i['’]?m|i\s+am|my\s+name\s+is|my\s+name['’]?s|my\s+names|this\s+is|"
    r"(?:call|calls|called)\s+me|(?:it['’]?s|its)\s+(?:me,?\s+)?)\s+)$")
# what follows a name given in an introduction: a comma, an age, "and", "but", "from"
_SELF_INTRO_AFTER_RE = re.compile(
    r"(?:\s+[A-Z][\w'’-]+)?(?:\s*[,.;:!?)(]|\s+(?i:and|but|from|here|again|too|to|by|now|"
    r"\d))")


class _NameFinder:
    """The word-by-word pass for names and places."""

    def __init__(self, doc: _Doc, found: _Found):
        self.doc = doc
        self.found = found
        self.text = doc.text
        self.toks = doc.tokens
        self.relation_of: dict[str, str] = {}
        self.seen_names: set[str] = set()
        self.done_until = 0

    # -- small predicates ------------------------------------------------- #
    def claimed(self, i: int) -> bool:
        t = self.toks[i]
        return self.found.overlaps(t.start, t.end)

    def nameish(self, i: int) -> bool:
        """Capitalized, not a stop word, not an acronym."""
        t = self.toks[i]
        return t.capitalized and not _is_stop(t) and not t.base[:1].isdigit()

    def place_match(self, i: int) -> int | None:
        t = self.toks[i]
        m = PLACE_LIST_RE.match(self.text, t.start)
        if m and self.doc.index_at(m.start()) is not None:
            return self._state_tail(m.end())
        return None

    def _state_tail(self, end: int) -> int:
        m = _STATE_TAIL_RE.match(self.text, end)
        return m.end() if m else end

    def capitalized_run(self, i: int, limit: int = 3) -> int:
        """End offset of a run of capitalized words starting at token i."""
        end = self.toks[i].end
        j = i
        while j + 1 < len(self.toks) and j - i + 1 < limit:
            gap = self.doc.gap(j + 1)
            nxt = self.toks[j + 1]
            if gap == ". " and self.toks[j].lower in ("st", "mt", "ft"):
                pass
            elif gap != " ":
                break
            if not self.nameish(j + 1) or nxt.sentence_start and gap != ". ":
                break
            if self.found.overlaps(nxt.start, nxt.end):
                break
            j += 1
            end = nxt.end
            if nxt.possessive:
                end = nxt.start + len(nxt.base)
                break
        return end

    def name_end(self, i: int) -> tuple[int, int]:
        """(end offset, last token index) of the name at i with a surname after it."""
        t = self.toks[i]
        end, last = t.start + len(t.base), i
        if t.possessive:
            return end, last
        j = i
        while j + 1 < len(self.toks) and j - i < 2:
            nxt = self.toks[j + 1]
            if self.doc.gap(j + 1) != " " or not self.nameish(j + 1) or nxt.sentence_start:
                break
            if nxt.base in _PLACE_SET or self.found.overlaps(nxt.start, nxt.end):
                break
            if nxt.lower in SPEECH_VERBS:
                break
            j += 1
            end, last = nxt.start + len(nxt.base), j
            if nxt.possessive:
                break
        return end, last

    def relation_phrase(self, r: int) -> str | None:
        """'my husband's best friend' for the relation token r."""
        j = r
        while j >= 0 and r - j <= 4:
            tok = self.toks[j]
            if j < r and self.doc.gap(j + 1) not in (" ",):
                return None
            if tok.lower in DETERMINERS:
                det = tok.lower
                rest_start = self.toks[j + 1].start if j < r else tok.end
                rest = self.text[rest_start: self.toks[r].start + len(self.toks[r].base)]
                if j == r:
                    return None
                if det in ("a", "an", "one", "this", "that"):
                    det = "the"
                return f"{det} {rest}".strip()
            j -= 1
        return "the " + self.toks[r].base.lower()

    def speak_as(self, phrase: str, i: int) -> str:
        return _cap_first(phrase) if self.toks[i].sentence_start else phrase

    def lead_start(self, i: int) -> int:
        """Offset where the whitespace before token i begins."""
        s = self.toks[i].start
        while s > 0 and self.text[s - 1] in " \t":
            s -= 1
        return s

    # -- emitters --------------------------------------------------------- #
    def emit_name(self, i: int, end: int, replacement: str, *, start: int | None = None,
                  core_start: int | None = None, reason: str | None = None,
                  relation: str | None = None) -> bool:
        t = self.toks[i]
        s = t.start if start is None else start
        cs = t.start if core_start is None else core_start
        fallback = "[name]"
        if relation:
            fallback = self.speak_as(relation, i)
        ok = self.found.add(Kind.NAME, s, end, replacement, reason, core=(cs, end),
                            fallback=fallback)
        if ok:
            key = t.lower
            self.seen_names.add(key)
            if relation and key not in self.relation_of:
                self.relation_of[key] = relation
            self.done_until = end
        return ok

    def emit_place(self, i: int, end: int, prep: int | None) -> bool:
        """Place at token i (ending at end); prep is the index of 'in'/'from'/... before it."""
        text = self.text
        t = self.toks[i]
        name = text[t.start:end]
        is_country = name.split(",")[0] in COUNTRY_SET
        if prep is not None:
            p = self.toks[prep]
            removable = p.text.islower() and not p.sentence_start and prep > 0 and \
                self.doc.gap(prep).strip(" \t") == "" and not p.lower.startswith("visit")
            if removable:
                k = prep - 1
                while k > 0 and self.toks[k].lower in SOFT_WORDS and \
                        self.doc.gap(k).strip(" \t") == "":
                    k -= 1
                if self.toks[k].text.lower() in BE_WORDS or self.toks[k].lower in BE_WORDS:
                    removable = False
            if is_country:
                if p.lower == "from":
                    return self._add_place(t.start, end, "another country")
                if p.lower in ("in", "to", "into"):
                    start = self.lead_start(prep) if prep > 0 else p.start
                    rep = " abroad" if start < p.start else "abroad"
                    if self._add_place(start, end, rep, core=(t.start, end)):
                        return True
            if removable and self.toks[k].lower in DWELL_WORDS:
                after = text[end:].lstrip(" \t")
                if after and after[0] not in ".,;:!?)\n—–":
                    removable = False
            if removable:
                start = self.lead_start(prep)
                reason = "a town or city (removed with its preposition)"
                return self._add_place(start, end, "", reason=reason, core=(t.start, end))
        return self._add_place(t.start, end, "[place]")

    def _add_place(self, start: int, end: int, replacement: str, *, reason: str | None = None,
                   core: tuple[int, int] | None = None) -> bool:
        ok = self.found.add(Kind.PLACE, start, end, replacement, reason, core=core,
                            fallback="[place]")
        if ok:
            self.done_until = end
        return ok

    # -- the pass --------------------------------------------------------- #
    def run(self) -> None:
        for i, t in enumerate(self.toks):
            if t.start < self.done_until or self.claimed(i):
                continue
            if t.capitalized:
                self.consider_capitalized(i)
            elif t.text.islower():
                self.consider_lowercase(i)

    def consider_lowercase(self, i: int) -> None:
        """"my bf tyler": a listed name in lowercase right after a relation word."""
        t = self.toks[i]
        cap = t.base[:1].upper() + t.base[1:]
        if t.lower in WORD_NAMES or t.lower in STOP_WORDS or t.lower in MONTH_NAMES:
            return
        if cap not in FIRST_NAMES and (not self.doc.lowercase or t.lower in _common_words()):
            return
        prev = self.doc.prev_word(i)
        if prev is None or not _is_relation(prev.text) or prev.possessive:
            return
        # "my best friend keerthana", "aunty shireen": in a lowercase letter a word that is no
        # English word, no place and no texting after a relation is a name the lists lack
        if cap not in FIRST_NAMES and not (
                self.doc.lowercase and _could_be_a_name(t.lower) and
                not _is_known_word(t.lower) and not _in_gazetteers(t.lower) and
                _normal(t.base) not in _data("countries.txt") and not _leave_alone(t.base)):
            return
        phrase = self.relation_phrase(i - 1)
        self.emit_name(i, t.start + len(t.base), "", start=prev.end,
                       reason="a personal name (the relation is kept)", relation=phrase)

    def consider_capitalized(self, i: int) -> None:
        doc, toks, text = self.doc, self.toks, self.text
        t = toks[i]
        lower = t.lower
        prev = doc.prev_word(i)
        nxt = doc.next_word(i)

        # Titles: "Dr. Patel", "Coach Reynolds", "Aunt Linda"
        if lower in TITLES and not (lower in ("sister", "brother", "father") and t.sentence_start):
            gap = doc.gap(i + 1) if i + 1 < len(toks) else ""
            if gap in (" ", ". ") and i + 1 < len(toks) and self.nameish(i + 1) and \
                    not self.claimed(i + 1) and toks[i + 1].base not in _PLACE_SET:
                if gap == ". " and lower not in ("dr", "mr", "mrs", "ms", "mx", "rev"):
                    pass
                else:
                    end, _ = self.name_end(i + 1)
                    app = self.apposition(i)
                    if app is not None:
                        start, end2, phrase = app
                        self.emit_name(i, end2 if end2 > end else end, "", start=start,
                                       core_start=t.start,
                                       reason="a personal name (the relation is kept)",
                                       relation=phrase)
                        self.relation_of.setdefault(toks[i + 1].lower, phrase)
                        return
                    if TITLES[lower] == "[name]" and lower in ("mr", "mrs", "ms", "miss", "mx"):
                        # "Mrs Okonkwo" -> "Mrs [name]": the title says nothing about her
                        self.emit_name(i + 1, end, "[name]")
                        return
                    spoken = TITLES[lower]
                    if spoken.startswith("the ") and re.search(r"(?i:\bthe\s+)$", text[:t.start]):
                        spoken = spoken[4:]  # "the Reverend Ann Lowe" -> "the pastor"
                    self.emit_name(i, end, self.speak_as(spoken, i))
                    return

        prev_prep = prev is not None and prev.lower in PLACE_PREPS
        if lower in PLACE_STARTERS and prev_prep and i + 1 < len(toks) and \
                (self.place_match(i) or self.nameish(i + 1) and doc.gap(i + 1) in (" ", ". ")):
            end = self.place_match(i) or self._state_tail(self.capitalized_run(i))
            if self.emit_place(i, end, i - 1):
                return

        gap = doc.gap(i)
        after_relation = i > 0 and gap in (" ", " (") and _is_relation(toks[i - 1].text) and \
            not toks[i - 1].possessive and not toks[i - 1].capitalized
        word_name_after_relation = after_relation and t.capitalized and not t.sentence_start and \
            not t.all_caps and (lower in WORD_NAMES or lower in _gazetteer("given_names.txt")[1])
        if (not self.nameish(i) or t.all_caps) and not word_name_after_relation:
            return

        # "my husband Mark", "my son (Jake)", "my girlfriend Summer"
        if after_relation:
            end, _ = self.name_end(i)
            start = toks[i - 1].end
            if gap == " (" and text[end:end + 1] == ")":
                end += 1
            phrase = self.relation_phrase(i - 1)
            self.emit_name(i, end, "", start=start,
                           reason="a personal name (the relation is kept)", relation=phrase)
            return

        # "my ex, Kyle," / "My best friend since kindergarten, Jess,"
        app = self.apposition(i)
        if app is not None:
            start, end, phrase = app
            self.emit_name(i, end, "", start=start, reason="a personal name (the relation is kept)",
                           relation=phrase)
            return

        # "a coworker named Jenna", "a small town called Panguitch"
        if prev is not None and prev.lower in ("named", "called", "nicknamed"):
            before = toks[i - 2] if i >= 2 else None
            if before is not None and before.lower in ("town", "city", "village", "suburb",
                                                       "place", "area", "neighborhood"):
                end = self.place_match(i) or self._state_tail(self.capitalized_run(i))
                start = self.lead_start(i - 1)
                self._add_place(start, end, "", core=(t.start, end))
                return
            end, _ = self.name_end(i)
            phrase = self.named_phrase(i - 1)
            self.emit_name(i, end, "", start=self.lead_start(i - 1), relation=phrase)
            return

        # "I'm Siobhán, I'm 34", "I am Oluwadamilare but everyone calls me Dami"
        if not t.possessive and _SELF_INTRO_RE.search(text[max(0, t.start - 24): t.start]) and \
                _SELF_INTRO_AFTER_RE.match(text, t.start + len(t.base)) and \
                not _leave_alone(t.text) and lower not in self.relation_of and \
                (not _is_known_word(lower) or lower in _gazetteer("given_names.txt")[1]):
            end, _ = self.name_end(i)
            self.emit_name(i, end, "[name]", reason="a personal name (the writer's own)")
            return

        # "her name is Olga", "goes by Marcus"
        before2 = text[max(0, t.start - 14): t.start].lower()
        if re.search(r"(?:\bname\s+is|\bname['’]s|\bgoes\s+by)\s+$", before2):
            end, _ = self.name_end(i)
            self.emit_name(i, end, "[name]")
            return

        # in/from/to <Place>
        prep_idx = None
        place_i = i
        if prev is not None and prev.lower in PLACE_PREPS:
            prep_idx = i - 1
        elif prev is not None and prev.lower == "the" and i >= 2 and \
                doc.prev_word(i - 1) is not None and toks[i - 2].lower in PLACE_PREPS:
            prep_idx = i - 2
        if prep_idx is not None and not t.possessive:
            listed = self.place_match(i)
            is_name = t.base in FIRST_NAMES or _is_given_name(t.lower)
            known_person = lower in self.seen_names or lower in self.relation_of
            prep = toks[prep_idx].lower
            head = doc.prev_word(prep_idx)
            moving = head is not None and head.lower in MOTION_WORDS
            if moving:
                known_person = False
            if listed is not None and not (known_person and listed == t.end):
                if self.emit_place(place_i, listed, prep_idx):
                    return
            elif not is_name or (prep in ("in", "near", "outside", "around") or moving) and \
                    not known_person:
                if not (nxt is not None and nxt.lower in SPEECH_VERBS and is_name):
                    end = self._state_tail(self.capitalized_run(i))
                    if self.emit_place(place_i, end, prep_idx):
                        return

        # "the Okafors": a family by its surname
        if prev is not None and prev.lower == "the" and t.text.endswith("s") and \
                not t.possessive and t.text[:-1] not in FIRST_NAMES and t.base not in _PLACE_SET \
                and t.text[:-1].lower() not in STOP_WORDS \
                and t.text.lower() not in FAMILY_NAME_EXCEPTIONS and len(t.text) > 3 and \
                not (nxt is not None and nxt.capitalized):
            the = toks[i - 1]
            if doc.gap(i - 1) == ", " and i >= 2 and _is_person_noun(toks[i - 2].text):
                start = text.rfind(",", 0, the.start)
                end = t.end
                if re.match(r",\s+[^\d\s]", text[end:]):
                    end += 1
                self.emit_name(i, end, "", start=start, core_start=the.start,
                               reason="a family name (the relation is kept)")
                return
            self.emit_name(i, t.end, "[family]", start=the.start, reason="a family name")
            return

        # Evidence that a capitalized word is somebody.
        and_i = re.match(r"\s+and\s+(?:I|me)\b(?!['’])", text[t.end:]) is not None or \
            re.search(r"\b(?:me|I)\s+and\s+$", text[max(0, t.start - 8): t.start]) is not None
        verb = nxt is not None and nxt.lower in SPEECH_VERBS and not t.possessive
        listed_place = self.place_match(i)
        is_name = t.base in FIRST_NAMES or _is_given_name(t.lower)
        word_name = lower in WORD_NAMES

        if listed_place is not None and not and_i and not (verb and is_name) and \
                lower not in self.relation_of and lower not in self.seen_names:
            self.emit_place(i, listed_place, None)
            return

        if t.sentence_start:
            if is_name and not word_name:
                evidence = True
            elif and_i or verb:
                evidence = is_name or self.plausible_unknown_name(t)
            else:
                evidence = lower in self.relation_of
        else:
            evidence = is_name or and_i or verb or lower in self.relation_of
            if not evidence and lower in self.seen_names:
                evidence = True
        if not evidence:
            return
        if prev is not None and prev.lower in ("the", "a", "an") and not (is_name and not word_name) \
                and lower not in self.relation_of and lower not in self.seen_names:
            return  # "in front of the Vice-Chancellor and I": a role or a thing, not a name
        end, _ = self.name_end(i)
        phrase = self.relation_of.get(lower)
        replacement = self.speak_as(phrase, i) if phrase else "[name]"
        reason = "a personal name (called by the relation given earlier)" if phrase else None
        self.emit_name(i, end, replacement, reason=reason)

    def plausible_unknown_name(self, t: _Token) -> bool:
        lower = t.lower
        if re.search(r"(?:ly|ing|tion|sion|ness|ment|ity|ism|ship|ed|ies|es)$", lower):
            return False
        return len(lower) >= 2

    def named_phrase(self, named_idx: int) -> str | None:
        """'a coworker named Jenna' -> 'the coworker'."""
        j = named_idx - 1
        while j >= 0 and named_idx - j <= 5:
            tok = self.toks[j]
            if tok.lower in ("a", "an", "one") and j + 1 < named_idx:
                noun_tok = self.toks[j + 1]
                if noun_tok.text.islower():
                    return "the " + noun_tok.text
                return None
            if any(c in ".!?;" for c in self.doc.gap(j + 1)):
                return None
            j -= 1
        return None

    def apposition(self, i: int) -> tuple[int, int, str] | None:
        """", Name," after a relation: (start, end, relation phrase) for removal."""
        doc, toks, text = self.doc, self.toks, self.text
        if i < 2 or doc.gap(i) != ", ":
            return None
        t = toks[i]
        if not (t.capitalized and not _is_stop(t)) and t.lower not in TITLES:
            return None
        # relation right before the comma, or before a short "since kindergarten" phrase
        r = None
        j = i - 1
        preps = ("since", "of", "from", "at", "in", "for", "with")
        while j >= 0 and i - 1 - j <= 4:
            if j < i - 1 and any(c in ".!?;,:" for c in doc.gap(j + 1)):
                break
            tok = toks[j]
            if _is_person_noun(tok.text) and not tok.possessive:
                between = toks[j + 1: i]
                if not between or between[0].lower in preps:
                    r = j
                break
            j -= 1
        if r is None:
            return None
        if t.lower in TITLES:
            end, last = self.name_end(i + 1)
        else:
            if t.base in _PLACE_SET and t.base not in FIRST_NAMES:
                return None
            end, last = self.name_end(i)
        start = text.rfind(",", 0, t.start)
        if text[end:end + 1] == "," and re.match(r",\s+[^\d\s]", text[end:]) and \
                not self.found.overlaps(end, end + 1):
            end += 1
        phrase = self.relation_phrase(r) or "the " + toks[r].base.lower()
        return start, end, phrase


LANDMARK_RE = re.compile(
    r"\b(?P<place>(?:[A-Z][a-z]+\s+){1,3}(?:Park|Lake|Canyon|Beach|Mall|Plaza|Heights|Hills|"
    r"Springs|Falls|Creek|Ridge|Mountain|Island|Bay|Harbor|Valley|Village|Ward|Stake|Estate))\b"
)


def _find_names_and_places(doc: _Doc, found: _Found) -> None:
    _NameFinder(doc, found).run()
    for m in LANDMARK_RE.finditer(doc.text):
        start = m.start("place")
        # drop leading words that are ordinary ("The", "West", "Our")
        while True:
            idx = doc.index_at(start)
            if idx is None:
                break
            tok = doc.tokens[idx]
            if _is_stop(tok) or tok.sentence_start and tok.base not in _PLACE_SET and \
                    tok.base not in FIRST_NAMES and tok.lower in STOP_WORDS:
                nxt = idx + 1
                if nxt >= len(doc.tokens) or doc.tokens[nxt].start >= m.end("place"):
                    start = None
                    break
                start = doc.tokens[nxt].start
                continue
            break
        if start is None or not re.search(r"\s", doc.text[start:m.end("place")]):
            continue
        found.add(Kind.PLACE, start, m.end("place"), "[place]", "a local landmark")


# --------------------------------------------------------------------------- #
# Data files: what the entity model must leave alone
# --------------------------------------------------------------------------- #

DATA_DIR = Path(__file__).with_name("anonymizer_data")


def _normal(phrase: str) -> str:
    phrase = phrase.strip().replace("’", "'").lower()
    phrase = re.sub(r"'s$", "", phrase)
    phrase = re.sub(r"^the\s+", "", phrase)
    return re.sub(r"\s+", " ", phrase).strip(" .,")


@cache
def _data(name: str) -> frozenset[str]:
    """One entry a line, '#' comments; normalized (lowercase, no 'the', no possessive)."""
    entries = set()
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.add(_normal(line))
            if name == "regions.txt" and "'" in _normal(line):
                entries.add(_normal(line).replace("'", ""))  # "hawkes bay", as many write it
    return frozenset(entries)


@cache
def _gazetteer(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """A generated gazetteer (build_gazetteers.py), lowercase: (its entries that are not
    everyday words, those that are: "hope", "reading", "mason")."""
    plain, words = set(), set()
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        part = words if line.endswith(" *") else plain
        entry = line[:-2] if line.endswith(" *") else line
        part.add(entry)
        if "'" in entry:
            part.add(entry.replace("'", ""))  # "hawkes bay", "kings lynn": many write it so
    return frozenset(plain), frozenset(words)


@cache
def _common_words() -> frozenset[str]:
    """Every lowercase word of Debian's English word lists."""
    lines = (DATA_DIR / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _is_given_name(lower: str) -> bool:
    """A given name that is not also an everyday word (so a capital is not needed to see it)."""
    return len(lower) >= 3 and lower in _gazetteer("given_names.txt")[0] and \
        lower not in STOP_WORDS and lower not in TEXTING and lower not in WORD_NAMES


def _in_gazetteers(lower: str) -> bool:
    return any(lower in part for name in ("given_names.txt", "places.txt")
               for part in _gazetteer(name))


def _is_verb_form(lower: str) -> bool:
    """'calls', 'texted', 'drinking': an everyday word with an ending, not a name."""
    return any(lower.endswith(end) and lower[: -len(end)] in _common_words()
               for end in ("s", "es", "ed", "d", "ing"))


_GLUED_TEXTING = frozenset(_words("""
    aswell alot abit infact incase atleast eachother cuz cos coz tho ofc irl rly ily ilysm smth
    sth bcs bcoz becuz wat wot sumthin nothin summat innit init ayy ayyy tbf ngl istg fr frfr
    ong deadass lowkey highkey bruh bro brah fam sis hun luv pal babes tysm thnx thanx pls plss
    jus juss prolly probs deffo defo obvs def ikr iykyk smh fml omfg lmfao rofl yall y'all
"""))


def _could_be_a_name(lower: str) -> bool:
    """A word a lowercase letter may write as a name ("keerthana", "temi"): letters with a
    vowel, no laughter or a held letter ("hahaha", "hmmm"), no shorthand ("irl", "omfg")."""
    return len(lower) >= 3 and lower.isalpha() and lower not in _GLUED_TEXTING and \
        re.search(r"[aeiouy]", lower) is not None and not re.search(r"(.)\1\1", lower) and \
        not re.search(r"[^aeiouy]{3,}$", lower) and \
        not re.fullmatch(r"(?:ha|he|hi|ah|lo|la|xo|ja|ks|hu)+[hs]?", lower) and \
        not lower.startswith(("lmao", "lmfa", "omg", "omf", "ugh", "haha", "hehe", "ahah"))


def _is_known_word(lower: str) -> bool:
    """An everyday word (or texting shorthand): a lowercase letter may write it without a
    capital; any other word in a lowercase letter may be a name."""
    if lower in STOP_WORDS or lower in TEXTING or lower in _common_words():
        return True
    base = lower[:-1] if lower.endswith("s") else lower
    return base in _common_words() or any(
        lower.endswith(end) and lower[: -len(end)] in _common_words() for end in ("es", "ed", "ing", "ly"))


def _leave_alone(phrase: str) -> bool:
    n = _normal(phrase)
    return n in _public_phrases() or n in _data("countries.txt")


@cache
def _public_phrases() -> frozenset[str]:
    """What is talked about, never the writer's own: leave_alone.txt and public_figures.txt."""
    return _data("leave_alone.txt") | _data("public_figures.txt") | _data("vehicles.txt") | \
        _data("brands.txt")


# --------------------------------------------------------------------------- #
# Phones through libphonenumber, postcodes, plates, years, ages, job titles
# --------------------------------------------------------------------------- #

PHONE_REGIONS = ("US", "GB", "AU", "CA", "IE", "NZ", "IN")
# Stretches of text that could hold a phone number: only these go to libphonenumber.
_PHONE_WINDOW_RE = re.compile(r"\+?\(?\d[\d \t().-]{6,}\d")


def _site_country() -> str:
    try:
        from django.conf import settings

        return str(getattr(settings, "DEFAULT_COUNTRY", "") or "US").upper()
    except Exception:  # no Django settings (a bench run, a plain script)
        return os.environ.get("DEARLY_COUNTRY", "US").upper()


def _find_phones_everywhere(doc: _Doc, found: _Found) -> None:
    """Numbers libphonenumber thinks possible for any of the regions, with eight digits or more
    (a bare year or a house number is also a 'possible' short number somewhere)."""
    import phonenumbers

    text = doc.text
    regions = dict.fromkeys((_site_country(),) + PHONE_REGIONS)
    seen: set[tuple[int, int]] = set()
    for window in _PHONE_WINDOW_RE.finditer(text):
        if sum(c.isdigit() for c in window.group()) < 8:
            continue
        # a little context either side, so that the matcher sees word boundaries
        w_start, w_end = max(0, window.start() - 2), min(len(text), window.end() + 2)
        chunk = text[w_start:w_end]
        for region in regions:
            try:
                matcher = phonenumbers.PhoneNumberMatcher(
                    chunk, region, leniency=phonenumbers.Leniency.POSSIBLE)
            except Exception:  # an unknown region code in the settings
                continue
            for m in matcher:
                start, end = w_start + m.start, w_start + m.end
                if (start, end) in seen:
                    continue
                seen.add((start, end))
                digits = re.sub(r"\D", "", m.raw_string)
                if len(digits) < 8 or len(digits) > 15:
                    continue
                before = text[max(0, start - 2): start]
                if "$" in before or "£" in before or "€" in before or \
                        text[end: end + 2].startswith("%"):
                    continue
                if re.fullmatch(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d", m.raw_string):
                    continue  # "2019-2021"
                found.add(Kind.PHONE, start, end, "[phone]")


_UK_POSTCODE = r"(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})"
_CA_POSTCODE = r"(?:[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d)"
_AU_STATES = r"(?:NSW|VIC|Vic|QLD|Qld|SA|WA|TAS|Tas|NT|ACT)"
_US_STATE_ALT = "|".join(sorted(STATE_ABBREVIATIONS) + sorted(US_STATES, key=len, reverse=True))
POSTCODE_RES = [
    re.compile(r"(?<![\w-])" + _UK_POSTCODE + r"(?![\w-])"),
    re.compile(r"(?<![\w-])" + _CA_POSTCODE + r"(?![\w-])"),
    re.compile(r"\b(?:" + _US_STATE_ALT + r"),?\s+\d{5}(?:-\d{4})?(?![\w-])"),
    re.compile(r"\b" + _AU_STATES + r",?\s+\d{4}(?![\w-])"),
    # an Irish Eircode: routing key and unique identifier ("N91 X2Y3", "D02 AF30")
    re.compile(r"(?<![\w-])(?:[AC-FHKNPRTV-Y]\d{2}|D6W) (?=[0-9AC-FHKNPRTV-Y]{0,3}[AC-FHKNPRTV-Y])"
               r"[0-9AC-FHKNPRTV-Y]{4}(?![\w-])"),
    re.compile(r"(?i:\b(?:zip|zip code|postcode|post code|postal code)\s*(?:is|:)?\s*)"
               r"(?P<code>\d{4,5}(?:-\d{4})?|" + _UK_POSTCODE + "|" + _CA_POSTCODE + r")\b"),
]
# Between a street and its postcode: ", Springfield, IL " or ", London ".
_ADDRESS_JOIN_RE = re.compile(r"[ \t,]*(?:(?:[A-Z][\w'’.-]*|[a-z]{2,3})[ \t,]+){0,4}")


def _postcode_spans(text: str) -> list[list[int]]:
    spans = []
    for rx in POSTCODE_RES:
        for m in rx.finditer(text):
            if "code" in rx.groupindex:
                spans.append([m.start("code"), m.end("code")])
            else:
                spans.append([m.start(), m.end()])
    return spans


PLATE_RE = re.compile(
    r"(?i:\b(?:licen[cs]e\s+plate|number\s*plate|plate(?:\s+number)?|plates|"
    r"reg(?:istration)?(?:\s+(?:number|plate|no\.?))?|rego|tag(?:\s+number)?|placa|matr[ií]cula|"
    r"kennzeichen|kenteken)\b"
    r"(?:\s+(?:that\s+|which\s+)?(?:is|was|reads|read|says|said|of|number|no\.?|#))?\s*[:#,]?\s*['\"“‘]?)"
    r"(?P<plate>(?=[A-Za-z0-9 -]{0,9}\d)(?=[A-Za-z0-9 -]{0,9}[A-Za-z])"
    r"[A-Za-z0-9]{1,4}(?:[ -]?[A-Za-z0-9]{1,4}){0,2})(?![\w-])"
)
PLATE_SHAPE_RES = [
    re.compile(r"(?<![\w-])[A-Z]{2}\d{2}\s?[A-Z]{3}(?![\w-])"),
    re.compile(r"(?<![\w-])\d{2,3}-(?:[A-Z]{1,2})-\d{1,6}(?![\w-])"),
    # South African provincial plates: "JH 45 LK GP", "BC 123 DE MP"
    re.compile(r"(?<![\w-])[A-Z]{2,3}\s\d{2,3}\s[A-Z]{2}\s(?:GP|MP|NW|EC|NC|FS|ZN|L)(?![\w-])"),
    # Indian plates: "KA 05 MN 2231", "DL3CAB1234"
    re.compile(r"(?<![\w-])[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4}(?![\w-])"),
    # Mercosur plates: "RIO3A45"
    re.compile(r"(?<![\w-])[A-Z]{3}\d[A-Z]\d{2}(?![\w-])"),
    # Kenyan plates: "KCB 731Q"
    re.compile(r"(?<![\w-])K[A-Z]{2}\s?\d{3}[A-Z](?![\w-])"),
]
# a vehicle, then its plate between commas or in brackets: "the ute (712 KFZ)", "his van, 4ABC123,"
VEHICLE_PLATE_RE = re.compile(
    r"(?i:\b(?:car|truck|ute|van|suv|bike|motorbike|motorcycle|scooter|jeep|pickup|lorry|taxi)\b)"
    r"\s*(?:,|\()\s*(?P<plate>(?=[A-Za-z0-9 -]{0,9}\d)(?=[A-Za-z0-9 -]{0,9}[A-Za-z])"
    r"[A-Za-z0-9]{1,4}(?:[ -]?[A-Za-z0-9]{1,4}){0,3})(?=\s*[,)]|\s+(?:if|and|which|that)\b)")
_PLATE_STOP = frozenset("is was and the a an of on in at to for his her my our their it "
                        "number no car truck".split())


def _find_plates(doc: _Doc, found: _Found) -> None:
    for m in PLATE_RE.finditer(doc.text):
        chunks = list(re.finditer(r"[A-Za-z0-9]+", m.group("plate")))
        # "8KTR221 and": trailing words are not part of the plate
        while chunks and (chunks[-1].group().lower() in _PLATE_STOP or
                          chunks[-1].group().isalpha() and chunks[-1].group().islower()):
            chunks.pop()
        if not chunks or chunks[0].group().lower() in _PLATE_STOP:
            continue
        plate = m.group("plate")[: chunks[-1].end()]
        bare = re.sub(r"\W", "", plate)
        if len(bare) < 4 or bare.isdigit() or bare.isalpha():
            continue
        found.add(Kind.PLATE, m.start("plate"), m.start("plate") + len(plate), "[plate]")
    for m in VEHICLE_PLATE_RE.finditer(doc.text):
        plate = m.group("plate")
        bare = re.sub(r"\W", "", plate)
        words = plate.split()
        if len(bare) < 5 or bare.isdigit() or bare.isalpha() or any(
                w.isalpha() and _is_known_word(w.lower()) and len(w) > 3 for w in words) or \
                re.fullmatch(r"\d{4}", words[0]) or re.search(r"(?i:\d(?:st|nd|rd|th|s)$)", bare):
            continue  # "the car (2019 model)", "his truck, 4x4s"
        found.add(Kind.PLATE, m.start("plate"), m.end("plate"), "[plate]")
    for rx in PLATE_SHAPE_RES:
        for m in rx.finditer(doc.text):
            found.add(Kind.PLATE, m.start(), m.end(), "[plate]", "a licence plate (by its shape)")


_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
YEAR_RE = re.compile(
    r"(?P<lead>[ \t]*)\b(?P<cue>(?:back\s+)?in(?:\s+(?:early|late|mid|the\s+(?:spring|summer|fall|"
    r"autumn|winter)\s+of))?|since|from|until|till|by|around|during|(?:spring|summer|fall|autumn|"
    r"winter)\s+(?:of\s+)?|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)(?:\s+of)?)\s+(?P<year>" + _YEAR + r")(?![\w%$-]|\s*(?:%|percent))"
    r"(?:\s*[-–]\s*(?:to\s+)?" + _YEAR + r")?",
    re.IGNORECASE,
)
# "since 2019 ... updated it" still dates something; a year in a general statement
# ("divorce rates since 2000") is not personal: the clause must speak of the writer's people.
_PERSONAL_CLAUSE = re.compile(
    r"\b(?:i|i'm|i've|me|my|we|we've|our|us|he|his|him|she|her|they|their|mum|mom|dad)\b",
    re.IGNORECASE)


def _find_years(doc: _Doc, found: _Found) -> None:
    text = doc.text
    for m in YEAR_RE.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        while re.search(r"\b(?:St|Dr|Mr|Mrs|Ms|Mt|Co|Rev|Fr)$", text[:clause_start - 1]):
            # "We married in St. Brigid's in 1987": an abbreviation ends no clause
            clause_start = max(text.rfind(c, 0, clause_start - 1) for c in ".!?\n") + 1
        clause_end = min([i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
                         or [len(text)])
        if not _PERSONAL_CLAUSE.search(text[clause_start:clause_end]):
            continue
        cue = m.group("cue").lower()
        start, end = m.start("cue"), m.end()
        if cue.startswith(("in", "back in")) and m.group("lead") and \
                text[m.start("lead") - 1: m.start("lead")].isalpha():
            # "moved here in 2019 for work" -> "moved here for work"
            if found.add(Kind.DATE, m.start(), end, "", "a year that dates a personal event",
                         core=(m.start("year"), end), fallback="[year]"):
                continue
        if cue.startswith("since"):
            if found.add(Kind.DATE, start, end, "for years", "a year that dates a personal event",
                         core=(m.start("year"), end), fallback="[year]"):
                continue
        found.add(Kind.DATE, m.start("year"), end, "[year]", "a year that dates a personal event")


_SUBJECT_HAVE_AGE_RE = re.compile(
    r"\b(?P<subj>i|he|she|we|they|you|(?:my|his|her|our|their)\s+(?:" +
    "|".join(sorted((r for r in RELATIONS if "-" not in r), key=len, reverse=True)) +
    r")(?P<named>\s+(?-i:[A-Z][\w'’-]+))?)\s+(?:also\s+|now\s+|just\s+|only\s+|already\s+)?"
    r"(?P<verb>have|has|had|am having|is having)\s+(?P<num>" + _AGE_NUMBER + r")"
    r"(?P<years>\s+(?:years?|yrs?|anos|años)(?:\s+old)?(?!\s+(?:ago|of\s+(?!age)|together|"
    r"since|married|in|at|with|for|experience|now|later|before|after|apart|clean|sober)\b))?"
    r"(?=\s*(?:[.,;:!?)]|$|\n|\s(?:and|but|so|now|already|too|this|next|last|years?\s+old)\b))",
    re.IGNORECASE,
)
_HAS_YEARS_RE = re.compile(r"\b(?:have|has|had)\s+\d{1,2}\s+(?:years|yrs|anos|años)\b(?!\s+(?:ago|of\s+(?!age)|"
                           r"together|married|experience))", re.IGNORECASE)
_NAME_COMMA_YEARS_RE = re.compile(r"(?<=[A-Za-z]),\s(?P<num>\d{1,2})\s+(?:years?|yrs?|anos|años)"
                                  r"(?:\s+old)?(?=\s*[.,;!?])", re.IGNORECASE)
_AGE_OF_RE = re.compile(r"\b(?P<num>\d{1,2})\s+years\s+of\s+age\b", re.IGNORECASE)
_AGED_RE = re.compile(r"\baged\s+(?P<num>\d{1,2})\b(?!\s*(?:,\s*\d|and|&|to|-))", re.IGNORECASE)


_INTRO_NAME_AGE_RE = re.compile(
    r"\b(?i:i\s+am|i['’]?m|this\s+is|my\s+name\s+is)\s+(?P<name>[A-Za-z][a-z]{2,}),?\s+"
    r"(?P<num>[1-9]\d)\b(?=\s*(?:[.,;!]|$|(?i:from|and|years?|yrs?|y/?o|living|working|here)\b))")
# an event of someone's life at an age: "came out at 15", "joined the army at 18", "got
# married at 22"; not a time ("at 10 tonight") nor a measure ("at 18 weeks", "at 70 mph")
_AT_AGE_RE = re.compile(
    r"(?i:\b(?:came\s+out|joined|enlisted|married|got\s+married|wed|left\s+(?:home|school)|"
    r"moved\s+out|dropped\s+out|emigrated|retired|was\s+widowed|got\s+pregnant|fell\s+pregnant|"
    r"had\s+(?:my|her|his|our|their|a|the)\s+(?:first|son|daughter|baby|kid|child)\w*|"
    r"gave\s+birth|was\s+diagnosed|got\s+diagnosed|lost\s+(?:my|her|his|our)\s+\w+|"
    r"started\s+(?:work|working|drinking|smoking|dating)|met\s+(?:him|her|them)|was\s+adopted)"
    r"(?:\s+[\w'’-]+){0,4}?\s+(?:at|aged)\s+)(?P<num>1\d|[2-9]\d)\b"
    r"(?!\s*(?:am|pm|a\.m|p\.m|o['’]clock|%|percent|:|\.\d|mph|km|miles|degrees|weeks?|kg|lbs?|"
    r"minutes?|hours?|days?|months?|tonight|sharp)\b)")


# the writer's age first thing after the greeting, the way forums open: "hi, 24 f from ipoh",
# "hey dearly. 29m, cairns", "31f here", "19 here from ipswich"
_OPENING_AGE_RE = re.compile(
    r"\s*(?:(?i:hi|hey|hello|hiya|heya|ok|okay|so|dear\s+dearly|dearly)\b[^\n.!?,]{0,12}[,.!:]?\s*)?"
    r"(?P<num>\d{2})(?:\s?(?P<sex>[mfMF]|nb|NB)(?=\s*(?:[,.(/]|here\b|from\b|living\b|in\b|and\b|&|$))|"
    r"(?=\s*(?:here\b|,?\s*from\b)))")


def _find_ages_phrased_otherwise(doc: _Doc, found: _Found) -> None:
    """'I have 33 years', 'my husband he has 41', '33 years of age', 'aged 33'."""
    text = doc.text
    be = {"i": "am", "he": "is", "she": "is", "we": "are", "they": "are", "you": "are"}
    poss = {"i": "my", "he": "his", "she": "her", "we": "our", "they": "their", "you": "your"}
    for m in _SUBJECT_HAVE_AGE_RE.finditer(text):
        age = _parse_number(m.group("num"))
        if age is None or age > 110:
            continue
        subj = m.group("subj").lower()
        named = bool(m.group("named"))
        if " " in subj:  # "my boyfriend has 29 years", "my wife Noor has 31"
            if not m.group("years") and not (named and age >= 13):
                continue
            relation = subj.split()[1]
            subj = {"his": "he", "her": "she"}.get(_gender_of_word(relation) or "", "she")
            if _gender_of_word(relation) is None:
                subj = "they"
        elif not m.group("years"):
            # a bare number after "has" is an age only with a doubled subject ("my husband
            # (Ramiro) he has 41"), or from a writer who gives ages this way elsewhere in the
            # letter ("I have 35 years ... and I have 37."), and only for adults
            lead = text[max(0, m.start() - 40): m.start()]
            doubled = re.search(r"\b(?i:my|his|her|our)\s+[\w-]+(?:\s+[A-Z][\w'’-]+)?,?\s+$", lead) \
                and subj in ("he", "she")
            habit = _HAS_YEARS_RE.search(text) and re.match(r"\s*(?:[.,;!?]|and\b|but\b)",
                                                           text[m.end():])
            if not (doubled or habit) or age < 13:
                continue
        plural = subj in ("we", "they", "you")
        was = m.group("verb").lower() == "had"
        verb = ("were" if plural else "was") if was else be[subj]
        found.add(Kind.AGE, m.start("verb"), m.end(),
                  f"{verb} {_age_predicate(age, poss[subj], plural)}",
                  "an exact age", core=(m.start("num"), m.end()), fallback="[age]")
    for m in _INTRO_NAME_AGE_RE.finditer(text):  # "i am rohit 27 from pune"
        if _is_given_name(m.group("name").lower()) or m.group("name") in FIRST_NAMES:
            found.add(Kind.AGE, m.start("num"), m.end("num"), "[age]")
    m = _OPENING_AGE_RE.match(text)  # "hi, 24 f from ipoh", "hey dearly. 29m, cairns"
    if m and 13 <= int(m.group("num")) <= 99:
        found.add(Kind.AGE, m.start("num"), m.end("sex") if m.group("sex") else m.end("num"), "[age]",
                  "an exact age")
    for m in _AT_AGE_RE.finditer(text):  # "I came out at 15", "he joined the army at 18"
        found.add(Kind.AGE, m.start("num"), m.end("num"), "[age]")
    for m in _NAME_COMMA_YEARS_RE.finditer(text):  # "His name is Daniel, 40 years."
        found.add(Kind.AGE, m.start("num"), m.end(), "[age]")
    for rx in (_AGE_OF_RE, _AGED_RE):
        for m in rx.finditer(text):
            found.add(Kind.AGE, m.start("num") if rx is _AGED_RE else m.start(), m.end(), "[age]")


# a title's words: "family physician", "Welsh-speaking midwife", "Māori-language newsreader"
_TITLE_WORD = (r"(?!(?:here|there|in|at|for|of|on|around|within)\b)(?:[a-z][a-z-]+|[A-Z][^\W\d_]+-[a-z]+|"
               r"GP|ENT|A&E|ICU|ER)")
_JOB_ENDINGS = (r"(?:ist|ologist|iatrist|ician|ian|er|or|ant|ent|ess|man|woman|nurse|coach|chef|"
                r"pastor|priest|rabbi|imam|principal|director|vet|surgeon|doctor|dentist|judge|"
                r"sheriff|mayor|captain|officer|teacher|midwife|dean|chaplain|coroner|"
                r"superintendent|pilot|ranger|chief|head|GP|gp|keeper|master)")
JOB_RE = re.compile(
    r"\b(?P<lead>(?i:the\s+(?:only|sole|one|first|last)|the\s+one\s+and\s+only|"
    r"the\s+(?:head|chief|lead|senior|principal|town|county|city|local|youth|assistant)|"
    r"(?:head|chief)))\s+"
    r"(?P<title>(?:" + _TITLE_WORD + r"\s+){0,2}" + _TITLE_WORD + r")"
    r"(?=\s+(?:in|at|for|of|on|here|there|around|within|[.,;!?])|[.,;!?])"
)
# "I'm the organist at Grace Lutheran": the one person in that role at a named place
ROLE_AT_RE = re.compile(
    r"(?i:\b(?:i['’]?m|i\s+am|he['’]?s|she['’]?s|he\s+is|she\s+is|(?:works|working|worked)\s+as)"
    r"\s+the)\s+(?P<title>(?:" + _TITLE_WORD + r"\s+)?" + _TITLE_WORD + r")"
    r"(?=\s+(?:at|for|of)\s+(?:the\s+)?[A-Z])"
)
RARE_JOB_RE = re.compile(
    r"\b(?i:the)\s+(?P<title>(?:" + "|".join(sorted(
        ("mayor", "sheriff", "principal", "vice principal", "superintendent", "police chief",
         "fire chief", "town doctor", "town vet", "coroner", "district attorney", "senator",
         "state senator", "congressman", "congresswoman", "city councilman",
         "city councilwoman", "bishop", "stake president", "head coach", "athletic director",
         "band director", "choir director", "youth pastor", "lead pastor", "senior pastor",
         "head pastor", "rabbi", "imam", "chaplain", "warden", "harbour master",
         "harbor master", "postmaster", "station master", "game warden", "park ranger",
         "school nurse", "school counselor", "school counsellor", "headteacher",
         "headmaster", "headmistress", "deputy head", "ceo", "cfo", "coo", "cto",
         "founder", "co-founder", "owner"), key=len, reverse=True)) + r"))"
    r"(?=\s+(?:of|at|for|in)\s+(?:the\s+|our\s+|my\s+|his\s+|her\s+)?[A-Z]|"
    r"\s+(?:here|(?:in|of|on)\s+(?:town|the\s+village|our\s+town|our\s+village|the\s+island|"
    r"the\s+estate))\b)"
)
# Occupations so rare that one of them in a town, a port or a county is known to everyone
# there, whatever the article: a complete pass by category (civic offices, ports and the sea,
# the air, old trades, rare medical specialties, interpreters), not taken from letters.
# Everyday jobs (nurse, teacher, GP, driver) are not here: they identify nobody.
RARE_OCCUPATIONS = (
    # civic and public offices
    "coroner", "medical examiner", "registrar", "superintendent registrar", "councillor",
    "councilor", "councilman", "councilwoman", "alderman", "alderwoman", "mayor", "lord mayor",
    "deputy mayor", "sheriff", "undersheriff", "magistrate", "justice of the peace",
    "district attorney", "county commissioner", "city manager", "town clerk", "parish clerk",
    "fire chief", "police chief", "chief of police", "chief constable", "police commissioner",
    "superintendent", "prison governor", "town crier", "state senator", "senator",
    "congressman", "congresswoman", "assemblyman", "assemblywoman",
    # ports, the sea and the land around them
    "harbour master", "harbourmaster", "harbor master", "harbormaster", "port captain",
    "lighthouse keeper", "lock keeper", "lockkeeper", "marine pilot", "harbour pilot",
    "harbor pilot", "river pilot", "maritime pilot", "lifeboat coxswain", "coxswain",
    "ferryman", "gamekeeper", "ghillie", "gillie", "game warden", "postmaster", "postmistress",
    "station master", "stationmaster",
    # the air and space
    "test pilot", "flight director", "astronaut", "air ambulance pilot", "bush pilot",
    "smokejumper",
    # old and rare trades
    "farrier", "blacksmith", "undertaker", "mortician", "embalmer", "thatcher", "wheelwright",
    "saddler", "luthier", "clockmaker", "taxidermist", "falconer", "chimney sweep",
    "glassblower", "bookbinder", "signwriter", "organ builder", "piano tuner", "bell ringer",
    "master brewer", "brewmaster", "master distiller", "apiary inspector", "bee inspector",
    "cheesemaker", "dry-stone waller", "stonemason", "shipwright", "sailmaker",
    # rare medical specialties
    "neurosurgeon", "cardiac surgeon", "cardiothoracic surgeon", "heart surgeon",
    "transplant surgeon", "paediatric surgeon", "pediatric surgeon", "perfusionist",
    "forensic pathologist", "neonatologist",
    # sport, broadcasting and the stage: a face people know
    "jockey", "racehorse trainer", "professional footballer", "professional rugby player",
    "professional cricketer", "newsreader", "news anchor", "weather presenter", "weatherman",
    "weather girl", "radio presenter", "talk show host", "concert pianist", "opera singer",
    "prima ballerina", "ballerina", "zookeeper", "master blender", "winemaker", "vintner",
    # elected, judicial and diplomatic offices
    "MP", "MSP", "MLA", "MPP", "MEP", "TD", "state representative", "judge", "high court judge",
    "circuit judge", "supreme court justice", "ambassador", "consul", "archbishop", "abbot",
    "abbess",
    # interpreters whom a small community knows by name
    "sign language interpreter", "sign-language interpreter", "Auslan interpreter",
    "BSL interpreter", "ASL interpreter", "ISL interpreter", "NZSL interpreter",
    "SASL interpreter", "court interpreter",
)
_RARE_OCC_ALT = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in sorted(
    RARE_OCCUPATIONS, key=len, reverse=True))
# "Donal is a marine pilot", "retired as superintendent registrar", "the county coroner":
# a determiner or "as", up to two words that narrow it ("county", "state", "consultant"), the
# occupation
RARE_OCCUPATION_RE = re.compile(
    r"\b(?i:a|an|the|as|retired|former|our|their|his|her|my|your|local)\s+"
    r"(?P<title>(?:(?!(?:and|or|but|of|in|at|for|to|with|who|was|is|one|very|so|as|a|an|the)\b)"
    r"[\w-]+\s+){0,2}?(?i:" + _RARE_OCC_ALT + r"))(?![\w-])")
# "a consultant neurologist", "a consultant paediatric anaesthetist": a senior specialist,
# one of a handful in a hospital
CONSULTANT_RE = re.compile(
    r"\b(?i:consultant)\s+(?:[a-z]+\s+){0,2}?[a-z]+(?:ist|ian|surgeon|physician)\b")
# "a flight nurse, one of only a handful", "an Auslan interpreter, one of the few who ...",
# "the first woman to do it": the letter says the job is rare
_FEW_CUE = (r"(?i:one\s+of\s+(?:only\s+|very\s+|just\s+)?(?:a\s+handful|the\s+(?:very\s+)?few|a\s+few|"
            r"(?:very\s+)?few|two|three|four|five|six|\d+)|the\s+(?:first|only)\s+(?:woman|man|"
            r"female|male|person|one|black|woman)|the\s+only\s+(?:one|woman|man)\s+doing)")
JOB_WITH_FEW_RE = re.compile(
    r"\b(?i:is|was|as|i['’]?m|i\s+am|he['’]s|she['’]s|they['’]re|a|an)\s+(?:(?i:a|an|the)\s+)?"
    r"(?P<title>(?:[\w-]+\s+){0,2}?[a-z-]+(?:ist|ian|er|or|ant|ent|ess|man|woman|nurse|chef|"
    r"pilot|surgeon|doctor|keeper|master|chief|officer|inspector|interpreter|driver))"
    r"(?=[^.!?\n]{0,60}?" + _FEW_CUE + r")")


# "head of the history department", "head of maths": one person in a named place
HEAD_OF_RE = re.compile(
    r"\b(?i:head|director|chair|leader|manager)\s+of\s+(?:the\s+)?(?:[A-Za-z]+\s+){1,3}?"
    r"(?i:department|dept|faculty|school|year|unit|ward|team)\b"
    r"|\b(?i:head\s+of\s+(?:maths|math|english|science|history|music|pe|art|drama|year\s+\d+))\b")
# everyday words that may stand inside a title ("family physician", "marriage counsellor")
_TITLE_NOUNS = frozenset("family marriage school college work life love money sex dating therapy "
                         "counseling".split())
_JOB_NOT = frozenset("one thing way time person reason way people guy girl man woman day night "
                     "answer problem option choice member friend kid child son daughter".split())


def _find_jobs(doc: _Doc, found: _Found) -> None:
    text = doc.text
    for m in JOB_RE.finditer(text):
        title = m.group("title").lower()
        words = title.split()
        lead = m.group("lead").lower()
        if words[-1] in _JOB_NOT or any(w in STOP_WORDS and w not in _TITLE_NOUNS for w in words):
            continue
        if not re.fullmatch(_JOB_ENDINGS, words[-1][-6:]) and not re.search(
                _JOB_ENDINGS + r"$", words[-1]):
            continue
        if lead.endswith(("town", "county", "city", "local", "youth", "assistant", "senior",
                          "lead", "principal")) and not re.match(r"\s+(?:in|at|for|of)\b",
                                                                 text[m.end():]):
            continue
        start = m.start()
        replacement = "a specialist" if re.search(r"(?:ist|ician|surgeon)$", words[-1]) else "[job]"
        if text[start].isupper():
            replacement = _cap_first(replacement)
        found.add(Kind.JOB, start, m.end(), replacement)
    for m in RARE_JOB_RE.finditer(text):
        found.add(Kind.JOB, m.start(), m.end(), "[job]")
    for m in RARE_OCCUPATION_RE.finditer(text):
        words = m.group("title").lower().split()
        if re.search(r"\b(?i:for|to|with|from|of|by|against|before|met|saw|asked|wrote\s+to)\s+(?:a|an|the)\s+$",
                     text[max(0, m.start("title") - 24): m.start("title")]):
            continue  # "a researcher for an MSP", "wrote to the coroner": someone else's office
        if any(w in DETERMINERS or w in ("very", "so", "just", "only", "also", "still")
               for w in words[:-1]) and len(words) > 1:
            start = m.end("title") - len(words[-1])  # "her son is a farrier": the job alone
            while start > m.start("title") and text[start - 1] not in " \t\n":
                start -= 1
            found.add(Kind.JOB, start, m.end("title"), "[job]")
            continue
        found.add(Kind.JOB, m.start("title"), m.end("title"), "[job]")
    for m in CONSULTANT_RE.finditer(text):
        found.add(Kind.JOB, m.start(), m.end(), "a specialist")
    for m in JOB_WITH_FEW_RE.finditer(text):
        words = m.group("title").lower().split()
        if words[-1] in _JOB_NOT or any(w in STOP_WORDS and w not in _TITLE_NOUNS for w in words):
            continue
        found.add(Kind.JOB, m.start("title"), m.end("title"), "[job]")
    for m in HEAD_OF_RE.finditer(text):
        found.add(Kind.JOB, m.start(), m.end(), "[job]")
    for m in ROLE_AT_RE.finditer(text):
        words = m.group("title").lower().split()
        if words[-1] in _JOB_NOT or any(w in STOP_WORDS for w in words) or not re.search(
                _JOB_ENDINGS + r"$", words[-1]):
            continue
        found.add(Kind.JOB, m.start("title"), m.end("title"), "[job]")


# --------------------------------------------------------------------------- #
# Lowercase letters: read them from a truecased copy
# --------------------------------------------------------------------------- #

_LOWER_PLACE_ENTRIES = {p.lower(): p for p in _PLACE_ENTRIES if len(p) > 2}
_LOWER_PLACE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in sorted(_LOWER_PLACE_ENTRIES, key=len,
                                                               reverse=True)) + r")(?![\w-])")
_TRUECASE_CUES = re.compile(
    r"\b(?:(?:work|works|worked|working|job|shifts?|nights|intern|interning|teach|teaches|nurse)"
    # "i work remote for intuit", "i work in customer service for mtn"
    r"(?:\s+(?:remote|remotely|from\s+home|part[\s-]?time|full[\s-]?time|freelance|nights|"
    r"weekends|in\s+(?:customer\s+service|sales|marketing|hr|it|finance|admin|support|retail|"
    r"logistics|accounts|a\s+call\s+cent(?:er|re))))?\s+(?:at|for)|"
    # "works as driver in al futtaim", "works as engineer by porsche": a learner's preposition
    r"(?P<asin>(?:work|works|worked|working)\s+as\s+(?:an?\s+)?[a-z]+\s+(?:in|by|at|for))|(?P<job>" + JOB_NOUNS + r"|drives?|drove|driving|plays?|played|playing|"
    r"manages?|managed|running|runs|ran|owns?|owned)\s+(?:at|for|with)|(?:live|lives|living|lived|moved|move|moving|grew\s+up|raised|based|born|"
    r"stationed|stay|staying|visiting|visit|flew|fly|drove|drive|relocated?|transferred)"
    r"\s+(?:in|to|from|near)|(?:go|goes|went|going|attend|attends)\s+to|from|named|called|"
    r"(?:my|his|her|our|their|the)\s+(?:(?:best|older|younger|little|big|baby|twin|eldest|oldest|"
    r"youngest|late|former|closest)\s+)?(?:" + "|".join(sorted(r for r in RELATIONS if "-" not in r)) +
    r"),?)\s+(?=(?:the\s+)?(?P<word>[a-z][\w'’&-]*(?:\s+[a-z][\w'’&-]*){0,2}))", re.IGNORECASE)
_TRUECASE_BLOCK = frozenset(_words("""
    home work school church college uni here there town the a an my his her our their your
    this that it them him me us you all everyone everybody nowhere somewhere anywhere
    time now then today tonight tomorrow yesterday last next every each one two three
    and or but so because when while if then too also is was are were be been who which
    what where how why said says says told asks asked keeps kept just really never always
    again back away out up down over into onto in on at to for with of by about after before
    since until till being having doing going getting making taking coming trying
    bed class lunch dinner breakfast gym mass practice night nights day days morning evening
    weekend weekends shift shifts hospital clinic office store shop bar restaurant
    city country state abroad overseas parents family friends mom dad mum kids baby
    wife husband boyfriend girlfriend bf gf partner son daughter brother sister
    years months weeks year month week hours minutes same other new old big small local
    nearby different whole entire first second last best worst only own usual together
    alone soon later yet with without already anyway near outside behind beside opposite across
"""))


def _looks_lowercase(text: str) -> bool:
    """Texting style: few capitals where sentences begin and 'i' for 'I'."""
    starts = re.findall(r"(?:^|[.!?]\s+|\n\s*)([A-Za-z])", text)
    if not starts:
        return False
    lower_starts = sum(1 for c in starts if c.islower())
    lone_i = len(re.findall(r"(?<![\w'])i(?![\w])|(?<![\w'])i['’]", text))
    return lower_starts / len(starts) >= 0.5 or (lone_i >= 2 and lower_starts >= 1)


def _cap(chars: list[str], start: int) -> None:
    up = chars[start].upper()
    if len(up) == 1:
        chars[start] = up


_LOWER_WORD_RE = re.compile(r"[a-zà-ÿāēīōūł][a-zà-ÿāēīōūł'’-]*")
# A place or an unknown word after one of these is probably a name: "at mcgill", "in tempe".
_LOWER_PLACE_CUE_RE = re.compile(
    r"\b(?:in|at|from|near|outside|to|into|of|around|past|via)\s+(?:the\s+)?$")
# ... also past a compass word or an article that begins many a district's name: "in east
# madina", "in al qusais", "at el mirador" (the word before is part of the name)
_LOWER_PLACE_CUE_PREFIX_RE = re.compile(
    r"\b(?:in|at|from|near|outside|to|into|around|past|via)\s+"
    r"(?P<pre>(?:north|south|east|west|upper|lower|greater|al|el|ad|as|ar|an)\s+)$")
_LOWER_STREET_RE = re.compile(
    r"\b(?:on|off|at|near|down|along|up|onto|of|in)\s+(?:the\s+)?"
    r"(?P<name>(?:[a-z][a-z'’-]+\s+){1,2})"
    r"(?P<suffix>st|street|rd|road|ave|avenue|ln|lane|dr|blvd|boulevard|tce|terrace|cres|"
    r"crescent|hwy|highway|pde|parade|close|grove|way|drive|place|pl|walk|gate|row|wynd|mews)\b")
# "on a long walk", "at the back gate" are no street: these need a name that is no everyday word
_STREET_NEEDS_ODD_NAME = frozenset("way drive place pl close grove walk gate row wynd mews".split())


def _truecase_from_gazetteers(text: str, chars: list[str],
                              hints: list[tuple[Kind, int, int]] | None = None) -> None:
    """Given names and places from the gazetteers, streets, and words no dictionary knows
    after a place cue ("at mcgill"), capitalized in the copy."""
    given = _gazetteer("given_names.txt")[0]
    places, place_words = _gazetteer("places.txt")
    words = list(_LOWER_WORD_RE.finditer(text))

    def plain(w: re.Match) -> str:
        return re.sub(r"['’]s$|['’]$", "", w.group()).lower()

    def blocked(lower: str) -> bool:
        return lower in STOP_WORDS or lower in TEXTING or lower in _TRUECASE_BLOCK or \
            lower in MONTH_NAMES or lower in DAYS or _is_relation(lower)

    i = 0
    while i < len(words):
        taken = 0
        for n in (3, 2, 1):
            group = words[i:i + n]
            if len(group) < n or any(text[a.end():b.start()] not in (" ", "-")
                                     for a, b in zip(group, group[1:], strict=False)):
                continue
            phrase = " ".join(plain(w) if k == n - 1 else w.group().lower()
                              for k, w in enumerate(group))
            cue = _LOWER_PLACE_CUE_RE.search(text[max(0, group[0].start() - 30): group[0].start()])
            follows = re.match(r"[\s,]*([a-z]+|$|[.!?;:)])", text[group[-1].end():])
            ends_phrase = follows is None or follows.group(1) in ("", ".", "!", "?", ";", ":", ")") \
                or follows.group(1) in STOP_WORDS or follows.group(1) in MOTION_WORDS
            if phrase in places and (n > 1 or len(phrase) >= 4 and not blocked(phrase)) or \
                    phrase in place_words and cue and (n > 1 or not blocked(phrase) and ends_phrase and cue.group().strip()
                                                       .split()[0] in ("in", "from", "near", "outside")):
                for w in group:
                    if w.group().lower() not in ("of", "and", "the", "on", "upon"):
                        _cap(chars, w.start())
                if hints is not None and (n > 1 or cue):
                    hints.append((Kind.PLACE, group[0].start(), group[-1].start() + len(plain(group[-1]))))
                taken = n
                break
        if taken:
            i += taken
            continue
        w = words[i]
        lower = plain(w)
        if lower in given and len(lower) >= 3 and not blocked(lower) and lower not in WORD_NAMES:
            _cap(chars, w.start())
        elif len(lower) >= 3 and lower.isalpha() and not blocked(lower) and \
                not _is_known_word(lower) and (
                    _LOWER_PLACE_CUE_RE.search(text[max(0, w.start() - 30): w.start()]) or
                    _LOWER_PLACE_CUE_PREFIX_RE.search(text[max(0, w.start() - 30): w.start()])):
            first = w.start()
            prefixed = _LOWER_PLACE_CUE_PREFIX_RE.search(text[max(0, w.start() - 30): w.start()])
            if prefixed and not _LOWER_PLACE_CUE_RE.search(text[max(0, w.start() - 30): w.start()]):
                first = w.start() - len(prefixed.group("pre"))
                _cap(chars, first)
            _cap(chars, w.start())
            end = w.start() + len(lower)
            # and the unknown or capitalizable words right after it ("at ole miss")
            for nxt in words[i + 1: i + 3]:
                if text[words[i].end(): nxt.start()].strip() or blocked(plain(nxt)) or \
                        _is_known_word(plain(nxt)):
                    break
                _cap(chars, nxt.start())
                end = nxt.start() + len(plain(nxt))
            if hints is not None:
                cue = _LOWER_PLACE_CUE_RE.search(text[max(0, first - 30): first]) or \
                    _LOWER_PLACE_CUE_PREFIX_RE.search(text[max(0, w.start() - 30): w.start()])
                kind = Kind.ORGANIZATION if cue.group().split()[0] == "at" else Kind.PLACE
                hints.append((kind, first, end))
        i += 1
    for m in _LOWER_STREET_RE.finditer(text):
        names = list(re.finditer(r"\S+", m.group("name")))
        if any(blocked(n.group().lower()) for n in names):
            continue
        if m.group("name").strip() == "memory":
            continue
        if m.group("suffix") in _STREET_NEEDS_ODD_NAME and all(
                _is_known_word(n.group().lower()) for n in names):
            continue  # "on a long drive", "down memory lane" stays; "off hessle road" is one
        for n in names:
            _cap(chars, m.start("name") + n.start())
        _cap(chars, m.start("suffix"))


_WORD_NAME_SPEAKS_RE = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(sorted(WORD_NAMES)) + r")(?=\s+(?:said|says|told|tells|texted|"
    r"texts|asked|asks|thinks|thought|wants|wanted|called|messaged|replied|admitted|insists|"
    r"insisted|reckons|swears|promised|laughed|yelled|cried|agreed|refused)\b)")


@cache
def _word_names_speak_re() -> re.Pattern:
    """Given names of the gazetteer that are also words ("sol", "paddy"), before a verb of
    speech: said, texted, asked (not "keeps" or "is", which follow any noun)."""
    words = sorted((w for w in _gazetteer("given_names.txt")[1]
                    if w.isalpha() and w not in STOP_WORDS and w not in TEXTING), key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(?:" + _trie_pattern(words) + r")(?=\s+(?:said|says|told|tells|"
                      r"texted|texts|asked|asks|messaged|replied|admitted|insists|insisted|reckons|"
                      r"swears|promised|yelled|screamed)\b)")


def _truecase(text: str, hints: list[tuple[Kind, int, int]] | None = None) -> str:
    """A copy of a lowercase letter, the same length, with capitals where a name, a place, an
    organization after a work word, a sentence start or 'I' would have one."""
    chars = list(text)
    for m in re.finditer(r"(?<![\w'’])i(?=$|[\s'’.,!?;:])", text):
        chars[m.start()] = "I"
    for m in re.finditer(r"(?:^|[.!?]\s+|\n\s*)([a-z])", text):
        _cap(chars, m.start(1))
    for tok in _TOKEN_RE.finditer(text):
        word = tok.group()
        base = re.sub(r"['’]s$", "", word)
        cap = base[:1].upper() + base[1:]
        lower = base.lower()
        if (cap in FIRST_NAMES and lower not in WORD_NAMES and lower not in STOP_WORDS) or \
                lower in MONTH_NAMES or lower in DAYS:
            _cap(chars, tok.start())
    _truecase_from_gazetteers(text, chars, hints)
    for m in list(_WORD_NAME_SPEAKS_RE.finditer(text)) + list(_word_names_speak_re().finditer(text)):
        # "will said no", "hope texted me", "sol says she'll handle it"
        before = re.search(r"([a-z']+)\s+$", text[: m.start()])
        if before is None or before.group(1) not in DETERMINERS and before.group(1) not in (
                "i", "you", "we", "they", "he", "she", "it", "to", "would", "could"):
            _cap(chars, m.start())
    for m in _LOWER_PLACE_RE.finditer(text.lower()):
        phrase = _LOWER_PLACE_ENTRIES[m.group()]
        if phrase.lower() in STOP_WORDS or phrase.lower() in WORD_NAMES or \
                phrase in ("Mesa", "Reno", "Rio", "Jordan") or \
                phrase.lower() in _gazetteer("places.txt")[1]:
            continue  # "reading week": a place that is also a word needs a cue (below)
        for k, c in enumerate(phrase):
            if c.isupper():
                _cap(chars, m.start() + k)
    given_words = _gazetteer("given_names.txt")[1]
    for m in _TRUECASE_CUES.finditer(text):
        offset = m.start("word")
        cue = m.group().split()[0].lower()
        words_after = list(re.finditer(r"\S+", m.group("word")))
        for k, w in enumerate(words_after):
            bare = re.sub(r"['’]s$|[.,;:!?'’\"”)]+$", "", w.group()).lower()
            if m.group("job") or cue in ("work", "works", "worked", "working", "job", "shift",
                                         "shifts", "nights", "intern", "interning", "teach",
                                         "teaches", "nurse"):
                nxt = words_after[k + 1].group().lower() if k + 1 < len(words_after) else ""
                if k == 0 and (bare in ("st", "saint") or bare in NUMBER_WORDS and nxt and
                               nxt.rstrip(".,;:!?") not in _TRUECASE_BLOCK and
                               nxt.rstrip(".,;:!?") not in STOP_WORDS and
                               not re.fullmatch(r"(?:years?|months?|weeks?|days?|hours?|"
                                                r"minutes?|times?|kids|shifts?|nights?)\W*", nxt)):
                    _cap(chars, offset + w.start())  # "a nurse at st vincents", "at seven seeds"
                    continue
            if cue in ("named", "called") and (bare in WORD_NAMES or bare in given_words) and \
                    k == 0 and bare not in STOP_WORDS:
                _cap(chars, offset + w.start())  # "a guy called rob", "a girl called grace okafor"
                continue
            venue = re.match(r"\s*the\s", text[m.end(): offset + 1])
            if cue in ("named", "called") and k > 0 and _is_known_word(bare) and not venue:
                break
            if m.group("asin") and _is_known_word(bare) and not _in_gazetteers(bare):
                break  # "works as a manager in retail": a line of work, not a firm
            if bare in _LOWER_ORGS:  # "work at target" -> "Target"
                for k, c in enumerate(_LOWER_ORGS[bare]):
                    if c.isupper():
                        _cap(chars, offset + w.start() + k)
                break
            relation_cue = m.group().lower().startswith(("my ", "his ", "her ", "our ", "their ",
                                                         "the "))
            if relation_cue and k == 0 and (bare in TEXTING or bare in _GLUED_TEXTING or
                                            not _in_gazetteers(bare) and not _is_known_word(bare)
                                            and not _could_be_a_name(bare)):
                break  # "my sister hahaha", "my mum omfg", "my bf irl": no name
            if relation_cue and (bare in WORD_NAMES or _is_known_word(bare) and
                                 not _in_gazetteers(bare)):
                if bare in _TRUECASE_BLOCK or bare in STOP_WORDS or bare in SPEECH_VERBS or \
                        _is_verb_form(bare):
                    break
                if bare.endswith("ly") and _is_known_word(bare[:-2]) and len(bare) > 5 and \
                        bare not in given_words and bare not in _gazetteer("given_names.txt")[0]:
                    break  # "my boss, frankly, is the worst": an adverb, not a name
                # "my mum sue says": a name that is also a word, told apart by what follows
                after = re.match(r"[\s]*([\w'’]+|[,.;!?(])", text[offset + w.end():])
                if after and (after.group(1) in ",.;!?(" or after.group(1).lower() in SPEECH_VERBS):
                    _cap(chars, offset + w.start())
                break
            if bare in _TRUECASE_BLOCK or bare in STOP_WORDS or bare in MONTH_NAMES or \
                    bare in TEXTING or len(bare) < 2 or bare in SPEECH_VERBS or bare in WORD_NAMES or _is_relation(bare) or \
                    k == 0 and bare in _GENERIC_PLACES:  # "goes to the mosque", "went to the park"
                break
            if m.group().split()[0].lower() == "from" and _is_known_word(bare) \
                    and not _in_gazetteers(bare):
                break  # "a friend from residence": an everyday word, not a town
            if k == 0 and k + 1 < len(words_after) and _is_known_word(bare) and not _in_gazetteers(bare):
                head = re.sub(r"['’]s$|[.,;:!?'’\"”)]+$", "", words_after[1].group()).lower()
                if (head in _GENERIC_PLACES or head in _LOWER_WEAK_ORG_HEADS) and \
                        _is_known_word(head) and not _in_gazetteers(head):
                    break  # "volunteers at the food bank", "went to the dog park": a kind of place
            _cap(chars, offset + w.start())
            if re.search(r"[.,;:!?]$", w.group()):
                break
    given_plain = _gazetteer("given_names.txt")[0]
    for m in _LOWER_PERSON_APPOSITE_RE.finditer(text):  # "a coworker, darnel, keeps texting me"
        noun, name = m.group("noun"), re.sub(r"['’]s$", "", m.group("name"))
        if not (noun[0].isdigit() or _is_person_noun(noun)) or name in STOP_WORDS or name in TEXTING or \
                name in _TRUECASE_BLOCK or name in MONTH_NAMES or name in DAYS or _is_relation(name) or \
                name in SPEECH_VERBS:
            continue
        if not _is_known_word(name) or (name in given_plain or name in given_words) \
                and re.match(r"\s*[,.]", text[m.end("name"):]):
            _cap(chars, m.start("name"))  # "my son, mason, is" but not "my son, honestly, is"
    for m in _LOWER_SAINT_HYPHEN_RE.finditer(text):  # "on st-laurent", "in ste-foy"
        _cap(chars, m.start("st"))
        _cap(chars, m.start("name"))
        if hints is not None:
            hints.append((Kind.PLACE, m.start("st"), m.end("name")))
    for m in _LOWER_SHORT_MONTH_RE.finditer(text):  # "on nov 14", "on 9 feb"
        _cap(chars, m.start("mon") if m.group("mon") else m.start("mon2"))
    for m in _LOWER_IT_DISTRICT_RE.finditer(text):  # "a call centre in it park"
        _cap(chars, m.start("it"))
        _cap(chars, m.start("it") + 1)
        _cap(chars, m.start("noun"))
        if hints is not None:
            hints.append((Kind.PLACE, m.start("it"), m.end("noun")))
    for m in _LOWER_SUBJECT_NAME_RE.finditer(text):  # "when i complain zulkefli says"
        name = re.sub(r"['’]s$", "", m.group("name"))
        before = re.search(r"([a-z']+)\s+$", text[max(0, m.start() - 20): m.start()])
        if name in STOP_WORDS or name in TEXTING or name in _TRUECASE_BLOCK or _is_relation(name) or \
                _is_known_word(name) or name in _LOWER_ORGS or not _could_be_a_name(name) or \
                name in _gazetteer("places.txt")[0] or name in _ENDEARMENTS or \
                before is not None and before.group(1) in DETERMINERS:
            continue  # "wait til bub is 2": what a baby is called, not who
        _cap(chars, m.start("name"))
        if hints is not None:
            hints.append((Kind.NAME, m.start("name"), m.start("name") + len(name)))
    for m in _LOWER_PAREN_NAME_AGE_RE.finditer(text):  # "our boy (jaylen, he's three)"
        name = m.group("name")
        if name not in STOP_WORDS and name not in TEXTING and not _is_relation(name) and (
                not _is_known_word(name) or name in given_plain or name in given_words):
            _cap(chars, m.start("name"))
    for m in _LOWER_APPOSITION_RE.finditer(text):  # "his uncle's restaurant on x road, shababs,"
        names = list(re.finditer(r"\S+", m.group("name")))
        if all(not _is_known_word(n.group().lower()) and not _is_relation(n.group().lower()) and
               n.group().lower() not in _GLUED_TEXTING for n in names):
            for n in names:
                _cap(chars, m.start("name") + n.start())
            if hints is not None and not any(_in_gazetteers(n.group().lower()) for n in names) and \
                    _normal(m.group("name")) not in _data("regions.txt"):
                # (not "a warehouse in swindon, wiltshire,": the county after the town)
                hints.append((Kind.ORGANIZATION, m.start("name"), m.start("name") + names[-1].end()))
    for m in _LOWER_WORK_PAIR_RE.finditer(text):  # "we both work in x, him at grab and me at y"
        names = list(re.finditer(r"[^\s,]+", m.group("name")))
        lowers = [n.group().lower() for n in names]
        if any(w in STOP_WORDS or w in TEXTING or w in _TRUECASE_BLOCK and w not in ("grab",) or
               _is_relation(w) for w in lowers) or lowers[0] in _GENERIC_PLACES:
            continue
        for n in names:
            _cap(chars, m.start("name") + n.start())
    for m in _LOWER_AREA_RE.finditer(text):  # "living in utrecht (lombok neighbourhood)"
        names = list(re.finditer(r"\S+", m.group("name")))
        lowers = [n.group().lower() for n in names]
        if any(w in STOP_WORDS or w in TEXTING or w in _TRUECASE_BLOCK or _is_relation(w) or
               _is_known_word(w) and not _in_gazetteers(w) for w in lowers):
            names = names[-1:] if len(names) == 2 and not (
                _is_known_word(lowers[-1]) and not _in_gazetteers(lowers[-1])) and \
                lowers[-1] not in STOP_WORDS and lowers[-1] not in _TRUECASE_BLOCK else []
        for n in names:
            _cap(chars, m.start("name") + n.start())
        if names and hints is not None:
            hints.append((Kind.PLACE, m.start("name") + names[0].start(), m.start("name") + names[-1].end()))
    for m in _LOWER_THROUGH_RE.finditer(text):  # "my therapist through kaiser"
        listed = _LOWER_ORGS.get(m.group("word"))
        if listed:
            for k, c in enumerate(listed):
                if c.isupper():
                    _cap(chars, m.start("word") + k)
    for m in _LOWER_ACRONYM_RE.finditer(text):  # "we met at byu"
        for k in range(m.start(), m.end()):
            _cap(chars, k)
    for m in _LOWER_ORG_SUFFIX_RE.finditer(text):
        words = list(re.finditer(r"\S+", m.group("pre")))
        keep = []
        for w in reversed(words):
            bare = w.group().lower()
            if bare in ("st", "saint") and keep:  # "st patricks primary"
                keep.append(w)
                break
            strong = m.group("suffix") in ("fc", "afc", "rfc", "gaa", "taxis", "cabs")
            compass = bare in ("north", "south", "east", "west")  # "iron north athletics"
            # "christ university", "holy spirit academy": a holy word that names an institution
            compass = compass or bare in _HOLY_NAME_WORDS and m.group("suffix") in _HOLY_SUFFIXES
            if (bare in _TRUECASE_BLOCK and not (strong and bare not in STOP_WORDS)) or \
                    bare in STOP_WORDS and not compass or bare in SPEECH_VERBS or \
                    bare in TEXTING or _is_relation(bare) or not bare.replace("’", "'").replace(
                        "'", "").replace("&", "").isalpha() or bare in _OWNER_VERBS:
                break  # "my dad runs a&b plumbing": the verb is not part of the name
            keep.append(w)
        while keep and keep[-1].group().lower() in ("north", "south", "east", "west"):
            keep.pop()  # a compass word only inside a name, never first: "up north hospital"
        if keep and m.group("suffix") == "athletics" and not re.search(
                r"\b(?:at|for|joined|join)\s+$", text[: m.start("pre") + keep[-1].start()]):
            keep = []  # "crossfit at iron north athletics", never "he hates athletics"
        if keep and m.group("suffix") in _LOWER_WEAK_ORG_HEADS and not (
                _LOWER_WEAK_HEAD_CUE_RE.search(text[max(0, m.start("pre") + keep[-1].start() - 12):
                                                    m.start("pre") + keep[-1].start()]) or
                re.search(r",\s+$", text[: m.start("pre") + keep[-1].start()]) and
                re.match(r",", text[m.end():])):
            keep = []  # "the food bank", "school assembly": which one is not said
        if keep:
            before = re.search(r"([a-z]+)\s+$", text[: m.start("pre") + keep[-1].start()])
            if before and before.group(1) in _DETERMINERS_BEFORE_KIND and all(
                    _is_known_word(w.group().lower()) for w in keep):
                keep = []  # "at a nail salon", "the dairy farm": a kind of place, not its name
        if keep:
            for w in keep:
                _cap(chars, m.start("pre") + w.start())
                for amp in re.finditer(r"&(?=[a-z])", w.group()):  # "j&m" -> "J&M"
                    _cap(chars, m.start("pre") + w.start() + amp.end())
            _cap(chars, m.start("suffix"))
    places_plain = _gazetteer("places.txt")[0]
    for m in _LOWER_ESTATE_RE.finditer(text):  # "we live on the ravenhill estate"
        if not _is_known_word(m.group("name")) or m.group("name") in places_plain:
            _cap(chars, m.start("name"))
            _cap(chars, m.start("estate"))
    for m in _LOWER_AGED_NAME_RE.finditer(text):  # "our 7 yr old lily"
        word = m.group("name")
        if word in given_words or word in _gazetteer("given_names.txt")[0]:
            if word not in STOP_WORDS and not _is_relation(word):
                _cap(chars, m.start("name"))
    for m in _LOWER_AT_IN_PLACE_RE.finditer(text):  # "crossfit at iron republic in swindon"
        if m.group("place") not in places_plain and m.group("place").split()[0] not in places_plain:
            continue
        names = list(re.finditer(r"\S+", m.group("name")))
        lowers = [n.group().lower() for n in names]
        if lowers[0] in _GENERIC_PLACES or any(
                w in _TRUECASE_BLOCK or w in STOP_WORDS or w in TEXTING or w in DAYS or
                w in MONTH_NAMES or _is_relation(w) or _is_verb_form(w) and not _in_gazetteers(w)
                for w in lowers):
            continue
        for n in names:
            _cap(chars, m.start("name") + n.start())
    pairs = set()
    for m in _LOWER_AT_THE_PAIR_RE.finditer(text):  # "drinks at the fox and hounds on friday"
        lowers = [m.group("a"), m.group("b")]
        if any(w in _GENERIC_PLACES or w in _TRUECASE_BLOCK or w in STOP_WORDS or w in TEXTING or
               w in DAYS or w in MONTH_NAMES or _is_relation(w) or w.endswith(("ing", "ed")) for w in lowers):
            continue  # "at the gym and the pool", "at the start and end"
        pairs.add(m.start())
        _cap(chars, m.start("a"))
        _cap(chars, m.start("b"))
        if hints is not None:
            hints.append((Kind.ORGANIZATION, m.start("the"), m.end("b")))
    for m in _LOWER_AT_THE_RE.finditer(text):  # "a band at the rusty spur on fridays"
        if m.start() in pairs:
            continue
        names = list(re.finditer(r"\S+", m.group("name")))
        lowers = [n.group().lower() for n in names]
        if lowers[0] in _GENERIC_PLACES or any(
                w in _TRUECASE_BLOCK or w in STOP_WORDS or w in TEXTING or
                _is_verb_form(w) and not _in_gazetteers(w) for w in lowers):
            continue  # "at the gym", "at the same time": a kind of place, not a name
        if len(lowers) > 1 and (lowers[-1] in _GENERIC_PLACES or lowers[-1] in _LOWER_WEAK_ORG_HEADS) \
                and all(_is_known_word(w) and not _in_gazetteers(w) for w in lowers):
            continue  # "at the food bank", "at the dog park": a kind of place, not a name
        for n in names:
            _cap(chars, m.start("name") + n.start())
        if hints is not None and any(not _is_known_word(w) or _in_gazetteers(w) for w in lowers):
            hints.append((Kind.ORGANIZATION, m.start() + m.group().find("the"), m.end("name")))
    for m in _LOWER_SAINT_RE.finditer(text):  # "we go to st ninians"
        name = re.sub(r"['’]?s$", "", m.group("name"))
        apostrophe = re.search(r"['’]s$", m.group("name")) is not None and name not in STOP_WORDS
        if name in _gazetteer("given_names.txt")[0] or not _is_known_word(name) or apostrophe:
            _cap(chars, m.start())
            _cap(chars, m.start("name"))
    for rx in (_LOWER_CHURCH_RE, _LOWER_DEDICATION_RE):
        for m in rx.finditer(text):
            for w in re.finditer(r"\S+", m.group()):
                if w.group().lower() not in ("of", "the"):
                    _cap(chars, m.start() + w.start())
    for m in re.finditer(r"\b(?:" + _UK_POSTCODE + "|" + _CA_POSTCODE + r")\b", text.upper()):
        for k in range(m.start(), m.end()):
            _cap(chars, k)
    for m in _STATE_ZIP_LOWER_RE.finditer(text):
        for k in range(m.start("st"), m.end("st")):
            _cap(chars, k)
    return "".join(chars)


_LOWER_ORGS = {k.lower(): k for k in list(ORGS_ALWAYS) + list(ORGS_IN_CONTEXT) if " " not in k}
_LOWER_ACRONYM_RE = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(
    (re.escape(k.lower()) for k in ORGS_ALWAYS if k.isupper() and len(k) >= 3 and k.isalpha()),
    key=len, reverse=True)) + r")(?![\w-])")
_LOWER_ORG_SUFFIX_RE = re.compile(
    r"\b(?P<pre>(?:(?:[a-z][a-z'’]+|[a-z]{1,2}&[a-z]{1,2})\s+){1,3})(?P<suffix>(?:high|middle|elementary|primary)\s+school|"
    r"high|elementary|academy|college|university|hospital|clinic|church|chapel|lodge|hotel|"
    r"motel|inn|pub|tavern|gym|fitness|diner|grill|bakery|cafe|café|salon|arena|stadium|stables?|"
    r"barn|farm|manor|dental|coffee|co-op|primary|baptist|methodist|lutheran|presbyterian|"
    r"pentecostal|electrical|plumbing|builders|roofing|motors|brewery|studio|pharmacy|"
    r"surgery|rollers|fc|afc|rfc|gaa|taxis|cabs|athletics|bank|cooperative|co-operative|assembly|zoo|"
    r"contracting|construction|logistics)\b")
# heads that are also everyday nouns ("the food bank", "school assembly"): a name before them
# only where someone works, banks or goes ("works at ... bank", "a loan from ... bank")
_LOWER_WEAK_ORG_HEADS = frozenset("bank cooperative co-operative assembly zoo contracting construction "
                                  "logistics".split())
_LOWER_WEAK_HEAD_CUE_RE = re.compile(r"\b(?:at|for|from|with|joined|join|through|to)\s+$")
_HOLY_NAME_WORDS = frozenset("christ jesus holy spirit lord god gospel".split())
_HOLY_SUFFIXES = frozenset("university college academy hospital church chapel assembly high primary "
                           "school".split())
_LOWER_WORK_PAIR_RE = re.compile(
    r"\b(?:work|works|working|worked|jobs)\b[^.!?\n]{0,40}?[,;:]\s*(?:him|her|he|she|me|i)\s+(?:at|for)\s+"
    r"(?P<name>[a-z][a-z'’&-]*(?:\s+[a-z][a-z'’&-]*){0,2}?),?\s+(?:and|&|while)\s+(?:him|her|me|i|he|she)\s+"
    r"(?:at|for)\b")
# the provider someone is seen or employed through: "my therapist through kaiser"
_LOWER_THROUGH_RE = re.compile(
    r"\b(?:therapists?|counsell?ors?|psychologists?|psychiatrists?|doctors?|gp|insurance|"
    r"coverage|placed|temping|contracting|job|work)\s+through\s+(?P<word>[a-z][a-z&-]+)\b")
# a workplace, where it stands, then its name between commas: "a call centre in the it park,
# teleperformance, nights"
_LOWER_APPOSITION_RE = re.compile(
    r"\b(?:restaurant|shop|cafe|café|pub|bar|salon|bakery|garage|takeaway|call\s+cent(?:er|re)|"
    r"factory|warehouse|hotel|gym|studio|office|company|firm|business|clinic|practice|bpo|startup|"
    r"start-up|agency|depot|plant|mine|bank|hospital|school|nursery|daycare|charity)"
    r"(?:\s+(?:on|in|off|near)\s+(?:the\s+)?[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,2})?,\s+"
    r"(?P<name>[a-z][a-z'’&-]*(?:\s+[a-z][a-z'’&-]*){0,2}),")
# "(lombok neighbourhood, ...)", "the kreuzberg kiez": a name before the word for a part of town
_LOWER_AREA_RE = re.compile(
    r"\b(?P<name>[a-z][a-z'’-]{2,}(?:\s+[a-z][a-z'’-]{2,})?)\s+(?:neighbourhood|neighborhood|district|"
    r"suburb|quarter|barrio|wijk|kiez|arrondissement|colonia|barangay|township)\b")
# a person, then who they are between commas: "a coworker, darnel, keeps texting", "my son from
# before, kenzie." (the noun may carry a short tail: "from before", "at work")
_LOWER_PERSON_APPOSITE_RE = re.compile(
    r"\b(?P<noun>[a-z][a-z'’-]+|\d{1,2}[- ](?:month|year|week)s?[- ]old)"
    r"(?P<gap>\s+(?:from|at|in|on|of)\s+[a-z]+)?,\s+(?P<name>[a-z][a-z'’-]{2,})"
    r"(?=\s*[,.;!?)]|\s+(?:and|who|is|was|says|said)\b)")
# a child named in brackets with their age: "our boy (jaylen, he's three)", "(tia, 4)"
_LOWER_PAREN_NAME_AGE_RE = re.compile(
    r"\((?P<name>[a-z][a-z'’-]{2,}),\s*(?:(?:she|he)(?:['’]s|\s+is)\s+)?(?:\d{1,2}|"
    + _NUMBER_WORD_RE + r")\b")
_ENDEARMENTS = frozenset("bub bubs bubba bubby bae babe bby bebe hun hunny lo dh dw ds dd".split())
# a word no dictionary knows, as the one who speaks or whose age is given: "when i complain
# zulkefli says", "tavish is 27": a name
_LOWER_SUBJECT_NAME_RE = re.compile(
    r"(?<![\w'’@./-])(?P<name>[a-z][a-z'’-]{2,})(?=\s+(?:says|said|told|tells|texted|texts|asked|asks|"
    r"thinks|thought|replied|insists|insisted|reckons|swears|promised|keeps\s+saying|"
    r"(?:is|was|turns|turned)\s+\d{1,2}\b(?!\s*(?:%|am|pm|k\b|mins?|minutes|hours|miles|km))))")
# "in it park", "at the it hub": "it" cannot stand before a noun, so here it is IT, and the
# business district named after it is a place
_LOWER_IT_DISTRICT_RE = re.compile(
    r"\b(?:in|at|near|from|to|inside)\s+(?:the\s+)?(?P<it>it)\s+(?P<noun>park|hub|city|corridor|zone|"
    r"campus|plaza|centre|center|tower|towers|square)\b")
# a street or a town named for a saint the way Quebec writes it: "on st-laurent", "in ste-foy"
_LOWER_SAINT_HYPHEN_RE = re.compile(
    r"\b(?:on|in|at|near|from|to|off)\s+(?P<st>st|ste|saint|sainte)-(?P<name>[a-zà-ÿ]{3,}(?:-[a-zà-ÿ]+)?)\b")
# a month written short beside its day: "on nov 14", "on 9 feb"
_LOWER_SHORT_MONTH_RE = re.compile(
    r"\b(?P<mon>jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?![\w:.,]\d)"
    r"(?!\s*(?:%|am|pm|mins?|minutes|hours|hrs|kg|km|miles|years|yrs|people|times)\b)|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?P<mon2>jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b(?!['’])"
    r"(?=\s*[.,;!?)]|\s+\d{4}\b|\s+(?:and|for|to|at|in|on|this|next|last|when|because|but|so)\b|\s*$)")
_OWNER_VERBS = frozenset("run runs ran running own owns owned manage manages managed started "
                         "opened joined left quit works worked work working".split())
_LOWER_SAINT_RE = re.compile(r"\b(?:st|saint)\.?\s+(?P<name>[a-z]{3,}(?:['’]s|(?<=[^s]s)))(?![\w'’-])")
_LOWER_CHURCH_RE = re.compile(
    r"\b(?:first|second|grace|trinity|calvary|bethel|united|new\s+life|holy\s+[a-z]+)\s+"
    r"(?:baptist|methodist|lutheran|presbyterian|pentecostal|episcopal|church|chapel|assembly)\b")
_LOWER_ESTATE_RE = re.compile(r"\b(?:on|in|off|from)\s+the\s+(?P<name>[a-z]{3,})\s+(?P<estate>estate)\b")
_LOWER_AGED_NAME_RE = re.compile(r"\b\d{1,2}\s*(?:-\s*)?(?:yrs?|years?|y/?o)(?:[\s-]*old)?\s+(?P<name>[a-z]{3,})\b")
_LOWER_AT_IN_PLACE_RE = re.compile(
    r"\bat\s+(?P<name>[a-z][a-z'’&-]+(?:\s+[a-z][a-z'’&-]+){0,2})\s+(?:in|on)\s+"
    r"(?P<place>[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)(?=\s*[.,;!?)]|\s|$)")
_LOWER_AT_THE_RE = re.compile(
    r"\b(?:at|@)\s+the\s+(?P<name>[a-z][a-z'’&-]+(?:\s+[a-z][a-z'’&-]+)?)"
    r"(?=\s+(?:on|in|near|off|by|down|every|last|this|and|with|for|where|which)\b|\s*[.,;!?)])")
# the shape of many a pub's name: "at the fox and hounds on mill lane"
_LOWER_AT_THE_PAIR_RE = re.compile(
    r"\b(?:at|@)\s+(?P<the>the)\s+(?P<a>[a-z]{3,})\s+(?:and|&)\s+(?P<b>[a-z]{3,})"
    r"(?=\s+(?:on|in|near|off|by|down|every|after)\b|\s*[.,;!?)])")
# what "at the ..." usually is: a kind of place, not its name
_GENERIC_PLACES = frozenset(_words("""
    park beach mall gym shop store pub bar office hospital school church station airport bus
    pool lake river house home apartment flat party wedding funeral dinner lunch breakfast movies
    cinema theatre theater zoo doctor doctors dentist vet club game match supermarket library
    moment time end start beginning top bottom front back door table counter desk bank market
    farm barn garage hotel motel restaurant cafe diner kitchen courthouse court police cops
    corner shops stores mall gas petrol track field pitch rink arena stadium lot car truck
    wheel altar party reception service meeting conference interview hearing appointment clinic
    same least most very first last last-minute weekend weekends time airport hairdressers
    salon barbers pharmacy chemist practice surgery playground daycare nursery creche centre
    center community gym hall village town city local same family kids table funeral show
    concert festival fair races game beach house cottage cabin camp campsite station bar
    pub lake office time start end worst best
    mosque masjid temple mandir gurdwara synagogue shul chapel cathedral kirk parish prayers
    uni college work gp jobcentre dole allotment laundrette launderette takeaway chippy
"""))
_DETERMINERS_BEFORE_KIND = frozenset("a an some another any this that my our his her their your "
                                     "every the".split())
_STATE_ZIP_LOWER_RE = re.compile(
    r"\b(?P<st>" + "|".join(s.lower() for s in sorted(STATE_ABBREVIATIONS)) + "|"
    + "nsw|vic|qld|tas|act" + r"),?\s+\d{4,5}\b")


# --------------------------------------------------------------------------- #
# The named-entity model, after the rules
# --------------------------------------------------------------------------- #

_ORG_HEADS = [
    (r"church|chapel|cathedral|parish|mosque|synagogue|temple|ministr|fellowship|ward|stake",
     "church"),
    (r"gym|fitness|crossfit|yoga|pilates|boxing", "gym"),
    (r"school|academy|elementary|high|preschool|daycare|nursery|primary", "school"),
    (r"university|college|institute|uni", "university"),
    (r"hospital|medical|health|clinic|surgery|dental", "hospital"),
    (r"bar|pub|tavern|brewery|lounge|saloon", "bar"),
    (r"grill|diner|kitchen|bistro|restaurant|pizza|burger|taco|sushi|bakery", "restaurant"),
    (r"cafe|café|coffee", "cafe"),
    (r"hotel|inn|motel|resort|lodge", "hotel"),
    (r"bank|credit union|financial", "bank"),
    (r"club", "club"),
    (r"theater|theatre|arena|stadium|hall|center|centre", "venue"),
]
_WORK_NEAR_RE = re.compile(r"\b(?i:" + WORK_CUES + r")\b(?:\s+[\w'’-]+){0,4}?\s+"
                           r"(?i:at|for|from|with|by|to|into)\s+(?:the\s+)?$")
_MODEL_DATE_RE = re.compile(r"\b" + _YEAR + r"\b|\b" + _MONTH_RE + r"\.?\s+\d{1,2}\b|\b\d{1,2}"
                            r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"\b")
# General statements about a country: "in America we...", "Americans are..."
_PERSONAL_PLACE_CUE = re.compile(
    r"(?i:\b(?:from|(?:live|lives|lived|living|born|raised|grew\s+up|based|stationed|deployed|"
    r"settled|reside|resides|resided|stay|stays|stayed|staying|still|now|back\s+home|home)"
    r"(?:\s+(?:here|there|over|out|back|together))?\s+(?:in|at)|"
    r"(?:moved|moving|relocated|relocating|emigrated|emigrating)\s+(?:over\s+|out\s+)?to)"
    r"\s+(?:the\s+)?)$")


def _entity_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim 'the', possessive and punctuation from a model span."""
    m = re.match(r"(?i:the)\s+", text[start:end])
    if m and start + m.end() < end:
        start += m.end()
    span = text[start:end]
    for tail in ("'s", "’s", "'", "’"):
        if span.endswith(tail) and len(span) > len(tail):
            end -= len(tail)
            break
    end = _strip_trailing(text, start, end, ".,;:!?'\"’”)(")
    return start, end


def _org_category(name: str) -> str | None:
    lower = name.lower()
    for pattern, category in _ORG_HEADS:
        if re.search(r"\b(?:" + pattern + r")", lower):
            return category
    return None


def _entities(text: str):
    """The model's entities; only its own NER component runs (it has its own tok2vec), which
    gives the same entities as the whole pipeline in two thirds of the time."""
    from dearly.language.entities import LABELS, Entity, get_pipeline

    nlp = get_pipeline()
    doc = nlp.get_pipe("ner")(nlp.make_doc(text))
    return [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents
            if e.label_ in LABELS]


_SIGN_OFF_START_RE = re.compile(r"(?i:warmly|regards|kind\s+regards|warm\s+regards|best\s+wishes|"
                                r"thanks|cheers|best|love|sincerely|yours|blessings|gratefully|"
                                r"respectfully|hugs)\s*,")


def _add_entities(doc: _Doc, found: _Found, original: str) -> None:
    text = doc.text
    public = _public_spans(text)
    for ent in _entities(text):
        start, end = _entity_span(text, ent.start, ent.end)
        if start >= end:
            continue
        span = text[start:end]
        if _employer_brand(text, start, span):
            _add_org(doc, found, start, end, "store")  # "works at the Bullring in Primark"
            continue
        if ent.label != "DATE" and any(s < end and start < e for s, e in public):
            continue
        if _SIGN_OFF_START_RE.match(span):
            continue  # "Warmly, Exhausted in Swansea": a sign-off and its pen name
        if _leave_alone(span) and ent.label != "DATE":
            continue
        if ent.label in ("PERSON", "GPE", "LOC", "FAC", "ORG"):
            if not span[:1].isupper() or re.search(r"\d", span) and ent.label == "PERSON":
                continue
            words = span.split()
            if all(w.lower().strip(".,") in STOP_WORDS or w.lower() in MONTH_NAMES or
                   w.lower() in DAYS or w.lower().strip(".,!") in TEXTING for w in words):
                continue
            if len(span) < 2 or span.isupper() and len(span) <= 3 and ent.label != "ORG":
                continue
            if any(_leave_alone(w) for w in words) and len(words) == 1:
                continue
        if ent.label == "PERSON":
            if re.match(r"(?:A|An|The)\s", span):
                continue  # "A Grief Observed": a title, not a person
            if " " not in span and span not in FIRST_NAMES and re.search(
                    r"(?:ous|ful|less|ive|ic|al|able|ed|ing|ly|ness|est)$", span.lower()) and len(span) > 5:
                continue  # "Suspicious in Sandy": a sign-off, not a person
            idx = doc.index_at(start)
            if idx is not None and doc.tokens[idx].sentence_start and len(span.split()) == 1 \
                    and span not in FIRST_NAMES and span.lower() in WORD_NAMES:
                continue
            found.add(Kind.NAME, start, end, "[name]")
        elif ent.label in ("GPE", "LOC"):
            if _normal(span) in _data("countries.txt") or span in COUNTRY_SET:
                continue
            if " " not in span and _is_known_word(span.lower()) and not _in_gazetteers(span.lower()) \
                    and span not in _PLACE_SET and not re.search(r"\b(?i:the)\s+$", text[:start]):
                continue  # "Warmly, Confused in Cardiff", "into Stoicism": everyday words, no town
            if ent.label == "LOC" and re.fullmatch(r"(?i:the\s+)?(?:north|south|east|west|"
                                                   r"northern|southern|eastern|western)\b.*",
                                                   span) and " " not in span:
                continue
            found.add(Kind.PLACE, start, end, "[place]")
        elif ent.label in ("FAC", "ORG"):
            work_cue = _WORK_NEAR_RE.search(text[max(0, start - 60): start])
            at_venue = re.search(r"\b(?i:at|to)\s+(?:the\s+)?$", text[max(0, start - 10): start])
            if " " not in span and not work_cue and not at_venue and _is_known_word(span.lower()):
                continue  # "they call him 'Coach'": an everyday word, and nobody works there
            if re.fullmatch(r"[A-Z&]{2,5}s?", span) and not work_cue and not re.search(
                    r"\b(?i:at|with|for|from|to|into|joined|join|left|quit|by)\s+(?:the\s+)?$",
                    text[max(0, start - 16): start]) or re.search(
                    r"\b(?i:applied|apply|applying|queue|queued|waiting|wait|tested|test|screened|"
                    r"prepare|preparing|study|studying|revise|revising)\s+for\s+(?:the\s+|my\s+|"
                    r"our\s+)?$", text[max(0, start - 24): start]):
                continue  # "my father's BP", "three rounds of IUI", "applied for BTO"
            category = _org_category(span)
            if category is None:
                category = "workplace" if _WORK_NEAR_RE.search(text[max(0, start - 60): start]) \
                    else "organization"
            _add_org(doc, found, start, end, category)
        elif ent.label == "DATE":
            m = _MODEL_DATE_RE.search(span)
            if not m or _leave_alone(span):
                continue
            words = span.split()
            for k in range(len(words) - 1, 0, -1):
                if _leave_alone(" ".join(words[:k])):  # "since Silvester 2019": the holiday stays
                    start = start + span.index(words[k], len(" ".join(words[:k])))
                    span = text[start:end]
                    break
            if re.fullmatch(r"(?i:the\s+)?(?:19|20)\d0s", span) or re.search(r"(?i)\bages?\b", span):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", span) and not _PERSONAL_CLAUSE.search(
                    doc.sentence_before(start) + text[end:end + 60].split(".")[0]):
                continue
            found.add(Kind.DATE, start, end, "[date]" if not re.fullmatch(_YEAR, span) else "[year]")


@cache
def _leave_alone_re() -> re.Pattern:
    """Every leave-alone phrase as it may stand in a letter: several words in any case, one
    word as written (a capital 'Pride' is the event, 'pride' could be anything)."""
    phrases, words = [], []
    lines = [line for name in ("leave_alone.txt", "public_figures.txt", "vehicles.txt", "brands.txt")
             for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()]
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            (phrases if " " in line else words).append(line)
    return re.compile(r"(?<![\w-])(?:(?i:" + _trie_pattern(p.lower() for p in phrases) + r")|" +
                      _trie_pattern(words) + r")(?![\w-])")


def _trie_pattern(strings: Iterable[str]) -> str:
    """One pattern for many literal strings, branching a character at a time (a plain
    alternation of 2,000 phrases is tried phrase by phrase at every offset: ten times slower).
    The longest string wins where several match, as in an alternation sorted by length."""
    trie: dict = {}
    for string in strings:
        node = trie
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


_OPEN_QUOTE = "['\"“‘]"
_CLOSE_QUOTE = "['\"”’]"
_TITLE_WORDS = r"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|the|and|&|in|at|a|on))*"
# Titles of shows, films and books, and car models, known by the words around them.
_PUBLIC_CUE_RES = [
    # "like an episode of EastEnders", "something off Coronation Street", "watching Bluey"
    re.compile(r"(?i:\b(?:episodes?\s+of|something\s+(?:off|out\s+of|from)|straight\s+out\s+of|"
               r"like\s+(?:in|on)|like\s+(?:we['’]re|we\s+are|i['’]m|i\s+am|it['’]s|we\s+were|"
               r"they['’]re|living)\s+in|re-?runs\s+of|watch(?:es|ed|ing)?|binge(?:d|s|ing)?|"
               r"box\s+set\s+of|quoting|quotes)\s+"
               # "watches only Tagesschau": an adverb between the verb and the title
               r"(?:(?:only|just|always|mostly|still|nothing\s+but|old|endless)\s+)?(?:the\s+)?)"
               r"(?P<title>" + _TITLE_WORDS + r")"),
    # "some Lifetime movie", "Blue Heelers reruns"
    re.compile(r"(?P<title>" + _TITLE_WORDS + r")\s+(?i:movies?|films?|shows?|series|episodes?|"
               r"re-?runs|box\s+sets?|documentar(?:y|ies)|podcasts?|sitcoms?|soaps?|novels?|"
               r"musicals?|channel)\b"),
    # "drives a white Tahoe", "bought a new Hilux"
    re.compile(r"(?i:\b(?:drives?|drove|driving|bought|buys|buying|leased|got|has|had|in)\s+"
               r"(?:a|an|his|her|my|their|our|the)\s+(?:(?:brand\s+)?new|old|used|beat-up|shiny|big|"
               r"little|lifted|white|black|silver|grey|gray|red|blue|green|navy|dark|maroon|gold|"
               r"yellow|orange|purple|brown)\s+(?:(?:white|black|silver|grey|gray|red|blue|green|"
               r"pickup|sports?)\s+)?)(?P<title>[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)?)"),
    # "we watched 'The Bear'", "I've read 'A Grief Observed'": a quoted title after a media verb
    re.compile(r"(?i:\b(?:watch(?:es|ed|ing)?|read(?:s|ing)?|re-?read|listen(?:s|ed|ing)?\s+to|"
               r"saw|seen|see|finished|started|lov(?:e|es|ed)|recommend(?:s|ed)?|quot(?:e|es|ed|ing)|"
               r"binge(?:d|s|ing)?|book|novel|film|movie|show|series|song|album|podcast)\s+"
               r"(?:the\s+)?)" + _OPEN_QUOTE + r"(?P<title>[A-Z][^\n'\"”’]{0,60})" + _CLOSE_QUOTE),
    # "'A Grief Observed' by C.S. Lewis", "a book by Brené Brown": the author is public
    re.compile(r"(?:" + _CLOSE_QUOTE + r"|\b(?i:book|novel|poem|song|album|essay|memoir|podcast|"
               r"talk|article)s?)\s+(?i:by)\s+(?P<title>[A-Z][\w.'’-]*(?:\s*[A-Z][\w.'’-]*){0,3})"),
    # "that Ali Wong special", "the new Elton John biopic": a comedian's special, a life on film
    re.compile(r"(?i:\b(?:that|the|a|an|this|his|her|their|new|latest)\s+)(?P<title>[A-Z][\w'’.-]*"
               r"(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?i:specials?|stand-?ups?|biopics?|trilogy|saga|"
               r"franchise|soundtrack|audiobook)\b"),
    # "queued to hear Alain de Botton speak", "went to see Hozier live": someone on a stage
    re.compile(r"(?i:\bto\s+(?:hear|see|watch)\s+)(?P<title>[A-Z][\w.'’-]*(?:\s+(?:(?:de|van|von|"
               r"da|del|der|la|le)\s+)?[A-Z][\w.'’-]*){0,3})\s+(?i:speak|lecture|live|in\s+concert|"
               r"on\s+tour|give\s+a\s+talk|do\s+(?:a\s+)?(?:talk|reading|stand-?up))\b"),
    # "a Skilled Worker visa", "on Universal Credit": paperwork and benefits, not a person
    re.compile(r"(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?i:visas?|permits?|schemes?|"
               r"allowance|benefits?|credit|tax\s+credits?)\b"),
    # greetings transliterated from Arabic, each writer spelling them their own way
    # ("Assalam o Alaikum", "Salam alaykum", "As-salamu aleikum")
    re.compile(r"(?P<title>\b(?i:(?:as+|a)?[\s-]?sal[aā]+m+(?:[\s-]*(?:u|o|ou|oo|ul|-o-))?[\s-]*"
               r"(?:a?l[ae][iy]?[kc]h?[uo]m|aleykum|alaykum|alikum)(?:[\s-]+(?:wa|wr|wb)\b[\w\s-]{0,40}?"
               r"(?=[.,!\n]))?)\b)"),
    # festivals and shows named with their place: "Notting Hill Carnival", "the Royal Show"
    re.compile(r"(?P<title>(?:[A-Z][\w'’.-]*\s+){1,3}(?:Carnival|Festival|Fest|Parade|Marathon|"
               r"Fair|Races|Show|Expo|Pride|Mardi\s+Gras))\b"),
]


_MEDIA_AFTER_RE = re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+(?i:videos?|clips?|shows?|movies?|films?|"
                             r"re-?runs|episodes?|podcasts?|songs?|music|albums?|tiktoks?|reels|"
                             r"vlogs?|workouts?|programmes?|programs?|interviews?|specials?|books?)\b")
_TITLE_BEFORE_AND_RE = re.compile(r"(?<![\w'’-])(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})"
                                  r"\s+(?:and|or|&)\s+$")
_TITLE_AFTER_AND_RE = re.compile(r"\s+(?:and|or|&)\s+(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})")
# "Anna Karenina, Middlemarch and every Shakespeare comedy": the next title in a list of titles,
# one word or more, when the list goes on after it
_LIST_END_RE = re.compile(r"\s+(?:and|or|&)\s+(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")
_TITLE_IN_LIST_RE = re.compile(r",\s+(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
                               r"(?=,|\s+(?:and|or|&)\s)")
_BY_AUTHOR_RE = re.compile(r"['\"”’]?\s+by\s+(?P<author>[A-Z][\w.'’-]*(?:\s*[A-Z][\w.'’-]*){0,3})")
_READ_TITLE_RE = re.compile(
    r"\b(?:(?i:read|reading|re-?read|rereading|finished|listening\s+to|listened\s+to|"
    r"analy[sz](?:e|es|ed|ing)|re-?watch(?:ed|es|ing)?)|"
    r"(?i:the|a)\s+(?i:book|novel|memoir|workbook|film|movie|show|tv\s+show|series|sitcom|song|"
    r"album|play|musical|podcast|documentary|opera|anime|drama|k-drama|telenovela|video\s+game)"
    r"(?:\s+(?i:called|named)|,)?)\s+(?P<title>" + _TITLE_WORDS + r")")


@cache
def _expert_names() -> re.Pattern | None:
    """The expert the letter is written to ("Dear Dr. Ellis", "hi nora") is not the writer's
    secret: her full name, her first name and her title with her surname are left alone."""
    try:
        from django.conf import settings

        full = str(getattr(settings, "EXPERT_NAME", "") or "")
    except Exception:  # no Django settings (a bench run)
        full = os.environ.get("DEARLY_EXPERT_NAME", "Dr. Nora Ellis")
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", full)
             if w.lower().rstrip(".") not in TITLES]
    if not words:
        return None
    forms = {" ".join(words), words[0]}
    if len(words) > 1:
        forms |= {f"{t}{dot} {words[-1]}" for t in ("Dr", "Doctor", "Ms", "Mrs", "Miss", "Mr",
                                                       "Prof", "Professor") for dot in ("", ".")}
        forms.add(words[-1])
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?i:" + alternation + r")(?![\w-])")


def _public_spans(text: str) -> list[tuple[int, int]]:
    return list(_public_spans_of(text))


@lru_cache(maxsize=4)
def _public_spans_of(text: str) -> tuple[tuple[int, int], ...]:
    """Computed once per letter (three steps ask): the leave-alone pattern is long."""
    spans = [(m.start(), m.end()) for m in _leave_alone_re().finditer(text)]
    for m in _READ_TITLE_RE.finditer(text):  # "we've been reading Getting Past Your Past"
        title = re.sub(r"\s+(?:and|&)\s+I\b.*$", "", m.group("title"))  # "the show Sam and I love"
        first = title.split()[0]
        if first.endswith(("'s", "’s")) or " " not in title and (
                first in FIRST_NAMES or _is_given_name(first.lower())):
            continue  # "I read Mark's texts", "I read Sarah a story"
        spans.append((m.start("title"), m.start("title") + len(title)))
    for rx in _PUBLIC_CUE_RES:
        for m in rx.finditer(text):
            title = m.group("title")
            if " " not in title and (title in FIRST_NAMES or _is_given_name(title.lower())) and \
                    not _MEDIA_AFTER_RE.match(text, m.end("title")):
                continue  # "I keep watching Sam play": a person; "watching joe wicks videos" is not
            spans.append((m.start("title"), m.end("title")))
    for start, end in list(spans):  # "we love Queer Eye and Ted Lasso": a title beside a title
        if " " not in text[start:end].strip():
            continue
        before = _TITLE_BEFORE_AND_RE.search(text, max(0, start - 60), start)
        after = _TITLE_AFTER_AND_RE.match(text, end)
        for m in (before, after):
            if m:
                spans.append((m.start("title"), m.end("title")))
        listed, last = _TITLE_IN_LIST_RE.match(text, end), None
        while listed:
            spans.append((listed.start("title"), listed.end("title")))
            last = listed.end("title")
            listed = _TITLE_IN_LIST_RE.match(text, last)
        closing = _LIST_END_RE.match(text, last) if last is not None else None
        if closing:  # "..., Rebecca and Wuthering Heights": the list's last title
            spans.append((closing.start("title"), closing.end("title")))
    for _, end in list(spans):  # "Getting Past Your Past by Francine Shapiro": its author
        by = _BY_AUTHOR_RE.match(text, end)
        if by:
            spans.append((by.start("author"), by.end("author")))
    expert = _expert_names()
    if expert is not None:
        spans += [(m.start(), m.end()) for m in expert.finditer(text)]
    return tuple(spans)


_EMPLOYED_AT_RE = re.compile(r"\b(?i:work|works|worked|working|job|jobs|employed|plant|factory|"
                             r"shifts?|nights|weekends|manager|supervisor|" + JOB_NOUNS +
                             r"|drives?|drove|driving|deliver(?:s|ed|ing)?|career|pension|"
                             r"retired|years|decades|shift|stacking|tills?|crew)"
                             r"(?:\s+[\w'’-]+){0,4}?\s+(?i:at|for|with|in|from|by)\s+(?:the\s+)?"
                             # "works in the company Nokia": a learner's English names the kind
                             r"(?:(?i:company|firm|bank|corporation|factory|plant|group)\s+)?$")


# "I manage the Crown": a pub of that name, not the television series
_RUNS_BEFORE_RE = re.compile(r"\b(?i:run|runs|ran|running|own|owns|owned|manage|manages|managed|"
                             r"managing|co-owns?)\s+(?:the\s+|a\s+\w+\s+called\s+(?:the\s+)?)?$")


def _employer_brand(text: str, start: int, name: str) -> bool:
    """A shop, a chain or a car maker after a work cue ("a cashier at Aldi") is an employer."""
    return _normal(name) in _data("vehicles.txt") | _data("brands.txt") and (
        _EMPLOYED_AT_RE.search(text, max(0, start - 50), start) is not None or
        _PAIR_BEFORE_RE.search(text, max(0, start - 90), start) is not None)


def _drop_public_names(doc: _Doc, found: _Found) -> None:
    """A public figure, a title or a therapy term the rules took for a name or a place,
    or a part of one ("Brown" in "Brené Brown agrees")."""
    public = _public_spans(doc.text)
    keep = []
    for p in found.items:
        if p.kind == Kind.ADDRESS and p.reason == "a street name" or p.kind == Kind.ORGANIZATION:
            # "something off Coronation Street", "retired from the Navy"; an employer the
            # rules know ("works at Target") stays
            seen = doc.text[p.start:p.end]  # as truecased: "uber" reads "Uber"
            core = re.sub(r"^[\s,]*(?:(?:on|off|at|near|down|along)\s+)?(?:the\s+)?", "",
                          seen, flags=re.IGNORECASE).strip(" ,")
            core_start = p.start + seen.index(core) if core else p.start
            listed = core in ORGS_ALWAYS or core in ORGS_IN_CONTEXT or \
                _employer_brand(doc.text, core_start, core) or (
                    p.kind == Kind.ORGANIZATION and _RUNS_BEFORE_RE.search(
                        doc.text, max(0, core_start - 30), core_start) is not None)
            if not listed and (_normal(core) in _public_phrases() or any(
                    s <= core_start and core_start + len(core) <= e for s, e in public)):
                continue
        if p.kind in (Kind.NAME, Kind.PLACE) and "relation" not in p.reason:
            # an employer found by the rules stays, and so does "my friend Sue Johnson"
            core = re.sub(r"^[\s,]*(?:(?i:in|to|from|into|near|called|named)\s+)?(?:the\s+)?", "",
                          p.original).strip(" ,")
            core_start = p.start + p.original.index(core) if core else p.start
            if _normal(core) in _public_phrases() or any(
                    s <= core_start and core_start + len(core) <= e for s, e in public):
                continue
        keep.append(p)
    found.items = keep


def _drop_general_country_places(doc: _Doc, found: _Found) -> None:
    """A country, a continent or a people identifies nobody: not in a general statement ("in
    America we marry late"), and not where someone comes from or lives either ("I am from
    Poland, living in Ireland"): every editor who labelled a set left those alone. Only a role
    that one person holds there ("the only Welsh-speaking midwife in Wales") keeps it."""
    text = doc.text
    keep = []
    for p in found.items:
        if p.kind == Kind.PLACE and "relation" not in p.reason:
            core = p.original.strip(" ,")
            core = re.sub(r"^(?i:in|to|from|into|near)\s+(?:the\s+)?", "", core)
            if _normal(core) in _data("countries.txt") and not _NAME_GOES_ON_RE.match(text, p.end) \
                    and not _ONLY_IN_RE.search(
                    text[max(0, p.start - 60): p.start] + p.original[: len(p.original) - len(core)]):
                continue
        keep.append(p)
    found.items = keep


# "Jamaica Plain", "Ireland West Airport": a country's name begins a longer one
_NAME_GOES_ON_RE = re.compile(r"[ \t]+(?:[A-Z]|(?i:plain|town|city|village|county|road|street)\b)")
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# "went to the Eras Tour", "off to the Fringe Festival": an event, not where anyone lives
_EVENT_WORDS = frozenset("tour festival fest concert gig show parade fair expo marathon "
                         "conference convention match final cup championship".split())
_COLOURS = ("silver|black|white|red|blue|grey|gray|green|yellow|orange|gold|maroon|navy|beige|"
            "brown|purple|burgundy|bronze|champagne")
# "her silver Polo", "a second-hand Bailey tourer": a car or a caravan, not a person or a town
_VEHICLE_BEFORE_RE = re.compile(r"(?i:\b(?:" + _COLOURS + r")(?:\s+(?:old|new|little|battered|"
                                r"second-hand|secondhand|used|company))?\s+)$")
_VEHICLE_AFTER_RE = re.compile(r"\s+(?i:car|van|tourer|caravan|motorhome|campervan|camper|"
                               r"hatchback|saloon|sedan|estate\s+car|truck|ute|bakkie|pickup|"
                               r"pick-up|suv|4x4|jeep|motorbike|motorcycle|scooter)\b(?![\w-]|\s+[A-Z])")
_THING_BEFORE_RE = re.compile(r"(?i:\b(?:a|an|the|my|his|her|our|their|your|new|old|fake|real|"
                              r"cheap|designer|second-hand|[\w]+['’]s)\s+)$")
_PRODUCT_AFTER_RE = re.compile(
    r"\s+(?i:bag|handbag|purse|wallet|bracelet|necklace|charm|earrings|watch|perfume|"
    r"trainers|sneakers|shoes|boots|heels|jacket|coat|hoodie|dress|top|jeans|leggings|"
    r"sunglasses|glasses|phone|laptop|tablet|headphones|vape|voucher|gift\s+card|"
    r"subscription|account|console|controller|hamper|candle|lipstick|mascara|foundation)s?\b")
# "a dog named Biscuit", "our cat Mochi": a pet's name identifies nobody
_PET_BEFORE_RE = re.compile(r"(?i:\b(?:dog|dogs|cat|cats|puppy|pup|kitten|hamster|rabbit|bunny|"
                            r"horse|pony|parrot|budgie|tortoise|turtle|guinea\s+pig|goldfish|"
                            r"ferret|gerbil|lizard|snake)\s+(?:(?:named|called)\s+)?)$")


_GENERIC_ORG_HEADS = frozenset("school schools church hospital college university clinic charity "
                               "gym bank company firm shop store chain practice nursery".split())
_BY_RE = re.compile(r"['\"”’]?\s+by\s+(?P<who>[A-Z][\w.'’-]*(?:\s+(?:van|von|de|der|da|le)?\s*"
                    r"[A-Z][\w.'’-]*){0,3})")


def _by_public_figure(text: str, end: int) -> bool:
    """"Perfect by Ed Sheeran", "Untamed by Glennon Doyle": a work of someone everyone knows."""
    m = _BY_RE.match(text, end)
    if not m:
        return False
    words = m.group("who").split()
    return any(_normal(" ".join(words[:n])) in _public_phrases() for n in range(len(words), 0, -1))


# A capitalized run ending in one of these is a public agreement, law or event ("the Good Friday
# Agreement", "the Treaty of Waitangi", "the Second Amendment"), not a person or a place
_PUBLIC_DOCUMENT_WORDS = frozenset(_words("""
    agreement agreements treaty accord accords act amendment convention declaration constitution
    revolution uprising war referendum protocol charter
"""))
# "every Diwali", "each Carnival", "every sábado": what comes round every year or week
_RECURRING_BEFORE_RE = re.compile(r"(?i:\b(?:every|each)\s+(?:single\s+)?)$")
# a weekday in the languages readers mix in ("last sábado", "every domingo lunch")
_FOREIGN_WEEKDAYS = frozenset(_words("""
    lunes martes miércoles miercoles jueves viernes sábado sabado domingo
    segunda terça terca quarta quinta sexta
    lundi mardi mercredi jeudi vendredi samedi dimanche
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi
"""))
_WEEKDAY_CUE_RE = re.compile(r"(?i:\b(?:every|each|last|next|this|on|por\s+el|el|los|on\s+a)\s+)$")
# a holy figure or a feast, not a woman of the letter: "the day of the Virgen de ...", "Our Lady of"
_HOLY_FIGURE_RE = re.compile(r"(?i:(?:virgen|virgin|our\s+lady|nuestra\s+se[ñn]ora|nossa\s+senhora|"
                             r"madonna|santo\s+ni[ñn]o)\b)")
_FEAST_BEFORE_RE = re.compile(r"(?i:\b(?:feast|day|festival|fiesta|festa|procession|novena)\s+of\s+"
                              r"(?:the\s+|our\s+)?)$")
_WATCHED_ON_RE = re.compile(r"\s+(?i:on\s+(?:the\s+)?(?:tv|television|telly|radio|telly))\b")


def _capitalized_run(text: str, start: int, end: int) -> tuple[int, int]:
    """The capitalized words around [start, end), joined by spaces or "of"."""
    left = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’-]*|of|de|da|do|del|di)\s+$")
    while (m := left.search(text, max(0, start - 30), start)) is not None:
        start = m.start()
    while (m := re.match(r"(?:of|de|da|do|del|di)\s+", text[start:start + 4])) is not None:
        start += m.end()
    right = re.compile(r"\s+(?:(?:of|de|da|do|del|di)\s+(?:the\s+)?)?[A-Z][\w'’-]*")
    while (m := right.match(text, end)) is not None:
        end = m.end()
    return start, end


def _drop_public_events_and_ideas(doc: _Doc, found: _Found) -> None:
    """What no reader is identified by although it looks like a name: a belief ("Buddhism"),
    an agreement or a law ("the Good Friday Agreement"), a feast that comes round ("every
    Carnival", "the day of the Virgin of ..."), a weekday in another language, a team on the
    television."""
    text = doc.text
    keep = []
    for p in found.items:
        if p.kind in (Kind.NAME, Kind.PLACE, Kind.ORGANIZATION) and "relation" not in p.reason:
            seen = text[p.start:p.end]
            core = re.sub(r"^[\s,]*(?:(?i:in|to|from|into|near|at|on|for)\s+)?(?i:the\s+)?", "", seen).strip(" ,.")
            if not core:
                keep.append(p)
                continue
            core_start = p.start + seen.find(core)
            core_end = core_start + len(core)
            words = core.lower().split()
            lead = text[max(0, core_start - 30): core_start]
            if p.kind != Kind.ORGANIZATION and len(words) == 1 and len(words[0]) > 5 and \
                    words[0].endswith("ism"):
                continue  # "I love Buddhism", "raised in Catholicism"
            run_start, run_end = _capitalized_run(text, core_start, core_end)
            last = re.findall(r"[\w'’-]+", text[run_start:run_end])
            if last and last[-1].lower() in _PUBLIC_DOCUMENT_WORDS and run_end - run_start > len(last[-1]):
                continue  # "the Good Friday Agreement", "the Treaty of Waitangi"
            if p.kind != Kind.ORGANIZATION and _RECURRING_BEFORE_RE.search(
                    text[max(0, run_start - 20): run_start]) and len(core.split()) <= 3:
                continue  # "we danced at every Carnival", "every Eid"
            if len(words) == 1 and words[0] in _FOREIGN_WEEKDAYS and _WEEKDAY_CUE_RE.search(lead):
                continue
            if p.kind != Kind.ORGANIZATION and (_HOLY_FIGURE_RE.match(text, run_start) or
                                                _FEAST_BEFORE_RE.search(text[max(0, run_start - 30):run_start])):
                continue  # "the day of the Virgin of Guadalupe"
            if p.kind == Kind.NAME and len(words) == 1 and _WATCHED_ON_RE.match(text, core_end):
                continue  # "Benfica on the television"
        keep.append(p)
    found.items = keep


def _drop_things_taken_for_names(doc: _Doc, found: _Found) -> None:
    """What the rules or the model took for a person or a place but the words around say is
    something else: a people ("my family is Kikuyu", "I'm Danish"), a month ("moving in
    feb"), an event ("went to the Eras Tour"), a car ("her silver Polo"), a pet ("a dog named
    Biscuit")."""
    text = doc.text
    keep = []
    for p in found.items:
        if p.kind in (Kind.NAME, Kind.PLACE, Kind.ORGANIZATION) and "relation" not in p.reason:
            seen = text[p.start:p.end]
            core = re.sub(r"^[\s,]*(?:(?i:in|to|from|into|near|at|named|called)\s+)?(?i:the\s+)?",
                          "", seen).strip(" ,")
            core_start = p.start + (seen.find(core) if core else 0)
            lower = core.lower()
            words = lower.split()
            lead = text[max(0, core_start - 40): core_start]
            if not words:
                pass
            elif p.kind != Kind.ORGANIZATION and len(words) == 1 and \
                    _normal(core) in _data("countries.txt") and not _NAME_GOES_ON_RE.match(text, p.end) \
                    and not (_is_given_name(lower) and
                             not re.search(r"(?:ish|ese|ian|ean|ic|i|ois|oise)$", lower)):
                continue  # "I'm Danish", "my family is Kikuyu"; "a guy called Jordan" stays
            elif p.kind == Kind.PLACE and lower in _MONTH_ABBREVIATIONS:
                continue
            elif p.kind == Kind.PLACE and words[-1] in _EVENT_WORDS:
                continue
            elif p.kind != Kind.ORGANIZATION and len(words) == 1 and (
                    _VEHICLE_BEFORE_RE.search(lead) or _VEHICLE_AFTER_RE.match(text, p.end)):
                continue
            elif p.kind != Kind.ORGANIZATION and len(words) <= 2 and \
                    _THING_BEFORE_RE.search(lead) and _PRODUCT_AFTER_RE.match(text, p.end):
                continue  # "a Pandora bracelet", "her new Michael Kors bag": a brand
            elif p.kind == Kind.NAME and len(words) <= 2 and _PET_BEFORE_RE.search(lead):
                continue
            elif p.kind != Kind.ORGANIZATION and _by_public_figure(text, p.end):
                continue  # "we danced to Perfect by Ed Sheeran": a song, not a town
            elif p.kind == Kind.ORGANIZATION and len(words) == 1 and re.search(
                    r"(?i:\b(?:drives?|drove|driving|bought|buys?|leased?|leasing|owns?|owned|"
                    r"test-drove|crashed|parked)\s+(?:a|an|his|her|their|my|our|the)\s+"
                    r"(?:new\s+|old\s+|used\s+|second-hand\s+)?)$", lead):
                continue  # "he drives a Tesla": a car, not where he works
            elif p.kind == Kind.ORGANIZATION and re.search(r"(?i:\b(?:a|an|another)\s+)$", lead) \
                    and words[-1] in _GENERIC_ORG_HEADS:
                continue  # "a Church of England school": which one is not said
        keep.append(p)
    found.items = keep


_CITY_SET = frozenset(c.lower() for c in CITIES)
_STATE_SET = frozenset(s.lower() for s in US_STATES)
# "the only female farrier in West Yorkshire": a region is small enough with a unique role
_ONLY_IN_RE = re.compile(r"(?i:\bonly\b[^.!?\n]{0,50}\b(?:in|on)\s+(?:the\s+)?)$")


_HOME_IN_RE = re.compile(r"(?i:\b(?:home|house|condo|flat|apartment|place|farm|ranch|cabin|"
                        r"caravan|trailer|town|village|hamlet|port|harbour|harbor|parish|practice|"
                        r"surgery|school|community)\s+(?:is\s+|was\s+)?(?:in|on|at|outside)\s+"
                        r"(?:the\s+)?|"
                        # "wants to go home to Ontario", "flew back home to Kerala": where home is
                        r"\b(?:go|goes|going|went|gone|come|comes|coming|came|fly|flew|flying|move|moved|"
                        r"moving|drive|drove|head|headed|heading)\s+(?:back\s+)?home\s+to\s+(?:the\s+)?)$")


# "I'm a 52-year-old man in New Brunswick", "I am a single mum in Saskatchewan": the writer
_SELF_IN_RE = re.compile(
    r"(?i:\b(?:i['’]?m|i\s+am|we['’]re|we\s+are)\s+(?:a|an|two)\b[^.!?\n]{0,40}?\b(?:man|woman|guy|"
    r"girl|lady|bloke|mum|mom|dad|father|mother|widow|widower|wife|husband|couple|women|men|"
    r"nurse|teacher|farmer|student|retiree|pensioner)\s+(?:(?:living|based|here|out)\s+)?"
    r"(?:in|from)\s+(?:the\s+)?)$")


_KIND_OF_VENUE_RE = re.compile(
    r"^[\s,]*(?:(?i:in|to|from|at|into|near)\s+)?(?:(?i:the)\s+)?(?P<kind>[A-Z][\w'’-]+)"
    r"(?:\s+(?i:school|nursery|kindergarten|church|chapel|mosque|temple|academy|college|hospital|"
    r"hotel|daycare|preschool))?[\s,]*$")
_VENUE_NOUN_AFTER_RE = re.compile(r"\s+(?i:school|nursery|kindergarten|church|chapel|mosque|temple|"
                                  r"academy|college|daycare|preschool)\b")


def _drop_kinds_of_venue(doc: _Doc, found: _Found) -> None:
    """"goes to the Waldorf school", "teaches at the Islamic school", "the Montessori nursery":
    the kind of school or faith, not which one, whichever rule took it for a name."""
    keep = []
    for p in found.items:
        if p.kind in (Kind.PLACE, Kind.ORGANIZATION, Kind.NAME):
            m = _KIND_OF_VENUE_RE.match(doc.text[p.start:p.end])
            if m and m.group("kind").lower() in _KIND_BEFORE_NOUN and (
                    m.end("kind") < len(m.group().rstrip(" ,")) or
                    _VENUE_NOUN_AFTER_RE.match(doc.text, p.end)):
                continue
        keep.append(p)
    found.items = keep


def _drop_general_regions(doc: _Doc, found: _Found) -> None:
    """A state, province or county ("his family in New Brunswick", "her parents in Ohio") is
    as coarse as a country: proposed where someone lives, comes from or moved to, where the
    writer says who she is there ("I'm a widow in Manitoba"), after a town or a venue it
    narrows down (a county or province, not a US state: "from Ennis in Clare"), or with a
    role only one person holds there, and otherwise left alone."""
    text = doc.text
    keep = []
    # where a town, a venue or a street is proposed, the region after it narrows it down
    # further ("from Ennis in Clare", "the wedding at Gosfield Hall in Essex")
    ends = {q.end for q in found.items if q.kind in (Kind.PLACE, Kind.ORGANIZATION, Kind.ADDRESS)}
    for p in found.items:
        if p.kind == Kind.PLACE and "relation" not in p.reason:
            seen = text[p.start:p.end]
            core = re.sub(r"^[\s,]*(?i:in|to|from|into|near|across|around)\s+(?:the\s+)?", "",
                          seen).strip(" ,")
            lower = _normal(core)
            if (lower in _STATE_SET or lower in _data("regions.txt")) and lower not in _CITY_SET:
                lead = text[max(0, p.start - 60): p.start] + seen[: seen.find(core)]
                part_of_name = re.match(r"\s+(?:[A-Z]|(?i:town|city|village|county)\b)", text[p.end:])
                narrows = re.search(r"[^\s,](?P<gap>[\s,]*(?:(?i:in|near|outside)\s+)?(?:the\s+)?)$",
                                    lead)
                # (not a US state: "we live in The Villages in Florida" leaves the state alone)
                narrows = narrows is not None and lower not in _STATE_SET and (p.start + len(seen[: seen.find(core)]) -
                                                   len(narrows.group("gap"))) in ends
                if not part_of_name and not narrows and not _PERSONAL_PLACE_CUE.search(lead[-40:]) and \
                        not _SELF_IN_RE.search(lead) and \
                        not _ONLY_IN_RE.search(lead) and not _HOME_IN_RE.search(lead):
                    continue  # "Idaho Power", "kildare town" are not the region
        keep.append(p)
    found.items = keep


# "our honeymoon in Santorini", "a stag weekend in Prague": where a trip went identifies nobody
_TRAVEL_CUE_RE = re.compile(
    r"(?i:\b(?:honeymoon(?:ed|ing)?|holiday(?:s|ed|ing)?|vacation(?:s|ed|ing)?|(?P<weak>trips?|"
    r"weekends?(?:\s+away)?)|getaways?|cruises?|cruising|city\s+breaks?|tours?|touring|"
    r"backpack(?:ed|ing)?(?:\s+(?:through|around))?|sightseeing|hen\s+(?:do|party)|stag\s+(?:do|party))"
    r"(?:\s+(?:abroad|away|together|last\s+year|once))?\s+(?:in|to|on|at)\s+(?:the\s+)?)$")


_TRAVEL_AFTER_RE = re.compile(
    r"\s+(?i:on|for)\s+(?:a|an|our|my|his|her|their|the)\s+(?:\w+\s+)?(?:stag|hen|holiday|"
    r"honeymoon|city\s+break|vacation|cruise|getaway|conference)")


_WENT_TO_RE = re.compile(r"(?i:\b(?:went|flew|go|going|goes|travel(?:l)?ed|jetted|headed|off|then)\s+"
                         r"(?:back\s+|over\s+|out\s+)?(?:to|in)\s+(?:the\s+)?)$")
_TRIP_IN_SENTENCE_RE = re.compile(
    r"(?i:\b(?:(?<!working\s)holidays?(?!\s+visa)|vacations?|trips?|honeymoon|getaway|city\s+break|hen\s+(?:do|party)|"
    r"stag\s+(?:do|party)|girls['’]?\s+trip|lads['’]?\s+holiday|birthday|\d{2}(?:st|nd|rd|th)\b|"
    r"anniversary|festival|concert|gig|tour|cruise|week\s+away|weekend\s+away)\b)")


def _core_and_lead(text: str, p, prepositions: str, window: int) -> tuple[str, str]:
    """A place proposal's name without a leading preposition ("in the Algarve" -> "Algarve"), and
    the `window` characters before the proposal with that preposition: what the cues read."""
    core = re.sub(rf"^[\s,]*(?i:{prepositions})\s+(?:the\s+)?", "", p.original).strip(" ,")
    return core, text[max(0, p.start - window): p.start] + p.original[: p.original.find(core)]


def _drop_travel_destinations(doc: _Doc, found: _Found) -> None:
    text = doc.text
    keep = []
    for p in found.items:
        if p.kind == Kind.PLACE and "relation" not in p.reason:
            core, lead = _core_and_lead(text, p, "in|to|on|at", 50)
            cue = _TRAVEL_CUE_RE.search(lead)
            big = core in _PLACE_SET or _leave_alone(core) or core.lower() in _data("regions.txt")
            if core and (cue and (big or not cue.group("weak")) or _TRAVEL_AFTER_RE.match(text, p.end)):
                continue  # a small place on a weekend away may still say who the writer is
            # "we went to ibiza for my 21st ... best holiday ever": a trip said in the sentence
            if core and _WENT_TO_RE.search(lead) and _TRIP_IN_SENTENCE_RE.search(
                    doc.sentence_before(p.start) + text[p.end:p.end + 120].split(".")[0]):
                continue
        keep.append(p)
    found.items = keep


# "what this means in Twi", "she said it in Patois": a language after words about saying
_SAID_IN_RE = re.compile(r"(?i:\b(?:means?|meant|mean(?:ing)?|say|says|said|saying|called|call|"
                         r"word\s+for\s+[\w'’-]+|speak|speaks|spoke|speaking|spoken|written|wrote|"
                         r"write|writes|translated?|swear(?:s|ing)?|sing(?:s|ing)?|pray(?:s|ed|ing)?)"
                         r"(?:\s+(?:it|this|that|them|him|her|me|us|something|things|only|even|"
                         r"mostly|also|back|to\s+\w+))*\s+in\s+)$")
# "a loan from M-Shwari", "borrowed from Tala": a lender the reader uses is not where anyone is
_LENT_BY_RE = re.compile(r"(?i:\b(?:loans?|credit|overdraft|mortgage|advance|borrow(?:s|ed|ing)?"
                         r"(?:\s+(?:money|cash|\S*\d\S*))?|lent|payday\s+loan)\s+(?:from|with|at|on)"
                         r"\s+(?:the\s+)?)$")


def _drop_languages_and_lenders(doc: _Doc, found: _Found) -> None:
    """A place proposal that is a language ("this means in Twi") or a lender ("a loan from
    M-Shwari"), known only by the words before it, not by a list of either; or an idea with a
    capital ("he's into Stoicism"): an everyday abstract noun that no gazetteer has."""
    text = doc.text
    keep = []
    for p in found.items:
        if p.kind == Kind.PLACE and "relation" not in p.reason:
            core, lead = _core_and_lead(text, p, "in|from|with|at|on", 60)
            if core and (_SAID_IN_RE.search(lead) or _LENT_BY_RE.search(lead)):
                continue
            if " " not in core and re.search(r"(?:ism|ity|ness|ology|ment|ship|hood)$", core.lower()) \
                    and _is_known_word(core.lower()) and not _in_gazetteers(core.lower()):
                continue
        keep.append(p)
    found.items = keep


# --------------------------------------------------------------------------- #
# Public API
# --------------------------------------------------------------------------- #

def proposal_to_dict(p: Proposal) -> dict:
    """A proposal as stored on the letter (JSON), read back by proposal_from_dict."""
    return {"kind": p.kind.value, "start": p.start, "end": p.end, "original": p.original,
            "replacement": p.replacement, "reason": p.reason}


def proposal_from_dict(d: dict) -> Proposal:
    return Proposal(Kind(d["kind"]), d["start"], d["end"], d["original"], d["replacement"], d["reason"])


def proposals_for(text: str, stored: list[dict] | None) -> list[Proposal]:
    """The proposals the worker stored for this text (``Letter.proposals``) when they still
    match it, so that a web process never loads the entity model; otherwise found afresh."""
    if stored:
        try:
            proposals = [proposal_from_dict(d) for d in stored]
        except (KeyError, TypeError, ValueError):
            proposals = []
        if proposals and all(text[p.start:p.end] == p.original for p in proposals):
            return sorted(proposals, key=lambda p: (p.start, p.end))
    return find_identifiers(text)


def _add_truecase_hints(doc: _Doc, found: _Found, hints: list[tuple[Kind, int, int]]) -> None:
    """What reading a lowercase letter showed: a gazetteer place after "in", an unknown word
    after "at" ("tuition at evergreen" is not, "both at mcgill" is)."""
    for kind, start, end in hints:
        if kind == Kind.ORGANIZATION:  # "the Fox" read from "the fox and hounds": the whole name
            inside = [p for p in found.items if p.kind in (Kind.ORGANIZATION, Kind.NAME) and
                      start <= p.start and p.end <= end and (p.start, p.end) != (start, end)]
            if inside and not any(p.start < end and start < p.end and p not in inside for p in found.items):
                found.items = [p for p in found.items if p not in inside]
        if found.overlaps(start, end):
            continue
        if kind == Kind.NAME:
            found.add(Kind.NAME, start, end, "[name]", "a personal name")
        elif kind == Kind.PLACE:
            found.add(Kind.PLACE, start, end, "[place]")
        else:
            _add_org(doc, found, start, end, _org_category(doc.text[start:end]) or "organization")


def _find_gazetteer_places(doc: _Doc, found: _Found) -> None:
    """A capitalized run of two or three words that the places gazetteer knows ("Swift
    Current", "Palmerston North"), wherever it stands."""
    places = _gazetteer("places.txt")[0]
    toks = doc.tokens
    i = 0
    while i < len(toks):
        done = False
        for n in (3, 2):
            group = toks[i:i + n]
            if len(group) < n or not all(t.text[:1].isupper() or t.lower in ("of", "on", "upon")
                                         for t in group):
                continue
            if any(doc.gap(k) != " " for k in range(i + 1, i + n)):
                continue
            phrase = " ".join(t.text.lower() for t in group[:-1]) + " " + group[-1].lower
            if phrase in places and not found.overlaps(group[0].start, group[-1].start + len(group[-1].base)):
                if not _leave_alone(phrase):
                    found.add(Kind.PLACE, group[0].start, group[-1].start + len(group[-1].base), "[place]")
                i += n
                done = True
                break
        if not done:
            i += 1


def _find_coordinated_names(doc: _Doc, found: _Found) -> None:
    """"Hazel and June", "Poppy and Isla": a capitalized word joined by "and" to a name is a
    name too, even one that is also a month or a word (in a lowercase letter, a given name:
    "our twins, archie and sienna")."""
    text = doc.text
    public = _public_spans(text)
    given = _gazetteer("given_names.txt")
    for p in sorted(found.items, key=lambda p: p.start):
        if p.kind != Kind.NAME:
            continue
        after = re.match(r"(?:,?\s+(?:and|&|or)\s+)([A-Z]?[^\W\d_]+)(?![\w'’-])", text[p.end:])
        before = re.search(r"(?<![\w'’-])([A-Z]?[^\W\d_]+)(?:,?\s+(?:and|&|or)\s+)$", text[:p.start])
        for m, offset in ((after, p.end), (before, 0)):
            if m is None:
                continue
            start, end = offset + m.start(1), offset + m.end(1)
            word = m.group(1).lower()
            if not m.group(1)[:1].isupper() and not (
                    getattr(doc, "lowercase", False) and word not in FUNCTION_WORDS and
                    (word in given[0] or word in given[1])):
                continue
            if any(s <= start and end <= e for s, e in public):
                continue
            idx = doc.index_at(start)
            if (word in STOP_WORDS and word not in MONTH_NAMES) or word in DAYS or \
                    word in TEXTING or _leave_alone(m.group(1)) or found.overlaps(start, end) or \
                    idx is None or doc.tokens[idx].sentence_start or _is_relation(word):
                continue
            found.add(Kind.NAME, start, end, "[name]")


_NAME_WORD_RE = re.compile(r"[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)?")
_NOT_AFTER_NAME = frozenset("you he she it they we i the a an this that these those there my your "
                            "his her our their anyone someone everyone people things".split())


_LOWER_HONORIFIC_RE = re.compile(r"\b(?:mr|mrs|ms|miss|mx|dr)\.?\s+(?P<name>[a-z][a-z'’-]{2,})\b")
_SIGN_OFF_NAME_RE = re.compile(
    r"(?i:thanks|thank\s+you|many\s+thanks|cheers|regards|best\s+wishes|best|love|warmly|"
    r"sincerely|yours|blessings|gratefully|xx*)\s*[,.!–—-]*\s+(?P<name>[A-Z][a-z]+)\.?\s*$")


def _find_honorifics_and_sign_offs(doc: _Doc, found: _Found) -> None:
    """"mrs okafor our form tutor" in a lowercase letter: the title stays, the surname goes;
    "Thank you, Nora" at the very end: the writer's given name."""
    text = doc.text
    if doc.lowercase:
        for m in _LOWER_HONORIFIC_RE.finditer(found.text):
            word = m.group("name")
            if word in STOP_WORDS or word in TEXTING or word in MONTH_NAMES or _leave_alone(word):
                continue
            if _MEDIA_AFTER_RE.match(found.text, m.end("name")):
                continue  # "watched dr. oz videos": someone on the screen, not in the letter
            found.add(Kind.NAME, m.start("name"), m.end("name"), "[name]",
                      "a surname after a title (the title is kept)")
    tail = max(0, len(text) - 60)
    m = _SIGN_OFF_NAME_RE.search(text, tail)
    if m and (m.group("name") in FIRST_NAMES or _is_given_name(m.group("name").lower())):
        found.add(Kind.NAME, m.start("name"), m.end("name"), "[name]", "the writer's own name")


def _find_names_again(doc: _Doc, found: _Found) -> None:
    """A word the letter has shown to be somebody's name ("married Will (46M)") is a name where
    it stands again ("Every Saturday Will has to"), and so is a nickname in brackets right
    after a name ("Zbigniew (Zbyszek to friends)")."""
    text = doc.text
    names: set[str] = set()
    for p in list(found.items):
        if p.kind != Kind.NAME:
            continue
        for m in _NAME_WORD_RE.finditer(text, p.start, p.end):
            word = m.group()
            lower = word.lower()
            if len(word) >= 2 and lower not in TITLES and lower not in ("i", "the", "a", "an") and \
                    lower not in MONTH_NAMES and lower not in DAYS and not _is_relation(lower) and \
                    not _leave_alone(word):
                names.add(word)
        nick = re.match(r"\s*\(\s*([A-Z][^\W\d_]+)(?=[\s),])", text[p.end:])
        if nick:
            word = nick.group(1)
            start = p.end + nick.start(1)
            if word.lower() not in STOP_WORDS and not _is_relation(word) and \
                    not _leave_alone(word) and not found.overlaps(start, start + len(word)):
                found.add(Kind.NAME, start, start + len(word), "[name]", "a personal name (a nickname)")
                names.add(word)
    if not names:
        return
    rx = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                    + r")(?![\w-])(?!['’](?![sS]\b))")
    for m in rx.finditer(text):
        start, end = m.start(), m.end()
        if found.overlaps(start, end):
            continue
        idx = doc.index_at(start)
        after = re.match(r"\s+([\w'’]+)", text[end:])
        if idx is not None and doc.tokens[idx].sentence_start and after and \
                after.group(1).lower() in _NOT_AFTER_NAME:
            continue  # "Will you help?", "May I ask"
        found.add(Kind.NAME, start, end, "[name]", "a personal name (named earlier in the letter)")
    if doc.lowercase:
        # a lowercase letter writes the name without its capital elsewhere: "my partner is sol
        # (she/her, 25) ... sol says"; an everyday word only where a name would stand
        lower_rx = re.compile(rx.pattern, re.IGNORECASE)
        for m in lower_rx.finditer(text):
            start, end = m.start(), m.end()
            word = m.group().lower()
            if found.overlaps(start, end) or not m.group().islower():
                continue
            before = re.search(r"([\w'’]+)\s+$", text[max(0, start - 20): start])
            after = re.match(r"\s*([\w'’]+|[(,.;!?])", text[end:])
            if before and (before.group(1).lower() in DETERMINERS or
                           before.group(1).lower() in _NOT_AFTER_NAME or
                           before.group(1).lower() in ("to", "will", "would", "can", "could")):
                continue
            if _is_known_word(word) and not (after and (after.group(1) == "(" or
                                                        after.group(1).lower() in SPEECH_VERBS)):
                continue
            found.add(Kind.NAME, start, end, "[name]", "a personal name (named earlier in the letter)")


# "a sophomore at ohio state", "second year at uni of limerick", "he got into uq": where a
# lowercase letter says someone studies, the words after "at" or "into" name the school
_STUDY_AT_RE = re.compile(
    r"\b(?:sophomore|freshman|fresher|junior|senior|student|undergrad|grad\s+student|phd|"
    r"masters|master['’]s|degree|course|program|programme|placement|scholarship|"
    r"(?:first|second|third|final|fourth|last)\s+year|year\s+\d{1,2}|studying|studies|study|"
    r"enrolled|got|get|getting|accepted|offer|transferred|transferring|applied)"
    r"(?:\s+[a-z'’-]+){0,3}?\s+(?:at|into|to|from)\s+(?:the\s+)?"
    r"(?P<org>[a-z][a-z&'’.-]*(?:\s+(?:of\s+)?[a-z][a-z&'’.-]*){0,3})")
_STUDY_NOT = frozenset(_words("""
    home night nights work school college uni university class classes church weekend weekends
    least all heart first last moment time online same local community a an my his her our
    their your some this that it its them him me us you uni's here there once nursing law
    medicine engineering summer""")) | frozenset(MONTH_NAMES) | frozenset(DAYS)


def _find_lowercase_schools(doc: _Doc, found: _Found) -> None:
    if not doc.lowercase:
        return
    text = found.text
    for m in _STUDY_AT_RE.finditer(text):
        words = m.group("org").split()
        kept = []
        for w in words:
            lw = w.strip(".,'’")
            if kept and (lw in STOP_WORDS and lw != "of" or
                         lw.endswith(("ing", "ed")) and _is_known_word(lw)):
                break
            kept.append(w)
        while kept and kept[-1] in ("of", "&"):
            kept.pop()
        of_name = len(kept) >= 3 and kept[1] == "of"  # "uni of limerick"
        if not kept or (kept[0].strip(".,") in _STUDY_NOT or kept[0] in STOP_WORDS or
                        kept[0] in TEXTING) and not of_name:
            continue
        if m.group(0).split()[0] in ("got", "get", "getting", "applied") and (
                " into " not in m.group(0) or len(kept) == 1 and _is_known_word(kept[0])):
            continue  # "got to the gym", "got into trouble"
        start = m.start("org")
        end = start + len(" ".join(kept))
        end = _strip_trailing(text, start, end)
        phrase = text[start:end]
        if _leave_alone(phrase) or _normal(phrase) in _data("countries.txt"):
            continue
        if of_name:  # "uni of stirling" is the university, not the town inside its name
            found.items = [p for p in found.items if not (
                p.kind == Kind.PLACE and start <= p.start + len(p.original) - len(p.original.lstrip(" ,"))
                and p.end <= end)]
        if found.overlaps(start, end):
            continue
        _add_org(doc, found, start, end, _org_category(phrase) or "university")


def _find_places_again(doc: _Doc, found: _Found) -> None:
    """A town or an employer the letter has named is the same identifier where it stands
    again ("live in Ballycarney ... half of Ballycarney reads your column")."""
    text = doc.text
    seen: dict[str, Proposal] = {}
    for p in found.items:
        if p.kind not in (Kind.PLACE, Kind.ORGANIZATION):
            continue
        core = re.sub(r"^[\s,]*(?:(?i:in|to|from|into|near|at|on|for|with)\s+)?(?:the\s+)?", "",
                      text[p.start:p.end]).strip(" ,.")
        if len(core) >= 4 and core[:1].isupper() and not _leave_alone(core) and \
                core.lower() not in STOP_WORDS:
            seen.setdefault(core, p)
    for core, p in seen.items():
        if text.count(core) < 2:
            continue
        same = p.original.strip(" ,.") == core
        for m in re.finditer(r"(?<![\w'’-])" + re.escape(core) + r"(?![\w-])", text):
            if found.overlaps(m.start(), m.end()):
                continue
            replacement = p.replacement if same and p.replacement else (
                "[place]" if p.kind == Kind.PLACE else "[workplace]")
            found.add(p.kind, m.start(), m.end(), replacement, "named earlier in the letter")


def find_identifiers(text: str, *, model: bool = True) -> list[Proposal]:
    """Proposals for every identifier found, sorted by start and not overlapping.

    The rules run first; then (``model=True``) the entity model adds what they did not cover.
    A lowercase letter is read from a truecased copy: offsets and ``original`` stay the
    letter's own.
    """
    hints: list[tuple[Kind, int, int]] = []
    work = _truecase(text, hints) if _looks_lowercase(text) else text
    doc = _Doc(work)
    doc.lowercase = work is not text
    found = _Found(text)
    _find_emails(doc, found)
    _find_links(doc, found)
    _find_phones(doc, found)
    _find_phones_everywhere(doc, found)
    _find_addresses(doc, found)
    _find_numbered_districts(doc, found)
    _find_plates(doc, found)
    _find_dates(doc, found)
    _find_ages(doc, found)
    _find_ages_phrased_otherwise(doc, found)
    _find_jobs(doc, found)
    _find_organizations(doc, found)
    _find_names_and_places(doc, found)
    _add_truecase_hints(doc, found, hints)
    _find_gazetteer_places(doc, found)
    _find_years(doc, found)
    _drop_general_country_places(doc, found)
    _drop_public_names(doc, found)
    if model:
        _add_entities(doc, found, text)
        _drop_general_country_places(doc, found)
    _drop_things_taken_for_names(doc, found)
    _drop_public_events_and_ideas(doc, found)
    _drop_travel_destinations(doc, found)
    _drop_languages_and_lenders(doc, found)
    _drop_general_regions(doc, found)
    _drop_kinds_of_venue(doc, found)
    _find_coordinated_names(doc, found)
    _find_honorifics_and_sign_offs(doc, found)
    _find_lowercase_schools(doc, found)
    _find_names_again(doc, found)
    _find_places_again(doc, found)
    _find_explained_abbreviations(doc, found)
    _drop_words_taken_for_names(found)
    return found.result()


# "we live in JLT (Jumeirah Lake Towers)", "Great Ormond Street Hospital (GOSH)": an
# abbreviation explained in brackets beside it is what its explanation is
_ABBREVIATION_BEFORE_RE = re.compile(
    r"(?<![\w-])(?P<abbr>[A-Z]{2,6})\s*\((?P<full>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&|and|the)){1,6})\)")
_ABBREVIATION_AFTER_RE = re.compile(
    r"(?P<full>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|&|and|the)){1,6})\s*\((?P<abbr>[A-Z]{2,6})\)")


def _find_explained_abbreviations(doc: _Doc, found: _Found) -> None:
    text = doc.text
    if "(" not in text:
        return
    for rx in (_ABBREVIATION_BEFORE_RE, _ABBREVIATION_AFTER_RE):
        for m in rx.finditer(text):
            initials = "".join(w[0] for w in m.group("full").split() if w[0].isupper())
            if initials != m.group("abbr"):
                continue
            start = m.start("full")
            if _leave_alone(m.group("abbr")) or _leave_alone(m.group("full")):
                continue  # "IVF (In Vitro Fertilisation)"
            # a proposal that begins where the explanation begins: the whole name, not a word of it
            kinds = [p for p in found.items if start - 4 <= p.start <= start and start < p.end and
                     p.kind in (Kind.PLACE, Kind.ORGANIZATION, Kind.ADDRESS)]
            if kinds and not found.overlaps(m.start("abbr"), m.end("abbr")):
                kind = kinds[0].kind
                found.add(kind, m.start("abbr"), m.end("abbr"),
                          "[place]" if kind == Kind.PLACE else "[organization]"
                          if kind == Kind.ORGANIZATION else "[address]",
                          "the abbreviation of a name proposed beside it")


def _drop_words_taken_for_names(found: _Found) -> None:
    """A capital at the start of a sentence makes a word look like a name: a word drawn out
    ("Sooo", "Whyyy") or a relation's nickname ("Hubby says", "Wifey and I") is neither."""
    keep = []
    for p in found.items:
        core = p.original.strip(" ,")
        if p.kind == Kind.NAME and " " not in core and (
                re.search(r"([a-z])\1\1", core.lower()) or core.lower() in TEXTING or
                core.lower() in RELATIONS):
            continue
        keep.append(p)
    found.items = keep


_SEAM = "\x00"
_SEAM_SPACE = "\x01"
_SEAM_TIGHT = "\x02"


def apply(text: str, proposals: Iterable[Proposal]) -> str:
    """Write the given (accepted, possibly edited) proposals into ``text``.

    Proposals the expert rejected are simply not passed.  Where a replacement
    meets the text around it, doubled spaces, a space before ``,``/``.`` and a
    doubled comma are tidied; the rest of the letter is left exactly as written.
    Raises ``ValueError`` if a proposal does not match ``text`` or two overlap.
    """
    chosen = sorted(proposals, key=lambda p: (p.start, p.end))
    pieces: list[str] = []
    pos = 0
    for p in chosen:
        if p.start < pos:
            raise ValueError(f"proposals overlap at {p.start}: {p.original!r}")
        if text[p.start:p.end] != p.original:
            raise ValueError(f"proposal {p.original!r} does not match the text at {p.start}")
        pieces += [text[pos:p.start], _SEAM, p.replacement, _SEAM]
        pos = p.end
    pieces.append(text[pos:])
    out = "".join(pieces)

    def seam(m: re.Match) -> str:
        return _SEAM_SPACE if any(c in " \t" for c in m.group()) else _SEAM_TIGHT

    out = re.sub(r"[ \t\x00]*\x00[ \t\x00]*", seam, out)
    out = re.sub(r",([\x01\x02]+)(?=[,.;:!?])", r"\1", out)          # ", ," -> ","
    out = re.sub(r"[\x01\x02]+(?=[,.;:!?)\]])", "", out)              # "word ." -> "word."
    out = re.sub(r"(?<=[(\[])[\x01\x02]+", "", out)                   # "( word" -> "(word"
    out = re.sub(r"\(\)\s?", "", out)                                   # "()" left empty
    out = re.sub(r"^[\x01\x02]+|[\x01\x02]+$", "", out)
    out = re.sub(r"[\x01\x02]+(?=\n)|(?<=\n)[\x01\x02]+", "", out)
    out = re.sub(r"[\x01\x02]*\x01[\x01\x02]*", " ", out)
    out = out.replace(_SEAM_TIGHT, "")
    return out
