"""Small forms for the server-rendered pages."""

from django import forms

from . import limits


class RenameForm(forms.Form):
    title = forms.CharField(max_length=limits.LABEL_CHARS, strip=True)


class DisplayNameForm(forms.Form):
    """The name a share link's guest shows others (marked as a guest's: sharing/access.py)."""

    name = forms.CharField(label="Your name", max_length=50, strip=True)
