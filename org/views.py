"""Page-side building blocks every app uses: the scope choke point, service-backed forms and
buttons, ledger imports and list exports. An app's views are these plus its own services."""

import hashlib
import re
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Case, QuerySet, When
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from org import assessments, inbox
from org.errors import SERVICE_ERRORS, error_message
from org.filtersets import InboxFilterSet
from org.forms import LedgerUploadForm
from org.ledgers import ImportFailed, dry_run, template_workbook
from org.models import Assessment, AssessmentEvidence, InboxItem
from org.pagination import CappedPaginator
from org.spreadsheets import XLSX, Column, download


class ScopedObjectMixin(LoginRequiredMixin):
    """Limits a class-based view's queryset to the signed-in user's scope.

    An object outside the scope is not found (404), exactly like a missing id.
    """

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().visible_to(self.request.user)


# --- Calling services from a page -----------------------------------------------------------


def call_service(request, service: Callable, /, *, success: str = "", **arguments):
    """Runs a service for a button or small form: any refusal it raises (``SERVICE_ERRORS``)
    becomes an error message on the next page, so no service error is ever a 500. Returns the
    service's result, or ``None`` when it refused."""
    try:
        result = service(**arguments)
    except SERVICE_ERRORS as error:
        messages.error(request, error_message(error))
        return None
    if success:
        messages.success(request, success)
    return result


def report_form_errors(request, form) -> None:
    """A small form posted from a list or detail page: its errors as one message on the next page."""
    messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))


