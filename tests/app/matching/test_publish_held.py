"""Publishing stores its invitations as held rows until its last transaction releases them."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.matching.publish import execute_publish, start_publish
from app.outbox.models import OutboxMessage
from app.outbox.services import holding, queue_email
from tests.app.matching.test_publish import matched_run


def statuses() -> dict[str, int]:
    query = sa.select(OutboxMessage.status, sa.func.count()).group_by(OutboxMessage.status)
    return dict(db.session.execute(query).all())


def test_what_a_died_job_rendered_is_replaced_not_sent_twice(admin, season, region):
    run = matched_run(admin, season, region)
    start_publish(admin, run)
    with holding(f"run:{run.id}"):  # a job that died halfway left these behind
        queue_email("kari@bedrift.no", "Half-rendered", "...")
    db.session.commit()
    assert statuses() == {"held": 1}
    execute_publish(run.id)
    db.session.expire_all()
    assert run.status == "published"
    assert statuses() == {"pending": run.figures["invites"]}
    assert not db.session.scalar(
        sa.select(sa.func.count()).where(OutboxMessage.subject == "Half-rendered")
    )
