"""Sites: subnet → site, longest prefix first; a bad CSV is refused with the line named."""

from __future__ import annotations

from pathlib import Path

import pytest

from callcheck.server.sites import UNKNOWN_SITE, SiteMap, SitesError

CSV = """subnet,site,building,network_type
# campus
10.1.0.0/16,Berlin,HQ,wired
10.1.20.0/24,Berlin,HQ,wifi
10.8.0.0/16,Remote,,vpn
2001:db8::/32,Lisbon,Tower,wired

"""


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        pytest.param("10.1.3.4", ("Berlin", "HQ", "wired"), id="campus"),
        pytest.param("10.1.20.9", ("Berlin", "HQ", "wifi"), id="longest-prefix-wins"),
        pytest.param("10.8.1.1", ("Remote", "", "vpn"), id="no-building"),
        pytest.param("::ffff:10.1.20.9", ("Berlin", "HQ", "wifi"), id="ipv4-mapped"),
        pytest.param("2001:db8::7", ("Lisbon", "Tower", "wired"), id="ipv6"),
        pytest.param("fe80::1%eth0", (UNKNOWN_SITE, "", ""), id="scoped-unmatched"),
        pytest.param("192.168.1.1", (UNKNOWN_SITE, "", ""), id="unmatched"),
        pytest.param("not-an-ip", (UNKNOWN_SITE, "", ""), id="garbage"),
        pytest.param(None, (UNKNOWN_SITE, "", ""), id="no-address"),
    ],
)
def test_lookup(address: str | None, expected: tuple[str, str, str]) -> None:
    site = SiteMap.parse(CSV).lookup(address)
    assert (site.site, site.building, site.network_type) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "first line must be", id="empty"),
        pytest.param("net,name\n10.0.0.0/8,X\n", "first line must be", id="bad-header"),
        pytest.param(
            "subnet,site,building,network_type\n10.0.0.0/33,X,,\n", "line 2", id="bad-prefix"
        ),
        pytest.param(
            "subnet,site,building,network_type\n10.0.0.0/8,,,\n", "site is empty", id="no-site"
        ),
        pytest.param(
            "subnet,site,building,network_type\n10.0.0.0/8,a,b,c,d\n",
            "more than 4",
            id="extra-column",
        ),
    ],
)
def test_a_bad_csv_is_refused_with_the_line_named(text: str, message: str) -> None:
    with pytest.raises(SitesError, match=message):
        SiteMap.parse(text)


def test_from_csv_reads_a_file_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "sites.csv"
    path.write_text("\ufeff" + CSV, encoding="utf-8")
    assert len(SiteMap.from_csv(path)) == 4
    with pytest.raises(SitesError, match="cannot read"):
        SiteMap.from_csv(tmp_path / "missing.csv")
