"""Demo letters (all written for Dearly, every person and place invented), in various states, so
the desk looks alive after `make run`. Loaded through the same services the form and the desk
use, so they are screened, indexed and anonymized for real."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dearly.column.models import Article
from dearly.column.services import topic_named
from dearly.letters import anonymizer, services
from dearly.letters.models import Letter

# (pen name, days ago, state, topics, email, letter)
LETTERS = [
    ("Not safe at home", 0.05, "new", ["Safety at home"], "",
     "My husband took my car keys and my phone again last night so I could not go to my sister's. "
     "When I asked for them back he pushed me against the wall and said nobody would believe me. "
     "He is sweet to everyone else. I don't know if this counts as abuse or if I am overreacting. "
     "We have been married nine years."),
    ("Tired of everything", 0.2, "new", ["Divorce and separation"], "",
     "My wife moved out in August and took the kids to her parents' place. I go to work and come "
     "home to a quiet house and honestly I think everyone would be better off without me. I'm not "
     "writing for sympathy. I just wanted to tell someone how it is."),
    ("Counting dishes", 0.6, "new", ["Communication"], "counting.dishes@example.com",
     "Every night ends the same way: I cook, Daniel watches his phone, and then we argue about who "
     "does the dishes. He says I keep score. I do keep score, because otherwise it would all be mine. "
     "How do we stop having the same fight about plates?"),
    ("Second-guessing in Tacoma", 1.5, "new", ["Trust after betrayal"], "",
     "Two years ago my girlfriend Priya had an emotional affair with a man from her office at "
     "Brightline Logistics. She ended it and we went to counseling. Now she has a work trip to "
     "Denver with him and says I should trust her. I'm 31 and I feel like a jealous teenager. "
     "Is it fair to ask her not to go?"),
    ("The quiet one", 3, "new", ["Pursue–withdraw", "Emotional disconnection"], "",
     "When my partner gets upset I go silent. Not to punish her, my head just empties. She follows "
     "me into the next room, asking what I am thinking, and the more she asks the less I can say. "
     "Last week she said living with me is like living with a locked door."),
    ("Married to the business", 5, "new", ["Money"], "married.to.work@example.com",
     "We run a small bakery together on Elm Street and we have not talked about anything but flour "
     "prices and staff schedules in a year. I miss my wife. She says the business is our baby and "
     "it needs us now. When is it my turn?"),
    ("Stepmom on probation", 8, "shortlisted", ["Blended families"], "",
     "My stepdaughter is 14 and treats me like furniture. Her dad says give it time. It has been "
     "three years. I cook for her, drive her to practice, and she thanks him. I love him and I "
     "want this family to work, but I am running out of patience and I hate that about myself."),
    ("Phone checker", 12, "shortlisted", ["Anxiety and attachment", "Trust after betrayal"], "",
     "He has never cheated on me, as far as I know. But when his phone lights up I feel sick until "
     "I know who it is. I've started checking it while he showers. I know it is wrong and I know it "
     "will end us if he finds out. Why can't I stop?"),
    ("Out of words", 20, "answering", ["Sex and intimacy"], "out.of.words@example.com",
     "My husband Marco and I have not had sex in eleven months. We are 38 and 41, we have two "
     "small kids, and we are both exhausted. When I try to bring it up he jokes it away. I don't "
     "even know if I want sex or if I just want him to want me. Where do we start?"),
    ("Declined but grateful", 172, "declined", ["In-laws"], "",
     "My mother-in-law rearranges my kitchen every time she visits. I know it is small. It makes "
     "me furious anyway and my husband thinks I am being petty."),
    ("Same fight, again", 0.9, "duplicate", ["Communication"], "",
     "Every night we argue about the dishes. I cook and he is on his phone, then we fight about "
     "who cleans up. He says I keep score. How do we stop fighting about the dishes?"),
    ("Nine out of ten", 30, "published", ["Emotional disconnection"], "",
     "On a scale of ten my need for closeness is a nine and my husband's is maybe a two. Counseling "
     "has not helped. We either avoid each other or we fight."),
]


def load(stdout=None) -> int:
    if Letter.objects.exists():
        return 0
    now = timezone.now()
    made: dict[str, Letter] = {}
    with transaction.atomic():
        for pen_name, days_ago, state, topics, email, body in LETTERS:
            letter = services.submit_letter(
                pen_name=pen_name, body=body, email=email, consent_publication=True,
                consent_sensitive_data=True, now=now - timedelta(days=days_ago),
            )
            services.set_topics(letter, [topic_named(t) for t in topics])
            _bring_to(letter, state, made)
            made[pen_name] = letter
    if stdout:
        stdout.write(f"Demo letters: {len(made)} (2 urgent) in the desk.")
    return len(made)


def _bring_to(letter: Letter, state: str, made: dict[str, Letter]) -> None:
    if state in ("shortlisted", "declined"):
        services.move_letter(letter, state)
    elif state == "duplicate":
        services.move_letter(letter, state, duplicate_of=made["Counting dishes"])
    elif state == "answering":
        reviewed = anonymizer.apply(letter.body, anonymizer.find_identifiers(letter.body))
        article = services.start_answer(letter, reviewed_letter=reviewed, title="Not in the mood, or not in the marriage?")
        services.save_draft(
            article, title=article.title, letter=article.letter,
            answer="Eleven months is long enough that it has become its own subject. Start there...",
            topics=list(letter.topics.all()),
        )
    elif state == "published":
        article = Article.objects.filter(slug="he-cant-connect-emotionally").first()
        if article is not None:
            services.move_letter(letter, Letter.State.ANSWERING)
            services.publish_answer(letter, article, at=article.published_at)
