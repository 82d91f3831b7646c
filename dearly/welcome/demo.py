"""Demo content: a three-step welcome sequence (day 0, 3 and 7), written for Dearly."""

from django.conf import settings
from django.utils import timezone

from dearly.welcome import services
from dearly.welcome.models import WelcomeStep

STEPS = [
    (0, "Welcome, and one small question", """\
Thank you for joining. I'm glad you're here.

Twice a month I'll send you the newest answers from the column and one practical idea you can try
at home the same evening. No pressure to read them all: keep the ones that speak to you.

One small question, if you like: what made you sign up? Many readers tell me it was a fight that
went the same way for the hundredth time. If that's you, you're in good company, and there is a
way out of the loop.

Warmly,
{expert}
"""),
    (3, "The pattern underneath most fights", """\
Most couples who write to me are not fighting about the dishes or the money. They are caught in
a loop: one partner reaches for closeness and pushes harder when it doesn't come; the other feels
criticized and pulls back to calm things down. Each move makes sense, and each one makes the
other's worse.

This week, try noticing the loop instead of the topic. When an argument starts, ask yourself
quietly: *am I reaching right now, or pulling away?* Just noticing is the first step.

If you'd like to read more, this answer walks through it: [Every fight becomes "you always" and
"you never"]({site_url}/qa/you-always-you-never/).

{expert}
"""),
    (7, "Where to go from here", """\
A week in, here are three places readers find most useful:

- **The column**: every answer, searchable by topic, at {site_url}/qa/
- **Ask a question**: write to me privately at {site_url}/ask/ (published answers are always
  anonymized, and nothing is published without your consent)
- **Crisis resources**: if you or someone at home is not safe, please reach out now:
  {site_url}/help-now/

This column is not therapy and isn't watched around the clock, but I read every letter.
You can change what you get from me, or leave, with the links at the foot of any email.

Until the next issue,
{expert}
"""),
]


def load(stdout=None) -> list[WelcomeStep]:
    """Write the demo sequence (again): an existing step for the same day is replaced."""
    made = []
    for day, subject, body in STEPS:
        step = WelcomeStep.objects.filter(day=day).first() or WelcomeStep(day=day)
        step.subject = subject
        step.body = body.format(expert=settings.EXPERT_NAME, site_url=settings.SITE_URL)
        step.is_active = True
        made.append(services.save_step(step, now=timezone.now()))
    if stdout is not None:
        stdout.write(f"Welcome sequence: {len(made)} emails (days {', '.join(str(s.day) for s in made)}).")
    return made
