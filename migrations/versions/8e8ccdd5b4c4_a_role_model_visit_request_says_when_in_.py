"""a role-model visit request says when in the school day the visit fits

Revision ID: 8e8ccdd5b4c4
Revises: b5d1e0c4a9f2
Create Date: 2026-11-23 17:50:23.201786

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8e8ccdd5b4c4"
down_revision = "b5d1e0c4a9f2"
branch_labels = None
depends_on = None


def upgrade():
    # Existing requests get 09:00 for an hour, what the invites used to say.
    with op.batch_alter_table("class_request", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("visit_at", sa.Time(), server_default="09:00:00", nullable=False)
        )
        batch_op.add_column(
            sa.Column("visit_minutes", sa.Integer(), server_default="60", nullable=False)
        )
        batch_op.create_check_constraint("visit_minutes", "visit_minutes BETWEEN 15 AND 480")


def downgrade():
    with op.batch_alter_table("class_request", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_class_request_visit_minutes"), type_="check")
        batch_op.drop_column("visit_minutes")
        batch_op.drop_column("visit_at")
