"""Page-side building blocks every app uses: the scope choke point, service-backed forms and ledger imports."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from org.ledgers import ImportFailed, template_workbook


class ScopedObjectMixin(LoginRequiredMixin):
    """Limits a class-based view's queryset to the signed-in user's scope.

    An object outside the scope is not found (404), exactly like a missing id.
    """

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().visible_to(self.request.user)


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


class ServiceFormMixin:
    """A form page whose valid form is handed to a service that takes the signed-in user.

    The view defines ``save(form)``, which calls the service and returns the saved record; the
    service's ValidationError is shown on the form, its PermissionDenied above it.
    """

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as error:
            form_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("已保存。"))
        return HttpResponseRedirect(self.get_saved_url(obj))

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


class LedgerImportView(LoginRequiredMixin, FormView):
    """Upload a township's ledger; every row is checked and nothing is saved unless all pass.

    An app subclasses it with ``imports`` ({kind: (importer, columns, title, list URL name)}),
    its ``form_class`` and ``template_name``; each URL passes its ``kind``.
    """

    imports: dict = {}
    kind = ""

    def get_context_data(self, **kwargs):
        _importer, columns, title, _list = self.imports[self.kind]
        return super().get_context_data(kind=self.kind, title=title, columns=columns, **kwargs)

    def form_valid(self, form):
        importer, _columns, _title, list_url = self.imports[self.kind]
        try:
            result = importer(upload=form.cleaned_data["file"], actor=self.request.user)
        except ImportFailed as failure:
            return self.render_to_response(self.get_context_data(form=form, failure=failure))
        messages.success(self.request, _("已导入 %(n)s 条。") % {"n": result.created})
        for warning in result.warnings:
            messages.warning(self.request, _("第%(row)s行:%(message)s") % warning.as_dict())
        return redirect(list_url)


class LedgerTemplateView(LoginRequiredMixin, View):
    """A blank .xlsx with the ledger's Chinese headers."""

    imports: dict = {}
    kind = ""

    def get(self, request):
        _importer, columns, title, _list = self.imports[self.kind]
        response = HttpResponse(
            template_workbook(columns, str(title)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f"attachment; filename={self.kind}-template.xlsx"
        return response
