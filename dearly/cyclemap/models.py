"""The cycle map worksheet's entries. The worksheet's words, sides, patterns and pictures are in
dearly.tools.cycle (plain Python); this keeps one person's answers as a ToolEntry, so the tools'
one sharing rule, the export, account deletion and the desk's counts cover it like every tool."""

from django.db import models
from django.utils import timezone

from dearly.tools import cycle
from dearly.tools.models import ToolEntry


class CycleMap(ToolEntry):
    """One person's map of one fight: a draft while they work through the steps (they may leave
    and come back), finished once they reach the end. Its state moves only through
    dearly.cyclemap.services.move(), along TRANSITIONS."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINISHED = "finished", "Finished"

    TRANSITIONS = {Status.DRAFT: {Status.FINISHED}, Status.FINISHED: set()}

    tool_slug = "cycle"
    tool_label = "Cycle map"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True)  # cycle.Map.to_dict()
    step_reached = models.PositiveSmallIntegerField(default=1)  # where to pick up again
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta(ToolEntry.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(step_reached__gte=1, step_reached__lte=len(cycle.STEPS)),
                                   name="cyclemap_step_in_range"),
        ]

    def __str__(self):
        return f"Cycle map {self.pk}"

    @property
    def map(self) -> cycle.Map:
        return cycle.Map.from_dict(self.answers)

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED

    def export(self) -> dict:
        m = self.map
        return {
            "status": self.status,
            "updated_at": self.updated_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "steps": {s.title: m.labels(s.key) for s in cycle.STEPS if m.labels(s.key)},
            "side": cycle.side_of(m).value,
            "sentence": cycle.sentence(m),
        }
