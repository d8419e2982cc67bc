"""feedback keeps what it was about so it outlives archiving

Revision ID: b356170928fd
Revises: 8e325ccb733c
Create Date: 2026-12-04 21:23:49.970842

"""
from alembic import op
import sqlalchemy as sa

import app.core.model_base


# revision identifiers, used by Alembic.
revision = 'b356170928fd'
down_revision = '8e325ccb733c'
branch_labels = None
depends_on = None


# What each answer was about, copied from its placement (existing rows: placement, its
# run's season, the offer's or role model's company, the student's or request's class).
_SLOT_COMPANY = (
    "(SELECT offer.company_id FROM offer_slot JOIN offer ON offer.id = offer_slot.offer_id"
    " WHERE offer_slot.id = placement.slot_id)"
)
_ROLE_MODEL_COMPANY = (
    "(SELECT role_model.company_id FROM role_model WHERE role_model.id = placement.role_model_id)"
)
_CLASS_ID = (
    "COALESCE((SELECT student.class_id FROM student WHERE student.id = placement.student_id),"
    " (SELECT class_request.class_id FROM class_request"
    " WHERE class_request.id = placement.request_id))"
)
_DAY = (
    "COALESCE(placement.on_date, (SELECT offer_slot.date FROM offer_slot"
    " WHERE offer_slot.id = placement.slot_id))"
)
_VALUES = {
    "season_id": "(SELECT match_run.season_id FROM match_run WHERE match_run.id = placement.run_id)",
    "kind": "placement.kind",
    "company_id": f"COALESCE({_SLOT_COMPANY}, {_ROLE_MODEL_COMPANY})",
    "school_id": f"(SELECT school_class.school_id FROM school_class WHERE school_class.id = {_CLASS_ID})",
    "class_name": f"COALESCE((SELECT school_class.name FROM school_class WHERE school_class.id = {_CLASS_ID}), '')",
    "activity_on": _DAY,
}


def upgrade():
    with op.batch_alter_table('match_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_counts', sa.JSON(), nullable=True))

    with op.batch_alter_table('placement_feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('season_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('company_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('school_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('class_name', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('activity_on', sa.Date(), nullable=True))

    for column, value in _VALUES.items():
        op.execute(
            f"UPDATE placement_feedback SET {column} = (SELECT {value} FROM placement"
            " WHERE placement.id = placement_feedback.placement_id)"
        )

    with op.batch_alter_table('placement_feedback', schema=None) as batch_op:
        batch_op.alter_column('season_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('kind', existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column('placement_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_placement_feedback_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_placement_feedback_season_id'), ['season_id'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_placement_feedback_placement_id_placement'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_placement_feedback_company_id_company'), 'company', ['company_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_placement_feedback_school_id_school'), 'school', ['school_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_placement_feedback_placement_id_placement'), 'placement', ['placement_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_placement_feedback_season_id_season'), 'season', ['season_id'], ['id'], ondelete='CASCADE')


def downgrade():
    # Answers whose placement is gone (archived seasons) cannot be kept without it.
    op.execute("DELETE FROM placement_feedback WHERE placement_id IS NULL")
    with op.batch_alter_table('placement_feedback', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_placement_feedback_season_id_season'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_placement_feedback_placement_id_placement'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_placement_feedback_school_id_school'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_placement_feedback_company_id_company'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_placement_feedback_placement_id_placement'), 'placement', ['placement_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_index(batch_op.f('ix_placement_feedback_season_id'))
        batch_op.drop_index(batch_op.f('ix_placement_feedback_company_id'))
        batch_op.alter_column('placement_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('activity_on')
        batch_op.drop_column('class_name')
        batch_op.drop_column('school_id')
        batch_op.drop_column('company_id')
        batch_op.drop_column('kind')
        batch_op.drop_column('season_id')

    with op.batch_alter_table('match_run', schema=None) as batch_op:
        batch_op.drop_column('archived_counts')

    # ### end Alembic commands ###
