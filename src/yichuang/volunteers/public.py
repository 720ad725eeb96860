"""The public certificate check: anyone, without an account, types a number, follows a QR code or
uploads a file, and is told clearly whether it is genuine. Only what the certificate shows is shown."""

from __future__ import annotations

from django.shortcuts import render

from yichuang.volunteers import certificates
from yichuang.volunteers.forms import VerifyForm

MAX_PDF_BYTES = 5 * 1024 * 1024


def verify(request):
    form = VerifyForm(request.POST or None, request.FILES or None)
    context = {"form": form, "checked": False}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        number = form.cleaned_data.get("number", "")
        context["checked"] = True
        if upload is not None:
            context["by_file"] = True
            content = upload.read(MAX_PDF_BYTES + 1)
            context["certificate"] = None if len(content) > MAX_PDF_BYTES else certificates.verify_file(content)
        elif number.strip():
            context["number"] = number.strip()
            context["certificate"] = certificates.verify_number(number)
        else:
            context["checked"] = False
            form.add_error("number", form.fields["number"].label)
    return render(request, "volunteers/verify.html", context)


def verify_number(request, number: str):
    certificate = certificates.verify_number(number, request.GET.get("s", ""))
    return render(request, "volunteers/verify.html", {"form": VerifyForm(initial={"number": number}), "checked": True,
                                                      "number": number, "certificate": certificate},
                  status=200 if certificate else 404)
