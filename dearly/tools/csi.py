"""The Couples Satisfaction Index, four-item form (CSI-4), and its scoring.

Source: Funk, J. L., & Rogge, R. D. (2007). Testing the ruler with item response theory:
Increasing precision of measurement for relationship satisfaction with the Couples Satisfaction
Index. Journal of Family Psychology, 21(4), 572–583. https://doi.org/10.1037/0893-3200.21.4.572
The authors make the CSI freely available for research and clinical use; the items and answer
labels below are theirs, quoted as published, with the citation shown on the page.

Scoring: the four answers are summed, 0–21 (the first item 0–6, the others 0–5). Higher is more
satisfied. Scores below 13.5 suggest notable relationship dissatisfaction (the authors' cut-off).
"""

from dataclasses import dataclass

CITATION = ("Funk, J. L., & Rogge, R. D. (2007). Testing the ruler with item response theory: Increasing "
            "precision of measurement for relationship satisfaction with the Couples Satisfaction Index. "
            "Journal of Family Psychology, 21(4), 572–583.")
DOI_URL = "https://doi.org/10.1037/0893-3200.21.4.572"

CUT_OFF = 13.5
LOWEST, HIGHEST = 0, 21

HAPPINESS = ["Extremely unhappy", "Fairly unhappy", "A little unhappy", "Happy", "Very happy",
             "Extremely happy", "Perfect"]
TRUE = ["Not at all true", "A little true", "Somewhat true", "Mostly true", "Almost completely true",
        "Completely true"]
EXTENT = ["Not at all", "A little", "Somewhat", "Mostly", "Almost completely", "Completely"]


@dataclass(frozen=True)
class Item:
    field: str
    text: str
    labels: list[str]

    @property
    def highest(self) -> int:
        return len(self.labels) - 1

    def choices(self) -> list[tuple[int, str]]:
        return list(enumerate(self.labels))


ITEMS = [
    Item("happiness", "Please indicate the degree of happiness, all things considered, of your relationship.",
         HAPPINESS),
    Item("warmth", "I have a warm and comfortable relationship with my partner.", TRUE),
    Item("rewarding", "How rewarding is your relationship with your partner?", EXTENT),
    Item("satisfied", "In general, how satisfied are you with your relationship?", EXTENT),
]


def score(answers: dict) -> int:
    """The CSI-4 total of four answers given by field name. Raises ValueError for a missing
    answer or one outside its item's scale (booleans and text are not answers)."""
    total = 0
    for item in ITEMS:
        value = answers.get(item.field)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{item.field}: an answer from 0 to {item.highest} is needed.")
        if not 0 <= value <= item.highest:
            raise ValueError(f"{item.field}: {value} is outside 0–{item.highest}.")
        total += value
    return total


def below_cut_off(total: int) -> bool:
    return total < CUT_OFF


def reading(total: int) -> str:
    """What a total means, in plain words, without alarm."""
    if not LOWEST <= total <= HIGHEST:
        raise ValueError(f"A CSI-4 total is {LOWEST}–{HIGHEST}, not {total}.")
    if below_cut_off(total):
        return ("Below 13.5: in the authors' studies, scores in this range went with notable dissatisfaction "
                "in the relationship. It is a snapshot, not a verdict, and a good moment to talk, or to look "
                "for a couples' therapist.")
    return ("13.5 or above: in the authors' studies, scores in this range went with relationships people "
            "were broadly satisfied with.")
