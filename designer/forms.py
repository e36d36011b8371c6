"""Small forms for the server-rendered pages."""

from django import forms

from . import limits


class RenameForm(forms.Form):
    title = forms.CharField(max_length=limits.LABEL_CHARS, strip=True)
