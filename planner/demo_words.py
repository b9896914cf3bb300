"""The words of the sample records (:mod:`planner.demo`): purposes, skills, people, the kinds of
tasks a data analyst on the way to team lead does, and reflection answers.

Titles and answers use ``{who}`` for a colleague's name, filled in when a sample is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ANSWERS",
    "KINDS",
    "NEXT_STEP",
    "NEXT_STEP_SKILLS",
    "PEOPLE",
    "PURPOSES",
    "SKILLS",
    "Kind",
]

#: (slug, statement) of the sample purposes.
PURPOSES: tuple[tuple[str, str], ...] = (
    ("help-others", "To help others"),
    ("team-lead", "To become a team lead"),
    ("master-craft", "To master my craft and be proud of my work"),
)
#: (slug, name) of the sample skills.
SKILLS: tuple[tuple[str, str], ...] = (
    ("excel", "Excel"),
    ("mentoring", "Mentoring"),
    ("sql", "SQL"),
    ("public-speaking", "Public speaking"),
    ("project-planning", "Project planning"),
    ("python", "Python"),
)
PEOPLE: tuple[str, ...] = ("marilyn", "dev", "priya", "sam", "jordan", "alex")
NEXT_STEP = "Team lead of the analytics group"
NEXT_STEP_SKILLS = ("mentoring", "project-planning", "public-speaking")


@dataclass(frozen=True)
class Kind:
    """A kind of task: a title (``{who}``: a colleague), its ties, how often it is a stretch."""

    title: str
    purposes: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    with_person: bool = False
    stretch: float = 0.0


KINDS: tuple[Kind, ...] = (
    Kind("Mentor {who} on pivot tables", ("help-others",), ("mentoring", "excel"), True, 0.3),
    Kind("Review {who}'s SQL query", ("help-others", "master-craft"), ("sql",), True),
    Kind("Build the monthly sales report", ("master-craft",), ("excel",)),
    Kind("Clean up the customer table", ("master-craft",), ("sql",)),
    Kind("Present the dashboard at the team meeting", ("team-lead",), ("public-speaking",)),
    Kind("Plan next sprint's analysis work", ("team-lead",), ("project-planning",)),
    Kind(
        "Train {who} on the reporting tool", ("help-others", "team-lead"), ("mentoring",), True, 0.8
    ),
    Kind("Write a how-to for the shared workbook", ("help-others",), ("excel",), False, 0.7),
    Kind("Automate the weekly export", ("master-craft",), ("python",), False, 0.4),
    Kind("Answer {who}'s questions about the data model", ("help-others",), ("sql",), True),
    Kind(
        "Prepare the quarterly review slides",
        ("team-lead",),
        ("public-speaking", "project-planning"),
    ),
    Kind("Fix the broken lookups in the budget sheet", ("master-craft",), ("excel",)),
    Kind(
        "Run a lunch-and-learn on Python",
        ("help-others", "team-lead"),
        ("python", "public-speaking"),
        False,
        1.0,
    ),
    Kind("Pair with {who} on the forecast model", ("help-others",), ("python", "excel"), True),
    Kind("Submit the expense report"),
    Kind("Reply to the vendor's emails"),
    Kind("Update the timesheet"),
)

ANSWERS: dict[str, tuple[str, ...]] = {
    "learned": (
        "INDEX/MATCH is faster than VLOOKUP on the wide sheets",
        "Window functions make running totals easy in SQL",
        "Slowing down when presenting makes the numbers land",
        "Breaking the plan into two-day pieces keeps it honest",
        "Asking {who} what they already know saves half the lesson",
    ),
    "above_beyond": (
        "Stayed to help {who} finish the report for the director",
        "Wrote down the steps so the next new hire has them",
        "Offered to run the review when the lead was out",
        "Fixed the shared sheet nobody owned",
    ),
    "helped": (
        "Helped {who} with a first pivot table",
        "{who} helped me untangle the budget formulas",
        "Walked {who} through the data model",
        "{who} and I paired on the forecast",
    ),
    "served_why": (
        "Teaching {who} is exactly why I do this job",
        "Leading the review felt like a real step toward team lead",
        "The report shipped clean, and I know why every number is right",
        "A hard day, but {who} left knowing more than this morning",
        "I was the person others could ask today",
    ),
    "intention": (
        "Finish the sales report before lunch",
        "Ask {who} how the new workbook is going",
        "Block an hour for the forecast model",
        "Say no to one meeting and protect focus time",
    ),
}
