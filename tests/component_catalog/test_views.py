"""The catalog page: kinds with their roles, the props each role declares, props, and connection kinds."""


def test_catalog_page_lists_the_props_each_role_declares(client):
    page = client.get("/catalog/").content.decode()
    assert "<h2>Roles and their properties</h2>" in page
    assert (
        "<tr><td><code>event_stream</code></td><td><code>staleness_s</code>, <code>capacity_qps</code>, "
        "<code>replicas</code>, <code>pii</code>, <code>provides_labels</code>, <code>validates_schema</code></td></tr>"
    ) in page
    assert (
        "<tr><td><code>model_server</code></td><td><code>latency_ms</code>, <code>capacity_qps</code>, "
        "<code>replicas</code>, <code>rollout</code>, <code>parallel</code>, <code>gpu</code></td></tr>"
    ) in page
    assert "<tr><td><code>orchestrator</code></td><td>none: the reviewer reads no figures from it</td></tr>" in page
    assert "<tr><td><code>note</code></td>" not in page  # drawing aids have no role props to show
