"""Demo content for membership: a free tier and a paid one (monthly and yearly), the questions
on /join/, and one complimentary member. Paid tiers say "not available yet" until
STRIPE_SECRET_KEY is set."""

from dearly.members import services, signin
from dearly.members.models import Question, Tier

QUESTIONS = [
    ("What do members get?", "Every answer in full, including the members-only ones, and the couples' tools "
                             "as they arrive."),
    ("Can I cancel?", "Yes, whenever you like, from your account page. You keep reading until the end of "
                      "the period you paid for."),
    ("Is this therapy?", "No. The column is not therapy and letters are not read around the clock. If you "
                         "are in crisis, see *Help now* at the foot of every page."),
]


def load(*, stdout=None):
    if Tier.objects.exists():  # loaded before (load_demo --force): tiers are the expert's now
        return
    free = services.save_tier(Tier(name="Reader", slug="reader", position=0,
                                   included="The weekly newsletter\nPublic answers\nFree guides"))
    member = services.save_tier(Tier(name="Member", slug="member", position=1, monthly_price=500, yearly_price=5000,
                                     included="Every answer in full\nThe members-only archive\n"
                                              "Couples' tools as they arrive"))
    for position, (question, answer) in enumerate(QUESTIONS):
        services.save_question(Question(question=question, answer=answer, position=position))
    services.grant_complimentary(signin.member_for_email("friend@example.com"), member)
    if stdout:
        stdout.write(f"Membership: tiers {free.name} and {member.name}, a complimentary member.")
