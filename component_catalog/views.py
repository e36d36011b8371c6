"""The catalog as a page (the API is in api.py)."""

from django.shortcuts import render

from .catalog import get_catalog


def catalog_page(request):
    catalog = get_catalog()
    groups = [
        {"category": c, "kinds": [k for k in catalog.kinds.values() if k.category == c["id"]]}
        for c in catalog.categories
    ]
    # Each role once, in the order its first kind appears, with the standard props that apply to it.
    roles = {k.role: catalog.role_specs[k.role]["props"] for k in catalog.kinds.values() if not k.is_annotation}
    props = [{"name": name, **spec} for name, spec in catalog.props.items()]
    edge_props = [{"name": name, **spec} for name, spec in catalog.edge_props.items()]
    return render(
        request,
        "catalog/catalog.html",
        {
            "groups": groups,
            "roles": roles.items(),
            "edge_kinds": catalog.edge_kinds,
            "props": props,
            "edge_props": edge_props,
        },
    )
