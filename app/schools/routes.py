"""Schools: import and approval for administrators, classes and students for teachers."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError, apply_to_form
from app.core.navigation import redirect_back
from app.core.permissions import ADMIN, TEACHER, authorize, roles_required
from app.extensions import db
from app.schools import queries, services
from app.schools.forms import ButtonForm, ClassForm, ImportForm, TeacherSignupForm
from app.schools.importing import import_schools
from app.schools.models import SchoolClass, Student, Teacher

bp = Blueprint("schools", __name__, template_folder="templates", url_prefix="/schools")


@bp.route("/", methods=["GET", "POST"])
@roles_required(ADMIN)
def index():
    """All schools (searchable, paginated) and the CSV import with its row report."""
    form, report = ImportForm(), None
    if form.validate_on_submit():
        report = import_schools(current_user, queries.read_upload(form.file.data))
    q = request.args.get("q", "").strip()
    page = db.paginate(queries.schools(q), page=request.args.get("page", 1, type=int), per_page=30)
    return render_template("schools/index.html", form=form, report=report, page=page, q=q)


@bp.route("/register", methods=["GET", "POST"])
def register():
    """A teacher signs up and waits for an administrator's approval."""
    form = TeacherSignupForm()
    form.school_id.choices = queries.school_choices()
    if form.validate_on_submit():
        try:
            services.register_teacher(
                form.name.data,
                form.email.data,
                form.password.data,
                form.school_id.data,
                session.get("lang", "nb"),
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(
                _(
                    "Thank you! An administrator checks your registration. You get an "
                    "e-mail when you can log in and start."
                ),
                "success",
            )
            return redirect(url_for("accounts.login"))
    return render_template("schools/register.html", form=form)


@bp.route("/teachers/waiting")
@roles_required(ADMIN)
def waiting_teachers():
    """Teachers who registered themselves and wait for approval."""
    page = db.paginate(
        queries.waiting_teachers(), page=request.args.get("page", 1, type=int), per_page=30
    )
    return render_template("schools/waiting.html", page=page, form=ButtonForm())


@bp.route("/teachers/<int:teacher_id>/<any(approve, reject):decision>", methods=["POST"])
@roles_required(ADMIN)
def decide_teacher(teacher_id: int, decision: str):
    """Approve or reject one registration."""
    teacher = db.session.get(Teacher, teacher_id) or abort(404)
    if ButtonForm().validate_on_submit():
        if decision == "approve":
            services.approve_teacher(current_user, teacher)
            flash(_("%(name)s is approved.", name=teacher.user.name), "success")
        else:
            services.reject_teacher(current_user, teacher)
            flash(_("The registration is rejected."), "info")
    return redirect_back("schools.waiting_teachers")  # or the user's page it was decided from


@bp.route("/classes")
@roles_required(TEACHER)
def classes():
    """The classes of the teacher's schools."""
    return render_template("schools/classes.html", schools=queries.teacher_schools(current_user))


@bp.route("/classes/new", methods=["GET", "POST"])
@roles_required(TEACHER)
def new_class():
    """Add a class to one of the teacher's schools."""
    schools = queries.teacher_schools(current_user)
    form = ClassForm(school_year=services.current_school_year(), school_id=schools[0].id)
    form.school_id.choices = [(s.id, s.name) for s in schools]
    if form.validate_on_submit():
        try:
            school_class = services.save_class(
                current_user,
                queries.class_values(form, current_user),
                teacher_id=queries.teacher_id_at(current_user, form.school_id.data),
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The class is added. Give the students the code below."), "success")
            return redirect(url_for("schools.show_class", class_id=school_class.id))
    return render_template("schools/class_form.html", form=form, school_class=None)


def _class(class_id: int) -> SchoolClass:
    """The class or 404, and 403 unless the user teaches at its school."""
    school_class = db.session.get(SchoolClass, class_id) or abort(404)
    authorize(current_user, "class.manage", school_class)
    return school_class


@bp.route("/classes/<int:class_id>")
@roles_required(TEACHER, ADMIN)
def show_class(class_id: int):
    """The class with its big join code and its students."""
    school_class = _class(class_id)
    return render_template(
        "schools/class.html",
        school_class=school_class,
        form=ButtonForm(),
        students=queries.students_of(school_class),
        placements=queries.published_placements(school_class),
    )


@bp.route("/classes/<int:class_id>/edit", methods=["GET", "POST"])
@roles_required(TEACHER, ADMIN)
def edit_class(class_id: int):
    """Change a class's grade, size, subject or work week."""
    school_class = _class(class_id)
    form = ClassForm(obj=school_class)
    form.school_id.choices = [(school_class.school_id, school_class.school.name)]
    if form.validate_on_submit():
        try:
            services.save_class(
                current_user, queries.class_values(form, current_user, school_class), school_class
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The class is saved."), "success")
            return redirect(url_for("schools.show_class", class_id=class_id))
    return render_template("schools/class_form.html", form=form, school_class=school_class)


@bp.route("/classes/<int:class_id>/delete", methods=["POST"])
@roles_required(TEACHER, ADMIN)
def delete_class(class_id: int):
    """Delete an empty class."""
    school_class = _class(class_id)
    try:
        if ButtonForm().validate_on_submit():
            services.delete_class(current_user, school_class)
            flash(_("The class is deleted."), "success")
            return redirect(url_for("schools.classes"))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("schools.show_class", class_id=class_id))


@bp.route("/classes/<int:class_id>/code", methods=["POST"])
@roles_required(TEACHER, ADMIN)
def rotate_code(class_id: int):
    """Give the class a new join code."""
    school_class = _class(class_id)
    if ButtonForm().validate_on_submit():
        services.rotate_join_code(current_user, school_class)
        flash(_("The class has a new code. The old code no longer works."), "success")
    return redirect(url_for("schools.show_class", class_id=class_id))


def _student(student_id: int) -> Student:
    """The student or 404, and 403 unless the user teaches at the student's school."""
    student = db.session.get(Student, student_id) or abort(404)
    authorize(current_user, "class.manage", student.school_class)
    return student


@bp.route("/students/<int:student_id>/password", methods=["POST"])
@roles_required(TEACHER, ADMIN)
def reset_password(student_id: int):
    """Give a student a new password, shown once on this page."""
    student = _student(student_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    password = services.reset_student_password(current_user, student)
    return render_template("schools/new_password.html", student=student, password=password)


@bp.route("/students/<int:student_id>/remove", methods=["GET", "POST"])
@roles_required(TEACHER, ADMIN)
def remove_student(student_id: int):
    """Ask first (the account and wishes go for good), then remove the student and account."""
    student = _student(student_id)
    if request.method == "GET":
        return render_template("schools/remove_student.html", student=student, form=ButtonForm())
    class_id, name = student.class_id, student.display_name
    if ButtonForm().validate_on_submit():
        services.remove_student(current_user, student)
        flash(_("%(name)s is removed from the class.", name=name), "success")
    return redirect(url_for("schools.show_class", class_id=class_id))
