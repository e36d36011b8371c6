"""Small forms for the server-rendered pages."""

from django import forms


class RenameForm(forms.Form):
    title = forms.CharField(max_length=200, strip=True)
