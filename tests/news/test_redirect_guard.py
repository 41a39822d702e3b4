"""A redirect may not go from a public address to a private, link-local or loopback one (SSRF); an address the
user typed (a feed on 127.0.0.1, a self-hosted RSSHub on the LAN) stays allowed. Traffic goes to 127.0.0.1 only:
the first host is made to look public by patching the resolver the check uses, and `metadata.test` resolves
(patched) to 169.254.169.254; every connect attempt is recorded and 169.254.169.254 must never appear."""

from __future__ import annotations

import ipaddress

import pytest
import urllib3.util.connection as uconn

from desktop.core.errors import SourceError
from desktop.sources import http_fetch

REAL_RESOLVE = http_fetch._resolve


@pytest.fixture
def attempts(monkeypatch):
    seen: list[str] = []
    real = uconn.create_connection

    def record(address, *args, **kwargs):
        seen.append(address[0])
        if address[0] in ("metadata.test", "169.254.169.254"):
            raise OSError("the test refuses to connect there")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(uconn, "create_connection", record)
    return seen


def _resolver(table):
    def resolve(host):
        if host in table:
            return [ipaddress.ip_address(table[host])]
        return REAL_RESOLVE(host)
    return resolve


@pytest.mark.parametrize("target", ["http://metadata.test/latest/meta-data/", "http://169.254.169.254/latest/",
                                    "http://10.1.2.3/", "http://172.16.0.9/", "http://192.168.1.1/",
                                    "http://[fc00::1]/", "http://[fe80::1]/", "http://127.0.0.1:9/"])
def test_a_public_host_redirecting_inward_is_refused_before_any_connect(httpserver, monkeypatch, attempts, target):
    # the real server is on 127.0.0.1; the check believes "127.0.0.1" is a public host (93.184.216.34)
    monkeypatch.setattr(http_fetch, "_resolve", _resolver({"127.0.0.1": "93.184.216.34",
                                                           "metadata.test": "169.254.169.254"}))
    if "127.0.0.1:9" in target:      # a loopback target: make the check see it as loopback, not "public"
        monkeypatch.setattr(http_fetch, "_resolve", _resolver({"127.0.0.1": "93.184.216.34",
                                                               "loopback.test": "127.0.0.1"}))
        target = "http://loopback.test:9/"
    httpserver.expect_request("/feed.xml").respond_with_data("", status=302, headers={"Location": target})
    with pytest.raises(SourceError, match="redirect refused") as err:
        http_fetch.http_get(httpserver.url_for("/feed.xml"), timeout=5)
    assert not err.value.transient
    assert attempts == ["127.0.0.1"]                 # only the public host's connect; none to the target
    assert "169.254.169.254" not in attempts and "metadata.test" not in attempts


def test_a_loopback_feed_redirecting_on_loopback_stays_allowed(httpserver, attempts):
    # the user typed a 127.0.0.1 address (self-hosted RSSHub): its own redirects are not checked
    httpserver.expect_request("/old").respond_with_data("", status=301,
                                                        headers={"Location": httpserver.url_for("/new")})
    httpserver.expect_request("/new").respond_with_data("<rss/>", content_type="application/rss+xml")
    result = http_fetch.http_get(httpserver.url_for("/old"), timeout=5)
    assert result.body == b"<rss/>" and result.url.endswith("/new")


def test_a_public_to_public_redirect_is_followed(httpserver, monkeypatch, attempts):
    monkeypatch.setattr(http_fetch, "_resolve", _resolver({"127.0.0.1": "93.184.216.34", "localhost": "93.184.216.35"}))
    port = httpserver.port
    httpserver.expect_request("/old").respond_with_data("", status=302,
                                                        headers={"Location": f"http://localhost:{port}/new"})
    httpserver.expect_request("/new").respond_with_data("<rss/>", content_type="application/rss+xml")
    assert http_fetch.http_get(httpserver.url_for("/old"), timeout=5).body == b"<rss/>"


def test_the_classification():
    internal = ["169.254.169.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "127.0.0.1",
                "fc00::1", "fd12::1", "fe80::1", "::1", "::ffff:169.254.169.254", "0.0.0.0"]
    assert all(http_fetch._is_internal(ipaddress.ip_address(a)) for a in internal)
    assert not any(http_fetch._is_internal(ipaddress.ip_address(a)) for a in ["93.184.216.34", "2606:4700::1111"])
