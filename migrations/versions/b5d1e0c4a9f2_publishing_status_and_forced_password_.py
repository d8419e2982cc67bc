"""a run can be publishing (a job); a password set by someone else must be changed

Revision ID: b5d1e0c4a9f2
Revises: 79a065fb2472
Create Date: 2026-11-23 18:05:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b5d1e0c4a9f2"
down_revision = "79a065fb2472"
branch_labels = None
depends_on = None

OLD = "('queued', 'running', 'finished', 'failed', 'cancelled', 'published')"
NEW = "('queued', 'running', 'finished', 'failed', 'cancelled', 'publishing', 'published')"


def _run_statuses(statuses: str) -> None:
    with op.batch_alter_table("match_run", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_match_run_status"), type_="check")
        batch_op.create_check_constraint("status", f"status IN {statuses}")


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), server_default=sa.text("false"), nullable=False
            )
        )
    _run_statuses(NEW)


def downgrade():
    op.execute("UPDATE match_run SET status = 'finished' WHERE status = 'publishing'")
    _run_statuses(OLD)
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
