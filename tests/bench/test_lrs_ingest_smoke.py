"""bench/lrs_ingest.py still runs end to end: gunicorn with production settings on its own
PostgreSQL database, the load generators, PostgreSQL's own insert rate, prefill and queries.
Figures are not checked (the machine is shared); only that every phase produced some."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.services import missing

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services  # PostgreSQL; about 50 s on 2 cores


@pytest.fixture
def server():
    """The PostgreSQL server of DATABASE_URL, without the database name."""
    url = urlparse(os.environ.get("DATABASE_URL", ""))
    if not url.scheme.startswith("postgres"):
        missing("needs PostgreSQL: set DATABASE_URL=postgres://...")
    return f"{url.scheme}://{url.netloc}"


def test_quick_run_without_peers_reports_every_phase_without_errors(server, tmp_path):
    report = tmp_path / "report.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "lrs_ingest.py"),
            "--quick",
            "--no-peers",
            "--prefill",
            "3000",
            "--duration",
            "1",
            "--queries",
            "5",
            "--server",
            server,
            "--database",
            "akademi_lrs_ingest_smoke",
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=170,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )

    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    text = report.read_text()
    for row in (
        "| PostgreSQL alone | COPY, transactions of 100 |",
        "| eSundhed Akademi | single POSTs |",
        "| eSundhed Akademi | POSTs of 100 |",
        "| by agent |",
        "| by verb |",
        "| by activity |",
        "| by registration |",
    ):
        assert row in text
    ingest = [
        [cell.strip() for cell in line.split("|")[1:-1]]
        for line in text.splitlines()
        if line.startswith("| eSundhed Akademi |") and "POSTs" in line
    ]
    assert len(ingest) == 4  # single and batched, empty and prefilled
    # columns: LRS, load, median rate, per round, statements, errors, load average
    assert all(int(row[4].replace(",", "")) > 0 and row[5] == "0" for row in ingest)
