"""The catalog page: kinds with their roles and the props each role declares, props, and connection kinds."""


def test_catalog_page_lists_the_props_of_each_kinds_role(client):
    page = client.get("/catalog/").content.decode()
    assert "<th>Props of its role</th>" in page
    assert "<td>Kafka</td><td><code>kafka</code></td><td><code>event_stream</code></td>" in page
    kafka = page[page.index("<td>Kafka</td>") :]
    kafka = kafka[: kafka.index("</tr>")]
    assert (
        "<td><code>staleness_s</code>, <code>capacity_qps</code>, <code>replicas</code>, <code>pii</code>, "
        "<code>provides_labels</code>, <code>validates_schema</code></td>"
    ) in kafka
    orchestrator = page[page.index("<td>Airflow</td>") :]
    assert "<td>—</td>" in orchestrator[: orchestrator.index("</tr>")]
