"""When a season is done, ask everyone who can still answer for their feedback.

One message per person, in their language, listing the activities they can score, with a
link to their overview page, which lists them again with a link each (a student's placement
card has its own). Only placements that are over and not cancelled count, and nobody who
already answered all of theirs is asked.
"""

from __future__ import annotations

from collections import defaultdict

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.models import User
from app.core.recipients import (
    class_teachers,
    company_contacts,
    reachable,
    role_model_or_company,
)
from app.extensions import db
from app.matching import feedback
from app.matching.invites import school_class_of
from app.outbox.services import queue_email
from app.seasons.models import Placement, Season


def _askable(placement: Placement) -> list[User]:
    """Who may answer on the placement: host, teacher of a class request, the student."""
    if placement.role_model is not None:
        hosts = role_model_or_company(placement.role_model)
    else:
        hosts = company_contacts(placement.slot.offer.company)
    teachers = class_teachers(school_class_of(placement)) if placement.request else []
    students = [placement.student.user] if placement.student is not None else []
    return reachable(hosts + teachers + students)


def invite_to_answer(season: Season) -> int:
    """Queue one message per person with placements to score in the season; the caller
    commits. Returns how many were queued."""
    run = feedback.published_run(season)
    if run is None:
        return 0
    waiting: dict[int, list[Placement]] = defaultdict(list)
    users: dict[int, User] = {}
    for placement in run.placements:
        if not feedback.is_over(placement):
            continue
        for user in _askable(placement):
            if feedback.can_give(user, placement):
                waiting[user.id].append(placement)
                users[user.id] = user
    for user_id, placements in waiting.items():
        user = users[user_id]
        with force_locale(user.language or "nb"):
            body = render_template(
                "matching/email/feedback_invite.txt",
                user=user,
                season=season,
                placements=placements[:10],
                more=len(placements) - 10,
                company_of=feedback.company_of,
                class_of=school_class_of,
                link=current_app.config["PUBLIC_BASE_URL"] + url_for("dashboard.index"),
            )
            subject = _("How did it go? Your feedback on %(season)s", season=season.name)
            queue_email(user.email, subject, body, recipient_user_id=user.id)
    db.session.flush()
    return len(waiting)
