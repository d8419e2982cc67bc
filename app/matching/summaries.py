"""One summary e-mail per class to its teachers, instead of an invite per student."""

from __future__ import annotations

from collections import defaultdict

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from app.calendar.services import local_text
from app.matching.invites import class_teachers, event_of
from app.outbox.services import queue_email
from app.seasons.models import MatchRun, Placement


def student_placements_by_class(run: MatchRun) -> dict[int, list[Placement]]:
    """The run's student placements grouped by class id, each group by student name."""
    groups: dict[int, list[Placement]] = defaultdict(list)
    for placement in run.placements:
        if placement.student is not None:
            groups[placement.student.class_id].append(placement)
    return {k: sorted(v, key=lambda p: (p.student.display_name, p.id)) for k, v in groups.items()}


def queue_class_summaries(run: MatchRun) -> int:
    """Queue one message per teacher and class listing where each student goes."""
    count = 0
    for placements in student_placements_by_class(run).values():
        school_class = placements[0].student.school_class
        for user in (u for u in class_teachers(school_class) if u.email):
            with force_locale(user.language or "nb"):
                rows = [(p, event_of(p)) for p in placements]
                body = render_template(
                    "matching/email/class_summary.txt",
                    user=user,
                    school_class=school_class,
                    rows=[
                        (p, e, local_text(e.start_utc, e.tz_name, user.language)) for p, e in rows
                    ],
                )
                subject = _("Placements of class %(cls)s", cls=school_class.name)
                queue_email(user.email, subject, body, recipient_user_id=user.id)
            count += 1
    return count
