"""initial schema, part 2: role models, classes and students, offers and slots, requests, wishes, placements, bookings

Revision ID: 9fa12238d722
Revises: 3d0a6c1e5b21
Create Date: 2026-11-23 15:36:56.302503

"""
from alembic import op
import sqlalchemy as sa

import app.core.model_base


# revision identifiers, used by Alembic.
revision = "9fa12238d722"
down_revision = "3d0a6c1e5b21"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('role_model',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('job_title', sa.String(length=120), server_default='', nullable=False),
    sa.Column('education_path', sa.Text(), server_default='', nullable=False),
    sa.Column('about', sa.Text(), server_default='', nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('modes', sa.JSON(), nullable=False),
    sa.Column('travel_km', sa.Integer(), nullable=False),
    sa.Column('visits_per_year', sa.Integer(), server_default='2', nullable=False),
    sa.Column('weekdays', sa.JSON(), nullable=False),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('available_until', sa.Date(), nullable=True),
    sa.Column('blocked_dates', sa.JSON(), nullable=False),
    sa.Column('has_diversity_consent', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('gender', sa.String(length=20), nullable=True),
    sa.Column('background', sa.String(length=120), nullable=True),
    sa.Column('approved_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('invited', 'pending', 'approved', 'paused')", name=op.f('ck_role_model_status')),
    sa.CheckConstraint('travel_km >= 0', name=op.f('ck_role_model_travel_km')),
    sa.CheckConstraint('visits_per_year >= 0', name=op.f('ck_role_model_visits_per_year')),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_role_model_company_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_role_model_site_id_site'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_role_model_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_role_model')),
    sa.UniqueConstraint('user_id', 'company_id', name=op.f('uq_role_model_user_id_company_id'))
    )
    op.create_table('school_class',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=80), server_default='', nullable=False),
    sa.Column('school_year', sa.String(length=9), nullable=False),
    sa.Column('work_week_start', sa.Date(), nullable=True),
    sa.Column('join_code', sa.String(length=12), nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('grade BETWEEN 1 AND 13', name=op.f('ck_school_class_grade')),
    sa.CheckConstraint('size BETWEEN 1 AND 40', name=op.f('ck_school_class_size')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_school_class_school_id_school'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_school_class_teacher_id_teacher'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_class')),
    sa.UniqueConstraint('join_code', name=op.f('uq_school_class_join_code')),
    sa.UniqueConstraint('school_id', 'name', 'school_year', name=op.f('uq_school_class_school_id_name_school_year'))
    )
    op.create_table('class_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('window_start', sa.Date(), nullable=False),
    sa.Column('window_end', sa.Date(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('max_travel_km', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('max_travel_km >= 0', name=op.f('ck_class_request_travel')),
    sa.CheckConstraint('window_start <= window_end', name=op.f('ck_class_request_window_in_order')),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_class_request_class_id_school_class'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['season_id'], ['season.id'], name=op.f('fk_class_request_season_id_season'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_request'))
    )
    op.create_table('offer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('role_model_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('grades', sa.JSON(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('group_size', sa.Integer(), nullable=True),
    sa.Column('supervisor_name', sa.String(length=120), nullable=True),
    sa.Column('school_contact_info', sa.Text(), server_default='', nullable=False),
    sa.Column('what_to_bring', sa.Text(), server_default='', nullable=False),
    sa.Column('safety_notes', sa.Text(), server_default='', nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('(true)'), nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('role_model_visit', 'company_visit', 'job_shadowing', 'work_week')", name=op.f('ck_offer_kind')),
    sa.CheckConstraint("mode IN ('digital', 'physical')", name=op.f('ck_offer_mode')),
    sa.CheckConstraint('duration_minutes > 0', name=op.f('ck_offer_duration')),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_offer_company_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_model_id'], ['role_model.id'], name=op.f('fk_offer_role_model_id_role_model'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_offer_site_id_site'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer'))
    )
    op.create_table('role_model_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role_model_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('taken', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint('taken >= 0 AND taken <= capacity', name=op.f('ck_role_model_year_taken_within_capacity')),
    sa.ForeignKeyConstraint(['role_model_id'], ['role_model.id'], name=op.f('fk_role_model_year_role_model_id_role_model'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_role_model_year')),
    sa.UniqueConstraint('role_model_id', 'year', name=op.f('uq_role_model_year_role_model_id_year'))
    )
    op.create_table('student',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=False),
    sa.Column('has_own_network_placement', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('has_diversity_consent', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('gender', sa.String(length=20), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_student_class_id_school_class'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_student_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_student')),
    sa.UniqueConstraint('user_id', name=op.f('uq_student_user_id'))
    )
    op.create_table('offer_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('start_time', sa.String(length=5), server_default='09:00', nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('taken', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_offer_slot_capacity_not_negative')),
    sa.CheckConstraint('taken >= 0 AND taken <= capacity', name=op.f('ck_offer_slot_taken_within_capacity')),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_offer_slot_offer_id_offer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_slot')),
    sa.UniqueConstraint('offer_id', 'date', name=op.f('uq_offer_slot_offer_id_date'))
    )
    op.create_table('preference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=30), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('offer_id IS NOT NULL OR field IS NOT NULL', name=op.f('ck_preference_offer_or_field')),
    sa.CheckConstraint('rank BETWEEN 1 AND 5', name=op.f('ck_preference_rank')),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_preference_offer_id_offer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['season_id'], ['season.id'], name=op.f('fk_preference_season_id_season'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_preference_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_preference')),
    sa.UniqueConstraint('season_id', 'student_id', 'kind', 'rank', name=op.f('uq_preference_season_id_student_id_kind_rank'))
    )
    op.create_table('unmatched',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('reason_code', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_unmatched_offer_id_offer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['class_request.id'], name=op.f('fk_unmatched_request_id_class_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['match_run.id'], name=op.f('fk_unmatched_run_id_match_run'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_unmatched_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unmatched'))
    )
    op.create_table('booking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('role_model_id', sa.Integer(), nullable=True),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('slot_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('starts_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('alternative_starts_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('message', sa.Text(), server_default='', nullable=False),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.Column('calendar_uid', sa.String(length=120), nullable=True),
    sa.Column('calendar_sequence', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reminded_7d_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_1d_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('requested', 'proposed', 'confirmed', 'declined', 'cancelled', 'held')", name=op.f('ck_booking_status')),
    sa.CheckConstraint('role_model_id IS NOT NULL OR offer_id IS NOT NULL', name=op.f('ck_booking_role_model_or_offer')),
    sa.CheckConstraint('starts_at < ends_at', name=op.f('ck_booking_times_in_order')),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_booking_class_id_school_class'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_booking_offer_id_offer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['role_model_id'], ['role_model.id'], name=op.f('fk_booking_role_model_id_role_model'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['slot_id'], ['offer_slot.id'], name=op.f('fk_booking_slot_id_offer_slot'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_booking_teacher_id_teacher'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking')),
    sa.UniqueConstraint('calendar_uid', name=op.f('uq_booking_calendar_uid'))
    )
    op.create_table('placement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('slot_id', sa.Integer(), nullable=True),
    sa.Column('role_model_id', sa.Integer(), nullable=True),
    sa.Column('on_date', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('preference_rank', sa.Integer(), nullable=True),
    sa.Column('travel_km', sa.Float(), nullable=True),
    sa.Column('is_pinned', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.Column('calendar_uid', sa.String(length=120), nullable=True),
    sa.Column('calendar_sequence', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('student_id IS NOT NULL OR request_id IS NOT NULL', name=op.f('ck_placement_student_or_request')),
    sa.ForeignKeyConstraint(['request_id'], ['class_request.id'], name=op.f('fk_placement_request_id_class_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_model_id'], ['role_model.id'], name=op.f('fk_placement_role_model_id_role_model'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['match_run.id'], name=op.f('fk_placement_run_id_match_run'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['slot_id'], ['offer_slot.id'], name=op.f('fk_placement_slot_id_offer_slot'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_placement_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement')),
    sa.UniqueConstraint('calendar_uid', name=op.f('uq_placement_calendar_uid'))
    )
    op.create_table('booking_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=10), nullable=True),
    sa.Column('to_status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_booking_event_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['booking_id'], ['booking.id'], name=op.f('fk_booking_event_booking_id_booking'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_event'))
    )
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_feedback_score')),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_feedback_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['booking_id'], ['booking.id'], name=op.f('fk_feedback_booking_id_booking'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('booking_id', 'author_id', name=op.f('uq_feedback_booking_id_author_id'))
    )
    # ### end Alembic commands ###


def downgrade():
    op.drop_table('feedback')
    op.drop_table('booking_event')
    op.drop_table('placement')
    op.drop_table('booking')
    op.drop_table('unmatched')
    op.drop_table('preference')
    op.drop_table('offer_slot')
    op.drop_table('student')
    op.drop_table('role_model_year')
    op.drop_table('offer')
    op.drop_table('class_request')
    op.drop_table('school_class')
    op.drop_table('role_model')
    # ### end Alembic commands ###
