"""outbox messages can be held for the work that wrote them (publishing a season)

Revision ID: dd2cb1220153
Revises: 8e8ccdd5b4c4
Create Date: 2026-11-23 19:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "dd2cb1220153"
down_revision = "8e8ccdd5b4c4"
branch_labels = None
depends_on = None

OLD = "('pending', 'sent', 'failed')"
NEW = "('held', 'pending', 'sent', 'failed')"


def _statuses(statuses: str) -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_message_status"), type_="check")
        batch_op.create_check_constraint("status", f"status IN {statuses}")


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("held_for", sa.String(length=40), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_outbox_message_held_for"), ["held_for"], unique=False
        )
    _statuses(NEW)


def downgrade():
    op.execute("DELETE FROM outbox_message WHERE status = 'held'")  # never meant to be sent
    _statuses(OLD)
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_message_held_for"))
        batch_op.drop_column("held_for")
