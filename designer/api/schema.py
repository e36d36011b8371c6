"""OpenAPI generation: how our authentication looks in the schema, and operation ids that never collide."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema


class DesignAccessScheme(OpenApiAuthenticationExtension):
    """Accounts sign in with the session cookie (and send X-CSRFToken on writes); share-link routes
    (/api/s/{token}/…) carry their credential in the path, so they need no scheme."""

    target_class = "designer.sharing.authentication.DesignAccessAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


class AutoSchema(SpectacularAutoSchema):
    def get_operation_id(self):
        """The path's words and parameters, then the action: /api/designs/{design_id}/history/{version}/
        GET is api_designs_design_id_history_version_retrieve (one view serves several route shapes)."""
        words = [part.strip("{}") for part in self.path.strip("/").split("/") if part]
        words = [w.replace("-", "_").replace(".", "_") for w in words]
        if self.method == "GET" and self._is_list_view():
            action = "list"
        else:
            action = self.method_mapping[self.method.lower()]
        return "_".join([*words, action])
