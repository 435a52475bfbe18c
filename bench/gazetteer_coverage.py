"""Gazetteer coverage, load time and memory.

Coverage: the towns named in the weekly-reports issue and every town (below country level) named in the two shared
CTP seeds (001, 002; listed by hand below with the province a reader would give), resolved (a) by the UCDP-derived
town table alone, as `find_places` looked names up before the GeoNames gazetteer, and (b) by `town_candidates`.
Cost: `import trends` and `import trends.extract.places` in fresh interpreters (neither may load the gazetteer), then
the first `town_candidates` call (loads GeoNames, our town rows and the UCDP towns) with the resident memory it adds.

    python bench/gazetteer_coverage.py
"""

from __future__ import annotations

import json
import subprocess
import sys

# (name as written, country, province a reader gives it, where it is named)
TOWNS = [
    ("Al-Mayadeen", "Syria", "Deir ez-Zor", "issue 8"),
    ("Mayadin", "Syria", "Deir ez-Zor", "variant"),
    ("al-Mayādīn", "Syria", "Deir ez-Zor", "variant"),
    ("Khanaqin", "Iraq", "Diyala", "issue 8"),
    ("Baqubah", "Iraq", "Diyala", "issue 8"),
    ("Baquba", "Iraq", "Diyala", "variant"),
    ("Ba'qubah", "Iraq", "Diyala", "variant"),
    ("Makhmur", "Iraq", "Erbil", "issue 8"),
    ("Tiyanah", "Syria", "Deir ez-Zor", "issue 8"),
    ("Abu Kamal", "Syria", "Deir ez-Zor", "variant"),
    ("Albu Kamal", "Syria", "Deir ez-Zor", "variant"),
    ("al-Bukamal", "Syria", "Deir ez-Zor", "variant"),
    ("Ménaka", "Mali", "Menaka", "issue 8"),
    ("Kirkuk", "Iraq", "Kirkuk", "seed 001"),
    ("Kifri", "Iraq", "Diyala", "seed 001"),
    ("Tuz Khurmatu", "Iraq", "Salah al-Din", "seed 001"),
    ("Hasakah", "Syria", "Hasakah", "seed 001"),
    ("Al Hol", "Syria", "Hasakah", "seed 001"),
    ("Raqqa", "Syria", "Raqqa", "seed 001"),
    ("Mazar-e Sharif", "Afghanistan", "Balkh", "seed 001"),
    ("Sheberghan", "Afghanistan", "Jowzjan", "seed 001"),
    ("Lakki Marwat", "Pakistan", "Khyber Pakhtunkhwa", "seed 001"),
    ("Kati", "Mali", "Koulikoro", "seed 001"),
    ("Nara", "Mali", "Koulikoro", "seed 001"),
    ("Ségou", "Mali", "Segou", "seed 001"),
    ("Khanaqin", "Iraq", "Diyala", "seed 001"),
    ("Chitral", "Pakistan", "Khyber Pakhtunkhwa", "seed 002"),
    ("Mastung", "Pakistan", "Balochistan", "seed 002"),
    ("Dhiban", "Syria", "Deir ez-Zor", "seed 002"),
    ("Gao", "Mali", "Gao", "seed 002"),
    ("Timbuktu", "Mali", "Tombouctou", "seed 002"),
    ("Deir ez Zor", "Syria", "Deir ez-Zor", "seed 002"),
]


def _ucdp_only(name: str, country: str) -> str | None:
    """The lookup find_places made before the GeoNames gazetteer: UCDP town keys, without spaces, plus 'h'."""
    from trends.extract.places import canonical_province, gazetteer, key

    towns, _ = gazetteer()
    k = key(name)
    cands = towns.get(k) or towns.get(k.replace(" ", "")) or towns.get(k + "h") or []
    same = [c for c in cands if c[0] == country]
    return canonical_province(country, same[0][1]) if same else None


def _new(name: str, country: str) -> str | None:
    from trends.extract.places import town_candidates

    c = town_candidates(name, country)
    return c[0].province if c else None


_COST = r"""
import json, sys, time
def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))
t = time.perf_counter(); import trends; t_pkg = time.perf_counter() - t
t = time.perf_counter(); import trends.extract.places as P; t_mod = time.perf_counter() - t
loaded_at_import = P._geonames.cache_info().currsize + P._ucdp_towns.cache_info().currsize
rss0 = rss()
t = time.perf_counter(); P.town_candidates("Baqubah", "Iraq"); t_load = time.perf_counter() - t
rss1 = rss()
t = time.perf_counter()
for _ in range(1000): P.town_candidates("al-Mayadeen")
t_q = (time.perf_counter() - t) / 1000
t = time.perf_counter()
for _ in range(100): P.province_at_offset("Mosul", 80, "east")
t_o = (time.perf_counter() - t) / 100
print(json.dumps(dict(import_trends_s=t_pkg, import_places_s=t_mod, loaded_at_import=loaded_at_import,
                      first_lookup_s=t_load, rss_increase_mb=(rss1 - rss0) / 1024, lookup_ms=t_q * 1e3,
                      offset_ms=t_o * 1e3)))
"""


def main() -> None:
    rows = [(n, c, p, o, _ucdp_only(n, c), _new(n, c)) for n, c, p, o in TOWNS]
    print(f"{'name':16} {'country':12} {'expected':20} {'UCDP only':20} {'gazetteer':20} named in")
    for n, c, p, o, old, new in rows:
        print(f"{n:16} {c:12} {p:20} {str(old):20} {str(new):20} {o}")
    for label, sel in (
        ("issue 8 + variants", lambda o: not o.startswith("seed")),
        ("seeds 001/002", lambda o: o.startswith("seed")),
    ):
        sub = [r for r in rows if sel(r[3])]
        print(
            f"{label}: UCDP only {sum(r[4] == r[2] for r in sub)}/{len(sub)}, "
            f"gazetteer {sum(r[5] == r[2] for r in sub)}/{len(sub)}"
        )
    cost = json.loads(subprocess.run([sys.executable, "-c", _COST], capture_output=True, text=True, check=True).stdout)
    print(
        "import trends {import_trends_s:.2f} s, import trends.extract.places {import_places_s:.2f} s "
        "(gazetteer tables loaded by the imports: {loaded_at_import}); first town_candidates {first_lookup_s:.2f} s, "
        "RSS +{rss_increase_mb:.0f} MB; then {lookup_ms:.2f} ms per lookup, {offset_ms:.2f} ms per "
        "distance/bearing".format(**cost)
    )


if __name__ == "__main__":
    main()
