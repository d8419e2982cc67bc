"""One summary e-mail per class to its teachers, instead of an invite per student."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from app.calendar.services import local_text
from app.core.recipients import class_teachers, reachable
from app.extensions import db
from app.matching.invites import event_of, with_invite_rows
from app.outbox.services import queue_email
from app.schools.models import Student
from app.seasons.models import MatchRun, Placement

CLASSES_PER_QUERY = 200


def student_placements_by_class(run: MatchRun) -> Iterator[list[Placement]]:
    """The run's student placements, one list per class sorted by student name, loaded a
    few hundred classes at a time with what the e-mails read."""
    query = (
        sa.select(Placement.id, Student.class_id)
        .join(Student, Placement.student_id == Student.id)
        .where(Placement.run_id == run.id)
        .order_by(Student.class_id, Placement.id)
    )
    ids_by_class: dict[int, list[int]] = defaultdict(list)
    for placement_id, class_id in db.session.execute(query):
        ids_by_class[class_id].append(placement_id)
    classes = list(ids_by_class)
    for start in range(0, len(classes), CLASSES_PER_QUERY):
        chunk = classes[start : start + CLASSES_PER_QUERY]
        groups: dict[int, list[Placement]] = defaultdict(list)
        for placement in with_invite_rows([i for c in chunk for i in ids_by_class[c]]):
            groups[placement.student.class_id].append(placement)
        for class_id in chunk:
            yield sorted(groups[class_id], key=lambda p: (p.student.display_name, p.id))


def queue_class_summaries(run: MatchRun) -> int:
    """Queue one message per teacher and class listing where each student goes."""
    count = 0
    for placements in student_placements_by_class(run):
        school_class = placements[0].student.school_class
        for user in reachable(class_teachers(school_class)):
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
