from django.db import models
from django.utils import timezone


class Chore(models.Model):
    """One periodic chore (registered in code, dearly.work.chores) and when it runs next.

    A worker runs a chore only after taking it with a conditional UPDATE (due, and nobody's
    claim current), so however many workers run on however many machines, each run happens
    once. A worker that dies mid-chore leaves a claim that runs out after CHORE_LEASE."""

    name = models.CharField(max_length=100, unique=True)
    interval = models.DurationField()
    next_run_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, next at {self.next_run_at:%Y-%m-%d %H:%M}"
