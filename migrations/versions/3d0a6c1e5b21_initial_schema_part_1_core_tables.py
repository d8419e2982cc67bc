"""initial schema, part 1: accounts, companies and sites, schools and teachers, seasons, runs, outbox, audit

Revision ID: 3d0a6c1e5b21
Revises:
Create Date: 2026-11-23 15:36:56.302503

"""
from alembic import op
import sqlalchemy as sa

import app.core.model_base


# revision identifiers, used by Alembic.
revision = "3d0a6c1e5b21"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('company',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_number', sa.String(length=20), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('employees', sa.Integer(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('logo_path', sa.String(length=255), nullable=True),
    sa.Column('website', sa.String(length=255), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("country IN ('NO', 'DK')", name=op.f('ck_company_country')),
    sa.CheckConstraint('employees >= 0', name=op.f('ck_company_employees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company')),
    sa.UniqueConstraint('org_number', 'country', name=op.f('uq_company_org_number_country'))
    )
    op.create_table('school',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('municipality', sa.String(length=120), nullable=False),
    sa.Column('region', sa.String(length=120), server_default='', nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('is_rural', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('org_number', sa.String(length=20), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("country IN ('NO', 'DK')", name=op.f('ck_school_country')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school')),
    sa.UniqueConstraint('name', 'municipality', name=op.f('uq_school_name_municipality'))
    )
    op.create_table('season',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('region', sa.String(length=120), server_default='', nullable=False),
    sa.Column('status', sa.String(length=15), nullable=False),
    sa.Column('offers_open_on', sa.Date(), nullable=False),
    sa.Column('requests_open_on', sa.Date(), nullable=False),
    sa.Column('requests_close_on', sa.Date(), nullable=False),
    sa.Column('publish_on', sa.Date(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('archive_on', sa.Date(), nullable=True),
    sa.Column('allows_last_resort', sa.Boolean(), server_default=sa.text('(true)'), nullable=False),
    sa.Column('weights', sa.JSON(), nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'offers_open', 'requests_open', 'closed', 'matched', 'published', 'done', 'archived')", name=op.f('ck_season_status')),
    sa.CheckConstraint('starts_on <= ends_on', name=op.f('ck_season_dates_in_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_season'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('language', sa.String(length=5), server_default='nb', nullable=False),
    sa.Column('is_active_account', sa.Boolean(), server_default=sa.text('(true)'), nullable=False),
    sa.Column('is_admin', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('admin_region', sa.String(length=80), nullable=True),
    sa.Column('feed_token', sa.String(length=64), nullable=True),
    sa.Column('last_login_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('email', name=op.f('uq_user_email')),
    sa.UniqueConstraint('feed_token', name=op.f('uq_user_feed_token')),
    sa.UniqueConstraint('username', name=op.f('uq_user_username'))
    )
    op.create_table('annual_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('role_model_visits', sa.Integer(), nullable=False),
    sa.Column('company_visits', sa.Integer(), nullable=False),
    sa.Column('job_shadowing_days', sa.Integer(), nullable=False),
    sa.Column('work_week_places', sa.Integer(), nullable=False),
    sa.Column('submitted_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('is_reopened', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('role_model_visits >= 0 AND company_visits >= 0 AND job_shadowing_days >= 0 AND work_week_places >= 0', name=op.f('ck_annual_plan_not_negative')),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_annual_plan_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_plan')),
    sa.UniqueConstraint('company_id', 'year', name=op.f('uq_annual_plan_company_id_year'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_audit_log_actor_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_created_at'), ['created_at'], unique=False)

    op.create_table('contact_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=30), server_default='', nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_contact_person_company_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_contact_person_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_person')),
    sa.UniqueConstraint('user_id', 'company_id', name=op.f('uq_contact_person_user_id_company_id'))
    )
    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), server_default='', nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('expires_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('used_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('contact', 'role_model', 'teacher', 'admin')", name=op.f('ck_invitation_kind')),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_invitation_company_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user.id'], name=op.f('fk_invitation_invited_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_invitation_school_id_school'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['used_by_id'], ['user.id'], name=op.f('fk_invitation_used_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('nonce', name=op.f('uq_invitation_nonce'))
    )
    op.create_table('match_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=False),
    sa.Column('progress', sa.Float(), nullable=False),
    sa.Column('progress_label', sa.String(length=120), server_default='', nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('objective', sa.Float(), nullable=True),
    sa.Column('bound', sa.Float(), nullable=True),
    sa.Column('gap', sa.Float(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('started_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('queued', 'running', 'finished', 'failed', 'cancelled', 'published')", name=op.f('ck_match_run_status')),
    sa.ForeignKeyConstraint(['season_id'], ['season.id'], name=op.f('fk_match_run_season_id_season'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['started_by_id'], ['user.id'], name=op.f('fk_match_run_started_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_run'))
    )
    op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('tier', sa.String(length=10), nullable=False),
    sa.Column('fee_nok', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('terminated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('active', 'terminated')", name=op.f('ck_membership_status')),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_membership_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership')),
    sa.UniqueConstraint('company_id', 'year', name=op.f('uq_membership_company_id_year'))
    )
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('recipient_user_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=True),
    sa.Column('calendar_ics', sa.Text(), nullable=True),
    sa.Column('calendar_method', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('next_attempt_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', app.core.model_base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'sent', 'failed')", name=op.f('ck_outbox_message_status')),
    sa.ForeignKeyConstraint(['recipient_user_id'], ['user.id'], name=op.f('fk_outbox_message_recipient_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message'))
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_message_due', ['status', 'next_attempt_at'], unique=False)

    op.create_table('site',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('postal_code', sa.String(length=10), server_default='', nullable=False),
    sa.Column('municipality', sa.String(length=120), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_site_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site'))
    )
    op.create_table('teacher',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('is_approved', sa.Boolean(), server_default=sa.text('(true)'), nullable=False),
    sa.Column('subjects', sa.String(length=200), server_default='', nullable=False),
    sa.Column('created_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.model_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_teacher_school_id_school'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_teacher_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher')),
    sa.UniqueConstraint('user_id', 'school_id', name=op.f('uq_teacher_user_id_school_id'))
    )


def downgrade():
    op.drop_table('teacher')
    op.drop_table('site')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_due')

    op.drop_table('outbox_message')
    op.drop_table('membership')
    op.drop_table('match_run')
    op.drop_table('invitation')
    op.drop_table('contact_person')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_created_at'))

    op.drop_table('audit_log')
    op.drop_table('annual_plan')
    op.drop_table('user')
    op.drop_table('setting')
    op.drop_table('season')
    op.drop_table('school')
    op.drop_table('company')
