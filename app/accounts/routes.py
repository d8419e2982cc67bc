"""Log in and out, invitations, password reset, joining a class, language choice."""

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import privacy, services
from app.accounts.forms import (
    ChangePasswordForm,
    DeleteAccountForm,
    JoinClassForm,
    LoginForm,
    ResetPasswordForm,
    ResetRequestForm,
    SetPasswordForm,
)
from app.core.errors import DomainError, apply_to_form
from app.core.navigation import redirect_back
from app.extensions import limiter

bp = Blueprint("accounts", __name__, template_folder="templates")

# What a user whose password someone else chose can reach before choosing their own.
OPEN_BEFORE_OWN_PASSWORD = frozenset(
    {"accounts.choose_password", "accounts.logout", "accounts.set_language", "static"}
)


@bp.before_app_request
def require_own_password():
    """Send a user whose password someone else chose to choose their own, from every page."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in OPEN_BEFORE_OWN_PASSWORD
    ):
        return redirect(url_for("accounts.choose_password"))
    return None


def _login_key() -> str:
    return "login:" + (request.form.get("login") or "").strip().lower()


def _failed(response) -> bool:
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_login_key,
    deduct_when=_failed,
)
def login():
    """Show the login form and log the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.login.data, form.password.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            login_user(user, remember=form.remember.data)
            session["lang"] = user.language
            return redirect_back()
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out and return to the front page."""
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("dashboard.index"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """Accept an invitation: choose a name and password, then log in."""
    try:
        invitation = services.load_invitation(token)
    except services.InvitationProblem as problem:
        return render_template("accounts/link_problem.html", problem=problem), 410
    form = SetPasswordForm(name=invitation.name or None)
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(
                token, form.name.data, form.password.data, language=session.get("lang", "nb")
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            login_user(user)
            flash(_("Welcome to Skolebro!"), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("accounts/accept_invitation.html", form=form, invitation=invitation)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PASSWORD_RESET_LIMIT"], methods=["POST"])
def forgot_password():
    """Ask for a reset link by e-mail (the same answer whether the address exists or not)."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data, session.get("lang", "nb"))
        flash(_("If the address is registered, a link is on its way. Check your e-mail."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password from an e-mailed link."""
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except services.InvitationProblem as problem:
            return render_template("accounts/link_problem.html", problem=problem), 410
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Your password is changed. Log in with the new one."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/password/new", methods=["GET", "POST"])
@login_required
def choose_password():
    """Choose one's own password after logging in with one someone else chose."""
    if not current_user.must_change_password:
        return redirect(url_for("dashboard.index"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.choose_own_password(current_user, form.password.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Your new password is saved."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("accounts/choose_password.html", form=form)


@bp.route("/join", methods=["GET", "POST"])
def join_class():
    """A student joins a class with the code from the teacher."""
    form = JoinClassForm(code=request.args.get("code"))
    if form.validate_on_submit():
        try:
            user = services.join_class(
                form.code.data,
                form.display_name.data,
                form.password.data,
                session.get("lang", "nb"),
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            login_user(user)
            flash(
                _("Welcome! Your user name is %(name)s. Write it down.", name=user.username),
                "success",
            )
            return redirect(url_for("dashboard.index"))
    return render_template("accounts/join_class.html", form=form)


@bp.route("/language/<code>", methods=["POST"])
def set_language(code: str):
    """Switch the interface language and stay on the same page."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        services.set_language(current_user, code)
    return redirect_back()


@bp.route("/account")
@login_required
def account():
    """The user's own account page."""
    return render_template("accounts/account.html", delete_form=DeleteAccountForm())


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's password while logged in, without a reset e-mail."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Your new password is saved."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/account/export")
@login_required
def export_data():
    """Download everything Skolebro stores about me, as JSON."""
    response = jsonify(privacy.export_user_data(current_user))
    response.headers["Content-Disposition"] = "attachment; filename=skolebro-mine-data.json"
    return response


@bp.route("/account/delete", methods=["POST"])
@login_required
def delete_account():
    """Delete my account and data after a password check."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            privacy.delete_account(current_user, form.password.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            logout_user()
            flash(_("Your account and data are deleted."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("accounts/account.html", delete_form=form), 400
