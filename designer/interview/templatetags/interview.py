"""{% case_studies as cases %}: the template gallery on the "New design" page."""

from django import template

from designer.interview.cases import case_list

register = template.Library()


@register.simple_tag
def case_studies() -> list[dict]:
    return case_list()
