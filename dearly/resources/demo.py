"""Demo content for /resources/: the kinds of help, the ways to find it and the books the
column recommends. Every sentence is written for Dearly; book titles and authors are named as
facts. Directories are described in words, not linked: we link only what we can vouch for."""

from dearly.resources.models import Resource
from dearly.resources.services import save_resource

HELP, FINDING, BOOK = Resource.Kind.HELP, Resource.Kind.FINDING, Resource.Kind.BOOK

RESOURCES = [
    # Kinds of help -------------------------------------------------------------------------
    dict(kind=HELP, slug="eft-couples-therapist", position=0,
         name="An EFT-trained couples therapist",
         keywords="Emotionally Focused Therapy\nEFT\nEFT-trained",
         summary="Emotionally Focused Therapy helps couples see the loop they are caught in and reach "
                 "each other underneath it. Often the best first call when you keep having the same fight.",
         body="""Emotionally Focused Therapy (EFT) starts from the idea that most fights between partners are
protests about closeness: one reaches hard, the other protects themselves, and each move makes the
other's more likely. The therapist slows those moments down until each of you can say what happens
inside, and hear the other say it.

**What it is good for:** the pursue–withdraw pattern, distance after years of small hurts, recovery
after a betrayal when both want to stay, couples where one partner finds feelings hard to put into words.

**What to expect:** weekly sessions together, usually somewhere between eight and twenty of them.
Early sessions map your cycle; later ones work on the moments when you turn towards each other.

**What to ask:** “Are you trained in Emotionally Focused Therapy, and how much of your practice is
couples work?” Training comes in stages; a therapist who is certified, or supervised by someone who
is, has had their sessions reviewed by experienced trainers.
"""),
    dict(kind=HELP, slug="gottman-method-therapist", position=1,
         name="A Gottman Method couples therapist",
         keywords="Gottman Method\nGottman-trained\nGottman",
         summary="A structured approach built on decades of research into how couples argue and repair. "
                 "Practical, with exercises between sessions.",
         body="""The Gottman Method grew out of long-running studies of couples in conversation: what the ones who
stay happy do differently when they disagree. Therapists trained in it usually start with a detailed
assessment of your relationship, then teach specific skills: raising a complaint without an attack,
calming down when you are flooded, repairing after a bad moment, and building up everyday fondness.

**What it is good for:** couples who like a clear structure and homework, frequent escalating
arguments, conflict about the same few subjects that never gets settled.

**What to ask:** which level of training they have completed, and whether they begin with an
assessment of both of you.
"""),
    dict(kind=HELP, slug="discernment-counseling", position=2,
         name="Discernment counseling",
         keywords="discernment counseling\ndiscernment counselling",
         summary="For couples where one partner is leaning out and the other wants to stay: a few sessions "
                 "to decide, with clarity, whether to try couples therapy, separate, or wait.",
         body="""Ordinary couples therapy assumes both partners want to work on the relationship. When one of you
is already half out of the door, that assumption makes the sessions feel false to one person and
hopeless to the other.

Discernment counseling is short (usually one to five sessions) and aims at a decision, not at
fixing anything yet. The counselor spends part of each session with each of you alone. At the end
you choose between carrying on as you are for now, separating, or committing to a fixed period of
real couples therapy with divorce off the table for that time.
"""),
    dict(kind=HELP, slug="sex-therapist", position=3,
         name="A sex therapist",
         keywords="sex therapist\nsexual issues\nsex therapy",
         summary="A therapist with specialist training in desire, arousal, pain and the feelings around sex, "
                 "for one partner or both.",
         body="""Sex therapy is talking therapy: nothing physical happens in the room. A sex therapist can help
with differences in desire, pain, erection or arousal difficulties, pornography that has become a
source of secrecy or pressure, and the shame that often sits on top of all of these.

Ask about their specialist training and whether they also work with couples. When a physical cause
is possible, a good sex therapist will suggest seeing a doctor as well.
"""),
    dict(kind=HELP, slug="affair-recovery", position=4,
         name="A therapist experienced in affair recovery",
         keywords="affair recovery\naffair-recovery",
         summary="After a betrayal, a therapist who knows the stages of recovery can keep the questions "
                 "useful and the hurt partner from being retraumatized.",
         body="""Recovering from an affair has a shape that experienced therapists recognize: a period of shock
and questions, a period of understanding how it happened, and, for couples who stay, building
something new. A therapist who has walked many couples through it helps you ask the questions that
rebuild trust (about meaning and honesty) rather than the ones that leave pictures you cannot unsee.

Ask how many affair-recovery couples they see and how they handle a secret one partner is still
keeping.
"""),
    dict(kind=HELP, slug="financial-counselor", position=5,
         name="A financial counselor who works with couples",
         keywords="financial counselor\nfinancial counsellor\nfinancial therapist",
         summary="Money fights are rarely about arithmetic, but sometimes a neutral person with a spreadsheet "
                 "is exactly what a couple needs.",
         body="""A financial counselor helps you both see the whole picture (income, debts, spending, what each of
you is afraid of) and agree on a plan you can both keep. Some are also trained therapists and will
work with the feelings money carries; others stick to the numbers and work well beside a couples
therapist.

Look for someone who is paid a fee by you, not a commission on products they sell.
"""),
    dict(kind=HELP, slug="therapist-of-your-own", position=6,
         name="A therapist of your own",
         keywords="therapist for yourself\ntherapist of your own\nindividual therapy",
         summary="Sometimes the most useful help is for one person: when a partner will not come, when you are "
                 "deciding whether to stay, or when old pain keeps showing up in new fights.",
         body="""Individual therapy is not a second best. It is the right place to work out what you want, to heal
something that started long before this relationship, or to get steady enough to make a decision.
If your partner frightens you or controls you, it is also safer than couples therapy: see
[a domestic-violence advocate](/resources/domestic-violence-advocate/).
"""),
    dict(kind=HELP, slug="domestic-violence-advocate", position=7,
         name="A domestic-violence advocate",
         keywords="domestic-violence advocate\ndomestic violence advocate\ncoercive control",
         summary="When a partner frightens, controls or hurts you, couples therapy is the wrong tool. "
                 "An advocate helps you stay safe and think through your options, at your pace.",
         body="""Couples therapy assumes that both people can speak freely. When one partner controls money,
phones, friends or movements, or when you are afraid of how they will react to what you say in a
session, that assumption does not hold, and joint sessions can make things more dangerous.

A domestic-violence advocate works for you alone. They can help you make a safety plan, understand
your legal options and find shelter or counseling, whether or not you decide to leave. The hotlines
below connect you to one, free and confidentially, at any hour.
"""),
    # Finding help --------------------------------------------------------------------------
    dict(kind=FINDING, slug="finding-a-couples-therapist", position=0,
         name="How to find a trained couples therapist",
         keywords="couples therapist\ncouples therapy\ncouples counseling\ncouples counselling",
         summary="Where to look, what to ask on the first call, and what to do when the first one is not right.",
         body="""**Where to look.** The organizations that train therapists in a particular approach keep
searchable directories of the people they have trained: search for the approach's name together with
“find a therapist” (for example, the international centre for EFT, or the Gottman Institute's
referral network). Professional bodies for marriage and family therapists in your country list their
members too. Your doctor, your health insurer or an employee assistance programme at work can also
give you names.

**What to ask on the first call.**

- How much of your practice is with couples?
- What training do you have in couples work, and in which approach?
- What happens if one of us is unsure about the relationship?
- How often would we meet, for how long, and what does a session cost?

**If it is not right.** It is fine to try someone else after two or three sessions. You should both
feel that the therapist is on the side of the relationship, not on one person's side.
"""),
    dict(kind=FINDING, slug="first-session", position=1,
         name="What a first session is like",
         keywords="first session\nfirst appointment",
         summary="Nerves are normal. Here is roughly what happens in the first hour of couples therapy, "
                 "and how to get the most from it.",
         body="""Most first sessions are about getting to know you: how you met, what brought you in now, what
each of you hopes will change. The therapist will ask each of you to describe a recent difficult
moment and will watch how you talk to each other as much as what you say.

Many therapists also meet each partner alone once early on. That is ordinary practice, and it is
the place to mention anything you could not say in front of your partner, including whether you feel
safe at home.

You do not need to prepare a speech. It helps to think in advance about one recent argument, what
you would like to be different in six months, and any questions about cost and frequency.
"""),
    # Books ---------------------------------------------------------------------------------
    dict(kind=BOOK, slug="hold-me-tight", position=0,
         name="Hold Me Tight", author="Dr. Sue Johnson",
         keywords="Sue Johnson",
         summary="The developer of Emotionally Focused Therapy explains, for couples, why fights are protests "
                 "about disconnection and how partners can find their way back to each other."),
    dict(kind=BOOK, slug="seven-principles", position=1,
         name="The Seven Principles for Making Marriage Work", author="John M. Gottman and Nan Silver",
         keywords="Seven Principles",
         summary="Research on what lasting couples do, turned into practical chapters with questionnaires and "
                 "exercises to do together."),
    dict(kind=BOOK, slug="attached", position=2,
         name="Attached", author="Amir Levine and Rachel Heller",
         keywords="Amir Levine\nadult attachment",
         summary="An accessible introduction to attachment styles in adult relationships: why some of us "
                 "need reassurance and others need space, and how to talk about it."),
    dict(kind=BOOK, slug="not-just-friends", position=3,
         name="Not “Just Friends”", author="Shirley P. Glass",
         keywords="Shirley Glass",
         summary="How affairs often begin in friendships that drift past their boundaries, and how couples "
                 "can recover trust afterwards."),
    dict(kind=BOOK, slug="come-as-you-are", position=4,
         name="Come as You Are", author="Emily Nagoski",
         keywords="Emily Nagoski",
         summary="A warm, science-based book about desire and arousal, and why stress and context matter "
                 "as much as anything else."),
    dict(kind=BOOK, slug="why-does-he-do-that", position=5,
         name="Why Does He Do That?", author="Lundy Bancroft",
         keywords="Lundy Bancroft",
         summary="For anyone wondering whether a partner's anger and control are abuse. Read it somewhere "
                 "private if your partner checks what you read."),
]


def load(*, stdout=None):
    if Resource.objects.exists():  # loaded before (load_demo --force): the list is the expert's now
        return
    for fields in RESOURCES:
        save_resource(Resource(**fields))
    if stdout:
        stdout.write(f"Where to get help: {len(RESOURCES)} resources.")
