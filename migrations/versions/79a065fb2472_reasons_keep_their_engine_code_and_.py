"""reasons keep their engine code and params to show them in the viewer's language

Revision ID: 79a065fb2472
Revises: 7c6bbcfbac1a
Create Date: 2026-11-23 16:50:21.360821

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "79a065fb2472"
down_revision = "7c6bbcfbac1a"
branch_labels = None
depends_on = None


def upgrade():
    # Old rows keep reason_code "" and reason_params NULL; the app shows their English text.
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reason_code", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("reason_params", sa.JSON(), nullable=True))

    with op.batch_alter_table("unmatched", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason_params", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("unmatched", schema=None) as batch_op:
        batch_op.drop_column("reason_params")

    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_column("reason_params")
        batch_op.drop_column("reason_code")