def form_errors(form, error: ValidationError) -> None:
    """Puts a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


FORM_TOKEN_FIELD = "form_token"  # noqa: S105 -- a field name, not a secret
FORM_TOKEN_SECONDS = 2 * 3600  # how long a form's one-time token is remembered
FORM_TOKEN_WAIT = 5.0  # a second click waits this long for the first to finish saving


def _token_key(user, token: str) -> str:
    return f"form-token:{user.pk}:{hashlib.sha256(token.encode()).hexdigest()}"


class ServiceFormMixin:
    """A form page whose valid form is handed to a service that takes the signed-in user.

    The view defines ``save(form)``, which calls the service and returns the saved record; the
    service's ValidationError is shown on the form by field, any other refusal above it.

    Every such form carries a one-time token (a hidden ``form_token``): a double-clicked or
    resent form saves once, and the second request is sent where the first one went. A form that
    was refused can be corrected and sent again with the same token.
    """

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields[FORM_TOKEN_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=64, initial=secrets.token_urlsafe(16)
        )
        return form

    def form_valid(self, form):
        token = form.cleaned_data.pop(FORM_TOKEN_FIELD, "")
        key = _token_key(self.request.user, token) if token else ""
        if key and not cache.add(key, "", FORM_TOKEN_SECONDS):
            return self.form_sent_twice(form, key)
        try:
            obj = self.save(form)
        except ValidationError as error:
            cache.delete(key)
            form_errors(form, error)
            return self.form_invalid(form)
        except SERVICE_ERRORS as error:
            cache.delete(key)
            form.add_error(None, error_message(error))
            return self.form_invalid(form)
        url = self.get_saved_url(obj)
        if key:
            cache.set(key, url, FORM_TOKEN_SECONDS)
        messages.success(self.request, _("已保存。"))
        return HttpResponseRedirect(url)

    def form_sent_twice(self, form, key: str):
        """The same form again: once the first request has saved, go where it went."""
        deadline = time.monotonic() + FORM_TOKEN_WAIT
        url = cache.get(key)
        while url == "" and time.monotonic() < deadline:
            time.sleep(0.1)
            url = cache.get(key)
        if url:
            messages.info(self.request, _("该表单已提交过,未重复保存。"))
            return HttpResponseRedirect(url)
        form.add_error(None, _("该表单正在保存,请勿重复提交。"))
        return self.form_invalid(form)

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


# --- Who keeps a register -------------------------------------------------------------------


class ManageRequiredMixin:
    """Pages that change a register: only users for whom ``can_manage(user)`` (the app's rule,
    from its services) holds; others get 403."""

    can_manage: Callable = staticmethod(lambda user: False)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not type(self).can_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ManageButtonsMixin:
    """Lists and details that show 登记 and 修改 buttons to those who keep the register."""

    can_manage: Callable = staticmethod(lambda user: False)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=type(self).can_manage(self.request.user), **kwargs)


class RecordFormView(ManageRequiredMixin, ScopedObjectMixin, ServiceFormMixin, UpdateView):
    """登记 (no id in the URL) or 修改 (an id within the user's scope) one record through its save
    service: ``service`` takes the record as ``instance_kwarg``; then back to ``list_url``."""

    template_name = "org/record_form.html"
    service: Callable = None
    instance_kwarg = ""
    list_url = ""
    titles = ("", "")  # (登记…, 修改…)

    def get_object(self, queryset=None):
        return super().get_object(queryset) if "pk" in self.kwargs else None

    def save(self, form):
        record = {self.instance_kwarg: self.object} if self.object else {}
        return type(self).service(actor=self.request.user, **record, **form.cleaned_data)

    def get_saved_url(self, obj) -> str:
        return reverse(self.list_url)

    def get_context_data(self, **kwargs):
        title = self.titles[1] if self.object else self.titles[0]
        list_title = self.model._meta.verbose_name_plural
        return super().get_context_data(title=title, list_url=self.list_url, list_title=list_title, **kwargs)


# --- Ledger imports and list exports --------------------------------------------------------


@dataclass(frozen=True)
class Ledger:
    """One kind of township ledger a page imports: its importer (org.ledgers), columns and title,
    the list to return to and the blank template's URL (both URL names)."""

    importer: Callable
    columns: Sequence
    title: str
    list_url: str
    template_url: str


PREVIEW_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
PREVIEW_HOURS = 2  # an unconfirmed preview's file is removed after this


def _preview_path(user, kind: str, token: str) -> Path:
    """Where an upload waits for its confirmation: named by a random token and bound to its user
    and ledger kind, never in the session or under MEDIA_ROOT."""
    folder = Path(settings.LEDGER_PREVIEW_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{user.pk}-{kind}-{token}.xlsx"


def _forget_stale_previews() -> None:
    folder = Path(settings.LEDGER_PREVIEW_DIR)
    cutoff = time.time() - PREVIEW_HOURS * 3600
    for path in folder.glob("*.xlsx") if folder.is_dir() else ():
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


class LedgerImportView(LoginRequiredMixin, FormView):
    """Upload a township's ledger: first a preview (预览, the same import rolled back) lists what
    each row would create or change; 确认导入 then imports the kept file. Every row is checked and
    nothing is saved unless all pass.

    An app subclasses it with ``imports`` ({kind: Ledger}); each URL passes its ``kind``.
    """

    imports: dict[str, Ledger] = {}
    kind = ""
    form_class = LedgerUploadForm
    template_name = "org/import.html"

    def get_context_data(self, **kwargs):
        ledger = self.imports[self.kind]
        return super().get_context_data(
            kind=self.kind,
            title=ledger.title,
            columns=ledger.columns,
            template_url=reverse(ledger.template_url),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request.POST.get("confirm", ""))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        ledger = self.imports[self.kind]
        upload = form.cleaned_data["file"]
        try:
            result = dry_run(ledger.importer, upload=upload, actor=self.request.user)
        except ImportFailed as failure:
            return self.render_to_response(self.get_context_data(form=form, failure=failure))
        _forget_stale_previews()
        token = secrets.token_urlsafe(24)
        upload.seek(0)
        with open(_preview_path(self.request.user, self.kind, token), "wb") as kept:
            for chunk in upload.chunks():
                kept.write(chunk)
        return self.render_to_response(self.get_context_data(form=form, preview=result, token=token))

    def confirm(self, token: str):
        ledger = self.imports[self.kind]
        path = _preview_path(self.request.user, self.kind, token) if PREVIEW_TOKEN.match(token) else None
        if path is None or not path.exists():
            messages.error(self.request, _("预览已过期,请重新上传。"))
            return redirect(self.request.path)
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        try:
            result = ledger.importer(upload=upload, actor=self.request.user)
        except ImportFailed as failure:  # the records changed since the preview
            return self.render_to_response(self.get_context_data(form=self.get_form_class()(), failure=failure))
        finally:
            path.unlink(missing_ok=True)
        counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        messages.success(
            self.request, _("已导入:新增 %(created)s 条,更新 %(updated)s 条,未变 %(unchanged)s 条。") % counts
        )
        for warning in result.warnings:
            messages.warning(self.request, _("第%(row)s行:%(message)s") % warning.as_dict())
        return redirect(ledger.list_url)


class LedgerTemplateView(LoginRequiredMixin, View):
    """A blank .xlsx with the ledger's Chinese headers."""

    imports: dict[str, Ledger] = {}
    kind = ""

    def get(self, request):
        ledger = self.imports[self.kind]
        response = HttpResponse(template_workbook(ledger.columns, str(ledger.title)), content_type=XLSX)
        response["Content-Disposition"] = f"attachment; filename={self.kind}-template.xlsx"
        return response


class DefaultFiltersMixin:
    """A list that opens on a default choice (the worklist on open hazards, the tip queue on
    待核实, the duty roster on shifts still to come). The defaults apply whenever the query chooses
    no rows itself: on every page and in the export too, since a page number or a download
    (``not_filters``) is not a choice of rows, so 下一页 never drops them."""

    default_filters: dict[str, str | list[str]] = {}
    not_filters = frozenset({"page", "export"})

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs["data"]
        if data is None or set(data) <= self.not_filters:
            data = data.copy() if data is not None else QueryDict(mutable=True)
            for name, value in self.default_filters.items():
                data.setlist(name, list(value) if isinstance(value, list | tuple) else [value])
            kwargs["data"] = data
        return kwargs


class ListExportMixin:
    """Switches on 导出Excel for a list page (a FilterView): ``?export=xlsx`` answers the rows the
    page's filters select — all of them, not one page — as a workbook written row by row to disk
    and streamed from there. The list names ``export_columns`` and ``export_row(obj)``; the
    template shows the link where ``export_url`` is set."""

    export_columns: Sequence[Column] = ()
    export_title = ""

    def export_row(self, obj) -> Sequence:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        filterset = self.get_filterset(self.get_filterset_class())
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return self.export_response(rows)

    def export_response(self, rows: QuerySet) -> FileResponse:
        title = str(self.export_title or self.model._meta.verbose_name_plural)
        return download(title, self.export_columns, self._rows(rows))

    def _rows(self, rows: QuerySet) -> Iterable[Sequence]:
        for obj in rows.iterator(chunk_size=2_000):
            yield self.export_row(obj)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        return super().get_context_data(export_url=f"?{query.urlencode()}", **kwargs)


# --- Scored checklists (org.assessments) -------------------------------------------------------


class AssessmentView(ScopedObjectMixin, DetailView):
    """One township's 达标考评: the items with the township's scores, notes and evidence; the
    township fills in and submits, the county verifies or returns. Each button posts ``do``."""

    model = Assessment
    template_name = "org/assessment.html"
    context_object_name = "assessment"

    def get_queryset(self) -> QuerySet:
        rows = super().get_queryset().select_related("township", "checklist", "submitted_by", "verified_by")
        return rows.prefetch_related("checklist__items", "scores", "evidence")

    def get_context_data(self, **kwargs):
        assessment, user = self.object, self.request.user
        scores = {score.item_id: score for score in assessment.scores.all()}
        evidence: dict[int, list] = {}
        for file in assessment.evidence.all():
            evidence.setdefault(file.item_id, []).append(file)
        rows = [(item, scores.get(item.pk), evidence.get(item.pk, [])) for item in assessment.checklist.items.all()]
        return super().get_context_data(
            rows=rows,
            kind=assessments.KINDS.get(assessment.checklist.kind),
            total_points=sum((item.points for item, _score, _files in rows), 0),
            can_fill=assessment.is_editable and user.can_write and assessments.can_self_assess(user),
            can_verify=assessment.status == Assessment.Status.SUBMITTED and assessments.can_verify(user),
            history=assessment.history.select_related("history_user").order_by("-history_date")[:20],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        assessment = self.get_object()
        action = request.POST.get("do", "")
        items = [item.pk for item in assessment.checklist.items.all()]

        def entries(prefix: str) -> dict[int, tuple[str, str]]:
            return {
                pk: (request.POST.get(f"{prefix}score-{pk}", ""), request.POST.get(f"{prefix}note-{pk}", ""))
                for pk in items
                if f"{prefix}score-{pk}" in request.POST
            }

        if action in ("save", "submit"):
            files = {pk: request.FILES.getlist(f"files-{pk}") for pk in items if request.FILES.getlist(f"files-{pk}")}
            saved = call_service(
                request,
                assessments.save_self_assessment,
                actor=request.user,
                assessment=assessment,
                scores=entries(""),
                files=files,
                success=_("自评已保存。") if action == "save" else "",
            )
            if saved is not None and action == "submit":
                call_service(
                    request,
                    assessments.submit_assessment,
                    actor=request.user,
                    assessment=assessment,
                    success=_("已提交县级核验。"),
                )
        elif action == "verify":
            done = call_service(
                request,
                assessments.verify_assessment,
                actor=request.user,
                assessment=assessment,
                scores=entries("verified-"),
                note=request.POST.get("note", ""),
            )
            if done is not None:
                if done.status == Assessment.Status.PASSED:
                    messages.success(request, _("核验通过。"))
                else:
                    messages.warning(request, _("核验得分未达标,已退回乡镇。"))
        elif action == "return":
            call_service(
                request,
                assessments.return_assessment,
                actor=request.user,
                assessment=assessment,
                reason=request.POST.get("reason", ""),
                success=_("已退回乡镇。"),
            )
        else:
            messages.error(request, _("未知的操作。"))
        return redirect(assessment.get_absolute_url())


class AssessmentEvidenceView(ScopedObjectMixin, SingleObjectMixin, View):
    """Serves a 考评佐证 only to users who may see its assessment."""

    model = AssessmentEvidence

    def get(self, request, *args, **kwargs):
        evidence = self.get_object()
        inline = evidence.content_type.startswith("image/") or evidence.content_type == "application/pdf"
        return FileResponse(
            evidence.file.open("rb"),
            content_type=evidence.content_type,
            as_attachment=not inline,
            filename=evidence.original_name,
        )


# --- Inbox (站内通知) -------------------------------------------------------------------------


class InboxView(LoginRequiredMixin, FilterView):
    """我的通知: unread first, then the newest; 未读 / 全部 and by kind."""

    model = InboxItem
    filterset_class = InboxFilterSet
    paginate_by = 50
    paginator_class = CappedPaginator
    template_name = "org/inbox.html"

    def get_queryset(self) -> QuerySet:
        unread_first = Case(When(read_at__isnull=True, then=0), default=1)
        return InboxItem.objects.visible_to(self.request.user).order_by(unread_first, "-created_at", "-id")


class InboxOpenView(ScopedObjectMixin, SingleObjectMixin, View):
    """Opening a notice marks it read and goes to what it is about."""

    model = InboxItem

    def get(self, request, *args, **kwargs):
        item = inbox.mark_read(actor=request.user, item=self.get_object())
        # The link is a path the portal wrote; anything else goes back to the inbox.
        safe = item.url.startswith("/") and url_has_allowed_host_and_scheme(item.url, allowed_hosts=None)
        return redirect(item.url if safe else "org:inbox")


class InboxReadAllView(LoginRequiredMixin, View):
    """全部标为已读 (of the kind being shown, if one is)."""

    def post(self, request):
        kind = request.POST.get("kind", "")
        count = inbox.mark_all_read(actor=request.user, kind=kind if kind in InboxItem.Kind.values else "")
        messages.success(request, _("已将 %(n)s 条通知标为已读。") % {"n": count})
        return redirect("org:inbox")
